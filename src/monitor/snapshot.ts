import { alertText } from '../ui/kit/alert-text.js';
import { escapeJsonText } from '../logs/sanitize.js';
import type { Metrics } from '../usage/metrics-types.js';

/** Keys whose numbers are instants (epoch ms) and are written as ISO-8601 strings. */
const TIME_KEYS = new Set([
  'now', 'lastEventAt', 'start', 'end', 'firstEventAt', 'limitReachedAt', 'breakEvenAt', 'firstSeen', 'lastSeen',
  'since', 'firedAt', 'at', 'resetsAt', 'recordedAt', 'projectedFullAt',
]);

/** The snapshot object: the same numbers the screen shows, with instants as ISO strings. */
export function toSnapshot(metrics: Metrics): unknown {
  // Readouts are the screen's view of `official` and the limits; the alerts are worded here.
  const { readouts: _screenOnly, alerts, limitHits, official, diagnostics, ...head } = metrics;
  const worded = alerts.map((a) => ({ id: a.id, kind: a.kind, message: alertText(a, metrics), firedAt: a.firedAt }));
  const limits = { window: metrics.windowLimit, weekly: metrics.week.limit, hits: limitHits };
  return convert({ ...head, alerts: worded, limitHits, official, diagnostics, limits });
}

/** The snapshot as JSON text: DEL, C1 and bidi controls written as `\uNNNN`, so the text is safe in a terminal too. */
export function snapshotJson(metrics: Metrics, pretty = true): string {
  return escapeJsonText(JSON.stringify(toSnapshot(metrics), null, pretty ? 2 : undefined));
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
