/**
 * The snapshot fields that move with the clock alone while the usage stands still: the instant
 * itself, countdowns and ages, the rolling week's bounds, and what is extrapolated from the time
 * elapsed or left (projections, the daily average, days to break even, the instants a limit would
 * be reached). `--follow` writes a snapshot when anything else changed, and these come up to date
 * with it. What the clock changes in any other field is a figure change: a window that resets, a
 * reading that goes stale, the sparkline's minute, a session no longer active, an alert that ends.
 * `*` stands for every element of an array, or every value of a record (keyed by window, by machine).
 */
export const CLOCK_FIELDS: readonly string[] = [
  'now',
  'activeBlock.msToReset', 'activeBlock.projectedTokens', 'activeBlock.projectedCostUSD', 'activeBlock.projectedUsed', 'activeBlock.limitReachedAt',
  'month.projectedCostUSD', 'month.dailyAverageUSD', 'month.projectedValueMultiplier', 'month.daysToBreakEven',
  'week.start', 'week.end',
  'value.projectedMeteredCostUSD',
  'official.fiveHour.ageMs', 'official.fiveHour.projectedFullAt', 'official.sevenDay.ageMs', 'official.sevenDay.projectedFullAt',
  'official.windows.*.ageMs',
  'inForce.fiveHour.limitAt', 'inForce.sevenDay.limitAt',
  'machines.*.lagMs',
];

/** The fields to leave out, as a tree of keys: `true` at a field, the next keys below a container. */
interface Omissions {
  [key: string]: Omissions | true;
}

const OMISSIONS = omissionsOf(CLOCK_FIELDS);

/** The snapshot's figures as text (all of it but its clock fields): the same text, nothing new to write. */
export function figuresOf(snapshot: unknown): string {
  return JSON.stringify(without(snapshot, OMISSIONS));
}

function omissionsOf(paths: readonly string[]): Omissions {
  const root: Omissions = {};
  for (const path of paths) {
    const keys = path.split('.');
    let node = root;
    for (const [i, key] of keys.entries()) {
      if (i === keys.length - 1) node[key] = true;
      else node = (node[key] ??= {}) as Omissions;
    }
  }
  return root;
}

/** A copy of `value` without the omitted fields; only the containers on their paths are copied. */
function without(value: unknown, omit: Omissions): unknown {
  if (value === null || typeof value !== 'object') return value;
  const each = omit['*'];
  if (Array.isArray(value)) return each && each !== true ? value.map((v: unknown) => without(v, each)) : value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (each && each !== true) for (const key of Object.keys(copy)) copy[key] = without(copy[key], each);
  for (const [key, below] of Object.entries(omit)) {
    if (key === '*' || !(key in copy)) continue;
    if (below === true) delete copy[key];
    else copy[key] = without(copy[key], below);
  }
  return copy;
}
