import { readFileSync } from 'node:fs';
import { POLL_MAX_MS, POLL_MIN_MS } from './poll-timing.js';

/** Where Linux says how many inotify watches each user may hold. */
export const MAX_USER_WATCHES_FILE = '/proc/sys/fs/inotify/max_user_watches';
/** The limit to suggest: the one editors' and file watchers' guides give (the default is 8,192 on older kernels). */
export const SUGGESTED_MAX_USER_WATCHES = 524_288;

/** The user's inotify watch limit, or null where it cannot be read (not Linux, no /proc). */
export function readMaxUserWatches(file = MAX_USER_WATCHES_FILE): number | null {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * What the user reads when watching falls back to polling: why, how often it polls, and the fix.
 * Out of inotify watches (ENOSPC), the fix is a higher limit (twice the current one when that is
 * already at the usual suggestion); out of file descriptors or inotify instances, the other limits.
 */
export function pollingNotice(code: string | undefined, maxUserWatches: number | null): string {
  const pace = `polling every ${POLL_MIN_MS / 1000}–${POLL_MAX_MS / 1000} s instead`;
  if (code !== 'ENOSPC') {
    return `file watching failed (${code ?? 'unknown error'}: too many open files): ${pace}; raise ulimit -n or fs.inotify.max_user_instances and restart cctop`;
  }
  const current = maxUserWatches === null ? '' : ` (now ${maxUserWatches})`;
  const wanted = Math.max(SUGGESTED_MAX_USER_WATCHES, (maxUserWatches ?? 0) * 2);
  return `file watching limit reached (ENOSPC): ${pace}; raise it with sudo sysctl fs.inotify.max_user_watches=${wanted}${current} and restart cctop`;
}
