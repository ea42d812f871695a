import * as z from 'zod/mini';
import { sanitize } from '../logs/sanitize.js';

/** A string read from the file, sanitised (the file can be edited, or written by an older cctop). */
const text = z.pipe(z.string(), z.transform(sanitize));

/** An instant (epoch ms) that a Date can hold: past it nothing can show or write it (`--json` threw). */
const instant = z.number().check(z.gte(0), z.lte(8.64e15));

/**
 * One official window as recorded: Anthropic's used percentage and the window's reset (epoch ms).
 * Claude Code sends 0–100 and `cctop statusline` records no other (statusline-input.ts); a file
 * edited by hand could hold 1e308, which the screen showed as `limit Infinity %`.
 */
const windowSchema = z.looseObject({
  usedPercent: z.number().check(z.gte(0), z.lte(100)),
  resetsAt: instant,
});

/** A window key as Claude Code names it (`seven_day_opus`, …): word characters only, so it can be shown and stored as it is. */
export const WINDOW_KEY = /^[a-z0-9_]{1,64}$/i;

/**
 * One line of the state file `limits.jsonl`, written by `cctop statusline` after each response:
 * when (epoch ms), which session and model, the two official windows (null when Claude Code did
 * not send them), any other window it sent by its own key (per-model weekly buckets exist on the
 * server, anthropics/claude-code#37227), and the session's cost as Claude Code reports it.
 */
export const officialRecordSchema = z.looseObject({
  at: instant,
  sessionId: z.nullable(text),
  model: z.nullable(text),
  fiveHour: z.nullable(windowSchema),
  sevenDay: z.nullable(windowSchema),
  otherWindows: z.optional(z.catch(z.record(z.string().check(z.regex(WINDOW_KEY)), windowSchema), {})),
  sessionCostUSD: z.nullable(z.number()),
});

export type OfficialReading = z.infer<typeof officialRecordSchema>;
export type OfficialWindowReading = NonNullable<OfficialReading['fiveHour']>;

/** One window of a reading, by Claude Code's key. */
export interface KeyedWindowReading extends OfficialWindowReading {
  key: string;
}

/** Every window a reading holds, by Claude Code's key: `five_hour`, `seven_day`, then the others. */
export function windowsOf(reading: OfficialReading): KeyedWindowReading[] {
  const windows: KeyedWindowReading[] = [];
  if (reading.fiveHour) windows.push({ key: 'five_hour', ...reading.fiveHour });
  if (reading.sevenDay) windows.push({ key: 'seven_day', ...reading.sevenDay });
  for (const [key, w] of Object.entries(reading.otherWindows ?? {})) windows.push({ key, ...w });
  return windows;
}

/** The record as one state-file line, newline included. */
export function officialRecordLine(reading: OfficialReading): string {
  const { at, sessionId, model, fiveHour, sevenDay, otherWindows, sessionCostUSD } = reading;
  const others = otherWindows && Object.keys(otherWindows).length > 0 ? { otherWindows } : {};
  return JSON.stringify({ at, sessionId, model, fiveHour, sevenDay, ...others, sessionCostUSD }) + '\n';
}

/** A state-file line as a reading; null for a blank, damaged or foreign line. */
export function parseOfficialRecord(line: string): OfficialReading | null {
  if (line.trim() === '') return null;
  try {
    const result = officialRecordSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Every reading in a chunk of state-file text, in file order. */
export function parseOfficialRecords(text: string): OfficialReading[] {
  const readings: OfficialReading[] = [];
  for (const line of text.split('\n')) {
    const reading = parseOfficialRecord(line);
    if (reading) readings.push(reading);
  }
  return readings;
}
