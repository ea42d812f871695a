import type { Alert } from '../usage/metrics-types.js';
import type { Tokens } from '../usage/types.js';
import type { LimitEstimate, LimitHitSummary, LimitUsage, OfficialWindow, WindowReadout } from '../usage/window-types.js';
import type { ModelShare } from '../usage/session-types.js';
import type { TokensAndCost } from '../usage/calendar-types.js';
import type { InstantSpec } from './instant-spec.js';
import type { Metrics } from '../engine/types.js';

/** Every number of the `--json` snapshot, each said to be an instant or a plain number (checked against the metrics types). */

/** What the snapshot holds before its instants are written: the metrics without the screen's readouts, the alerts worded. */
export type SnapshotShape = Omit<Metrics, 'readouts' | 'alerts' | 'alertCandidates' | 'costPerPercent' | 'drift'> & {
  alerts: (Pick<Alert, 'id' | 'kind' | 'firedAt'> & { message: string })[];
  inForce: { fiveHour: WindowInForce; sevenDay: WindowInForce };
  limits: {
    window: LimitEstimate; weekly: LimitEstimate; hits: LimitHitSummary[];
    costPerPercent: Metrics['costPerPercent']; drift: Metrics['drift'];
  };
};

/**
 * A window as every output shows it, decided once in usage/readouts.ts: Anthropic's reading when
 * fresh (`official`), else the local estimate (`stale`: a reading exists but is too old to trust).
 */
export interface WindowInForce {
  source: WindowReadout['source'];
  /** Used percent of the window: the official figure as recorded, else the local fraction × 100; null without a limit. */
  usedPercent: number | null;
  fraction: number | null;
  resetsAt: number | null;
  /** When the limit was reached (`limitReached`), else when it will be at the current rate; null if not before the reset. */
  limitAt: number | null;
  limitReached: boolean;
}

const inForce: InstantSpec<WindowInForce> = { usedPercent: 'number', fraction: 'number', resetsAt: 'instant', limitAt: 'instant' };

const tokens: InstantSpec<Tokens> = { input: 'number', output: 'number', cacheCreation: 'number', cacheRead: 'number', total: 'number' };
const tokensAndCost: InstantSpec<TokensAndCost> = { tokens, costUSD: 'number' };
const usage: InstantSpec<LimitUsage> = { used: 'number', limit: 'number', fraction: 'number' };
const limit: InstantSpec<LimitEstimate> = { value: 'number' };
const share: InstantSpec<ModelShare> = { tokens, costUSD: 'number', tokenShare: 'number', costShare: 'number' };
const hit: InstantSpec<LimitHitSummary> = { at: 'instant', resetsAt: 'instant', usedAtHit: 'number' };
const block = { start: 'instant', end: 'instant', firstEventAt: 'instant', lastEventAt: 'instant', tokens, costUSD: 'number' } as const;

const official: InstantSpec<OfficialWindow> = {
  usedPercent: 'number', resetsAt: 'instant', recordedAt: 'instant', ageMs: 'number',
  impliedLimit: 'number', impliedLimitMedian: 'number', projectedFullAt: 'instant',
};

export const SNAPSHOT_NUMBERS: InstantSpec<SnapshotShape> = {
  now: 'instant',
  plan: { feeUSD: 'number', seats: 'number', priceMultiplier: 'number' },
  loading: { filesRead: 'number', filesTotal: 'number', bytesRead: 'number', bytesTotal: 'number' },
  lastEventAt: 'instant',
  filesWatched: 'number',
  burnRate: {
    windowMinutes: 'number', tokensPerMinute: 'number', costPerHour: 'number', previousTokensPerMinute: 'number',
    previousCostPerHour: 'number', trendRatio: 'number', sparkline: 'number',
  },
  activeBlock: {
    ...block, msToReset: 'number', projectedTokens: 'number', projectedCostUSD: 'number', usage,
    projectedUsed: 'number', limitReachedAt: 'instant',
  },
  blocks: block,
  windowLimit: limit,
  days: { tokens, costUSD: 'number', models: { tokens, costUSD: 'number' } },
  month: {
    tokens, costUSD: 'number', projectedCostUSD: 'number', dailyAverageUSD: 'number', daysElapsed: 'number',
    daysInMonth: 'number', feeUSD: 'number', planCoveredUSD: 'number', valueMultiplier: 'number', projectedValueMultiplier: 'number',
    breakEvenAt: 'instant', daysToBreakEven: 'number', heaviestDay: { costUSD: 'number', feeMultiple: 'number' },
    topDays: { costUSD: 'number' }, byMachine: { costUSD: 'number' },
  },
  models: { window: share, month: share, monthByModel: share },
  sessions: {
    firstSeen: 'instant', lastSeen: 'instant', tokens, costUSD: 'number', windowTokens: 'number',
    windowCostUSD: 'number', tokensPerMinute: 'number', costPerHour: 'number',
  },
  week: { start: 'instant', end: 'instant', all: tokensAndCost, opus: tokensAndCost, sonnet: tokensAndCost, limit, usage },
  value: {
    feeUSD: 'number', monthCostUSD: 'number', meteredCostUSD: 'number', projectedMeteredCostUSD: 'number',
    breakEvenOutputTokens: 'number', outputTokensMonth: 'number',
  },
  spikes: { since: 'instant', tokensPerMinute: 'number', baselinePerMinute: 'number', threshold: 'number' },
  machines: { lagMs: 'number', retryAt: 'instant' },
  alerts: { firedAt: 'instant' },
  limitHits: hit,
  official: {
    fiveHour: official, sevenDay: official,
    windows: { '*': { usedPercent: 'number', resetsAt: 'instant', recordedAt: 'instant', ageMs: 'number' } },
  },
  windows: {
    start: 'instant', end: 'instant', firstAt: 'instant', firstPercent: 'number', lastAt: 'instant', lastPercent: 'number',
    peakPercent: 'number', costUSD: 'number', tokens: 'number', hitAt: 'instant', costPerPercent: 'number',
    peakCostPerPercent: 'number', offPeakCostPerPercent: 'number',
  },
  usageCredits: { fastModeUSD: 'number', pastLimitUSD: 'number', totalUSD: 'number' },
  diagnostics: {
    filesRead: 'number', linesRead: 'number', badLines: 'number', files: { lines: 'number', badLines: 'number' },
    unpricedModels: { tokens: 'number' }, afterClock: 'number',
  },
  limits: {
    window: limit, weekly: limit, hits: hit,
    costPerPercent: { '*': { current: 'number', median: 'number', peak: 'number', offPeak: 'number', windows: 'number' } },
    drift: { '*': { before: 'number', after: 'number', changePercent: 'number', since: 'instant', beforeFrom: 'instant', beforeTo: 'instant' } },
  },
  inForce: { fiveHour: inForce, sevenDay: inForce },
};
