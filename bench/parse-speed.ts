/**
 * The parse step alone: reads every file of a generated tree through LogTailer with the byte
 * fast path (on lines from FAST_PATH_FROM up) and with JSON.parse + zod only, and once with the line reader alone (the floor:
 * reading and the prefilter), and reports wall time, CPU, MB/s and CPU seconds per GiB for each.
 * Both parse paths must give the same events, limit hits and bad lines, or it exits 1.
 *
 *   npx tsx bench/parse-speed.ts [--tree DIR | --size 256MB --seed 1] [--runs 3]
 */
import fs, { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileLineReader, newCursor } from '../src/logs/file-lines.js';
import { DEFAULT_LIMITS } from '../src/logs/line-limits.js';
import { LogTailer } from '../src/logs/tail.js';
import { generateTree, parseSize } from './generate.js';

type Mode = 'floor' | 'json' | 'fast';

interface Pass {
  wallMs: number;
  cpuMs: number;
  /** A digest of what was read: every event's fields, hit and bad-line count. */
  digest: string;
}

function files(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.jsonl'))
    .map((p) => join(root, p))
    .sort();
}

function readAll(mode: Mode, paths: string[]): Pass {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const digest = mode === 'floor' ? readFloor(paths) : readTailed(paths, mode === 'fast');
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, digest };
}

function readTailed(paths: string[], fastPath: boolean): string {
  const tailer = new LogTailer({ timeZone: 'UTC', fastPath });
  let events = 0;
  let tokens = 0;
  let keys = 0;
  let hits = 0;
  let bad = 0;
  for (const path of paths) {
    const batch = tailer.readSync(path);
    for (const e of batch.events) {
      events++;
      const t = e.tokens;
      tokens += t.input + t.output + t.cacheCreation + t.cacheRead + t.cacheCreation1h + t.webSearchRequests;
      keys += (e.key?.length ?? 0) + e.sessionId.length + e.model.length + e.cwd.length + (e.timestamp % 997);
    }
    hits += batch.hits.length;
    bad += batch.badLines;
    tailer.forget(path);
  }
  return `${events} events, ${tokens} tokens, key digest ${keys}, ${hits} limit hits, ${bad} bad lines`;
}

/** Reading and the prefilter only: what LogTailer costs before any line is parsed. */
function readFloor(paths: string[]): string {
  const reader = new FileLineReader(Buffer.allocUnsafe(2 ** 20), DEFAULT_LIMITS);
  let lines = 0;
  const sink = { line: () => void lines++, dropped: () => undefined };
  for (const path of paths) {
    const fd = fs.openSync(path, 'r');
    try {
      reader.read(fd, newCursor(), fs.fstatSync(fd).size, sink);
    } finally {
      fs.closeSync(fd);
    }
  }
  return `${lines} lines with a marker`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): number {
  const { values } = parseArgs({
    options: { tree: { type: 'string' }, size: { type: 'string', default: '256MB' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } },
  });
  let root = values.tree;
  let cleanup = () => {};
  if (!root) {
    root = mkdtempSync(join(tmpdir(), 'cctop-parse-speed-'));
    const dir = root;
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    generateTree({ out: root, sizeBytes: parseSize(values.size), seed: Number(values.seed), now: Date.parse('2026-03-01T12:00:00Z') });
  }
  try {
    return measure(files(root), Number(values.runs));
  } finally {
    cleanup();
  }
}

function measure(paths: string[], runs: number): number {
  const bytes = paths.reduce((a, p) => a + statSync(p).size, 0);
  const mib = bytes / 2 ** 20;
  process.stdout.write(`${paths.length} files, ${mib.toFixed(1)} MiB, ${runs} runs per mode (medians), node ${process.version}\n`);
  const modes: Mode[] = ['floor', 'json', 'fast'];
  const passes = new Map<Mode, Pass[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < runs + 1; r++) {
    // The first round warms the JIT and the page cache; runs alternate so drift hits every mode.
    for (const mode of modes) {
      const pass = readAll(mode, paths);
      if (r > 0) passes.get(mode)!.push(pass);
    }
  }
  const floorCpu = median(passes.get('floor')!.map((p) => p.cpuMs));
  for (const mode of modes) {
    const ps = passes.get(mode)!;
    const wall = median(ps.map((p) => p.wallMs));
    const cpu = median(ps.map((p) => p.cpuMs));
    const parse = mode === 'floor' ? '' : `, parse step ${(((cpu - floorCpu) / 1000) * (1024 / mib)).toFixed(2)} s CPU/GiB`;
    process.stdout.write(
      `${mode.padEnd(5)} ${wall.toFixed(0).padStart(6)} ms wall ${(mib / (wall / 1000)).toFixed(0).padStart(5)} MiB/s  ` +
        `${cpu.toFixed(0).padStart(6)} ms CPU = ${((cpu / 1000) * (1024 / mib)).toFixed(2)} s CPU/GiB${parse}  (${ps[0]!.digest})\n`,
    );
  }
  const same = passes.get('json')![0]!.digest === passes.get('fast')![0]!.digest;
  process.stdout.write(same ? 'both parse paths read the same\n' : 'MISMATCH between the parse paths\n');
  return same ? 0 : 1;
}

process.exitCode = main();
