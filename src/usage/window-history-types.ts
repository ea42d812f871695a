/** An official window as its readings and the local spend show it (usage/window-history.ts). */
export interface WindowRecord {
  /** Claude Code's key: `five_hour`, `seven_day`, or any other it sends. */
  key: string;
  /** The window's start (reset − its length; the first reading for a key of unknown length) and its reset. */
  start: number;
  end: number;
  firstAt: number;
  firstPercent: number;
  lastAt: number;
  lastPercent: number;
  peakPercent: number;
  /** Local spend in the window up to now that counts toward the plan (fast mode excluded), USD and tokens. */
  costUSD: number;
  tokens: number;
  /** Reached 100 % or met a usage-limit message; when first. */
  hit: boolean;
  hitAt: number | null;
  /** Plan-counted USD between the first reading and the first at the last percent ÷ the points between them; null under 5 points. */
  costPerPercent: number | null;
  /** The same over the stretches that began at peak hours, and the others; null under 5 points each. */
  peakCostPerPercent: number | null;
  offPeakCostPerPercent: number | null;
  /** The window has not reset at `now`. */
  open: boolean;
}

export interface CostPerPercent {
  /** The open window's figure when measured, else the median. */
  current: number | null;
  /** Median over the last 10 measured windows of the key. */
  median: number | null;
  peak: number | null;
  offPeak: number | null;
  /** How many windows the median spans. */
  windows: number;
}

export interface WindowDrift {
  /** Median $/% of the 10 measured windows before the last 3, and of the last 3. */
  before: number;
  after: number;
  /** (after − before) ÷ before, in percent, one decimal. */
  changePercent: number;
  /** Start of the oldest of the last 3 windows. */
  since: number;
  /** Span of the windows before: the oldest's start, the newest's end. */
  beforeFrom: number;
  beforeTo: number;
}

export interface UsageCredits {
  /** The month, YYYY-MM. */
  month: string;
  /** Fast mode in the month at fast rates: usage credits, not the plan's limits. */
  fastModeUSD: number;
  /** Plan-counted spend after an official reading reached 100 % until that window's reset (estimate). */
  pastLimitUSD: number;
  totalUSD: number;
}

export interface WindowHistory {
  /** Newest first (by end). */
  windows: WindowRecord[];
  costPerPercent: Record<string, CostPerPercent>;
  drift: Record<string, WindowDrift | null>;
  usageCredits: UsageCredits;
}
