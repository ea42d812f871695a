import type { Metrics } from '../usage/metrics-types.js';

/** Keys whose numbers are instants (epoch ms) and are written as ISO-8601 strings. */
const TIME_KEYS = new Set([
  'now', 'lastEventAt', 'start', 'end', 'firstEventAt', 'limitReachedAt', 'breakEvenAt', 'firstSeen', 'lastSeen',
  'since', 'firedAt', 'at', 'resetsAt', 'recordedAt', 'projectedFullAt',
]);

/** The snapshot object: the same numbers the screen shows, with instants as ISO strings. */
export function toSnapshot(metrics: Metrics): unknown {
  const limits = { window: metrics.windowLimit, weekly: metrics.week.limit, hits: metrics.limitHits };
  return convert({ ...metrics, limits });
}

export function snapshotJson(metrics: Metrics, pretty = true): string {
  return JSON.stringify(toSnapshot(metrics), null, pretty ? 2 : undefined);
}

function convert(value: unknown, key = ''): unknown {
  if (typeof value === 'number') {
    if (TIME_KEYS.has(key)) return new Date(value).toISOString();
    return Number.isFinite(value) ? value : null;
  }
  if (Array.isArray(value)) return value.map((v) => convert(v));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, convert(v, String(k))]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, k)]));
  }
  return value;
}
