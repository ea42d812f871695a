import { baseLabels, one, type Labels, type MetricContext, type MetricDef, type Sample } from './metric-def.js';
import { msBetween, type SnapshotView, type WindowInForce } from '../snapshot/view.js';

/**
 * The 5-hour window (`cctop_window_*`) and the 7-day window (`cctop_week_*`).
 *
 * Each window's series carry `source`: `official` while Anthropic's own reading (recorded by
 * `cctop statusline`) is present and not stale — then the used ratio, the reset and the time
 * to the limit are that reading's — else `estimate`, cctop's local figures. Used and limit are
 * always in the plan's limit basis (`basis`: USD for `cost`, tokens for `tokens` and `io`);
 * the limit in use is calibrated from the official reading when there is one.
 *
 * An account without a 5-hour limit (`plan.windows` lacks `five_hour`: Ultra, or a fresh reading
 * without it) has no 5-hour window, so the `cctop_window_*` gauges have no samples: the weekly
 * window's gauges stand first.
 */

/** One window's numbers, each null when unknown. */
interface WindowReading {
  source: 'official' | 'estimate';
  basis: string;
  used: number;
  limit: number | null;
  ratio: number | null;
  resetSeconds: number | null;
  projectedRatio: number | null;
  limitEtaSeconds: number | null;
}

const seconds = (ms: number): number => ms / 1000;
const secondsUntil = (view: SnapshotView, at: string | null | undefined): number | null =>
  at ? seconds(msBetween(view.now, at)) : null;

/** The 5-hour window in force (snapshot `inForce`) over the active block against `windowLimit`. */
export function fiveHourReading(view: SnapshotView): WindowReading {
  const window = view.inForce.fiveHour;
  const block = view.activeBlock;
  const limit = view.windowLimit.value;
  const projectedRatio = block && limit && block.projectedUsed !== null ? block.projectedUsed / limit : null;
  return {
    source: sourceLabel(window),
    basis: view.windowLimit.basis,
    used: block ? block.usage.used : 0,
    limit,
    // No active window: nothing used of a known limit.
    ratio: window.fraction ?? (block === null && limit ? 0 : null),
    resetSeconds: secondsUntil(view, window.resetsAt),
    projectedRatio,
    limitEtaSeconds: window.limitReached ? 0 : secondsUntil(view, window.limitAt),
  };
}

/** The 7-day window in force over the rolling 7 days' usage. */
export function weekReading(view: SnapshotView): WindowReading {
  const window = view.inForce.sevenDay;
  return {
    source: sourceLabel(window),
    basis: view.week.usage.basis,
    used: view.week.usage.used,
    limit: view.week.limit.value,
    ratio: window.fraction,
    resetSeconds: secondsUntil(view, window.resetsAt),
    projectedRatio: null,
    limitEtaSeconds: window.limitReached ? 0 : secondsUntil(view, window.limitAt),
  };
}

/**
 * Whether the account has a 5-hour window at all (the snapshot's `plan.windows`, decided in
 * usage/); a plan without official windows (api) keeps the local estimates, as the screen does.
 */
export function hasFiveHourWindow(view: SnapshotView): boolean {
  return view.plan.windows.length === 0 || view.plan.windows.includes('five_hour');
}

/** A stale reading shows the local estimate's figures: labelled as such. */
function sourceLabel(window: WindowInForce): WindowReading['source'] {
  return window.source === 'official' ? 'official' : 'estimate';
}

type Field = Exclude<keyof WindowReading, 'source' | 'basis'>;

function windowGauge(
  prefix: 'window' | 'week', suffix: string, field: Field, help: string, withBasis = false,
): MetricDef {
  const read = prefix === 'window' ? fiveHourReading : weekReading;
  const exists = prefix === 'window' ? hasFiveHourWindow : () => true;
  return {
    name: `cctop_${prefix}_${suffix}`,
    help,
    type: 'gauge',
    labelNames: withBasis ? ['machine', 'plan', 'source', 'basis'] : ['machine', 'plan', 'source'],
    samples: (view: SnapshotView, ctx: MetricContext): Sample[] => {
      if (!exists(view)) return [];
      const reading = read(view);
      const labels: Labels = { ...baseLabels(view, ctx), source: reading.source };
      if (withBasis) labels.basis = reading.basis;
      return one(labels, reading[field]);
    },
  };
}

/** The `cctop_window_*` and `cctop_week_*` gauges. */
export const windowMetrics: MetricDef[] = [
  windowGauge('window', 'used_ratio', 'ratio',
    'Share of the 5-hour window used (0..1): the official reading when current (source="official"), else the local usage over the limit in use; 0 with no active window; absent for an account without a 5-hour limit.'),
  windowGauge('window', 'used', 'used',
    'Usage in the current 5-hour window in the limit basis (basis="cost": USD, "tokens"/"io": tokens); 0 with no active window.', true),
  windowGauge('window', 'limit', 'limit',
    'The 5-hour window limit in use, in the limit basis (preset, set, P90, limit hits, or calibrated from the official reading).', true),
  windowGauge('window', 'reset_seconds', 'resetSeconds',
    'Seconds until the current 5-hour window resets (the official reset time when current); absent with no active window.'),
  windowGauge('window', 'projected_ratio', 'projectedRatio',
    'Projected share of the 5-hour limit used at the window reset if the current burn rate holds.'),
  windowGauge('window', 'limit_eta_seconds', 'limitEtaSeconds',
    'Seconds until the 5-hour limit is reached at the current burn rate; absent when not before the reset.'),
  windowGauge('week', 'used_ratio', 'ratio',
    'Share of the 7-day limit used (0..1): the official 7-day reading when current (source="official"), else the local rolling 7-day usage over the weekly limit.'),
  windowGauge('week', 'used', 'used',
    'Usage in the rolling 7 days in the limit basis (basis="cost": USD, "tokens"/"io": tokens).', true),
  windowGauge('week', 'limit', 'limit',
    'The 7-day limit in use, in the limit basis; absent when none is set or known.', true),
  windowGauge('week', 'reset_seconds', 'resetSeconds',
    'Seconds until the official 7-day window resets; only with a current official reading (the local window is rolling).'),
  windowGauge('week', 'limit_eta_seconds', 'limitEtaSeconds',
    'Seconds until the official 7-day percentage reaches 100 % at the current burn rate; absent when not before the reset.'),
];
