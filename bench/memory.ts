/**
 * Peak RSS of a cold full scan (`cctop --json --no-store --since <first day> --now <the tree's
 * clock>`) at several tree sizes: issue 12 asks for < 150 MB at 512 MB, 2 GB and 4 GB (flat).
 * Trees come from the generator (90 days, fixed seed and clock) and are kept in `--work` for the
 * next run; every run's days are checked against the tree's sums, so a fast wrong answer fails.
 *
 *   npm run build && npx tsx bench/memory.ts [--sizes 512MB,2GB,4GB] [--runs 3] [--work DIR]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree, parseSize } from './generate.js';
import { isolatedEnv, launcher, type Launcher, type Snapshot } from './lib/cctop.js';
import { checkDays } from './lib/expect.js';
import { runMeasured } from './lib/proc.js';
import { median, MiB } from './lib/stats.js';
import type { ExpectedFile } from './tree/expected.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 1;
const NOW = Date.parse('2026-03-01T00:00:00Z');
/** MB as the bench counts them (MiB), against the budget's largest run. */
const BUDGET_MB = 150;

interface Figures {
  size: string;
  expected: ExpectedFile;
  rssMB: number[];
  wallS: number[];
  problems: string[];
}

/** The tree of `size` in `work`, generated unless an earlier run left it there. */
function treeOf(work: string, size: string): { root: string; expected: ExpectedFile } {
  const root = join(work, `tree-${size}`);
  const file = join(root, 'expected.json');
  if (existsSync(file)) {
    const expected = JSON.parse(readFileSync(file, 'utf8')) as ExpectedFile;
    if (expected.seed === SEED && Date.parse(expected.now) === NOW) return { root, expected };
  }
  process.stdout.write(`generating ${size} in ${root} …\n`);
  return generateTree({ out: root, sizeBytes: parseSize(size), seed: SEED, now: NOW });
}

async function measure(l: Launcher, work: string, size: string, runs: number): Promise<Figures> {
  const { root, expected } = treeOf(work, size);
  const args = [...l.args, '--json', '--no-store', '--dir', root, '--since', expected.firstDay, '--now', new Date(NOW).toISOString(), '--tz', 'UTC'];
  const figures: Figures = { size, expected, rssMB: [], wallS: [], problems: [] };
  for (let i = 0; i < runs; i++) {
    const home = mkdtempSync(join(tmpdir(), 'cctop-memory-home-'));
    const run = await runMeasured(l.cmd, args, isolatedEnv(home));
    rmSync(home, { recursive: true, force: true });
    if (run.code !== 0 || run.peakRss === null) {
      figures.problems.push(`run ${i + 1}: exit ${run.code}, peak RSS ${run.peakRss ?? 'not measured (no /usr/bin/time)'}: ${run.stderr.slice(0, 300)}`);
      continue;
    }
    figures.problems.push(...checkDays(JSON.parse(run.stdout) as Snapshot, expected).map((p) => `run ${i + 1}: ${p}`));
    figures.rssMB.push(run.peakRss / MiB);
    figures.wallS.push(run.wallMs / 1000);
  }
  return figures;
}

function line(f: Figures): string {
  const mb = (v: number) => v.toFixed(1);
  const rss = f.rssMB.length ? `peak RSS median ${mb(median(f.rssMB))} MB (min ${mb(Math.min(...f.rssMB))}, max ${mb(Math.max(...f.rssMB))})` : 'no figure';
  const over = f.rssMB.length && Math.max(...f.rssMB) >= BUDGET_MB ? `  OVER the ${BUDGET_MB} MB budget` : '';
  const tree = `${(f.expected.bytes / 2 ** 20).toFixed(0)} MiB, ${f.expected.files} files, ${f.expected.responses} responses`;
  return `${f.size.padEnd(6)} ${tree}: ${rss}, wall median ${median(f.wallS).toFixed(2)} s${over}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '512MB,2GB,4GB' }, runs: { type: 'string', default: '3' }, work: { type: 'string' } } });
  const work = resolve(values.work ?? join(tmpdir(), 'cctop-memory'));
  const copy = mkdtempSync(join(tmpdir(), 'cctop-memory-build-'));
  const l = launcher(REPO, copy);
  process.stdout.write(`${l.label}${l.stale ? ' (older than src/: npm run build)' : ''}\n`);
  let failed = false;
  try {
    for (const size of values.sizes.split(',')) {
      const f = await measure(l, work, size.trim(), Number(values.runs));
      process.stdout.write(`${line(f)}\n`);
      for (const p of f.problems) process.stdout.write(`  ${p}\n`);
      failed ||= f.problems.length > 0;
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
