import type { SqlDatabase, SqlStatement } from './driver.js';

/** One official window reading as stored: Claude Code's key, when (epoch ms), the percentage and the reset (epoch ms). */
export interface StoredReading {
  key: string;
  at: number;
  usedPercent: number;
  resetsAt: number;
}

// A reading is kept when its window's percentage or reset differs from the latest kept before it:
// a window's history is where the percentage moved (what a percent buys is measured between those),
// not the thousands of statusline calls that repeat it.
const SAVE = `
  INSERT OR IGNORE INTO readings (window, time, used_percent, resets_at)
  SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (
    SELECT 1 FROM (SELECT used_percent, resets_at FROM readings WHERE window = ?1 AND time <= ?2 ORDER BY time DESC LIMIT 1)
    WHERE used_percent = ?3 AND resets_at = ?4)`;

const READ = 'SELECT window, time, used_percent, resets_at FROM readings WHERE time >= ? ORDER BY time, window';
const LATEST = 'SELECT max(time) AS time FROM readings';

export class ReadingWriter {
  private readonly save: SqlStatement;

  constructor(db: SqlDatabase) {
    this.save = db.prepare(SAVE);
  }

  /** Saves the readings (the caller's transaction); returns how many rows were added. */
  add(readings: readonly StoredReading[]): number {
    let added = 0;
    for (const r of readings) added += Number(this.save.run(r.key, r.at, r.usedPercent, r.resetsAt).changes);
    return added;
  }
}

/** The stored readings at or after `from`, oldest first. */
export function readReadings(db: SqlDatabase, from: number): StoredReading[] {
  return db.prepare(READ).all(from).map((r) => ({
    key: String(r.window), at: Number(r.time), usedPercent: Number(r.used_percent), resetsAt: Number(r.resets_at),
  }));
}

/** The time of the newest stored reading; null when none. */
export function latestReading(db: SqlDatabase): number | null {
  const row = db.prepare(LATEST).get();
  return row?.time === null || row?.time === undefined ? null : Number(row.time);
}
