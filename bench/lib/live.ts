import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomFrom, responseLines } from '../../src/demo/lines.js';
import type { GeneratedTree } from '../generate.js';
import type { CountedTokens } from '../tree/expected.js';
import type { TreeGrower } from '../tree/grow.js';
import { daysTotal, FollowSession, type Launcher } from './cctop.js';
import { checkDays, checkLive, historyTotal } from './expect.js';
import { cpuSecondsOf, peakRssOf, stop } from './proc.js';

export interface StartupFigures {
  firstFrameMs: number;
  /** Launch to the line with `loading.done`. */
  loadedMs: number;
  /** Whether the first line came before the whole history was in. */
  firstWasPartial: boolean;
  peakRss: number | null;
  problems: string[];
}

const LOAD_TIMEOUT_MS = 120_000;

/** Where a follow session stands: its last judged line and history total. */
export interface FollowMark {
  index: number;
  total: number;
}

/**
 * Figure 2: launch `cctop --json --follow` with the default history and the given store
 * arguments (`--no-store` or `--store FILE`); the first line, timed from the spawn, must
 * already show today, the burn rate and the active block exactly, the last one every day.
 */
export async function startup(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, store: readonly string[]): Promise<{ figures: StartupFigures; session: FollowSession; mark: FollowMark }> {
  const session = new FollowSession(l, ['--tz', 'UTC', '--dir', tree.root, ...store], env);
  const first = await session.waitFor(0, () => true, LOAD_TIMEOUT_MS);
  const problems = checkLive(first.snapshot, tree.expected).map((p) => `first frame: ${p}`);
  const loaded = first.snapshot.loading.done ? first : await session.waitFor(first.index + 1, (s) => s.loading.done, LOAD_TIMEOUT_MS);
  problems.push(...checkDays(loaded.snapshot, tree.expected, loaded.snapshot.since).map((p) => `loaded: ${p}`));
  const figures: StartupFigures = {
    firstFrameMs: first.line.at - session.startedAt,
    loadedMs: loaded.line.at - session.startedAt,
    firstWasPartial: !first.snapshot.loading.done,
    peakRss: peakRssOf(session.pid),
    problems,
  };
  return { figures, session, mark: { index: loaded.index, total: historyTotal(loaded.snapshot) } };
}

export interface AppendFigures {
  latenciesMs: number[];
  /** The history total of the last snapshot line, and its index. */
  mark: FollowMark;
  problems: string[];
}

/**
 * Figure 3: appends `count` responses with known tokens, round robin over the live sessions'
 * files, 25–75 ms apart (or `gapMs`); each one's latency runs from just before its write to the
 * first snapshot line whose history total includes it. The final total must be exact, and the
 * tree's expected sums take the appended responses in (later runs are checked with them).
 */
export async function appendLatency(session: FollowSession, tree: GeneratedTree, grower: TreeGrower, count: number, mark: FollowMark, gapMs = { min: 25, max: 75 }): Promise<AppendFigures> {
  const { index: from, total: base } = mark;
  const random = randomFrom(4242);
  const writes: { at: number; cumulative: number }[] = [];
  const watching = watchTotals(session, from, base, writes, count);
  let cumulative = 0;
  const counted: CountedTokens[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const file = tree.liveFiles[i % tree.liveFiles.length]!;
    const tokens = 1000 + Math.floor(random() * 50_000);
    cumulative += tokens + 10;
    writes.push({ at: performance.now(), cumulative });
    const time = Date.now();
    const line = appendedLine(file, i, tokens, time);
    appendFileSync(file, line);
    counted.push({ time, input: 10, output: tokens, cacheWrite: 0, cacheRead: 0 });
    bytes += Buffer.byteLength(line);
    await sleep(gapMs.min + random() * (gapMs.max - gapMs.min));
  }
  grower.count(counted, bytes);
  const { latencies, finalTotal, index } = await watching;
  const problems = latencies.length < count ? [`${count - latencies.length} of ${count} appends never showed`] : [];
  if (finalTotal !== base + cumulative) problems.push(`history total ${finalTotal} ≠ ${base + cumulative} after the appends`);
  return { latenciesMs: latencies, mark: { index, total: finalTotal }, problems };
}

/** Consumes snapshot lines until every write showed, then 1.5 s more (a double count would show then). */
async function watchTotals(session: FollowSession, from: number, base: number, writes: { at: number; cumulative: number }[], count: number) {
  const latencies: number[] = [];
  let index = from;
  let finalTotal = base;
  let settleUntil = Infinity;
  while (performance.now() < settleUntil) {
    const wait = latencies.length < count ? 10_000 : Math.max(0, settleUntil - performance.now());
    const next = await session.waitForText(index + 1, () => true, wait).catch(() => null);
    if (!next) break;
    index = next.index;
    finalTotal = daysTotal(next.text);
    while (latencies.length < writes.length && writes[latencies.length]!.cumulative <= finalTotal - base) {
      latencies.push(next.line.at - writes[latencies.length]!.at);
    }
    if (latencies.length === count && settleUntil === Infinity) settleUntil = performance.now() + 1500;
  }
  return { latencies, finalTotal, index };
}

/** One response (input 10, the rest output) of the session the file belongs to, stamped `time`. */
function appendedLine(file: string, i: number, tokens: number, time: number): string {
  const sessionId = basename(file, '.jsonl');
  return responseLines({
    sessionId, cwd: '/home/dev/src/bench', model: 'claude-sonnet-4-5-20250929', time,
    messageId: `msg_bench_${i}_${time}`, requestId: `req_bench_${i}`, input: 10, output: tokens, cacheWrite: 0, cacheRead: 0, blocks: 1,
  })[0]!;
}

/** Figure 4: CPU used by the running monitor over `seconds` with no writes. */
export async function idleCpu(session: FollowSession, seconds: number): Promise<{ cpuSeconds: number; percentOfCore: number } | null> {
  await sleep(2000);
  const before = cpuSecondsOf(session.pid);
  await sleep(seconds * 1000);
  const after = cpuSecondsOf(session.pid);
  if (before === null || after === null) return null;
  return { cpuSeconds: after - before, percentOfCore: ((after - before) / seconds) * 100 };
}

/**
 * Figure 4 on the screen: the interactive monitor in a pseudo-terminal (`script`), left
 * `settleMs` to load, then its CPU over `seconds` with no writes. Null without `script` or /proc.
 */
export interface UiIdle {
  /** Right after the start (the last write is less than a minute old: the screen is live). */
  first: { cpuSeconds: number; percentOfCore: number };
  /** Once nothing has been written for over a minute (the monitor redraws once a minute). */
  quiet: { cpuSeconds: number; percentOfCore: number };
}

/** Minimum time without writes before the monitor goes quiet, plus a margin. */
const QUIET_AFTER_START_MS = 65_000;

export async function uiIdleCpu(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, settleMs: number, seconds: number): Promise<UiIdle | null> {
  if (!existsSync('/usr/bin/script')) return null;
  const command = [l.cmd, ...l.args, '--tz', 'UTC', '--dir', tree.root, '--no-store'].map((a) => `'${a}'`).join(' ');
  const started = Date.now();
  const child = spawn('/usr/bin/script', ['-qfc', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], { env: { ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'ignore', 'ignore'] });
  try {
    await sleep(settleMs);
    const pid = childOf(child.pid!);
    if (pid === null) return null;
    const first = await cpuOver(pid, seconds);
    await sleep(Math.max(0, started + QUIET_AFTER_START_MS - Date.now()));
    const quiet = await cpuOver(pid, seconds);
    return first && quiet ? { first, quiet } : null;
  } finally {
    child.stdin!.end('q');
    await stop(child);
  }
}

async function cpuOver(pid: number, seconds: number): Promise<{ cpuSeconds: number; percentOfCore: number } | null> {
  const before = cpuSecondsOf(pid);
  await sleep(seconds * 1000);
  const after = cpuSecondsOf(pid);
  if (before === null || after === null) return null;
  return { cpuSeconds: after - before, percentOfCore: ((after - before) / seconds) * 100 };
}

/** The first child process of `pid` (the monitor that `script` runs), from /proc. */
function childOf(pid: number): number | null {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length > 0 ? Number(children[0]) : null;
  } catch {
    return null;
  }
}
