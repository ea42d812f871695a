import type { PollTimer } from '../../src/logs/poll-watch.js';

/**
 * The polling fallback's timer and clock, run by the test: `fire` moves the clock on by the wait
 * asked for and runs the look, so a test sees each look happen, and every wait, without sleeping.
 * The clock starts at the wall clock, which the file-system times it is compared with come from.
 */
export class ManualPollTimer implements PollTimer {
  /** Every wait asked for, in order. */
  readonly waits: number[] = [];
  private time = Date.now();
  private pending: { ms: number; look: () => void } | null = null;
  private onScheduled: (() => void) | null = null;

  readonly now = (): number => this.time;

  after(ms: number, look: () => void): () => void {
    const entry = { ms, look };
    this.waits.push(ms);
    this.pending = entry;
    this.onScheduled?.();
    return () => {
      if (this.pending === entry) this.pending = null;
    };
  }

  /** Runs the pending look, the clock moved on by its wait. */
  fire(): void {
    const entry = this.pending;
    if (!entry) throw new Error('no look is pending');
    this.pending = null;
    this.time += entry.ms;
    entry.look();
  }

  /** Fires looks until the clock has moved on by `ms`. */
  fireFor(ms: number): void {
    const until = this.time + ms;
    while (this.time < until) this.fire();
  }

  /** Resolves once a look is pending (a fallback starts polling after the failed watch's call stack). */
  whenScheduled(): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise((resolve) => (this.onScheduled = () => {
      this.onScheduled = null;
      resolve();
    }));
  }
}
