import { isValidTimeZone } from '../usage/zone.js';

/**
 * The system's zone, as the user named it: `TZ` when it names a valid zone (ICU would turn
 * `Asia/Kathmandu` into its alias `Asia/Katmandu`), else what the runtime resolved. Read here,
 * where the environment is read; usage/ is given the zone.
 */
export function systemTimeZone(tzVariable?: string): string {
  const named = tzVariable?.replace(/^:/, '');
  if (named && !named.startsWith('/') && isValidTimeZone(named)) return named;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
