import { BASE_LABELS, baseLabels, one, type MetricDef, type Sample } from './metric-def.js';
import { msBetween, type SnapshotView } from '../snapshot/view.js';

/**
 * Anthropic's official windows by Claude Code's key (`window`: five_hour, seven_day,
 * seven_day_opus, …), what a percentage point of each bought in local spend, and the month's
 * usage credits. Series come in the account's order: its windows (`plan.windows`) first, so an
 * account without a 5-hour limit has its weekly window first, then any other key.
 */

const LOCAL = 'Local spend covers only the machines this cctop reads (API-equivalent USD).';

/** `keys` in the account's order: the account's windows first, then the rest as given. */
export function inAccountOrder(view: SnapshotView, keys: readonly string[]): string[] {
  const own = view.plan.windows.filter((key) => keys.includes(key));
  return [...own, ...keys.filter((key) => !own.includes(key))];
}

/** A gauge with one sample per window key. */
function byWindow(name: string, help: string, read: (view: SnapshotView, key: string) => number | null, keys: (view: SnapshotView) => string[]): MetricDef {
  return {
    name, help, type: 'gauge', labelNames: [...BASE_LABELS, 'window'],
    samples: (view, ctx): Sample[] => inAccountOrder(view, keys(view))
      .flatMap((key) => one({ ...baseLabels(view, ctx), window: key }, read(view, key))),
  };
}

const officialKeys = (view: SnapshotView): string[] => Object.keys(view.official.windows);
const measuredKeys = (view: SnapshotView): string[] => Object.keys(view.limits.costPerPercent);

const CREDIT_KINDS = [['fast_mode', 'fastModeUSD'], ['past_limit', 'pastLimitUSD'], ['total', 'totalUSD']] as const;

/** The `cctop_official_window_*`, `cctop_window_cost_per_percent_usd` and `cctop_usage_credits_usd` gauges. */
export const officialMetrics: MetricDef[] = [
  byWindow('cctop_official_window_used_ratio',
    'Share of each official window used (0..1), by Claude Code\'s key (window="five_hour", "seven_day", "seven_day_opus", ...): the latest reading cctop statusline recorded, while its window has not reset.',
    (v, key) => v.official.windows[key]!.usedPercent / 100, officialKeys),
  byWindow('cctop_official_window_reset_seconds',
    'Seconds until each official window resets, by Claude Code\'s key, from its latest reading.',
    (v, key) => msBetween(v.now, v.official.windows[key]!.resetsAt) / 1000, officialKeys),
  byWindow('cctop_official_window_age_seconds',
    'Seconds since each official window\'s latest reading was recorded; past 10 minutes with usage after it, the reading is stale.',
    (v, key) => v.official.windows[key]!.ageMs / 1000, officialKeys),
  byWindow('cctop_window_cost_per_percent_usd',
    `USD of local spend per percentage point of each official window: the open window's figure once measured (5 points or more), else the median of the last 10 measured windows; absent until measured. ${LOCAL}`,
    (v, key) => v.limits.costPerPercent[key]!.current, measuredKeys),
  {
    name: 'cctop_usage_credits_usd',
    help: `Usage credits of the calendar month to date, estimated: real money on top of the plan fee (kind="fast_mode": fast mode at its rates; "past_limit": spend after an official reading reached 100 % until that window's reset; "total"). ${LOCAL}`,
    type: 'gauge',
    labelNames: [...BASE_LABELS, 'kind'],
    samples: (view, ctx): Sample[] => CREDIT_KINDS.map(([kind, field]) => ({
      labels: { ...baseLabels(view, ctx), kind }, value: view.usageCredits[field],
    })),
  },
];
