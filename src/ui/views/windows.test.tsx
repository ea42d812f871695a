import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { WindowsView } from './WindowsView.js';
import { LiveView } from './LiveView.js';
import { renderPlainText } from './plain-text.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import { layoutFor } from '../kit/layout.js';
import type { WindowRecord } from '../../usage/window-history-types.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

function lines(tree: ReactElement, width: number, height = 60): string[] {
  const r = renderAt(tree, width, height);
  rendered.push(r);
  return r.lastFrame().split('\n');
}

const at = (iso: string) => Date.parse(`2026-12-${iso}Z`);

/** The hand-computed windows of usage/window-history.test.ts: A off-peak ($16, $0.60/%), B at peak (hit at 17:05). */
const base = { firstAt: 0, firstPercent: 0, lastAt: 0, lastPercent: 0, tokens: 0, peakCostPerPercent: null, offPeakCostPerPercent: null };
const WINDOWS: WindowRecord[] = [
  { ...base, key: 'seven_day', start: at('01T00:00') - 3 * 86_400_000, end: at('05T00:00') + 3 * 86_400_000, peakPercent: 41.2, costUSD: 120, hit: false, hitAt: null, costPerPercent: null, open: true },
  { ...base, key: 'five_hour', start: at('01T14:00'), end: at('01T19:00'), peakPercent: 100, costUSD: 43, hit: true, hitAt: at('01T17:05'), costPerPercent: 0.4, open: true },
  { ...base, key: 'five_hour', start: at('01T07:00'), end: at('01T12:00'), peakPercent: 30, costUSD: 16, hit: false, hitAt: null, costPerPercent: 0.6, open: false },
];
const DRIFT = {
  five_hour: { before: 0.41, after: 0.29, changePercent: -29.3, since: at('03T09:00'), beforeFrom: Date.parse('2026-11-20T10:00Z'), beforeTo: Date.parse('2026-11-30T20:00Z') },
  seven_day: null,
};

describe('the windows view (5)', () => {
  it('lists the windows newest first with peak % and $ bars, $/% and hits, the drift on top', () => {
    const out = lines(<WindowsView windows={WINDOWS} drift={DRIFT} timeZone="UTC" width={100} height={20} color={false} />, 100);
    expect(out).toEqual([
      expect.stringMatching(/^─ Windows \(3\) · newest first ─+$/),
      '⚠ a 5-hour window bought $41.00 (Nov 20–30), $29.00 since Dec 3 (−29 %)',
      "Anthropic's readings; $ is local spend counted toward the plan (fast mode excluded) on the machines",
      'cctop reads; $/% between the first and last reading, when 5 points apart',
      // Peak bars: 41.2 % of 10 cells = 4.12 → ████ and an eighth (4.12 × 8 = 32.96 → 33 eighths); 100 % → 10 cells; 30 % → ███.
      // $ bars against the costliest ($120): $43 → 3.58 cells (28.7 → 29 eighths: ███▋); $16 → 1.33 (10.7 → 11 eighths: █▍).
      'window span                      peak              spent              $/% hit',
      'weekly Nov 28 00:00–Dec 8 00:00  41 % ████▏      $120.00 ██████████     — open',
      '5-hour Dec 1 14:00–19:00        100 % ██████████  $43.00 ███▋       $0.40 ⛔ 17:05',
      '5-hour Dec 1 07:00–12:00         30 % ███         $16.00 █▍         $0.60',
    ]);
  });

  it('says how windows get recorded when there are none', () => {
    const out = lines(<WindowsView windows={[]} drift={{}} timeZone="UTC" width={80} height={10} color={false} />, 80).map((l) => l.trimEnd());
    expect(out.slice(1, 4)).toEqual([
      'No official readings yet. cctop learns your windows from Anthropic\'s own',
      'percentages, which Claude Code passes to its statusline command:',
      '  cctop statusline --print-config',
    ]);
  });
});

describe('an account without a 5-hour limit (Ultra, or a reading without five_hour)', () => {
  const ultra = (): Metrics => {
    const m = fixtureMetrics();
    return {
      ...m,
      plan: { ...m.plan, name: 'ultra', label: 'Ultra', feeUSD: 200, windows: ['seven_day'] },
      official: { ...m.official, windows: { seven_day: { usedPercent: 41.2, resetsAt: m.now + 2 * 86_400_000, recordedAt: m.now - 60_000, ageMs: 60_000, stale: false }, seven_day_opus: { usedPercent: 63.5, resetsAt: m.now + 2 * 86_400_000, recordedAt: m.now - 60_000, ageMs: 60_000, stale: false } } },
      readouts: { ...m.readouts, sevenDay: { ...m.readouts.sevenDay, source: 'official', fraction: 0.412, resetsAt: m.now + 2 * 86_400_000, limitAt: null, limitReached: false } },
      costPerPercent: { seven_day: { current: 1.5, median: 1.5, peak: null, offPeak: 1.25, windows: 4 } },
      usageCredits: { month: '2026-11', fastModeUSD: 9.1, pastLimitUSD: 3.3, totalUSD: 12.4 },
    };
  };

  it('sees the weekly window first, what a percent buys, the per-model window, and no 5-hour panel', () => {
    const out = lines(<LiveView metrics={ultra()} layout={layoutFor(80, 40)} height={38} color={false} />, 80, 40).map((l) => l.trimEnd());
    expect(out.some((l) => l.startsWith('─ 5-hour window'))).toBe(false);
    const start = out.findIndex((l) => l.startsWith('─ Weekly window · no 5-hour limit'));
    expect(start).toBeGreaterThan(0);
    expect(out.slice(start + 1, start + 7)).toEqual([
      expect.stringMatching(/^official █+░+ 41 %$/),
      '7 days 12.3M tok · $45.20 (Opus $30.10)',
      'resets Nov 27 14:30 · in 2d 0h',
      'limit: not at this rate',
      '1 % ≈ $1.50 · off-peak $1.25 (local $)',
      'weekly Opus 64 %',
    ]);
    // The money on top of the fee, in the month panel.
    const credits = out.indexOf('on top of the fee ~$12.40 in usage credits (fast mode $9.10, past the limit');
    expect(out.slice(credits, credits + 2)).toEqual(['on top of the fee ~$12.40 in usage credits (fast mode $9.10, past the limit', '  $3.30)']);
  });

  it('the plain snapshot (cctop | cat) leads with the weekly window too, and says the usage credits', () => {
    const text = renderPlainText(ultra(), 80).split('\n');
    expect(text.slice(1, 3)).toEqual(['weekly window (no 5-hour limit): official 41 % · resets Nov 27 14:30', '  1 % ≈ $1.50 (local spend)']);
    expect(text.some((l) => l.startsWith('5-hour window'))).toBe(false);
    const at = text.indexOf('  on top of the fee ~$12.40 in usage credits (fast mode $9.10, past the limit');
    expect(text.slice(at, at + 2)).toEqual(['  on top of the fee ~$12.40 in usage credits (fast mode $9.10, past the limit', '    $3.30)']);
  });
});
