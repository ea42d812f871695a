import type { ChangeCause } from '../engine/monitor.js';
import type { Metrics } from '../engine/types.js';
import { escapeJsonText } from '../logs/sanitize.js';
import { instantText } from '../snapshot/instant-spec.js';
import { toSnapshot } from '../snapshot/snapshot.js';
import { figuresOf } from './follow-figures.js';

/** The shortest time between two snapshot lines: a burst of appends makes one line per 100 ms, the latest state last. */
export const SNAPSHOT_GAP_MS = 100;

/**
 * With no line for this long, a heartbeat; and how often the clock alone is looked at for figures
 * it changed (a snapshot of a long history is 0.5–1 MB to compute, so not at every tick).
 */
export const HEARTBEAT_MS = 5000;

/** The time `FollowLines` runs on: monotonic milliseconds, and timers. */
export interface FollowTimer {
  now(): number;
  /** Calls `fn` after `ms` (for 0, once the current turn of the event loop is over); returns its cancel. */
  after(ms: number, fn: () => void): () => void;
}

/** Where the lines go (stdout). */
export interface LineSink {
  /** Writes the text; false while the reader has not taken what was written before (as a stream's `write`). */
  write(text: string): boolean;
  /** Calls `fn` once the reader has taken everything written. */
  onceDrained(fn: () => void): void;
}

/** What the lines are made of. */
export interface FollowSource {
  metrics(): Metrics;
  /** The engine's clock and the newest usage (epoch ms), for a heartbeat: cheap, no metrics computed. */
  pulse(): { now: number; lastEventAt: number | null };
}

export interface FollowLinesOptions {
  source: FollowSource;
  sink: LineSink;
  timer: FollowTimer;
}

/**
 * The lines of `--json --follow`: a snapshot (`"type":"snapshot"` and the `--json` object) when a
 * figure changed, at most one per `SNAPSHOT_GAP_MS` (the latest state at the end of the gap, never
 * lost), and a heartbeat after `HEARTBEAT_MS` without a line. Nothing changes the figures until a
 * line is whole, so a line written in pieces makes one snapshot, once its newline is in.
 */
export class FollowLines {
  private figures: string | null = null;
  private lastSnapshotAt = -Infinity;
  private lastCheckAt = -Infinity;
  private cancelCheck: (() => void) | null = null;
  private cancelBeat: (() => void) | null = null;
  /** The reader has not taken the last line yet: the next one is made once it has. */
  private blocked = false;
  private checkWhenDrained = false;
  private closed = false;

  constructor(private readonly opts: FollowLinesOptions) {}

  /** The first snapshot, at once. */
  start(): void {
    this.check();
  }

  /** The engine's news: data is looked at soon (within the gap), the clock's tick once a heartbeat period. */
  changed = (cause: ChangeCause): void => {
    if (this.closed || this.cancelCheck || this.checkWhenDrained) return;
    if (cause === 'clock' && this.opts.timer.now() - this.lastCheckAt < HEARTBEAT_MS) return;
    this.schedule();
  };

  /** Resolves once what was written is out (the sink drained), or after `limitMs` whatever the reader does. */
  flushed(limitMs: number): Promise<void> {
    if (!this.blocked) return Promise.resolve();
    return new Promise((resolve) => {
      const cancel = this.opts.timer.after(limitMs, resolve);
      this.opts.sink.onceDrained(() => {
        cancel();
        resolve();
      });
    });
  }

  close(): void {
    this.closed = true;
    this.cancelCheck?.();
    this.cancelBeat?.();
  }

  private schedule(): void {
    const wait = Math.max(0, this.lastSnapshotAt + SNAPSHOT_GAP_MS - this.opts.timer.now());
    this.cancelCheck = this.opts.timer.after(wait, () => {
      this.cancelCheck = null;
      if (this.blocked) this.checkWhenDrained = true;
      else this.check();
    });
  }

  private check(): void {
    const now = this.opts.timer.now();
    this.lastCheckAt = now;
    const snapshot = toSnapshot(this.opts.source.metrics()) as Record<string, unknown>;
    const figures = figuresOf(snapshot);
    if (figures === this.figures) return;
    this.figures = figures;
    this.lastSnapshotAt = now;
    this.writeLine(escapeJsonText(JSON.stringify({ type: 'snapshot', ...snapshot })));
  }

  private beat(): void {
    if (this.blocked) return this.armHeartbeat();
    this.writeLine(heartbeatLine(this.opts.source.pulse()));
  }

  private writeLine(line: string): void {
    if (!this.opts.sink.write(line + '\n')) {
      this.blocked = true;
      this.opts.sink.onceDrained(() => this.drained());
    }
    this.armHeartbeat();
  }

  private drained(): void {
    this.blocked = false;
    if (!this.checkWhenDrained || this.closed) return;
    this.checkWhenDrained = false;
    this.schedule();
  }

  private armHeartbeat(): void {
    this.cancelBeat?.();
    if (this.closed) return;
    this.cancelBeat = this.opts.timer.after(HEARTBEAT_MS, () => this.beat());
  }
}

/** `{"type":"heartbeat","now":…,"lastEventAt":…}`: the last snapshot's figures still hold at `now`. */
export function heartbeatLine({ now, lastEventAt }: { now: number; lastEventAt: number | null }): string {
  return JSON.stringify({ type: 'heartbeat', now: instantText(now), lastEventAt: instantText(lastEventAt) });
}
