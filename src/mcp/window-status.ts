import { msBetween, type OfficialWindow, type SnapshotView, type WindowInForce } from '../snapshot/view.js';
import type { WindowStatus } from './schemas.js';
import { formatAmount, formatDuration, formatPercent, formatRate } from './text.js';

type Primary = Omit<WindowStatus['fiveHour'], 'official' | 'estimate'>;

const until = (view: SnapshotView, at: string | null): number | null => (at ? msBetween(view.now, at) : null);

/** The window as the snapshot says it is in force (decided once, in usage/readouts.ts). */
function primary(view: SnapshotView, window: WindowInForce): Primary {
  const { usedPercent, resetsAt, limitAt } = window;
  return {
    source: window.source === 'official' ? 'official' : 'estimate',
    usedPercent,
    leftPercent: usedPercent === null ? null : Math.max(0, 100 - usedPercent),
    resetsAt, msToReset: until(view, resetsAt),
    limitReachedAt: limitAt, msToLimit: until(view, limitAt),
  };
}

function fiveHour(view: SnapshotView): WindowStatus['fiveHour'] {
  const block = view.activeBlock;
  const limit = view.windowLimit.value;
  const usage = block ? block.usage : { basis: view.windowLimit.basis, used: 0, limit, fraction: limit ? 0 : null };
  const estimate = {
    active: block !== null, start: block?.start ?? null, end: block?.end ?? null, msToReset: block?.msToReset ?? null,
    usage, projectedUsed: block?.projectedUsed ?? null, limitReachedAt: block?.limitReachedAt ?? null,
    limit: view.windowLimit,
  };
  return { ...primary(view, view.inForce.fiveHour), official: view.official.fiveHour, estimate };
}

function sevenDay(view: SnapshotView): WindowStatus['sevenDay'] {
  const { week } = view;
  const estimate = {
    start: week.start, end: week.end, usage: week.usage, limit: week.limit, all: week.all, opus: week.opus, sonnet: week.sonnet,
  };
  return { ...primary(view, view.inForce.sevenDay), official: view.official.sevenDay, estimate };
}

function describeSource(reading: Primary, official: OfficialWindow | null): string {
  if (reading.source === 'official' && official) return `Anthropic's reading from ${formatDuration(official.ageMs)} ago`;
  return "cctop's local estimate";
}

function describeWindow(name: string, reading: Primary, official: OfficialWindow | null, used: string, limit: string | null): string {
  const parts: string[] = [];
  if (reading.usedPercent === null) parts.push(`${name}: ${used} used; no limit is known`);
  else {
    const amounts = reading.source === 'estimate' && limit ? `, ${used} of ${limit}` : '';
    parts.push(`${name}: ${formatPercent(reading.usedPercent)} used, ${formatPercent(reading.leftPercent ?? 0)} left (${describeSource(reading, official)}${amounts})`);
  }
  if (reading.resetsAt && reading.msToReset !== null) parts.push(`resets in ${formatDuration(Math.max(0, reading.msToReset))} (${reading.resetsAt})`);
  if (reading.usedPercent !== null && reading.msToReset !== null) {
    parts.push(reading.limitReachedAt && reading.msToLimit !== null
      ? `at the current rate the limit is reached in ${formatDuration(Math.max(0, reading.msToLimit))} (${reading.limitReachedAt})`
      : 'at the current rate the limit is not reached before the reset');
  }
  return `${parts.join('; ')}.`;
}

function summary(view: SnapshotView, five: WindowStatus['fiveHour'], seven: WindowStatus['sevenDay']): string {
  const basis = five.estimate.usage.basis;
  const fiveText = five.estimate.active || five.source === 'official'
    ? describeWindow('5-hour window', five, five.official, formatAmount(five.estimate.usage.used, basis),
      five.estimate.usage.limit === null ? null : formatAmount(five.estimate.usage.limit, basis))
    : `5-hour window: no activity in the last 5 hours, nothing used; a new window starts with the next request.`;
  const weekBasis = seven.estimate.usage.basis;
  const sevenText = describeWindow('7-day window', seven, seven.official, formatAmount(seven.estimate.usage.used, weekBasis),
    seven.estimate.usage.limit === null ? null : formatAmount(seven.estimate.usage.limit, weekBasis));
  const rate = `Burn rate: ${formatRate(view.burnRate.tokensPerMinute, view.burnRate.costPerHour)} over the last ${view.burnRate.windowMinutes} minutes.`;
  return [fiveText, sevenText, rate].join(' ');
}

/** The `window_status` answer: official and estimated 5-hour and 7-day use, resets, time to the limit. */
export function windowStatus(view: SnapshotView): WindowStatus {
  const five = fiveHour(view);
  const seven = sevenDay(view);
  const { windowMinutes, tokensPerMinute, costPerHour } = view.burnRate;
  return {
    now: view.now, summary: summary(view, five, seven), fiveHour: five, sevenDay: seven,
    burnRate: { windowMinutes, tokensPerMinute, costPerHour },
  };
}
