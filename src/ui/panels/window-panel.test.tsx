import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { LimitHitSummary, OfficialWindow } from '../../usage/window-types.js';
import { fiveHourReadout } from '../../usage/readouts.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { Lines } from '../kit/Lines.js';
import { windowLines } from './window-panel.js';

type WindowInput = Parameters<typeof windowLines>[0];

/** Panel input at the fixture moment; the readout is made from the block, the official reading and the hits given. */
function props(over: Partial<WindowInput> & { official?: OfficialWindow; hits?: LimitHitSummary[] } = {}): WindowInput {
  const m = fixtureMetrics();
  const { official = null, hits = [], ...rest } = over;
  const block = 'block' in rest ? rest.block! : m.activeBlock;
  const readout = fiveHourReadout(block ?? null, null, official, hits, m.now);
  return { block, readout, limit: m.windowLimit, now: m.now, timeZone: m.timeZone, width: 80, color: false, ...rest };
}

/** The window panel as the screen shows it. */
function frame(p: WindowInput): string {
  return renderToString(<Lines lines={windowLines(p)} />, { columns: p.width });
}

const official = (over: Partial<OfficialWindow> = {}): OfficialWindow => ({
  usedPercent: 62,
  resetsAt: Date.parse('2026-11-25T17:00:00Z'),
  recordedAt: Date.parse('2026-11-25T14:29:00Z'),
  ageMs: 60_000,
  stale: false,
  impliedLimit: 27,
  impliedLimitMedian: 27,
  projectedFullAt: null,
  ...over,
});

describe('window panel', () => {
  it.each([120, 80, 50])('shows the window at %i columns', (width) => {
    const lines = frame(props({ width })).split('\n');
    expect(lines[0]).toMatch(/^─ 5-hour window 12:00–17:00 ─+$/);
    expect(lines[0]).toHaveLength(width);
    // Given 48 % of the estimated limit, the bar fills 48 % of its cells.
    const bar = lines[1]!;
    expect(bar.endsWith(' 48 %')).toBe(true);
    const cells = width - 5;
    expect(bar).toBe(`${'█'.repeat(Math.round(0.48 * cells))}${'░'.repeat(cells - Math.round(0.48 * cells))} 48 %`);
    expect(lines.slice(2)).toEqual([
      '$16.80 of $35.00 · P90 of 12 windows',
      'used 12.3M tok · $16.80',
      'resets 17:00 · in 2h 30m',
      'at reset ~23.1M tok · $31.50',
      'limit: not at this rate',
    ]);
  });

  it('warns with the clock time when the limit is hit before the reset', () => {
    const m = fixtureMetrics();
    const block = { ...m.activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') };
    expect(frame(props({ block }))).toContain('⚠ limit at 16:05 (in 1h 35m)');
  });

  it('says so when there is no activity in the window', () => {
    expect(frame(props({ block: null }))).toContain('no activity in the current window');
  });

  it('shows the official reading first and labels the local one "estimate"', () => {
    const lines = frame(props({ official: official() })).split('\n');
    expect(lines[1]).toMatch(/^official █+░+ 62 %$/);
    expect(lines[2]).toMatch(/^estimate █+░+ 48 %$/);
  });

  it('marks a stale official reading and keeps the estimate primary', () => {
    const text = frame(props({ official: official({ stale: true, ageMs: 14 * 60_000 }) }));
    expect(text).toContain('official 62 % · stale (14m old)');
    expect(text).not.toMatch(/^estimate/m);
  });

  it('flags usage over the limit', () => {
    const m = fixtureMetrics();
    const block = { ...m.activeBlock!, usage: { basis: 'cost' as const, used: 42, limit: 35, fraction: 1.2 } };
    expect(frame(props({ block, width: 50 })).split('\n')[1]).toMatch(/^█+ 120 % over$/);
  });

  it('shows a real limit hit of this window with the reset it named', () => {
    const hit = { at: Date.parse('2026-11-25T13:10:00Z'), kind: 'five_hour' as const, resetsAt: Date.parse('2026-11-25T17:00:00Z'), usedAtHit: 31.2, text: "You've hit your session limit" };
    expect(frame(props({ hits: [hit] })).split('\n')[1]).toBe('⛔ limit hit 13:10 · resets 17:00');
    // A hit of an earlier window whose reset has passed is not shown.
    const old = { ...hit, at: Date.parse('2026-11-25T06:00:00Z'), resetsAt: Date.parse('2026-11-25T10:00:00Z') };
    expect(frame(props({ hits: [old] }))).not.toContain('limit hit');
  });
});
