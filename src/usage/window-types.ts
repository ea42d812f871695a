import type { Tokens } from './types.js';

/** The numbers of the 5-hour and 7-day windows: blocks, limits, official readings, readouts. */

export type LimitBasis = 'cost' | 'tokens' | 'io';

export interface BlockSummary {
  start: number;
  end: number;
  firstEventAt: number;
  lastEventAt: number;
  tokens: Tokens;
  costUSD: number;
}

/** Usage measured against a limit in the plan's basis. */
export interface LimitUsage {
  basis: LimitBasis;
  /** Usage in the basis: USD for `cost`, tokens for `tokens` and `io`. */
  used: number;
  /** Limit in the same unit, null when none is known. */
  limit: number | null;
  /** used ÷ limit, null when no limit. */
  fraction: number | null;
}

export interface ActiveBlock extends BlockSummary {
  msToReset: number;
  /** Totals at block end if the current burn rate holds. */
  projectedTokens: number;
  projectedCostUSD: number;
  usage: LimitUsage;
  /** Projected usage at block end in the basis. */
  projectedUsed: number;
  /** When the limit is reached at the current rate; null when not before the reset or no limit. */
  limitReachedAt: number | null;
}

export interface LimitEstimate {
  basis: LimitBasis;
  value: number | null;
  source: 'preset' | 'user' | 'p90' | 'hits' | 'calibrated' | 'none';
  /** For people: "estimate", "P90 of 12 windows", "median of 2 limit hits", "set". */
  label: string;
}

export interface LimitHitSummary {
  at: number;
  kind: 'five_hour' | 'weekly' | 'unknown';
  resetsAt: number | null;
  /** Window usage in the basis at the moment of the hit. */
  usedAtHit: number;
  text: string;
}

export interface OfficialWindow {
  usedPercent: number;
  resetsAt: number;
  recordedAt: number;
  ageMs: number;
  /** Older than 10 minutes while logs show activity since. */
  stale: boolean;
  /**
   * Local usage in the window up to the latest reading ÷ its official fraction (basis unit);
   * null below 5 % or without local usage in the window.
   */
  impliedLimit: number | null;
  /** Median of the implied limits of the last 10 windows (the latest reading of each). */
  impliedLimitMedian: number | null;
  /** When the official percentage reaches 100 % at the local burn rate; null if not before reset. */
  projectedFullAt: number | null;
}

export interface OfficialSummary {
  fiveHour: OfficialWindow | null;
  sevenDay: OfficialWindow | null;
  /** The latest reading in force of every window Claude Code sent, by its key. */
  windows: Record<string, OfficialWindowNow>;
}

/** One window as every output shows it, decided once in `usage`. */
export interface WindowReadout {
  /** `official`: a fresh reading of Anthropic's; `stale`: a reading too old to trust; `estimate`: local only. */
  source: 'official' | 'estimate' | 'stale';
  /** The fraction shown first: the official one when fresh, else the local estimate; null when no limit is known. */
  fraction: number | null;
  /** Local usage against the limit estimate; null without an active window. */
  estimate: LimitUsage | null;
  /** When the window resets (the official reset when fresh); null when unknown. */
  resetsAt: number | null;
  /** When the limit was reached (`limitReached`), else when it will be at the current rate; null if not before the reset. */
  limitAt: number | null;
  limitReached: boolean;
  /** The usage-limit message in force for this window, if any. */
  hit: LimitHitSummary | null;
  /** The latest official reading, fresh or stale (for its age). */
  official: OfficialWindow | null;
  /**
   * Local usage in the limit's basis in each minute of the window, from its start through now's
   * (the screen's chart of the window); empty for the 7 days and without an active window.
   */
  perMinute: number[];
}

/** One window's latest reading as every output shows it (`official.windows` in --json). */
export interface OfficialWindowNow {
  usedPercent: number;
  resetsAt: number;
  recordedAt: number;
  ageMs: number;
  stale: boolean;
}
