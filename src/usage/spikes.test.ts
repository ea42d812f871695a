import { MINUTE } from './time.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_SETTINGS, spikeState } from './spikes.js';
import { seriesOf } from '../../test/support/test-events.js';

const T0 = Date.UTC(2026, 10, 24, 12, 0);
/** 30 s into minute `i` (minute 0 = T0). */
const nowAt = (i: number) => T0 + i * MINUTE + 30_000;

function series(values: Record<number, number>) {
  return seriesOf(new Map(Object.entries(values).map(([i, v]) => [T0 + Number(i) * MINUTE, v])));
}

function range(from: number, to: number, value: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let i = from; i <= to; i++) out[i] = value;
  return out;
}

/*
 * A session at 10k tokens/min for an hour (minutes −60…−1), then 100k/min in minutes 0–9,
 * a dip (0) in 10–12, 100k again in 13–17, then nothing.
 * Baseline: median of its non-empty minutes = 10k (10k minutes stay the majority), so the
 * threshold is max(50k floor, 3 × 10k) = 50k. Rate = sum of the last 5 minutes ÷ 5:
 *   m1: 3×10k + 2×100k = 230k → 46k (off)   m2: 2×10k + 3×100k = 320k → 64k (on)
 *   m11: m7–m9 = 300k → 60k (on)   m12: m8,m9 → 40k   m13: m9,m13 → 40k   m14: m13,m14 → 40k  (3-minute dip)
 *   m15: 60k (on) … m19: m15–m17 = 300k → 60k (on, last)   m20: m16,m17 → 40k …   m22+: 0.
 */
const session = series({ ...range(-60, -1, 10_000), ...range(0, 9, 100_000), ...range(13, 17, 100_000) });
const everyone = session;
const state = (i: number) => spikeState(session, everyone, nowAt(i), DEFAULT_SPIKE_SETTINGS);

describe('spikeState', () => {
  it('off before the trailing rate passes the threshold', () => {
    expect(state(1)).toMatchObject({ spiking: false, since: null, tokensPerMinute: 46_000, baselinePerMinute: 10_000, threshold: 50_000 });
  });

  it('on once the 5-minute rate exceeds both the floor and 3× the baseline', () => {
    expect(state(2)).toMatchObject({ spiking: true, since: T0 + 2 * MINUTE, tokensPerMinute: 64_000, threshold: 50_000 });
  });

  it('held through a 3-minute dip under the threshold', () => {
    for (const i of [12, 13, 14]) {
      expect(state(i)).toMatchObject({ spiking: true, since: T0 + 2 * MINUTE, tokensPerMinute: 40_000 });
    }
    expect(state(15)).toMatchObject({ spiking: true, since: T0 + 2 * MINUTE, tokensPerMinute: 60_000 });
  });

  it('held during the fifth minute under the threshold, cleared once 5 whole minutes have passed under it', () => {
    // Last minute on: 19. Under: 20, 21, 22, 23, 24 → cleared from minute 25.
    expect(state(19).spiking).toBe(true);
    expect(state(24).spiking).toBe(true);
    expect(state(25)).toMatchObject({ spiking: false, since: null });
    expect(state(30).spiking).toBe(false);
  });

  it('not a spike when above the floor but under 3× its own baseline', () => {
    // Baseline 40k → threshold 120k; rate 100k.
    const s = series({ ...range(-60, -1, 40_000), ...range(0, 4, 100_000) });
    expect(spikeState(s, s, nowAt(4), DEFAULT_SPIKE_SETTINGS)).toMatchObject({ spiking: false, tokensPerMinute: 100_000, threshold: 120_000 });
  });

  it('not a spike under the absolute floor, however low the baseline', () => {
    // Baseline 1k → 3× = 3k, floor 50k; rate 45k.
    const s = series({ ...range(-60, -1, 1_000), ...range(0, 4, 45_000) });
    expect(spikeState(s, s, nowAt(4), DEFAULT_SPIKE_SETTINGS)).toMatchObject({ spiking: false, threshold: 50_000 });
  });

  it('a session with no minutes in its previous hour is measured against all sessions’ median', () => {
    const fresh = series(range(0, 4, 100_000)); // rate at minute 4: 100k
    // Everyone at 40k → threshold 120k: off.  Everyone at 25k → threshold 75k: on.
    const busy = series({ ...range(-60, -1, 40_000), ...range(0, 4, 100_000) });
    const calm = series({ ...range(-60, -1, 25_000), ...range(0, 4, 100_000) });
    expect(spikeState(fresh, busy, nowAt(4), DEFAULT_SPIKE_SETTINGS)).toMatchObject({ spiking: false, baselinePerMinute: 40_000, threshold: 120_000 });
    expect(spikeState(fresh, calm, nowAt(4), DEFAULT_SPIKE_SETTINGS)).toMatchObject({ spiking: true, baselinePerMinute: 25_000, threshold: 75_000 });
  });

  it('the median counts only non-empty minutes', () => {
    // 20 minutes of 20k in the hour before, 40 empty: median 20k (not 0) → threshold 60k; rate 55k: off.
    const s = series({ ...range(-30, -11, 20_000), ...range(0, 4, 55_000) });
    expect(spikeState(s, s, nowAt(4), DEFAULT_SPIKE_SETTINGS)).toMatchObject({ spiking: false, baselinePerMinute: 20_000, threshold: 60_000 });
  });
});
