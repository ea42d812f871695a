import { fsReason } from '../logs/fs-errors.js';
import { sanitize } from '../logs/sanitize.js';
import { appendPrivate } from '../state/private-files.js';
import { alertText } from '../ui/kit/alert-text.js';
import type { Alert } from '../usage/metrics-types.js';
import type { Metrics } from './types.js';

export interface AlertOutput {
  /** Ring the terminal bell. */
  bell: boolean;
  /** Append one line per alert to this file. */
  alertLog: string | null;
  write: (text: string) => void;
  onError: (message: string) => void;
}

/** Sends newly fired alerts to the bell and the alert log (the banner shows them on screen). */
export function deliverAlerts(alerts: readonly Alert[], metrics: Metrics, out: AlertOutput): void {
  if (alerts.length === 0) return;
  if (out.bell) out.write('\u0007');
  if (!out.alertLog) return;
  const lines = alerts.map((a) => alertLogLine(a.firedAt, a.kind, alertText(a, metrics))).join('');
  // Synchronous: `--json` exits right after its snapshot, and records stay in order. Created 0600;
  // a symbolic link at the path is refused, never followed.
  try {
    appendPrivate(out.alertLog, Buffer.from(lines));
  } catch (err) {
    out.onError(`alert log ${out.alertLog}: ${fsReason(err)}`);
  }
}

/** One alert-log record, `time<TAB>kind<TAB>message` and a newline: the fields hold no tab or newline. */
export function alertLogLine(firedAt: number, kind: string, message: string): string {
  return `${new Date(firedAt).toISOString()}\t${sanitize(kind)}\t${sanitize(message)}\n`;
}
