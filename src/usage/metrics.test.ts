import { describe, expect, it } from 'vitest';
import { computeMetrics, unpricedModels, type MetricsContext, type MetricsSettings } from './metrics.js';
import { bundledPriceTable } from './pricing.js';
import { DEFAULT_SPIKE_SETTINGS } from './spikes.js';
import { HAIKU, ingestOf, OPUS, SONNET, type EventOverrides } from '../../test/support/test-events.js';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);
const NOW = at(12, 0, 30);

/*
 * Per M: Sonnet 4.5 $3 in / $15 out; Opus 4.5 $5 / $25; Haiku 4.5 $1 / $5.
 *  s3 03:00     Haiku  1,000,000 in                 = $1.00   (block 03:00–08:00, completed)
 *  s1 10:30     Sonnet 100,000 in + 20,000 out      = 0.30 + 0.30 = $0.60
 *  s1 11:55:10  Opus   10,000 in + 4,000 out        = 0.05 + 0.10 = $0.15
 *  s2 11:58     Sonnet 20,000 in + 2,000 out        = 0.06 + 0.03 = $0.09
 *  s1 12:00:10  Sonnet streaming copies, output 1 → 1,000 = $0.015
 * Active block 10:00–15:00: 157,000 tokens, $0.855.
 */
const EVENTS: EventOverrides[] = [
  { key: 'm4:r4', timestamp: at(3, 0), sessionId: 's3', model: HAIKU, tokens: { input: 1_000_000 } },
  { key: 'm1:r1', timestamp: at(10, 30), sessionId: 's1', model: SONNET, tokens: { input: 100_000, output: 20_000 } },
  { key: 'm2:r2', timestamp: at(11, 55, 10), sessionId: 's1', model: OPUS, tokens: { input: 10_000, output: 4_000 } },
  { key: 'm3:r3', timestamp: at(11, 58), sessionId: 's2', model: SONNET, tokens: { input: 20_000, output: 2_000 }, cwd: '/w/other' },
  { key: 'm5:r5', timestamp: at(12, 0, 10), sessionId: 's1', model: SONNET, tokens: { output: 1 } },
  { key: 'm5:r5', timestamp: at(12, 0, 10), sessionId: 's1', model: SONNET, tokens: { output: 1_000 } },
];

const settings: MetricsSettings = {
  timeZone: 'UTC', historyStart: Date.UTC(2026, 10, 1), plan: 'max', feeUSD: 100, seats: 1, priceMultiplier: 1,
  limitBasis: 'cost', windowLimit: null, weeklyLimit: 'auto', burnWindowMinutes: 10, spike: DEFAULT_SPIKE_SETTINGS,
  table: bundledPriceTable,
};
const context: MetricsContext = {};

describe('computeMetrics', () => {
  const ingest = ingestOf(EVENTS);
  const m = computeMetrics(ingest.store, NOW, settings, context);

  it('burn rate over 11:51–12:00', () => {
    // 14,000 + 22,000 + 1,000 = 37,000 tokens / 10 = 3,700/min; $0.255 / 10 × 60 = $1.53/h
    expect(m.burnRate.tokensPerMinute).toBe(3_700);
    expect(m.burnRate.costPerHour).toBeCloseTo(1.53, 12);
    expect(m.burnRate.sparkline[59]).toBe(1_000);
  });

  it('active block: totals, projection, limit', () => {
    const b = m.activeBlock!;
    expect(b).toMatchObject({ start: at(10, 0), end: at(15, 0), firstEventAt: at(10, 30), lastEventAt: at(12, 0, 10), msToReset: 10_770_000 });
    expect(b.tokens).toEqual({ input: 130_000, output: 27_000, cacheCreation: 0, cacheRead: 0, total: 157_000 });
    expect(b.costUSD).toBeCloseTo(0.855, 12);
    // 157,000 + 3,700 × 179.5 = 157,000 + 664,150
    expect(b.projectedTokens).toBeCloseTo(821_150, 6);
    // 0.855 + 0.0255 × 179.5 = 0.855 + 4.57725
    expect(b.projectedCostUSD).toBeCloseTo(5.43225, 12);
    expect(m.windowLimit).toEqual({ basis: 'cost', value: 35, source: 'preset', label: 'estimate' });
    expect(b.usage.fraction).toBeCloseTo(0.855 / 35, 12);
    // (35 − 0.855) ÷ ($1.53 / 3.6e6 ms) ≈ 22.3 h: not before the reset
    expect(b.limitReachedAt).toBeNull();
    expect(m.blocks.map((x) => [x.start, x.costUSD])).toEqual([[at(3, 0), 1]]);
  });

  it('sessions: spiking/recent order, window tokens, $/h, active', () => {
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['s1', 's2', 's3']);
    const [s1, s2, s3] = m.sessions;
    // s1: 120,000 + 14,000 + 1,000; $0.765; burn window: 15,000 tokens, $0.165 → 1,500/min, $0.99/h
    expect(s1).toMatchObject({ windowTokens: 135_000, tokensPerMinute: 1_500, active: true, model: SONNET, spiking: false });
    expect(s1!.costUSD).toBeCloseTo(0.765, 12);
    expect(s1!.costPerHour).toBeCloseTo(0.99, 12);
    // s2: 22,000 tokens; $0.09 → 2,200/min, $0.54/h
    expect(s2).toMatchObject({ project: 'w/other', windowTokens: 22_000, tokensPerMinute: 2_200, active: true });
    expect(s2!.costPerHour).toBeCloseTo(0.54, 12);
    // s3: last seen 03:00, before the block
    expect(s3).toMatchObject({ windowTokens: 0, tokensPerMinute: 0, active: false });
    expect(m.spikes).toEqual([]);
  });

  it('models by family in the window and the month', () => {
    expect(m.models.window.map((r) => [r.name, r.tokens.total])).toEqual([['Sonnet', 143_000], ['Opus', 14_000]]);
    expect(m.models.window[0]!.costShare).toBeCloseTo(0.705 / 0.855, 12);
    expect(m.models.month.map((r) => [r.name, r.tokens.total])).toEqual([['Haiku', 1_000_000], ['Sonnet', 143_000], ['Opus', 14_000]]);
    expect(m.models.monthByModel.map((r) => r.name)).toEqual([HAIKU, SONNET, OPUS]);
  });

  it('month, week and value', () => {
    expect(m.days.map((d) => d.date)).toEqual(['2026-11-24']);
    expect(m.month.costUSD).toBeCloseTo(1.855, 12);
    // The history has half a day (usage only since Nov 24 00:00): the average divides by that,
    // at least one day, not by 7: $1.855 / 1; days left: (Dec 1 − 12:00:30 Nov 24) = 561,570 s
    expect(m.month.dailyAverageUSD).toBeCloseTo(1.855, 12);
    expect(m.month.projectedCostUSD).toBeCloseTo(1.855 + 1.855 * (561_570 / 86_400), 12);
    expect(m.month.valueMultiplier).toBeCloseTo(0.01855, 12);
    expect(m.week.all.tokens.total).toBe(1_157_000);
    expect(m.week.opus.costUSD).toBeCloseTo(0.15, 12);
    expect(m.week.sonnet.tokens.total).toBe(143_000);
    // History from Nov 1: only 2 complete past weeks → no auto weekly limit
    expect(m.week.limit.source).toBe('none');
    // Main priced model of the month by cost: Haiku ($5/M out) → $100 / $5 × 1e6
    expect(m.value).toMatchObject({ cheaper: 'api', breakEvenModel: HAIKU, breakEvenOutputTokens: 20_000_000 });
    expect(m.plan).toEqual({ name: 'max', label: 'Max', feeUSD: 100, seats: 1, limitBasis: 'cost', priceMultiplier: 1, windows: ['five_hour', 'seven_day'] });
    expect(m.since).toBe('2026-11-01');
    expect(m.lastEventAt).toBe(at(12, 0, 10));
  });

  it('a limit hit in the block sets the window limit to the usage at the hit', () => {
    const withHit = ingestOf(EVENTS);
    withHit.addLimitHit({ timestamp: at(11, 56), kind: 'five_hour', resetsAt: at(15, 0), text: 'limit', sessionId: 's1', file: 'f' });
    const h = computeMetrics(withHit.store, NOW, settings, context);
    // usage up to 11:56: $0.60 + $0.15
    expect(h.limitHits[0]!.usedAtHit).toBeCloseTo(0.75, 12);
    expect(h.windowLimit).toMatchObject({ source: 'hits', label: 'usage at 1 limit hit' });
    expect(h.windowLimit.value).toBeCloseTo(0.75, 12);
    // already over: reached "now"
    expect(h.activeBlock!.limitReachedAt).toBe(NOW);
  });

  it('idle: no active block after the window ends', () => {
    const later = computeMetrics(ingest.store, at(15, 0), settings, context);
    expect(later.activeBlock).toBeNull();
    expect(later.blocks).toHaveLength(2);
    expect(later.sessions.every((s) => !s.active)).toBe(true);
  });

  it('unpriced models are listed for the diagnostics', () => {
    const u = ingestOf([...EVENTS, { key: 'x:y', timestamp: at(12, 0), model: 'claude-mystery-1', tokens: { input: 7 } }]);
    expect(unpricedModels(u.store)).toEqual([{ model: 'claude-mystery-1', tokens: 7 }]);
  });

  it('a measured percent sets the 5-hour limit: 100 × $/% (the window readings, in the cost basis)', () => {
    // 10 % at 10:20 and 25 % at 11:57: $0.60 (10:30) + $0.15 (11:55) bought 15 points, $0.05 a percent; the limit $5.00.
    const reading = (minute: number, usedPercent: number) => ({
      at: at(10, 0) + minute * 60_000, sessionId: 's1', model: null, sessionCostUSD: null, sevenDay: null,
      fiveHour: { usedPercent, resetsAt: at(15, 0) },
    });
    const measured = computeMetrics(ingest.store, NOW, settings, { officialReadings: [reading(20, 10), reading(117, 25)] });
    expect(measured.costPerPercent.five_hour?.current).toBeCloseTo(0.05, 12);
    expect(measured.windowLimit).toMatchObject({ basis: 'cost', source: 'calibrated', label: '100 × $0.05 a percent' });
    expect(measured.windowLimit.value).toBeCloseTo(5, 10);
    // In another basis the reading's own calibration stands.
    const io = computeMetrics(ingest.store, NOW, { ...settings, limitBasis: 'io' }, { officialReadings: [reading(20, 10), reading(117, 25)] });
    expect(io.windowLimit.label).not.toContain('a percent');
  });
});

