import type { ReactElement } from 'react';
import type { Alert } from '../../usage/metrics-types.js';
import { fit } from '../kit/format.js';
import { Lines, row, span, type Line } from '../kit/Lines.js';

export interface AlertBannerProps {
  /** Alerts that fired recently; the newest is shown. */
  alerts: Alert[];
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

/** The newest alert by firing time, null when none. */
export function newestAlert(alerts: Alert[]): Alert | null {
  return alerts.reduce<Alert | null>((best, a) => (best === null || a.firedAt > best.firedAt ? a : best), null);
}

/** A three-row box around the newest alert's message; no rows without alerts. */
export function alertLines({ alerts, width, color }: AlertBannerProps): Line[] {
  const alert = newestAlert(alerts);
  if (alert === null) return [];
  const inner = Math.max(1, width - 4);
  const text = `⚠ ${alert.message}`;
  const tone = alert.kind === 'spike' || alert.kind.endsWith('80') ? 'warn' : 'danger';
  const edge = '─'.repeat(inner + 2);
  return [
    row(span(`╭${edge}╮`, tone, color)),
    row(span('│ ', tone, color), span(fit(text, inner), tone, color), span(' │', tone, color)),
    row(span(`╰${edge}╯`, tone, color)),
  ];
}

/** The newest alert in a highlighted box. */
export function AlertBanner(props: AlertBannerProps): ReactElement {
  return <Lines lines={alertLines(props)} />;
}
