import { DAY } from '../usage/time.js';
import { windowsOf, type OfficialReading, type OfficialWindowReading } from '../state/official-record.js';
import type { HistoryStore, StoredReading } from '../store/index.js';

/** How far back the stored readings are loaded: 13 weekly windows (drift compares the last 3 with the 10 before) and a week. */
export const READINGS_KEPT_MS = 98 * DAY;

/**
 * Keeps Anthropic's official readings in the history store as the state file brings them (the
 * file rotates at 1 MB; the store keeps them), and joins the stored ones to the file's, so the
 * windows' history outlives the file.
 */
export class ReadingHistory {
  private stored: OfficialReading[] | null = null;
  private savedUpTo: number | null | undefined;

  constructor(private readonly store: HistoryStore) {}

  /** The file's readings saved, joined to the stored ones since `from` (the file's copy of a time wins), oldest first. */
  merge(fromFile: readonly OfficialReading[], from: number): OfficialReading[] {
    const stored = (this.stored ??= asReadings(this.store.readings(from)));
    this.save(fromFile, stored);
    const inFile = new Set(fromFile.map((r) => r.at));
    return [...stored.filter((r) => !inFile.has(r.at)), ...fromFile].sort((a, b) => a.at - b.at);
  }

  /** Saves the readings newer than the newest stored; they join the stored list, so a rotated file loses none. */
  private save(fromFile: readonly OfficialReading[], stored: OfficialReading[]): void {
    if (this.savedUpTo === undefined) this.savedUpTo = this.store.latestReadingAt();
    const upTo = this.savedUpTo;
    const fresh = fromFile.filter((r) => (upTo === null || r.at > upTo) && windowsOf(r).length > 0);
    if (fresh.length === 0) return;
    const rows = fresh.flatMap((r) => windowsOf(r).map(({ key, usedPercent, resetsAt }) => ({ key, at: r.at, usedPercent, resetsAt })));
    if (!this.store.saveReadings(rows)) return;
    this.savedUpTo = Math.max(...fresh.map((r) => r.at));
    stored.push(...fresh);
  }
}

/** Stored rows (one per window and time) as readings (one per time). */
export function asReadings(rows: readonly StoredReading[]): OfficialReading[] {
  const byTime = new Map<number, OfficialReading>();
  for (const row of rows) {
    let reading = byTime.get(row.at);
    if (!reading) byTime.set(row.at, (reading = { at: row.at, sessionId: null, model: null, fiveHour: null, sevenDay: null, sessionCostUSD: null }));
    const window: OfficialWindowReading = { usedPercent: row.usedPercent, resetsAt: row.resetsAt };
    if (row.key === 'five_hour') reading.fiveHour = window;
    else if (row.key === 'seven_day') reading.sevenDay = window;
    else reading.otherWindows = { ...reading.otherWindows, [row.key]: window };
  }
  return [...byTime.values()];
}
