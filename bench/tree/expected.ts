/**
 * What the generated tree must add up to, accumulated by the generator as it writes each
 * response once (never from the files): per-day UTC token sums and, for the last two days,
 * per-minute sums (enough to derive the active 5-hour block and the burn rate at any instant).
 */

export interface DayTokens {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  total: number;
}

export interface MinuteTotals {
  /** Epoch ms of the first response in the minute. */
  first: number;
  total: number;
}

export interface ExpectedFile {
  seed: number;
  /** The generator's clock: no response is later. */
  now: string;
  firstDay: string;
  lastDay: string;
  files: number;
  bytes: number;
  /** Distinct API responses counted (streamed, resumed and subagent copies once). */
  responses: number;
  /** Lines written as copies of a response already counted. */
  copies: number;
  /** Damaged or invalid lines (never counted). */
  malformedLines: number;
  days: Record<string, DayTokens>;
  /** Minute start (epoch ms) → totals, for minutes in the last 48 hours before `now`. */
  recentMinutes: Record<string, MinuteTotals>;
}

export interface CountedTokens {
  time: number;
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

const MINUTE = 60_000;
const RECENT_MS = 48 * 3_600_000;

export class ExpectedTotals {
  private readonly days = new Map<string, DayTokens>();
  private readonly minutes = new Map<number, MinuteTotals>();
  responses = 0;
  copies = 0;
  malformedLines = 0;

  constructor(private readonly now: number) {}

  /**
   * Goes on counting from a tree's expected sums, with a later clock: for lines appended after
   * the tree was generated (every minute of them is recent, so the minutes stay exact too).
   */
  static resume(file: ExpectedFile, now: number): ExpectedTotals {
    const totals = new ExpectedTotals(Math.max(now, Date.parse(file.now)));
    for (const [date, day] of Object.entries(file.days)) totals.days.set(date, { ...day });
    for (const [start, minute] of Object.entries(file.recentMinutes)) totals.minutes.set(Number(start), { ...minute });
    totals.responses = file.responses;
    totals.copies = file.copies;
    totals.malformedLines = file.malformedLines;
    return totals;
  }

  /** One distinct response, counted once with its final (largest) token counts. */
  count(r: CountedTokens): void {
    this.responses++;
    const date = new Date(r.time).toISOString().slice(0, 10);
    const day = this.days.get(date) ?? { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 };
    const total = r.input + r.output + r.cacheWrite + r.cacheRead;
    day.input += r.input;
    day.output += r.output;
    day.cacheCreation += r.cacheWrite;
    day.cacheRead += r.cacheRead;
    day.total += total;
    this.days.set(date, day);
    if (r.time < this.now - RECENT_MS) return;
    const start = Math.floor(r.time / MINUTE) * MINUTE;
    const minute = this.minutes.get(start) ?? { first: r.time, total: 0 };
    minute.first = Math.min(minute.first, r.time);
    minute.total += total;
    this.minutes.set(start, minute);
  }

  toJSON(meta: { seed: number; files: number; bytes: number }): ExpectedFile {
    const dates = [...this.days.keys()].sort();
    return {
      seed: meta.seed,
      now: new Date(this.now).toISOString(),
      firstDay: dates[0] ?? '',
      lastDay: dates[dates.length - 1] ?? '',
      files: meta.files,
      bytes: meta.bytes,
      responses: this.responses,
      copies: this.copies,
      malformedLines: this.malformedLines,
      days: Object.fromEntries(dates.map((d) => [d, this.days.get(d)!])),
      recentMinutes: Object.fromEntries([...this.minutes].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])),
    };
  }
}
