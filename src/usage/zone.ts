// Time-zone checks that need only Intl (no date library), for the paths that must start fast.

/** The system's zone, for the default `--tz`. */
/**
 * The system's zone, as the user named it: `TZ` when it names a valid zone (ICU would turn
 * `Asia/Kathmandu` into its alias `Asia/Katmandu`), else what the runtime resolved.
 */
export function systemTimeZone(tzVariable?: string): string {
  const named = tzVariable?.replace(/^:/, '');
  if (named && !named.startsWith('/') && isValidTimeZone(named)) return named;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
