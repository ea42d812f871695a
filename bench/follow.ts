/**
 * What `cctop --json --follow` writes (issue 21), on a generated tree, `--no-store`:
 *   (b) a burst: 50 appends written back to back → snapshot lines, the final total exact;
 *   (c) one response line written a byte at a time over ~2 s → snapshot lines before and after its newline;
 *   (a) append → line latency (p50, p95, max) as `npm run bench` measures it (figure 3), and the snapshot lines it made;
 *   (e) the same latency with appends 150–450 ms apart (busy, but under the 100 ms gap between snapshot lines);
 *   (d) idle: lines, bytes and CPU over `--idle` seconds.
 *
 *   npx tsx bench/follow.ts [--size 256MB] [--appends 200] [--idle 30] [--seed 1] [--src] [--keep]
 *
 * `--src` runs src/cli.tsx through tsx instead of a copy of dist/ (no build needed).
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { responseLines } from '../src/demo/lines.js';
import { generateTree, parseSize, type GeneratedTree } from './generate.js';
import { daysTotal, isolatedEnv, launcher, type FollowSession, type Launcher } from './lib/cctop.js';
import { appendLatency, idleCpu, startup } from './lib/live.js';
import { percentile } from './lib/stats.js';
import { TreeGrower } from './tree/grow.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SETTLE_MS = 1500;

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    options: {
      size: { type: 'string', default: '256MB' }, appends: { type: 'string', default: '200' }, idle: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' }, src: { type: 'boolean' }, keep: { type: 'boolean' },
    },
  });
  const work = mkdtempSync(join(tmpdir(), 'cctop-bench-follow-'));
  const l: Launcher = v.src
    ? { cmd: process.execPath, args: ['--import', 'tsx', join(REPO, 'src', 'cli.tsx')], label: 'src/cli.tsx via tsx', stale: false }
    : launcher(REPO, work);
  process.stdout.write(`cctop: ${l.label}${l.stale ? '  (WARNING: src/ is newer than dist/: run npm run build, or --src)' : ''}\n`);
  try {
    const tree = generateTree({ out: join(work, 'tree'), sizeBytes: parseSize(v.size), seed: Number(v.seed), now: Date.now() });
    process.stdout.write(`tree: ${(tree.expected.bytes / 2 ** 20).toFixed(0)} MiB, ${tree.expected.files} files\n`);
    return await measure(l, tree, isolatedEnv(join(work, 'home')), { appends: Number(v.appends), idleSeconds: Number(v.idle), seed: Number(v.seed) });
  } finally {
    if (v.keep) process.stdout.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

async function measure(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, s: { appends: number; idleSeconds: number; seed: number }): Promise<number> {
  const { figures, session, mark } = await startup(l, tree, env, ['--no-store']);
  const problems = [...figures.problems];
  try {
    process.stdout.write(`first line ${figures.firstFrameMs.toFixed(0)} ms, whole history ${figures.loadedMs.toFixed(0)} ms\n`);
    const burst = await burstOf(session, tree, 50, mark.index, mark.total);
    problems.push(...burst.problems);
    process.stdout.write(`(b) 50 appends back to back: ${burst.lines} snapshot lines (the one with all 50 ${burst.lastMs.toFixed(0)} ms after the last write)\n`);

    const partial = await byteByByte(session, tree, burst.index, burst.total);
    problems.push(...partial.problems);
    process.stdout.write(`(c) one ${partial.bytes}-byte line a byte at a time over ${(partial.writingMs / 1000).toFixed(1)} s: ` +
      `${partial.before} snapshot lines before its newline (${partial.changedBefore} with another total), ${partial.after} after\n`);

    const before = session.lines.length;
    const appends = await appendLatency(session, tree, new TreeGrower(tree, s.seed + 1_000_000), s.appends, { index: partial.index, total: partial.total });
    problems.push(...appends.problems);
    const ms = appends.latenciesMs;
    const p95 = percentile(ms, 95);
    process.stdout.write(`(a) ${s.appends} appends 25–75 ms apart: append → line p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ` +
      `max ${Math.max(...ms).toFixed(0)} ms (budget p95 < 100 ms: ${p95 < 100 ? 'met' : 'MISSED'}); ${session.lines.length - before} snapshot lines\n`);

    const busy = await appendLatency(session, tree, new TreeGrower(tree, s.seed + 2_000_000), 40, appends.mark, { min: 150, max: 450 });
    problems.push(...busy.problems);
    const busyMs = busy.latenciesMs;
    process.stdout.write(`(e) 40 appends 150–450 ms apart: append → line p50 ${percentile(busyMs, 50).toFixed(0)} ms, p95 ${percentile(busyMs, 95).toFixed(0)} ms, ` +
      `max ${Math.max(...busyMs).toFixed(0)} ms\n`);

    const idle = await idleOf(session, s.idleSeconds);
    process.stdout.write(`(d) idle ${s.idleSeconds} s: ${idle.snapshots} snapshot lines, ${idle.heartbeats} heartbeats, ${idle.bytes} bytes ` +
      `(largest heartbeat ${idle.largestHeartbeat} bytes); CPU ${idle.cpu ? `${idle.cpu.percentOfCore.toFixed(2)} % of a core` : 'unknown'}\n`);
  } finally {
    await session.stop();
  }
  for (const p of problems) process.stdout.write(`PROBLEM: ${p}\n`);
  return problems.length > 0 ? 1 : 0;
}

/** 50 responses (10 in, 1,000 out each) appended one write each, without a pause. */
async function burstOf(session: FollowSession, tree: GeneratedTree, count: number, from: number, base: number) {
  const file = tree.liveFiles[0]!;
  for (let i = 0; i < count; i++) appendFileSync(file, benchLine(file, `burst_${i}`, 1000));
  const wroteAt = performance.now();
  const want = base + count * 1010;
  const shown = await firstWithTotal(session, from, want);
  await sleep(SETTLE_MS);
  const totals = totalsAfter(session, from);
  const problems = shown === null ? [`the burst's total ${want} never showed`] : [];
  if (shown !== null && totals.at(-1) !== want) problems.push(`burst: total ${totals.at(-1)} ≠ ${want} after it`);
  return { lines: totals.length, lastMs: shown === null ? NaN : shown - wroteAt, index: session.lines.length - 1, total: want, problems };
}

/** One response line written a byte at a time, 3 ms apart; the lines before its newline should show nothing new. */
async function byteByByte(session: FollowSession, tree: GeneratedTree, from: number, base: number) {
  const file = tree.liveFiles[1 % tree.liveFiles.length]!;
  const bytes = Buffer.from(benchLine(file, 'bytewise', 2000));
  const started = performance.now();
  for (const byte of bytes.subarray(0, -1)) {
    appendFileSync(file, Buffer.from([byte]));
    await sleep(3);
  }
  const beforeNewline = session.lines.length - 1;
  const changedBefore = totalsAfter(session, from).filter((t) => t !== base).length;
  appendFileSync(file, bytes.subarray(-1));
  const writingMs = performance.now() - started;
  const want = base + 2010;
  const shown = await firstWithTotal(session, beforeNewline, want);
  await sleep(SETTLE_MS);
  return {
    bytes: bytes.length, writingMs, before: beforeNewline - from, changedBefore, after: session.lines.length - 1 - beforeNewline,
    index: session.lines.length - 1, total: want, problems: shown === null ? [`the byte-by-byte line's total ${want} never showed`] : [],
  };
}

async function idleOf(session: FollowSession, seconds: number) {
  const [lines, beats, bytes] = [session.lines.length, session.heartbeats.length, session.bytesOut];
  const cpu = await idleCpu(session, seconds);
  const heartbeats = session.heartbeats.slice(beats);
  return {
    snapshots: session.lines.length - lines, heartbeats: heartbeats.length, bytes: session.bytesOut - bytes, cpu,
    largestHeartbeat: Math.max(0, ...heartbeats.map((h) => Buffer.byteLength(h.text) + 1)),
  };
}

/** The history total of each snapshot line after `from` (read in place: `waitFor` would blank them). */
function totalsAfter(session: FollowSession, from: number): number[] {
  return session.lines.slice(from + 1).map((l) => daysTotal(l.text));
}

/** When the first line after `from` with history total `want` arrived (performance.now()); null after 10 s. */
async function firstWithTotal(session: FollowSession, from: number, want: number): Promise<number | null> {
  const deadline = performance.now() + 10_000;
  for (let i = from + 1; performance.now() < deadline; await sleep(5)) {
    for (; i < session.lines.length; i++) if (daysTotal(session.lines[i]!.text) === want) return session.lines[i]!.at;
  }
  return null;
}

/** One response of the file's session, timed now: 10 input tokens and `output` output tokens. */
function benchLine(file: string, id: string, output: number): string {
  const time = Date.now();
  return responseLines({
    sessionId: basename(file, '.jsonl'), cwd: '/home/dev/src/bench', model: 'claude-sonnet-4-5-20250929', time,
    messageId: `msg_follow_${id}_${time}`, requestId: `req_follow_${id}`, input: 10, output, cacheWrite: 0, cacheRead: 0, blocks: 1,
  })[0]!;
}

process.exitCode = await main();
