import type { Diagnostics, Tokens } from './types.js';

/**
 * Everything the screen and the JSON snapshot show: pure numbers computed from the store,
 * the clock and the settings. Times are epoch milliseconds (the snapshot turns them into
 * ISO strings); money is USD, API-equivalent, after the price multiplier.
 */
export interface Metrics {
  now: number;
  /** IANA zone used for days and months. */
  timeZone: string;
  /** First day of the loaded history, YYYY-MM-DD. */
  since: string;
  plan: PlanInfo;
  loading: LoadingState;
  /** Time of the newest usage event, null before any. */
  lastEventAt: number | null;
  filesWatched: number;
  burnRate: BurnRate;
  /** The current 5-hour block, null when no activity in it. */
  activeBlock: ActiveBlock | null;
  /** Completed 5-hour blocks since `since`, ascending. */
  blocks: BlockSummary[];
  windowLimit: LimitEstimate;
  days: DaySummary[];
  month: MonthSummary;
  /** Model mix by family in the active window and in the month, and by model id in the month. */
  models: { window: ModelShare[]; month: ModelShare[]; monthByModel: ModelShare[] };
  /** Sessions of the loaded period, most recent activity first. */
  sessions: SessionSummary[];
  week: WeekSummary;
  value: ValueSummary;
  /** Sessions spiking right now. */
  spikes: SpikeSummary[];
  /** Alerts that fired within the last 30 s (for the banner). */
  alerts: Alert[];
  limitHits: LimitHitSummary[];
  official: OfficialSummary;
  /** The 5-hour and 7-day windows as shown: official first when fresh (not in the snapshot). */
  readouts: { fiveHour: WindowReadout; sevenDay: WindowReadout };
  diagnostics: Diagnostics;
}

export type PlanName = 'pro' | 'max5' | 'max20' | 'api' | 'custom';
export type LimitBasis = 'cost' | 'tokens' | 'io';

export interface PlanInfo {
  name: PlanName;
  /** For people: "Max 5x", "Pro", "API (metered)", "Custom". */
  label: string;
  /** Monthly fee for all seats. */
  feeUSD: number;
  seats: number;
  limitBasis: LimitBasis;
  priceMultiplier: number;
}

export interface LoadingState {
  /** True once the whole history window is read. */
  done: boolean;
  filesRead: number;
  filesTotal: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface BurnRate {
  /** Trailing window length in minutes (default 10). */
  windowMinutes: number;
  tokensPerMinute: number;
  costPerHour: number;
  /** The same over the window before it, for the trend. */
  previousTokensPerMinute: number;
  previousCostPerHour: number;
  /** current ÷ previous tokens/min; null when the previous window had none. */
  trendRatio: number | null;
  /** Tokens per minute for each of the last 60 minutes, oldest first (60 values). */
  sparkline: number[];
}

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

export interface DaySummary {
  date: string;
  tokens: Tokens;
  costUSD: number;
  models: { model: string; tokens: Tokens; costUSD: number }[];
  topModel: string | null;
  /** Cost over 2× the median day of the period. */
  spike: boolean;
  /** Some of the day's usage is known only from the history store: Claude Code deleted its logs. */
  fromStore: boolean;
}

export interface MonthSummary {
  /** YYYY-MM in the display zone. */
  month: string;
  tokens: Tokens;
  costUSD: number;
  /** costUSD + recent daily average × days left. */
  projectedCostUSD: number;
  dailyAverageUSD: number;
  daysElapsed: number;
  daysInMonth: number;
  feeUSD: number;
  /** costUSD ÷ fee; null for the api plan. */
  valueMultiplier: number | null;
  projectedValueMultiplier: number | null;
  /** When cumulative cost passed the fee this month, null when not yet (or no fee). */
  breakEvenAt: number | null;
  /** Days until break-even at the daily average; 0 once passed; null without fee or usage. */
  daysToBreakEven: number | null;
  heaviestDay: { date: string; costUSD: number; feeMultiple: number | null } | null;
  topDays: { date: string; costUSD: number }[];
}

export type ModelFamily = 'Opus' | 'Sonnet' | 'Haiku' | 'Other';

export interface ModelShare {
  /** Model id, or the family name in family rows. */
  name: string;
  family: ModelFamily;
  tokens: Tokens;
  costUSD: number;
  /** 0..1 of all tokens / cost in the same scope. */
  tokenShare: number;
  costShare: number;
  priced: boolean;
}

export interface SessionSummary {
  sessionId: string;
  /** Project shortened for display (last folders of cwd). */
  project: string;
  cwd: string;
  /** The log's folder under `projects/` (Claude Code's encoding of the cwd), for a session whose lines carry no cwd. */
  projectDir: string | null;
  /** Model with most tokens in the session. */
  model: string;
  firstSeen: number;
  lastSeen: number;
  tokens: Tokens;
  costUSD: number;
  /** Tokens and cost inside the active 5-hour block. */
  windowTokens: number;
  windowCostUSD: number;
  /** Over the trailing burn-rate window. */
  tokensPerMinute: number;
  costPerHour: number;
  /** Activity in the last 30 minutes. */
  active: boolean;
  spiking: boolean;
}

export interface TokensAndCost {
  tokens: Tokens;
  costUSD: number;
}

export interface WeekSummary {
  /** Rolling 7 days: now − 7 d … now. */
  start: number;
  end: number;
  all: TokensAndCost;
  opus: TokensAndCost;
  sonnet: TokensAndCost;
  limit: LimitEstimate;
  usage: LimitUsage;
}

export interface ValueSummary {
  /** Plan fee × seats. */
  feeUSD: number;
  monthCostUSD: number;
  /** Month-to-date cost at the metered API price × price multiplier. */
  meteredCostUSD: number;
  projectedMeteredCostUSD: number;
  /** Which is cheaper for this month's projection; null for the api plan. */
  cheaper: 'plan' | 'api' | null;
  /** Output tokens the fee buys at the month's main model's output price. */
  breakEvenOutputTokens: number | null;
  breakEvenModel: string | null;
  outputTokensMonth: number;
}

export interface SpikeSummary {
  sessionId: string;
  project: string;
  since: number;
  tokensPerMinute: number;
  baselinePerMinute: number;
  threshold: number;
}

export type AlertKind = 'window80' | 'window95' | 'projectedHit' | 'spike' | 'weekly80' | 'weekly95';

export interface Alert {
  /** Stable id: one alert per window / spike. */
  id: string;
  kind: AlertKind;
  /** The spiking session, for `spike` alerts. */
  sessionId?: string;
  firedAt: number;
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
}
