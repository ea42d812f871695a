import { BASE_LABELS, baseLabels, type MetricDef, type Sample } from './metric-def.js';
import type { SnapshotView, Tokens } from '../snapshot/view.js';

/**
 * Counters, and the opt-in per-project gauge.
 *
 * `cctop_tokens_total` sums `days[].models[].tokens`: every deduplicated response since the
 * history start (`since`), by model and kind. It only grows while cctop runs: the history
 * start is fixed at start-up, backfill and new responses only add days or tokens, and a
 * response's copies only ever add their growth. The month-by-model rows would drop to zero
 * at each month start, so they are not used. A restart with another `--since` is a counter
 * reset, which `rate()` and `increase()` handle. Counters carry no `plan` label: cycling the
 * plan in the monitor must not split a counter's series.
 */

const KINDS: readonly [keyof Tokens, string][] = [
  ['input', 'input'], ['output', 'output'], ['cacheCreation', 'cache_creation'], ['cacheRead', 'cache_read'],
];

const HIT_KINDS = ['five_hour', 'weekly', 'unknown'] as const;

/** Token totals by model over every day of the snapshot. */
export function tokensByModel(view: SnapshotView): Map<string, Tokens> {
  const totals = new Map<string, Tokens>();
  for (const day of view.days) {
    for (const row of day.models) {
      const sum = totals.get(row.model) ?? { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 };
      for (const [key] of KINDS) sum[key] += row.tokens[key];
      sum.total += row.tokens.total;
      totals.set(row.model, sum);
    }
  }
  return totals;
}

/** Session cost summed by display project (the last folders of the cwd). */
export function costByProject(view: SnapshotView): Map<string, number> {
  const totals = new Map<string, number>();
  for (const session of view.sessions) totals.set(session.project, (totals.get(session.project) ?? 0) + session.costUSD);
  return totals;
}

/** The counters and the opt-in `project` gauge. */
export const counterMetrics: MetricDef[] = [
  {
    name: 'cctop_tokens_total',
    help: 'Tokens of every deduplicated API response since the history start, by kind (input, output, cache_creation, cache_read) and model id.',
    type: 'counter',
    labelNames: ['machine', 'kind', 'model'],
    samples: (view, ctx): Sample[] => [...tokensByModel(view)].flatMap(([model, tokens]) =>
      KINDS.map(([key, kind]) => ({ labels: { machine: ctx.machine, kind, model }, value: tokens[key] }))),
  },
  {
    name: 'cctop_limit_hits_total',
    help: 'Usage-limit messages found in the logs since the history start, by kind (five_hour, weekly, unknown).',
    type: 'counter',
    labelNames: ['machine', 'kind'],
    samples: (view, ctx): Sample[] => HIT_KINDS.map((kind) => ({
      labels: { machine: ctx.machine, kind }, value: view.limitHits.filter((hit) => hit.kind === kind).length,
    })),
  },
  {
    name: 'cctop_project_cost_usd',
    help: 'API-equivalent USD of the sessions since the history start, by project (the last folders of the working directory; only with the project label enabled).',
    type: 'gauge',
    labelNames: [...BASE_LABELS, 'project'],
    requires: 'project',
    samples: (view, ctx): Sample[] => [...costByProject(view)].map(([project, value]) => ({
      labels: { ...baseLabels(view, ctx), project }, value,
    })),
  },
];
