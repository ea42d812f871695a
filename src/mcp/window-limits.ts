import type { SnapshotView } from '../snapshot/view.js';
import { formatChange, formatDays, formatUSD, windowName, zoned } from './text.js';

/** What a percent of each official window buys, and its drift, as `window_status` and `window_history` give them. */

export type CostPerPercentView = SnapshotView['limits']['costPerPercent'][string];
export type DriftView = NonNullable<SnapshotView['limits']['drift'][string]>;

/** Said wherever a dollar figure of local spend is. */
export const LOCAL_SPEND_NOTE = 'Local spend covers only the machines cctop reads.';

/** `keys` in the account's order: its windows (`plan.windows`: the weekly first without a 5-hour one), then the rest as given. */
export function inAccountOrder(view: SnapshotView, keys: readonly string[]): string[] {
  const own = view.plan.windows.filter((key) => keys.includes(key));
  return [...own, ...keys.filter((key) => !own.includes(key))];
}

/** The account's windows (a plan without official windows, api: the local 5-hour and 7-day estimates), then every other key Anthropic sent a reading for. */
export function accountWindowKeys(view: SnapshotView): string[] {
  const own = view.plan.windows.length > 0 ? view.plan.windows : ['five_hour', 'seven_day'];
  return inAccountOrder(view, [...new Set([...own, ...Object.keys(view.official.windows)])]);
}

export function costPerPercentOf(view: SnapshotView, key: string): CostPerPercentView | null {
  return view.limits.costPerPercent[key] ?? null;
}

export function driftOf(view: SnapshotView, key: string): DriftView | null {
  return view.limits.drift[key] ?? null;
}

/** `7-day $0.08 (median $0.08 over 7 windows; peak hours $0.09, off-peak $0.07)`; null until measured. */
function costPerPercentPhrase(key: string, cpp: CostPerPercentView | null): string | null {
  if (!cpp || cpp.current === null) return null;
  const details: string[] = [];
  if (cpp.median !== null) details.push(`median ${formatUSD(cpp.median)} over ${cpp.windows} window${cpp.windows === 1 ? '' : 's'}`);
  const hours = [
    cpp.peak === null ? null : `peak hours ${formatUSD(cpp.peak)}`,
    cpp.offPeak === null ? null : `off-peak ${formatUSD(cpp.offPeak)}`,
  ].filter((part) => part !== null);
  if (hours.length > 0) details.push(hours.join(', '));
  return `${windowName(key)} ${formatUSD(cpp.current)}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
}

/** `a 7-day window bought $10.00 (Dec 27–Jan 17), $6.50 since Jan 17 (−35%)`: 100 × $/%, before and after. */
export function driftPhrase(key: string, drift: DriftView, timeZone: string): string {
  return `a ${windowName(key)} window bought ${formatUSD(100 * drift.before)} (${formatDays(drift.beforeFrom, drift.beforeTo, timeZone)}), `
    + `${formatUSD(100 * drift.after)} since ${zoned(drift.since, timeZone).day} (${formatChange(drift.changePercent)})`;
}

/** The sentences on what a percent buys and its drift for `keys`, with the local-spend note; empty when nothing is measured. */
export function limitsSentences(view: SnapshotView, keys: readonly string[]): string[] {
  const bought = keys.map((key) => costPerPercentPhrase(key, costPerPercentOf(view, key))).filter((p) => p !== null);
  const drifts = keys.flatMap((key) => {
    const drift = driftOf(view, key);
    return drift ? [driftPhrase(key, drift, view.timeZone)] : [];
  });
  const sentences: string[] = [];
  if (bought.length > 0) sentences.push(`What a percentage point buys in local spend: ${bought.join('; ')}.`);
  if (drifts.length > 0) sentences.push(`Drift: ${drifts.join('; ')}.`);
  if (sentences.length > 0) sentences.push(LOCAL_SPEND_NOTE);
  return sentences;
}
