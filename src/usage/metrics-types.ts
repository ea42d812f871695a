import type { Tokens } from './types.js';
import type { DaySummary, MonthSummary, ValueSummary, WeekSummary } from './calendar-types.js';
import type { ModelShare, SessionSummary, SpikeSummary } from './session-types.js';
import type { CostPerPercent, UsageCredits, WindowDrift, WindowRecord } from './window-history-types.js';
import type { ActiveBlock, BlockSummary, LimitBasis, LimitEstimate, LimitHitSummary, OfficialSummary, WindowReadout } from './window-types.js';

/**
 * Usage's part of what the screen and the JSON snapshot show (engine/types.ts adds the engine's
 * state: loading, diagnostics, machines): pure numbers computed from the store,
 * the clock and the settings. Times are epoch milliseconds (the snapshot turns them into
 * ISO strings); money is USD, API-equivalent, after the price multiplier. The parts live per
 * panel: window-types (the 5-hour and 7-day windows), calendar-types (days, month, week,
 * value), session-types (sessions, spikes, model mix).
 */
export interface UsageMetrics {
  now: number;
  /** IANA zone used for days and months. */
  timeZone: string;
  /** First day of the loaded history, YYYY-MM-DD. */
  since: string;
  /** The numbers are the demo's made-up usage (`--demo`, or no logs found), never the user's. */
  demo: boolean;
  plan: PlanInfo;
  /** Time of the newest usage event, null before any. */
  lastEventAt: number | null;
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
  /** The alerts fired within the last 30 s that still stand (the engine fires them; see usage/alerts.ts). */
  alerts: Alert[];
  /** The alerts the figures call for now, fired or not: the engine's tick fires the new ones. Not in the snapshot. */
  alertCandidates: AlertCandidate[];
  limitHits: LimitHitSummary[];
  official: OfficialSummary;
  /** The official windows as recorded (readings and the store), newest first. */
  windows: WindowRecord[];
  /** What a percent of each window key buys, and its drift (null when none), by key. */
  costPerPercent: Record<string, CostPerPercent>;
  drift: Record<string, WindowDrift | null>;
  /** The month's money on top of the fee (an estimate). */
  usageCredits: UsageCredits;
  /** The 5-hour and 7-day windows as shown: official first when fresh (not in the snapshot). */
  readouts: { fiveHour: WindowReadout; sevenDay: WindowReadout };
}

export type PlanName = 'pro' | 'max' | 'ultra' | 'team' | 'enterprise' | 'api' | 'custom';

export interface PlanInfo {
  name: PlanName;
  /** For people: "Pro", "Max", "Ultra", "API (metered)", "Custom". */
  label: string;
  /**
   * The official windows this account has, by Claude Code's keys: the plan's, unless a fresh
   * reading shows which (one without `five_hour` means no 5-hour limit). Weekly first when there is no 5-hour one.
   */
  windows: string[];
  /** Monthly fee for all seats. */
  feeUSD: number;
  seats: number;
  limitBasis: LimitBasis;
  priceMultiplier: number;
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

export type AlertKind = 'window80' | 'window95' | 'projectedHit' | 'spike' | 'weekly80' | 'weekly95';

export interface Alert {
  /** Stable id: one alert per window / spike. */
  id: string;
  kind: AlertKind;
  /** The spiking session, for `spike` alerts. */
  sessionId?: string;
  /** The spike's rate when it fired, for `spike` alerts (the words use it once the spike is over). */
  tokensPerMinute?: number;
  firedAt: number;
}

/**
 * An alert that would fire now (usage/alerts.ts). `until` is the end of the window a window alert
 * belongs to; `covers` the lower level the same crossing makes needless (80 % when 95 % fires).
 */
export type AlertCandidate = Omit<Alert, 'firedAt'> & { until?: number; covers?: string };
