import { afterEach, describe, expect, it, vi } from 'vitest';

// Force colour support before ink's chalk loads, so colour=false is tested against a terminal
// that could show colour.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import { renderToString } from 'ink';
import { App } from '../views/App.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import { fiveHourReadout } from '../../usage/readouts.js';
import { Lines } from '../kit/Lines.js';
import { windowLines } from './window-panel.js';
import type { ActiveBlock } from '../../usage/window-types.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

const ESC = '\x1b[';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const GREEN = '\x1b[32m';

async function app(m: Metrics, color: boolean, columns = 120, rows = 40) {
  const source = { subscribe: () => () => {}, getSnapshot: () => m };
  const r = renderAt(<App source={source} actions={{ cyclePlan() {}, quit() {} }} color={color} />, columns, rows);
  rendered.push(r);
  await r.settle();
  return r;
}

/** The window panel in colour at 60 columns, its block replaced. */
function windowFrame(block: ActiveBlock): string {
  const m = fixtureMetrics();
  const lines = windowLines({ block, readout: fiveHourReadout(block, null, null, [], m.now), limit: m.windowLimit, now: m.now, timeZone: 'UTC', width: 60, color: true });
  return renderToString(<Lines lines={lines} />, { columns: 60 });
}

/** The window's bar row with the block at `fraction` of its limit. */
function barRow(fraction: number): string {
  const block = fixtureMetrics().activeBlock!;
  return windowFrame({ ...block, usage: { ...block.usage, fraction } }).split('\n')[1]!;
}

describe('colour', () => {
  it('draws colour when asked (the terminal supports it)', async () => {
    const r = await app(fixtureMetrics(), true);
    expect(r.lastFrame()).toContain(ESC);
  });

  it.each([
    [120, 40],
    [80, 30],
    [50, 15],
  ])('draws no escape codes at all with color=false at %i×%i, in every view', async (columns, rows) => {
    const m = { ...fixtureMetrics(), alerts: [{ id: 'a', kind: 'window95' as const, firedAt: 0 }] };
    const r = await app(m, false, columns, rows);
    expect(r.lastFrame()).not.toContain(ESC);
    for (const key of ['2', '3', '4', 'd', '?']) {
      r.stdin.write(key);
      await r.settle();
      expect(r.lastFrame()).not.toContain(ESC);
    }
  });

  it('colours the window bar green, yellow, red by level', () => {
    expect(barRow(0.3)).toContain(GREEN);
    expect(barRow(0.6)).toContain(YELLOW);
    expect(barRow(0.85)).toContain(RED);
    expect(barRow(0.85)).not.toContain(GREEN);
  });

  it('shows the limit warning in red', () => {
    const block = { ...fixtureMetrics().activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') };
    expect(windowFrame(block)).toMatch(/\x1b\[31m.*⚠ limit at 16:05/);
  });
});
