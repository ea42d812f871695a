import { describe, expect, it } from 'vitest';
import { fixtureMetrics, withReadouts } from '../../test/support/fixture-metrics.js';
import type { OfficialWindow } from '../usage/window-types.js';
import { toSnapshot } from './snapshot.js';
import type { Metrics } from '../engine/types.js';

const T = Date.parse('2026-11-25T14:30:00Z');

const official = (recordedAt: number): OfficialWindow => ({
  usedPercent: 40, resetsAt: T + 3_600_000, recordedAt, ageMs: 60_000, stale: false,
  impliedLimit: 30, impliedLimitMedian: 31, projectedFullAt: T + 1_800_000,
});

/** Metrics with every instant field filled in (none null, every list with an entry). */
function fullMetrics(): Metrics {
  const { readouts: _, ...m } = fixtureMetrics();
  const block = { ...m.activeBlock!, limitReachedAt: T + 600_000 };
  return withReadouts({
    ...m,
    activeBlock: block,
    blocks: [{ start: T - 10 * 3_600_000, end: T - 5 * 3_600_000, firstEventAt: T - 9 * 3_600_000, lastEventAt: T - 6 * 3_600_000, tokens: block.tokens, costUSD: 3 }],
    alerts: [{ id: 'w80', kind: 'window80', firedAt: T - 5000 }],
    limitHits: [{ at: T - 60_000, kind: 'five_hour', resetsAt: T + 3_600_000, usedAtHit: 35, text: 'limit' }],
    official: { fiveHour: official(T - 60_000), sevenDay: official(T - 120_000), windows: {} },
    machines: [{ machine: 'devbox', state: 'live', lagMs: 2000, message: null }],
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The paths of the ISO-8601 strings in a snapshot, list indexes as `[]`. */
function instantPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return ISO.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v) => instantPaths(v, `${path}[]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => instantPaths(v, path ? `${path}.${k}` : k));
  return [];
}

describe('the snapshot', () => {
  it('writes exactly the instants as ISO-8601 strings, every other number as it is', () => {
    const snapshot = toSnapshot(fullMetrics());
    expect([...new Set(instantPaths(snapshot))].sort()).toEqual([
      'activeBlock.end', 'activeBlock.firstEventAt', 'activeBlock.lastEventAt', 'activeBlock.limitReachedAt', 'activeBlock.start',
      'alerts[].firedAt',
      'blocks[].end', 'blocks[].firstEventAt', 'blocks[].lastEventAt', 'blocks[].start',
      'inForce.fiveHour.limitAt', 'inForce.fiveHour.resetsAt', 'inForce.sevenDay.limitAt', 'inForce.sevenDay.resetsAt',
      'lastEventAt', 'limitHits[].at', 'limitHits[].resetsAt', 'limits.hits[].at', 'limits.hits[].resetsAt',
      'month.breakEvenAt', 'now',
      'official.fiveHour.projectedFullAt', 'official.fiveHour.recordedAt', 'official.fiveHour.resetsAt',
      'official.sevenDay.projectedFullAt', 'official.sevenDay.recordedAt', 'official.sevenDay.resetsAt',
      'sessions[].firstSeen', 'sessions[].lastSeen', 'spikes[].since', 'week.end', 'week.start',
    ]);
    expect(snapshot).toMatchObject({
      now: '2026-11-25T14:30:00.000Z',
      official: { fiveHour: { ageMs: 60_000, recordedAt: '2026-11-25T14:29:00.000Z' } },
      machines: [{ lagMs: 2000 }],
      alerts: [{ id: 'w80', kind: 'window80', firedAt: '2026-11-25T14:29:55.000Z', message: expect.stringContaining('5-hour window') }],
    });
  });

  it('leaves the screen-only readouts out and writes a non-finite number as null', () => {
    const m = fullMetrics();
    m.burnRate.trendRatio = Infinity;
    const snapshot = toSnapshot(m) as Record<string, unknown>;
    expect(snapshot).not.toHaveProperty('readouts');
    expect(snapshot.burnRate).toMatchObject({ trendRatio: null, tokensPerMinute: 68_400 });
  });
});
