import { MINUTE } from '../usage/time.js';

/** Which of the monitor's clock ticks re-emit (countdowns and decaying rates move with the clock alone). */

/** After this long without usage the screen shows nothing that changes faster than a minute. */
export const QUIET_AFTER_MS = 60_000;

/** What a tick looks at to tell whether the figures on show move faster than a minute. */
export interface TickState {
  /** The newest usage event, null before any. */
  lastEventAt: number | null;
  /** The whole history is read. */
  loaded: boolean;
  /** An alert is on screen (its banner times out by the second). */
  showingAlert: boolean;
}

/**
 * While nothing is being written (no usage for a minute, history loaded, no alert on screen)
 * everything shown moves by the minute, so only the first tick of each minute passes: an idle
 * monitor costs next to nothing. Otherwise every tick passes.
 */
export class TickGate {
  private lastMinute = -1;

  passes(now: number, state: TickState): boolean {
    const minute = Math.floor(now / MINUTE);
    if (quiet(now, state) && minute === this.lastMinute) return false;
    this.lastMinute = minute;
    return true;
  }
}

function quiet(now: number, { lastEventAt, loaded, showingAlert }: TickState): boolean {
  return loaded && !showingAlert && (lastEventAt === null || now - lastEventAt > QUIET_AFTER_MS);
}
