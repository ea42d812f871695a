import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import type { MonitorSource } from './source.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

/** A source whose snapshot tests can replace and emit. */
function fakeSource(initial: Metrics): MonitorSource & { set(m: Metrics): void } {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSnapshot: () => current,
    set(m) {
      current = m;
      listeners.forEach((l) => l());
    },
  };
}

async function start(columns: number, rows: number, metrics = fixtureMetrics(), color = false) {
  const source = fakeSource(metrics);
  const actions = { cyclePlan: vi.fn(), quit: vi.fn() };
  const r = renderAt(<App source={source} actions={actions} color={color} banner={null} />, columns, rows);
  rendered.push(r);
  await r.settle();
  return { ...r, source, actions };
}

const lineCount = (frame: string) => frame.split('\n').length;
const TOO_SMALL = 'terminal too small (need 40×15)';

describe('App layout', () => {
  it('shows two columns at 120 columns', async () => {
    const { lastFrame } = await start(120, 40);
    expect(lastFrame()).toMatch(/─ 5-hour window 12:00–17:00 ─+ {2}─ Month Nov 2026 ─+/);
  });

  it('stacks panels in one column at 80 columns', async () => {
    const { lastFrame } = await start(80, 40);
    const lines = lastFrame().split('\n');
    expect(lines.findIndex((l) => l.startsWith('─ 5-hour window'))).toBeLessThan(lines.findIndex((l) => l.startsWith('─ Month')));
    expect(lastFrame()).toContain('─ Model mix');
  });

  it('keeps bar, burn rate, reset and month projection in the 50×15 digest', async () => {
    const { lastFrame } = await start(50, 15);
    const frame = lastFrame();
    expect(frame).toMatch(/█+░+ 48 %/);
    expect(frame).toContain('burn 68.4k tok/min · $5.88/h · ▲ +35%');
    expect(frame).toContain('resets 17:00 · in 2h 30m');
    expect(frame).toContain('month $1,230 → ~$1,476 · 12.3× fee');
    expect(frame.split('\n').at(-2)).toBe('1-5 views d diag p plan ? help q quit');
  });

  it.each([
    [120, 40],
    [120, 20],
    [80, 24],
    [80, 15],
    [60, 18],
    [50, 15],
    [40, 15],
  ])('never draws more rows than the terminal has at %i×%i', async (columns, rows) => {
    const { lastFrame } = await start(columns, rows);
    expect(lineCount(lastFrame())).toBeLessThanOrEqual(rows);
    expect(lastFrame()).toContain('q quit');
  });

  it.each([
    [80, 20],
    [50, 15],
  ])('keeps every view within %i×%i', async (columns, rows) => {
    const r = await start(columns, rows);
    for (const key of ['2', '3', '4', 'd', '?']) {
      r.stdin.write(key);
      await r.settle();
      expect(lineCount(r.lastFrame())).toBeLessThanOrEqual(rows);
    }
  });

  it('says the terminal is too small below 40×15', async () => {
    const { lastFrame } = await start(39, 20);
    expect(lastFrame()).toBe(TOO_SMALL);
  });

  it('follows resize events', async () => {
    const r = await start(120, 40);
    r.stdout.resize(50, 15);
    await r.settle();
    expect(r.lastFrame()).toContain('burn 68.4k tok/min');
    expect(lineCount(r.lastFrame())).toBeLessThanOrEqual(15);
    r.stdout.resize(30, 15);
    await r.settle();
    expect(r.lastFrame().replace('\n', ' ')).toBe(TOO_SMALL);
  });

  it('re-renders when the source emits', async () => {
    const r = await start(80, 40);
    r.source.set({ ...fixtureMetrics(), now: Date.parse('2026-11-25T14:31:09Z') });
    await r.settle();
    expect(r.lastFrame()).toContain('UTC 14:31');
  });

  it('shows the alert banner at the top', async () => {
    const m = { ...fixtureMetrics(), alerts: [{ id: 'w80', kind: 'window80' as const, firedAt: 0 }] };
    const { lastFrame } = await start(80, 40, m);
    expect(lastFrame().split('\n').slice(2, 5).join('\n')).toContain('│ ⚠ 48 % of the 5-hour window used · resets 17:00');
  });
});

describe('App keys', () => {
  it('switches views with 1 2 3 4 d ?', async () => {
    const r = await start(80, 30);
    const cases: [string, string][] = [
      ['2', '─ Days (3)'],
      ['3', '─ Sessions (3) · sorted by cost'],
      ['4', '─ Models this month'],
      ['d', '─ Diagnostics'],
      ['?', '─ Help'],
      ['1', '─ 5-hour window'],
    ];
    for (const [key, title] of cases) {
      r.stdin.write(key);
      await r.waitForContent(title);
    }
  });

  it('sorts sessions by cost or by $/h with s', async () => {
    const r = await start(80, 30);
    r.stdin.write('3');
    await r.waitForContent('sorted by cost');
    const byCost = r.lastFrame().split('\n');
    expect(byCost.findIndex((l) => l.includes('notes'))).toBeLessThan(byCost.findIndex((l) => l.includes('web-app')));
    r.stdin.write('s');
    const frame = await r.waitForContent('sorted by $/h');
    const byRate = frame.split('\n');
    expect(byRate.findIndex((l) => l.includes('web-app'))).toBeLessThan(byRate.findIndex((l) => l.includes('src/api')));
    expect(frame).toContain('SPIKE');
  });

  it('calls cyclePlan on p and quit on q and Ctrl-C', async () => {
    const r = await start(80, 30);
    r.stdin.write('p');
    r.stdin.write('q');
    await r.settle();
    expect(r.actions.cyclePlan).toHaveBeenCalledTimes(1);
    expect(r.actions.quit).toHaveBeenCalledTimes(1);
    r.stdin.write('\x03');
    await r.settle();
    expect(r.actions.quit).toHaveBeenCalledTimes(2);
  });

  it('fits the days view to the height, newest first, spike marked', async () => {
    const days = Array.from({ length: 40 }, (_, i) => ({ ...fixtureMetrics().days[0]!, date: `2026-10-${String(i + 1).padStart(2, '0')}`.replace('2026-10-3', '2026-11-0').slice(0, 10) }));
    const m = { ...fixtureMetrics(), days: [...fixtureMetrics().days, ...days] };
    const r = await start(80, 20, m);
    r.stdin.write('2');
    const frame = await r.waitForContent('─ Days');
    expect(lineCount(frame)).toBeLessThanOrEqual(20);
    expect(frame).toMatch(/more/);
    const rows = frame.split('\n').filter((l) => /^20\d\d-/.test(l));
    expect(rows[0]).toMatch(/^2026-11-25 /);
    expect(rows[1]).toMatch(/^2026-11-24 ⚠/);
  });
});
