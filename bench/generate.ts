/**
 * Writes a Claude Code-shaped log tree of about a given size, deterministic by seed and clock:
 * ~10 projects, 90 days of sessions, subagent transcripts with progress copies in the parent,
 * resumed-session copies, streamed duplicates, multi-MB tool results and a few malformed
 * lines; and `expected.json` with the exact per-day (UTC) token sums, accumulated as each
 * response is written (not read back from the files).
 *
 *   npx tsx bench/generate.ts --out DIR --size 256MB --seed 1 [--now ISO] [--days 90]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomFrom } from '../src/demo/lines.js';
import { ExpectedTotals, type ExpectedFile } from './tree/expected.js';
import { Filler } from './tree/filler.js';
import { planSessions } from './tree/plan.js';
import { SessionWriter } from './tree/session.js';

export interface GenerateOptions {
  /** The config folder to create (logs go to `<out>/projects`). */
  out: string;
  sizeBytes: number;
  seed: number;
  now: number;
  days?: number;
}

export interface GeneratedTree {
  root: string;
  expected: ExpectedFile;
  /** Main files of the sessions still running at `now`, for live appends. */
  liveFiles: string[];
}

export function generateTree(opts: GenerateOptions): GeneratedTree {
  const random = randomFrom(opts.seed);
  const projects = join(opts.out, 'projects');
  rmSync(projects, { recursive: true, force: true });
  mkdirSync(projects, { recursive: true });
  const expected = new ExpectedTotals(opts.now);
  const writer = new SessionWriter({ projects, random, filler: new Filler(random), expected, now: opts.now });
  let files = 0;
  let bytes = 0;
  const liveFiles: string[] = [];
  for (const plan of planSessions(random, { now: opts.now, days: opts.days ?? 90, sizeBytes: opts.sizeBytes })) {
    const written = writer.write(plan);
    files += written.length;
    for (const f of written) bytes += f.bytes;
    if (plan.live) liveFiles.push(written[0]!.path);
  }
  const result = expected.toJSON({ seed: opts.seed, files, bytes });
  writeFileSync(join(opts.out, 'expected.json'), JSON.stringify(result, null, 1));
  return { root: opts.out, expected: result, liveFiles };
}

/** "256MB", "1GB", "64mb", "1.5GB" or a plain byte count. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) throw new Error(`bad size "${text}" (e.g. 256MB, 1GB)`);
  const unit = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.round(Number(m[1]) * unit);
}

function main(): void {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, size: { type: 'string', default: '256MB' }, seed: { type: 'string', default: '1' }, now: { type: 'string' }, days: { type: 'string', default: '90' } },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const now = values.now ? Date.parse(values.now) : Date.now();
  if (!Number.isFinite(now)) throw new Error(`bad --now "${values.now}"`);
  const started = performance.now();
  const tree = generateTree({ out: resolve(values.out), sizeBytes: parseSize(values.size), seed: Number(values.seed), now, days: Number(values.days) });
  const { files, bytes, responses, firstDay, lastDay } = tree.expected;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${tree.root}: ${files} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${responses} responses, ${firstDay}…${lastDay} (${seconds} s)\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
