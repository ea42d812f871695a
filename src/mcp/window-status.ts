import { msBetween, type OfficialWindow, type SnapshotView, type WindowInForce } from '../snapshot/view.js';
import type { WindowStatus } from './schemas.js';
import { formatAmount, formatDuration, formatPercent, formatRate, windowName } from './text.js';
import { accountWindowKeys, costPerPercentOf, driftOf, limitsSentences } from './window-limits.js';

type FiveHour = NonNullable<WindowStatus['fiveHour']>;
type SevenDay = NonNullable<WindowStatus['sevenDay']>;
type Primary = Omit<FiveHour, 'official' | 'estimate' | 'costPerPercent' | 'drift'>;
type OfficialNow = SnapshotView['official']['windows'][string];

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

/** A window's $/% and drift, by its key. */
function limitsOf(view: SnapshotView, key: string): Pick<FiveHour, 'costPerPercent' | 'drift'> {
  return { costPerPercent: costPerPercentOf(view, key), drift: driftOf(view, key) };
}

/** A plan without official windows (api) keeps the local estimates of both, as the screen does. */
const hasWindow = (view: SnapshotView, key: string): boolean => view.plan.windows.length === 0 || view.plan.windows.includes(key);

function fiveHour(view: SnapshotView): FiveHour | null {
  if (!hasWindow(view, 'five_hour')) return null;
  const block = view.activeBlock;
  const limit = view.windowLimit.value;
  const usage = block ? block.usage : { basis: view.windowLimit.basis, used: 0, limit, fraction: limit ? 0 : null };
  const estimate = {
    active: block !== null, start: block?.start ?? null, end: block?.end ?? null, msToReset: block?.msToReset ?? null,
    usage, projectedUsed: block?.projectedUsed ?? null, limitReachedAt: block?.limitReachedAt ?? null,
    limit: view.windowLimit,
  };
  return { ...primary(view, view.inForce.fiveHour), official: view.official.fiveHour, estimate, ...limitsOf(view, 'five_hour') };
}

function sevenDay(view: SnapshotView): SevenDay | null {
  if (!hasWindow(view, 'seven_day')) return null;
  const { week } = view;
  const estimate = {
    start: week.start, end: week.end, usage: week.usage, limit: week.limit, all: week.all, opus: week.opus, sonnet: week.sonnet,
  };
  return { ...primary(view, view.inForce.sevenDay), official: view.official.sevenDay, estimate, ...limitsOf(view, 'seven_day') };
}

/** Every window of the account in its order, then any other key Anthropic reports, with what a percent of each buys. */
function windowList(view: SnapshotView): WindowStatus['windows'] {
  return accountWindowKeys(view).map((key) => {
    const official = view.official.windows[key] ?? null;
    return { key, name: windowName(key), official, msToReset: official ? msBetween(view.now, official.resetsAt) : null, ...limitsOf(view, key) };
  });
}

function describeSource(reading: Primary, official: OfficialWindow | null): string {
  if (reading.source === 'official' && official) return `Anthropic's reading from ${formatDuration(official.ageMs)} ago`;
  return "cctop's local estimate";
}

/** A window known only by Anthropic's reading (seven_day_opus, ...). */
function describeOfficial(key: string, official: OfficialNow, msToReset: number): string {
  const age = `Anthropic's ${official.stale ? 'stale ' : ''}reading from ${formatDuration(official.ageMs)} ago`;
  return `${windowName(key)} window: ${formatPercent(official.usedPercent)} used, ${formatPercent(Math.max(0, 100 - official.usedPercent))} left `
    + `(${age}); resets in ${formatDuration(Math.max(0, msToReset))} (${official.resetsAt}).`;
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

function describeFiveHour(five: FiveHour): string {
  const basis = five.estimate.usage.basis;
  if (!five.estimate.active && five.source !== 'official') {
    return '5-hour window: no activity in the last 5 hours, nothing used; a new window starts with the next request.';
  }
  return describeWindow('5-hour window', five, five.official, formatAmount(five.estimate.usage.used, basis),
    five.estimate.usage.limit === null ? null : formatAmount(five.estimate.usage.limit, basis));
}

function describeSevenDay(seven: SevenDay): string {
  const basis = seven.estimate.usage.basis;
  return describeWindow('7-day window', seven, seven.official, formatAmount(seven.estimate.usage.used, basis),
    seven.estimate.usage.limit === null ? null : formatAmount(seven.estimate.usage.limit, basis));
}

/** What the account lacks, said first: `Plan Ultra: no 5-hour window.` */
function missingWindows(view: SnapshotView, five: FiveHour | null, seven: SevenDay | null): string[] {
  const missing = [five ? null : '5-hour', seven ? null : '7-day'].filter((name) => name !== null);
  return missing.length > 0 ? [`Plan ${view.plan.label}: no ${missing.join(' or ')} window.`] : [];
}

function summary(view: SnapshotView, status: Omit<WindowStatus, 'summary' | 'now'>): string {
  const { fiveHour: five, sevenDay: seven } = status;
  const windows = status.windows.flatMap((w) => {
    if (w.key === 'five_hour') return five ? [describeFiveHour(five)] : [];
    if (w.key === 'seven_day') return seven ? [describeSevenDay(seven)] : [];
    return w.official && w.msToReset !== null ? [describeOfficial(w.key, w.official, w.msToReset)] : [];
  });
  const rate = `Burn rate: ${formatRate(view.burnRate.tokensPerMinute, view.burnRate.costPerHour)} over the last ${view.burnRate.windowMinutes} minutes.`;
  const limits = limitsSentences(view, status.windows.map((w) => w.key));
  return [...missingWindows(view, five, seven), ...windows, ...limits, rate].join(' ');
}

/**
 * The `window_status` answer: the account's windows in its order (official, or estimated for the
 * 5-hour and 7-day ones), resets, time to the limit, what a percent buys and its drift.
 */
export function windowStatus(view: SnapshotView): WindowStatus {
  const { windowMinutes, tokensPerMinute, costPerHour } = view.burnRate;
  const { name, label, windows: planWindows } = view.plan;
  const status = {
    plan: { name, label, windows: planWindows }, windows: windowList(view),
    fiveHour: fiveHour(view), sevenDay: sevenDay(view), burnRate: { windowMinutes, tokensPerMinute, costPerHour },
  };
  return { now: view.now, summary: summary(view, status), ...status };
}
