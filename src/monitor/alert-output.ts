import { appendFile } from 'node:fs/promises';
import type { Alert } from '../usage/metrics-types.js';

export interface AlertOutput {
  /** Ring the terminal bell. */
  bell: boolean;
  /** Append one line per alert to this file. */
  alertLog: string | null;
  write: (text: string) => void;
  onError: (message: string) => void;
}

/** Sends newly fired alerts to the bell and the alert log (the banner shows them on screen). */
export function deliverAlerts(alerts: readonly Alert[], out: AlertOutput): void {
  if (alerts.length === 0) return;
  if (out.bell) out.write('\u0007');
  if (!out.alertLog) return;
  const lines = alerts.map((a) => `${new Date(a.firedAt).toISOString()}\t${a.kind}\t${a.message}\n`).join('');
  appendFile(out.alertLog, lines).catch((err: Error) => out.onError(`alert log ${out.alertLog}: ${err.message}`));
}
