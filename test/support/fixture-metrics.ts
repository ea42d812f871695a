import type { ModelShare, SessionSummary } from '../../src/usage/session-types.js';
import { fiveHourReadout, sevenDayReadout } from '../../src/usage/readouts.js';
import { alertCandidates } from '../../src/usage/alerts.js';
import type { Tokens } from '../../src/usage/types.js';
import type { Metrics } from '../../src/engine/types.js';

/** A realistic mid-window moment for UI tests: Max 5x, 2026-11-25 14:30 UTC, block 12:00–17:00. */

const t = (iso: string): number => Date.parse(iso);

export function tokens(input: number, output: number, cacheCreation: number, cacheRead: number): Tokens {
  return { input, output, cacheCreation, cacheRead, total: input + output + cacheCreation + cacheRead };
}

function share(name: string, family: ModelShare['family'], total: number, cost: number, ts: number, cs: number): ModelShare {
  return { name, family, tokens: tokens(0, 0, 0, total), costUSD: cost, tokenShare: ts, costShare: cs, priced: true };
}

function session(p: Partial<SessionSummary> & Pick<SessionSummary, 'sessionId' | 'project'>): SessionSummary {
  return {
    cwd: `/home/ana/src/${p.project}`,
    projectDir: `-home-ana-src-${p.project}`,
    machine: 'local',
    model: 'claude-sonnet-4-5-20250929',
    firstSeen: t('2026-11-25T12:05:00Z'),
    lastSeen: t('2026-11-25T14:29:00Z'),
    tokens: tokens(1000, 2000, 3000, 4000),
    costUSD: 1,
    windowTokens: 0,
    windowCostUSD: 0,
    tokensPerMinute: 0,
    costPerHour: 0,
    active: true,
    spiking: false,
    ...p,
  };
}

const SPARK = Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 0 : 10_000 + i * 1000));

/** The metrics with their window readouts and alert candidates made anew from the fields (after a test changed them). */
export function withReadouts(m: Omit<Metrics, 'readouts' | 'alertCandidates'>): Metrics {
  const readouts = {
    fiveHour: fiveHourReadout(m.activeBlock, null, m.official.fiveHour, m.limitHits, m.now),
    sevenDay: sevenDayReadout(m.week, m.official.sevenDay),
  };
  return { ...m, readouts, alertCandidates: alertCandidates({ ...m, readouts }) };
}

export function fixtureMetrics(): Metrics {
  return withReadouts(baseMetrics());
}

function baseMetrics(): Omit<Metrics, 'readouts' | 'alertCandidates'> {
  const now = t('2026-11-25T14:30:00Z');
  return {
    now,
    timeZone: 'UTC',
    since: '2026-10-01',
    demo: false,
    plan: { name: 'max', label: 'Max', feeUSD: 100, seats: 1, limitBasis: 'cost', priceMultiplier: 1, windows: ['five_hour', 'seven_day'] },
    loading: { done: true, filesRead: 412, filesTotal: 412, bytesRead: 9e8, bytesTotal: 9e8 },
    lastEventAt: now - 12_000,
    filesWatched: 412,
    burnRate: {
      windowMinutes: 10,
      tokensPerMinute: 68_400,
      costPerHour: 5.88,
      previousTokensPerMinute: 50_667,
      previousCostPerHour: 4.4,
      trendRatio: 1.35,
      sparkline: SPARK,
    },
    activeBlock: {
      start: t('2026-11-25T12:00:00Z'),
      end: t('2026-11-25T17:00:00Z'),
      firstEventAt: t('2026-11-25T12:04:00Z'),
      lastEventAt: now - 12_000,
      tokens: tokens(45_678, 300_000, 2_000_000, 10_000_000),
      costUSD: 16.8,
      msToReset: 9_000_000,
      projectedTokens: 23_100_000,
      projectedCostUSD: 31.5,
      usage: { basis: 'cost', used: 16.8, limit: 35, fraction: 0.48 },
      projectedUsed: 31.5,
      limitReachedAt: null,
    },
    blocks: [],
    windowLimit: { basis: 'cost', value: 35, source: 'p90', label: 'P90 of 12 windows' },
    days: [
      { date: '2026-11-23', tokens: tokens(10_000, 200_000, 1_000_000, 8_000_000), costUSD: 38.2, models: [], topModel: 'claude-sonnet-4-5-20250929', spike: false, fromStore: false },
      { date: '2026-11-24', tokens: tokens(20_000, 900_000, 3_000_000, 30_000_000), costUSD: 142.8, models: [], topModel: 'claude-opus-4-6', spike: true, fromStore: false },
      { date: '2026-11-25', tokens: tokens(45_678, 300_000, 2_000_000, 10_000_000), costUSD: 16.8, models: [], topModel: 'claude-opus-4-6', spike: false, fromStore: false },
    ],
    month: {
      month: '2026-11',
      tokens: tokens(1_000_000, 9_800_000, 60_000_000, 500_000_000),
      costUSD: 1230.4,
      planCoveredUSD: 1230.4,
      projectedCostUSD: 1476.48,
      dailyAverageUSD: 49.22,
      daysElapsed: 25,
      daysInMonth: 30,
      feeUSD: 100,
      valueMultiplier: 12.304,
      projectedValueMultiplier: 14.7648,
      breakEvenAt: t('2026-11-03T10:00:00Z'),
      daysToBreakEven: 0,
      heaviestDay: { date: '2026-11-24', costUSD: 142.8, feeMultiple: 1.428 },
      topDays: [{ date: '2026-11-24', costUSD: 142.8 }],
      byMachine: [],
    },
    models: {
      window: [
        share('Opus', 'Opus', 8_000_000, 14.28, 0.72, 0.85),
        share('Sonnet', 'Sonnet', 3_000_000, 2.35, 0.25, 0.14),
        share('Haiku', 'Haiku', 345_678, 0.17, 0.03, 0.01),
      ],
      month: [
        share('Opus', 'Opus', 400_000_000, 1045.84, 0.7, 0.85),
        share('Sonnet', 'Sonnet', 170_800_000, 184.56, 0.3, 0.15),
      ],
      monthByModel: [
        share('claude-opus-4-6', 'Opus', 400_000_000, 1045.84, 0.7, 0.85),
        share('claude-sonnet-4-5-20250929', 'Sonnet', 160_000_000, 184.56, 0.28, 0.15),
        { ...share('claude-future-9', 'Other', 10_800_000, 0, 0.02, 0), priced: false },
      ],
    },
    sessions: [
      session({ sessionId: 's1', project: 'src/api', windowTokens: 6_100_000, windowCostUSD: 9.1, tokensPerMinute: 20_000, costPerHour: 2.1 }),
      session({ sessionId: 's2', project: 'web-app', model: 'claude-opus-4-6', windowTokens: 5_400_000, windowCostUSD: 7.2, tokensPerMinute: 48_400, costPerHour: 3.78, spiking: true }),
      session({ sessionId: 's3', project: 'notes', active: false, windowTokens: 0, windowCostUSD: 0, costUSD: 12.5, lastSeen: t('2026-11-24T09:00:00Z') }),
    ],
    week: {
      start: now - 7 * 86_400_000,
      end: now,
      all: { tokens: tokens(300_000, 2_000_000, 1_000_000, 9_000_000), costUSD: 45.2 },
      opus: { tokens: tokens(200_000, 1_000_000, 500_000, 5_000_000), costUSD: 30.1 },
      sonnet: { tokens: tokens(100_000, 1_000_000, 500_000, 4_000_000), costUSD: 15.1 },
      limit: { basis: 'cost', value: 94, source: 'p90', label: 'estimate' },
      usage: { basis: 'cost', used: 45.2, limit: 94, fraction: 0.48 },
    },
    value: {
      feeUSD: 100,
      monthCostUSD: 1230.4,
      meteredCostUSD: 1230.4,
      projectedMeteredCostUSD: 1476.48,
      cheaper: 'plan',
      breakEvenOutputTokens: 4_000_000,
      breakEvenModel: 'claude-opus-4-6',
      outputTokensMonth: 9_800_000,
    },
    spikes: [{ sessionId: 's2', project: 'web-app', since: now - 120_000, tokensPerMinute: 48_400, baselinePerMinute: 9000, threshold: 27_000 }],
    alerts: [],
    limitHits: [],
    official: { fiveHour: null, sevenDay: null, windows: {} },
    windows: [],
    costPerPercent: {},
    drift: {},
    usageCredits: { month: '2026-11', fastModeUSD: 0, pastLimitUSD: 0, totalUSD: 0 },
    diagnostics: {
      filesRead: 412,
      linesRead: 90_000,
      badLines: 3,
      files: [{ file: '/home/ana/.claude/projects/x/a.jsonl', lines: 100, badLines: 3, samples: ['line 7: not JSON', 'line 9: missing usage'] }],
      unpricedModels: [{ model: 'claude-future-9', tokens: 1200 }],
      unreadableRoots: [{ path: '/home/ana/.config/claude', reason: 'EACCES' }],
      unreadableFiles: [],
      notices: [],
      afterClock: 0,
    },
    machines: [],
  };
}
