// The `--json` snapshot: the same numbers the screen shows, with instants as ISO-8601 strings.
import { alertText } from '../ui/kit/alert-text.js';
import { escapeJsonText } from '../logs/sanitize.js';
import { writeInstants } from './instant-spec.js';
import { prettyJsonPieces } from './json-pieces.js';
import { SNAPSHOT_NUMBERS, type SnapshotShape, type WindowInForce } from './snapshot-numbers.js';
import type { WindowReadout } from '../usage/window-types.js';
import type { Metrics } from '../engine/types.js';

/** The snapshot object: the metrics as JSON values (instants as ISO strings, non-finite numbers as null). */
export function toSnapshot(metrics: Metrics): unknown {
  return writeInstants(snapshotShape(metrics), SNAPSHOT_NUMBERS);
}

/** The snapshot as JSON text: DEL, C1 and bidi controls written as `\uNNNN`, so the text is safe in a terminal too. */
export function snapshotJson(metrics: Metrics, pretty = true): string {
  return escapeJsonText(JSON.stringify(toSnapshot(metrics), null, pretty ? 2 : undefined));
}

/** `snapshotJson(metrics)` in pieces (json-pieces.ts), for an output written as it is made. */
export function* snapshotJsonPieces(metrics: Metrics): Generator<string> {
  for (const piece of prettyJsonPieces(toSnapshot(metrics))) yield escapeJsonText(piece);
}

function snapshotShape(metrics: Metrics): SnapshotShape {
  // Readouts are the screen's view of `official` and the limits; the alerts are worded here.
  const { readouts, alertCandidates: _engineOnly, alerts, limitHits, official, diagnostics, costPerPercent, drift, ...head } = metrics;
  const worded = alerts.map((a) => ({ id: a.id, kind: a.kind, message: alertText(a, metrics), firedAt: a.firedAt }));
  const limits = { window: metrics.windowLimit, weekly: metrics.week.limit, hits: limitHits, costPerPercent, drift };
  const inForce = { fiveHour: windowInForce(readouts.fiveHour), sevenDay: windowInForce(readouts.sevenDay) };
  return { ...head, alerts: worded, limitHits, official, diagnostics, limits, inForce };
}

function windowInForce({ source, fraction, official, resetsAt, limitAt, limitReached }: WindowReadout): WindowInForce {
  const usedPercent = source === 'official' && official ? official.usedPercent : fraction === null ? null : fraction * 100;
  return { source, usedPercent, fraction, resetsAt, limitAt, limitReached };
}
