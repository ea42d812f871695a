import { BASE_LABELS, baseLabels, simpleGauge, type MetricDef, type Sample } from './metric-def.js';
import type { SnapshotView } from '../snapshot/view.js';

/** Burn rate, month, plan, model mix, sessions and freshness gauges: one snapshot field each. */

const instantSeconds = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) / 1000);

/** A gauge with the base labels plus one more, one sample per row. */
function rowsGauge<Row>(
  name: string, help: string, label: string,
  rows: (view: SnapshotView) => Row[], key: (row: Row) => string, value: (row: Row) => number,
): MetricDef {
  return {
    name, help, type: 'gauge', labelNames: [...BASE_LABELS, label],
    samples: (view, ctx): Sample[] => rows(view).map((row) => ({
      labels: { ...baseLabels(view, ctx), [label]: key(row) }, value: value(row),
    })),
  };
}

const WEEK_SCOPES = ['all', 'opus', 'sonnet'] as const;

/** The gauges that are not about a limit window. */
export const usageMetrics: MetricDef[] = [
  simpleGauge('cctop_burn_tokens_per_minute',
    'Tokens per minute (all four kinds) over the trailing burn-rate window (default 10 minutes).',
    (v) => v.burnRate.tokensPerMinute),
  simpleGauge('cctop_burn_usd_per_hour',
    'API-equivalent USD per hour over the trailing burn-rate window (default 10 minutes).',
    (v) => v.burnRate.costPerHour),
  simpleGauge('cctop_month_cost_usd',
    'API-equivalent USD of the calendar month to date (in the configured time zone).',
    (v) => v.month.costUSD),
  simpleGauge('cctop_month_projected_cost_usd',
    'Projected API-equivalent USD at month end: month to date plus the last 7 days\' daily average times the days left.',
    (v) => v.month.projectedCostUSD),
  simpleGauge('cctop_plan_fee_usd',
    'Monthly plan fee in USD for all seats (0 for the api plan).',
    (v) => v.plan.feeUSD),
  simpleGauge('cctop_month_value_multiplier',
    'Month-to-date API-equivalent cost divided by the plan fee; absent for the api plan.',
    (v) => v.month.valueMultiplier),
  rowsGauge('cctop_model_family_month_cost_usd',
    'API-equivalent USD of the month to date by model family (Opus, Sonnet, Haiku, Other).',
    'family', (v) => v.models.month, (row) => row.name, (row) => row.costUSD),
  rowsGauge('cctop_model_family_month_tokens',
    'Tokens (all four kinds) of the month to date by model family (Opus, Sonnet, Haiku, Other).',
    'family', (v) => v.models.month, (row) => row.name, (row) => row.tokens.total),
  rowsGauge('cctop_week_cost_usd',
    'API-equivalent USD of the rolling 7 days: all models, Opus-class and Sonnet-class (scope).',
    'scope', (v) => WEEK_SCOPES.map((scope) => ({ scope, costUSD: v.week[scope].costUSD })),
    (row) => row.scope, (row) => row.costUSD),
  simpleGauge('cctop_sessions_active',
    'Sessions with activity in the last 30 minutes.',
    (v) => v.sessions.filter((s) => s.active).length),
  simpleGauge('cctop_sessions_spiking',
    'Sessions whose burn rate is spiking right now (well above their own baseline and the floor).',
    (v) => v.spikes.length),
  simpleGauge('cctop_snapshot_timestamp_seconds',
    'The monitor\'s clock at this scrape, Unix seconds.',
    (v) => instantSeconds(v.now)),
  simpleGauge('cctop_last_event_timestamp_seconds',
    'Time of the newest usage event seen, Unix seconds; absent before any.',
    (v) => instantSeconds(v.lastEventAt)),
  simpleGauge('cctop_history_loaded',
    '1 once the whole history window is read, 0 while older history is still filling in.',
    (v) => (v.loading.done ? 1 : 0)),
];

