// The pace of the polling fallback (poll-watch.ts): quick while things change, slower while
// nothing does, and every file looked at now and then whatever its folder says.

/** The wait after a look that found a change. */
export const POLL_MIN_MS = 1000;
/** The longest wait, reached after a few looks that found nothing (1, 2, 4, 8, then 10 s). */
export const POLL_MAX_MS = 10_000;
/**
 * Every known file is looked at (its size, mtime and inode) at least this often: an append to a
 * file leaves its folder's mtime as it was, so a file written long ago and now again is found by
 * this sweep (and is then looked at on every poll, as a file written recently).
 */
export const SWEEP_MS = 60_000;
/** A file whose mtime is this recent is looked at on every poll: the sessions being written. */
export const HOT_MS = 30 * 60_000;
/**
 * A folder whose mtime was this close to the look that listed it is listed again on the next one:
 * a file created later within the same tick of the file system's clock (a few ms on Linux, 2 s on
 * FAT) would leave the folder's mtime as listed.
 */
export const RACY_MS = 2000;

/** The wait before the next look: back to the minimum after a change, else twice the last, up to the maximum. */
export function nextPollDelay(previousMs: number, changed: boolean): number {
  return changed ? POLL_MIN_MS : Math.min(previousMs * 2, POLL_MAX_MS);
}

/** How many of `total` files a look `elapsedMs` after the last one sweeps, so that each is swept once per SWEEP_MS. */
export function sweepCount(total: number, elapsedMs: number): number {
  return Math.min(total, Math.ceil((total * Math.max(0, elapsedMs)) / SWEEP_MS));
}
