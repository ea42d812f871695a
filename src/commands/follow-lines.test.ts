import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Monitor } from '../engine/monitor.js';
import { metricsSettings } from '../engine/startup.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { append, loadWatching, monitorOf, NOW, response, tempDir, tokensOf } from '../../test/support/faults.js';
import { FollowLines, HEARTBEAT_MS, SNAPSHOT_GAP_MS, type FollowTimer } from './follow-lines.js';

/** Timers on a clock the test moves: `advance` runs what falls due, in order, each at its own time. */
class ManualTimer implements FollowTimer {
  private at = 0;
  private seq = 0;
  private readonly queue: { due: number; seq: number; fn: () => void }[] = [];

  now(): number {
    return this.at;
  }

  after(ms: number, fn: () => void): () => void {
    const entry = { due: this.at + ms, seq: this.seq++, fn };
    this.queue.push(entry);
    return () => {
      const i = this.queue.indexOf(entry);
      if (i !== -1) this.queue.splice(i, 1);
    };
  }

  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      const next = [...this.queue].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next || next.due > end) break;
      this.queue.splice(this.queue.indexOf(next), 1);
      this.at = next.due;
      next.fn();
    }
    this.at = end;
  }
}

interface Line {
  at: number;
  text: string;
  value: { type: string; days?: { tokens: { total: number } }[]; activeBlock?: { end: string } | null };
}

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/**
 * `FollowLines` over the monitor on a manual timer from t = 0, its lines recorded; the sink takes
 * every line unless `sinkTakes` says no (then `drain` is the reader catching up).
 */
function attach(monitor: Monitor, opts: { sinkTakes?: () => boolean } = {}) {
  const timer = new ManualTimer();
  const lines: Line[] = [];
  let drain: (() => void) | null = null;
  const follow = new FollowLines({
    source: { metrics: () => monitor.metrics(), pulse: () => ({ now: monitor.now(), lastEventAt: monitor.ingest.store.lastEventAt }) },
    sink: {
      write: (text) => {
        lines.push({ at: timer.now(), text, value: JSON.parse(text) as Line['value'] });
        return opts.sinkTakes?.() ?? true;
      },
      onceDrained: (fn) => (drain = fn),
    },
    timer,
  });
  cleanups.push(() => follow.close());
  follow.start();
  monitor.subscribe(follow.changed);
  return { timer, lines, follow, drain: () => drain?.() };
}

/** A watching monitor on the fault suite's fixed clock over one file holding `first` (response 1), and its follow lines. */
async function following(opts: { first?: string; sinkTakes?: () => boolean } = {}) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const project = join(dir, 'claude', 'projects', '-home-me-src-app');
  mkdirSync(project, { recursive: true });
  const file = join(project, 'session-1.jsonl');
  append(file, opts.first ?? response(1));
  const monitor = monitorOf([join(dir, 'claude')]);
  cleanups.push(() => monitor.close());
  await loadWatching(monitor, join(project, 'probe.jsonl'));
  return { monitor, file, ...attach(monitor, opts) };
}

const snapshots = (lines: readonly Line[]) => lines.filter((l) => l.value.type === 'snapshot');
const total = (line: Line) => line.value.days!.reduce((a, d) => a + d.tokens.total, 0);

/** Resolves on the monitor's next change after `action` for which `probe` holds (every read of the watcher is one). */
function changedAfter(monitor: Monitor, action: () => void, probe: () => boolean = () => true): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('the monitor saw no change')), 10_000);
    const stop = monitor.subscribe(() => {
      if (!probe()) return;
      clearTimeout(timeout);
      stop();
      resolve();
    });
    action();
  });
}

const storeTotal = (monitor: Monitor) => monitor.metrics().days.reduce((a, d) => a + d.tokens.total, 0);

describe('--json --follow lines', () => {
  it('write one snapshot for an append, then only heartbeats', async () => {
    const f = await following();
    f.timer.advance(1000);
    await changedAfter(f.monitor, () => append(f.file, response(2)), () => storeTotal(f.monitor) === tokensOf(1, 2));
    f.timer.advance(HEARTBEAT_MS * 2);

    // The first line at t = 0; the append's as soon as it is read (t = 1000), heartbeats 5 s after the last line.
    expect(f.lines.map((l) => [l.at, l.value.type])).toEqual([[0, 'snapshot'], [1000, 'snapshot'], [6000, 'heartbeat'], [11_000, 'heartbeat']]);
    expect(snapshots(f.lines).map(total)).toEqual([tokensOf(1), tokensOf(1, 2)]);
  });

  it('write no snapshot for a line written a byte at a time until its newline is in', async () => {
    const f = await following();
    const bytes = Buffer.from(response(2, { blocks: 1 }));
    for (const [i, byte] of bytes.entries()) {
      // Each byte is read on its own (the watcher reports each write), and anything due then runs.
      await changedAfter(f.monitor, () => append(f.file, Buffer.from([byte])));
      f.timer.advance(i < bytes.length - 1 ? 1 : 0);
      if (i < bytes.length - 1) expect(f.lines).toHaveLength(1);
    }
    expect(storeTotal(f.monitor)).toBe(tokensOf(1, 2));
    f.timer.advance(SNAPSHOT_GAP_MS);
    expect(snapshots(f.lines).map(total)).toEqual([tokensOf(1), tokensOf(1, 2)]);
    expect(f.lines).toHaveLength(2);
  });

  it('coalesce 50 appends within 100 ms into two snapshots, the last with the exact totals', async () => {
    const f = await following();
    f.timer.advance(HEARTBEAT_MS * 2);
    const ns = Array.from({ length: 50 }, (_, i) => i + 2);
    for (const n of ns) {
      await changedAfter(f.monitor, () => append(f.file, response(n)), () => storeTotal(f.monitor) === tokensOf(1, ...ns.slice(0, n - 1)));
      f.timer.advance(n < ns.at(-1)! ? 2 : 0);
    }
    f.timer.advance(SNAPSHOT_GAP_MS * 3);

    // The first append is written at once (10,000); the other 49 (10,002 … 10,098) at the end of its gap.
    const written = snapshots(f.lines).slice(1);
    expect(written.map((l) => [l.at, total(l)])).toEqual([[10_000, tokensOf(1, 2)], [10_100, tokensOf(1, ...ns)]]);
  });

  it('write heartbeats of under 300 bytes while idle, ticks of the clock that change nothing included', async () => {
    // Usage 30 s before the clock: the monitor is not quiet, every tick passes its gate.
    const f = await following({ first: response(1, { time: NOW - 30_000 }) });
    let ticks = 0;
    f.monitor.subscribe((cause) => (ticks += cause === 'clock' ? 1 : 0));
    for (let s = 1; s <= 30; s++) {
      f.timer.advance(1000);
      f.monitor.tick();
    }
    const beats = f.lines.slice(1);
    expect(ticks).toBe(30);
    expect(beats.map((l) => l.at)).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
    const beat = `{"type":"heartbeat","now":"2026-11-20T12:00:00.000Z","lastEventAt":"2026-11-20T11:59:30.000Z"}\n`;
    expect(beats.map((l) => l.text)).toEqual(Array(6).fill(beat));
    expect(Buffer.byteLength(beat)).toBeLessThan(300);
  });

  it('make the next snapshot once the reader took the last one, with the state then', async () => {
    let takes = true;
    const f = await following({ sinkTakes: () => takes });
    takes = false;
    await changedAfter(f.monitor, () => append(f.file, response(2)), () => storeTotal(f.monitor) === tokensOf(1, 2));
    f.timer.advance(SNAPSHOT_GAP_MS);
    await changedAfter(f.monitor, () => append(f.file, response(3)), () => storeTotal(f.monitor) === tokensOf(1, 2, 3));
    f.timer.advance(SNAPSHOT_GAP_MS * 10 + HEARTBEAT_MS);
    // Blocked after the append's snapshot: neither the next one nor a heartbeat until the reader drains.
    expect(snapshots(f.lines).map(total)).toEqual([tokensOf(1), tokensOf(1, 2)]);
    expect(f.lines).toHaveLength(2);
    takes = true;
    f.drain();
    f.timer.advance(0);
    expect(snapshots(f.lines).map(total)).toEqual([tokensOf(1), tokensOf(1, 2), tokensOf(1, 2, 3)]);
  });

  it('mark every snapshot line "type":"snapshot", first, before the --json object', async () => {
    const f = await following();
    expect(f.lines[0]!.text.startsWith('{"type":"snapshot","now":')).toBe(true);
  });

  it('write a snapshot when the clock alone changes a figure: the 5-hour window ends', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'projects', '-home-me-src-app', 'session-1.jsonl');
    // 11:59:30: the window runs from 11:00 to 16:00.
    append(file, response(1, { time: NOW - 30_000 }));
    let now = Date.parse('2026-11-20T15:59:59Z');
    const options = resolveOptions(parseFlags(['--tz', 'UTC', '--since', '2026-11-01']), {}, {}, 'UTC');
    const monitor = new Monitor({ roots: [dir], settings: metricsSettings(options, bundledPriceTable, now), costMode: 'calculate', clock: () => now });
    cleanups.push(() => monitor.close());
    await monitor.load();
    const { timer, lines } = attach(monitor);

    now += 1000;
    timer.advance(HEARTBEAT_MS);
    // Idle for hours: the monitor ticks once a minute, and this tick is the first of 16:00.
    monitor.tick();
    timer.advance(0);
    expect(lines.map((l) => [l.at, l.value.type, l.value.activeBlock?.end ?? null])).toEqual([
      [0, 'snapshot', '2026-11-20T16:00:00.000Z'], [5000, 'heartbeat', null], [5000, 'snapshot', null],
    ]);
  });
});

describe('the first line out before the rest of the start', () => {
  /** Whether `promise` has settled once the microtasks queued so far ran. */
  const settledNow = async (promise: Promise<void>) => {
    let settled = false;
    void promise.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    return settled;
  };

  it('waits for nothing when the reader took the line', async () => {
    const { follow } = await following();
    expect(await settledNow(follow.flushed(1000))).toBe(true);
  });

  it('waits for the reader to take it, at most the limit', async () => {
    const drained = await following({ sinkTakes: () => false });
    const waiting = drained.follow.flushed(1000);
    drained.timer.advance(999);
    expect(await settledNow(waiting)).toBe(false);
    drained.drain();
    expect(await settledNow(waiting)).toBe(true);
    const stalled = await following({ sinkTakes: () => false });
    const limited = stalled.follow.flushed(1000);
    stalled.timer.advance(999);
    expect(await settledNow(limited)).toBe(false);
    stalled.timer.advance(1);
    expect(await settledNow(limited)).toBe(true);
  });
});
