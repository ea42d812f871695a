import { afterEach, describe, expect, it } from 'vitest';
import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { App } from './App.js';
import { fitPanels, layoutFor } from '../kit/layout.js';
import { Lines } from '../kit/Lines.js';
import { grantedLines, livePanels } from '../panels/live-panels.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

/**
 * The fixture's moment (its clock fixed at 2026-11-25 14:30 UTC) with a window that has a shape
 * ($16.80 over its first 150 minutes), 30 days of cost with two spikes, and `active` sessions.
 */
function chartMetrics(active = 2): Metrics {
  const m = fixtureMetrics();
  const weights = Array.from({ length: 151 }, (_, i) => (i < 20 ? 0 : (i % 7) + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const perMinute = weights.map((w) => (w * 16.8) / total);
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 9, 27 + i)).toISOString().slice(0, 10);
    const spike = i === 12 || i === 28;
    return { ...m.days[0]!, date, costUSD: spike ? 142.8 : 10 + ((i * 13) % 40), spike };
  });
  const sessions = Array.from({ length: active }, (_, i) => ({ ...m.sessions[0]!, sessionId: `sess${i}000-x`, project: `p${i}`, costPerHour: active - i }));
  return { ...m, days, sessions, readouts: { ...m.readouts, fiveHour: { ...m.readouts.fiveHour, perMinute } } };
}

async function frame(m: Metrics, columns: number, rows: number): Promise<string[]> {
  const r = renderAt(<App source={{ subscribe: () => () => {}, getSnapshot: () => m }} actions={{ cyclePlan() {}, quit() {} }} color={false} />, columns, rows);
  rendered.push(r);
  await r.settle();
  return r.lastFrame().split('\n');
}

/** Rows with nothing on them between the header's first row and the footer (its key help row). */
function emptyRows(lines: string[]): number {
  const footer = lines.findIndex((l) => l.startsWith('1 live') || l.startsWith('1-5 views'));
  return lines.slice(1, footer).filter((l) => l.trim() === '').length;
}

const SIZES = [
  [50, 20],
  [80, 24],
  [120, 40],
  [200, 60],
] as const;

describe('the live view uses the screen', () => {
  it.each([
    [120, 40],
    [200, 60],
  ])('leaves at most 3 empty rows at %i×%i, with 2 or 8 active sessions', async (columns, rows) => {
    for (const active of [2, 8]) {
      const lines = await frame(chartMetrics(active), columns, rows);
      expect(emptyRows(lines), lines.join('\n')).toBeLessThanOrEqual(3);
      // Every session is listed: the charts gave way.
      expect(lines.join('\n')).not.toContain('more');
    }
  });

  it.each(SIZES)('never cuts a panel without a word at %i×%i: whole, dropped, a chart drawn to its rows, or "… N more"', (columns, rows) => {
    for (const active of [2, 8]) {
      const layout = layoutFor(columns, rows);
      const panels = livePanels(chartMetrics(active), layout, false);
      const granted = fitPanels(panels.map((p) => p.spec), layout.mode, rows - 3);
      for (const p of panels) {
        const n = granted[p.spec.id] ?? 0;
        if (p.draw || n === 0 || n >= p.lines.length) continue;
        const shown = renderToString(<Lines lines={grantedLines(p, n)} />, { columns }).split('\n');
        expect(shown.at(-1), p.spec.id).toMatch(/^… \d+ (more|active sessions)/);
      }
      // The charts are the first to go: while one is shown, no other panel is dropped.
      const dropped = panels.filter((p) => !p.draw && p.lines.length > 0 && granted[p.spec.id] === 0);
      const charts = panels.filter((p) => p.draw && (granted[p.spec.id] ?? 0) > 0);
      expect(dropped.length === 0 || charts.length === 0, `${dropped.map((p) => p.spec.id)} dropped beside ${charts.map((p) => p.spec.id)}`).toBe(true);
    }
  });

  it('draws both charts as text at 120×40 without colour: the window against the pace, the days against the fee', async () => {
    const lines = await frame(chartMetrics(), 120, 40);
    const text = lines.join('\n');
    expect(text).toContain('─ Window use █ vs even pace ⠒ to the limit at 17:00 ─');
    expect(text).toMatch(/─ Cost per day · . fee per day \$3\.33 · ⚠ spike ─/);
    expect(text).toContain('⚠Nov 24');
    expect(text).toContain('▲ now 14:30');
  });

  it('shrinks the charts to the pane at 50 columns when rows allow, and drops them at 50×20', async () => {
    expect((await frame(chartMetrics(), 50, 20)).join('\n')).not.toMatch(/Window use|█ used|Cost per day/);
    const tall = await frame(chartMetrics(), 50, 60);
    for (const line of tall) expect(stringWidth(line), line).toBeLessThanOrEqual(50);
    expect(tall.join('\n')).toContain('─ █ used vs ⠒ even pace to the limit ─');
    expect(tall.join('\n')).toMatch(/─ Cost per day · . fee per day \$3\.33 · ⚠ spike ─/);
  });
});
