import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsContext, type MetricsSettings } from './metrics.js';
import { bundledPriceTable } from './pricing.js';
import { DEFAULT_SPIKE_SETTINGS } from './spikes.js';
import { FUTURE_TOLERANCE_MS, MINUTE } from './time.js';
import { ingestOf, SONNET } from '../../test/support/test-events.js';

/*
 * One clock for every panel: usage up to 10 minutes ahead of the clock (a devbox whose clock
 * runs fast) counts as happening now — in the window, the burn rate, the 7-day line, the month
 * and session activity alike.
 * Given the clock at 12:00:30 and one Sonnet response at 12:06:00 (5.5 minutes ahead):
 * 100,000 in + 20,000 out = $0.30 + $0.30 = $0.60, 120,000 tokens.
 */
const NOW = Date.UTC(2026, 10, 24, 12, 0, 30);
const AHEAD = NOW + 5.5 * MINUTE;

const settings: MetricsSettings = {
  timeZone: 'UTC', historyStart: Date.UTC(2026, 10, 1), plan: 'max', feeUSD: 100, seats: 1, priceMultiplier: 1,
  limitBasis: 'cost', windowLimit: null, weeklyLimit: null, burnWindowMinutes: 10, spike: DEFAULT_SPIKE_SETTINGS,
  table: bundledPriceTable, clock: 'live',
};
const context: MetricsContext = {};

describe('a response slightly ahead of the clock', () => {
  const ingest = ingestOf([{ key: 'm1:r1', timestamp: AHEAD, sessionId: 's1', model: SONNET, tokens: { input: 100_000, output: 20_000 } }]);
  const m = computeMetrics(ingest.store, NOW, settings, context);

  it('counts in the window', () => {
    expect(m.activeBlock?.costUSD).toBeCloseTo(0.6, 12);
    expect(m.activeBlock?.tokens.total).toBe(120_000);
  });

  it('counts in the burn rate and the last cell of the sparkline, as now', () => {
    expect(m.burnRate.tokensPerMinute).toBe(12_000);
    expect(m.burnRate.costPerHour).toBeCloseTo((0.6 / 10) * 60, 12);
    expect(m.burnRate.sparkline[59]).toBe(120_000);
  });

  it('counts in the 7-day line, the month and the session, which is active', () => {
    expect(m.week.all.tokens.total).toBe(120_000);
    expect(m.month.costUSD).toBeCloseTo(0.6, 12);
    expect(m.sessions.map((s) => [s.sessionId, s.active, s.windowTokens, s.tokensPerMinute])).toEqual([['s1', true, 120_000, 12_000]]);
  });

  it('is not counted in the rates of a report at a fixed clock (no tolerance; the reader leaves it out too)', () => {
    const report = computeMetrics(ingest.store, NOW, { ...settings, clock: 'fixed' }, context);
    expect(report.burnRate.tokensPerMinute).toBe(0);
    expect(report.week.all.tokens.total).toBe(0);
    expect(report.sessions[0]?.tokensPerMinute).toBe(0);
  });

  it('a session spiking right now is flagged on the live clock (the tolerance does not move its trailing minutes)', () => {
    // 300,000 tokens a minute for the last 5 minutes, after a quiet hour: over the 50,000 floor and 3× any baseline.
    const burst = Array.from({ length: 5 }, (_, i) => ({
      key: `b${i}:r${i}`, timestamp: NOW - i * MINUTE, sessionId: 'hot', model: SONNET, tokens: { input: 300_000 },
    }));
    const hot = computeMetrics(ingestOf(burst).store, NOW, settings, context);
    expect(hot.spikes.map((s) => s.sessionId)).toEqual(['hot']);
  });
});
