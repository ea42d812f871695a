import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

/** The live view with `n` active sessions, the first the most expensive per hour. */
async function live(n: number, columns: number, rows: number, alerts: Metrics['alerts'] = []): Promise<string[]> {
  const m0 = fixtureMetrics();
  const sessions = Array.from({ length: n }, (_, i) => ({ ...m0.sessions[0]!, sessionId: `sess${i}000-x`, project: `p${i}`, costPerHour: n - i }));
  const m = { ...m0, sessions, alerts };
  const r = renderAt(<App source={{ subscribe: () => () => {}, getSnapshot: () => m }} actions={{ cyclePlan() {}, quit() {} }} color={false} />, columns, rows);
  rendered.push(r);
  await r.settle();
  return r.lastFrame().split('\n');
}

describe('live sessions panel', () => {
  it('says how many sessions are cut, at 80×24', async () => {
    // Given 8 active sessions and room for 2 of them below the other panels
    const frame = await live(8, 80, 24);
    expect(frame.slice(16, 21)).toEqual([
      `─ Active sessions (8) ${'─'.repeat(58)}`,
      '   project                 session  start  model         tok    cost     $/h',
      '   p0                      sess0000 12:05  sonnet-4-5   6.1M   $9.10   $8.00',
      '   p1                      sess1000 12:05  sonnet-4-5   6.1M   $9.10   $7.00',
      '… 6 more · 3 lists all',
    ]);
  });

  it('never loses the sessions without a word: at 80×24 under an alert banner, and at 40×15', async () => {
    const withBanner = await live(8, 80, 24, [{ id: 'w', kind: 'window80', firedAt: fixtureMetrics().now }]);
    expect(withBanner.join('\n')).toMatch(/… \d+ more · 3 lists all|… 8 active sessions · 3 lists all/);
    expect((await live(8, 40, 15)).join('\n')).toContain('… 8 active sessions · 3 lists all');
  });

  it('at 50×20 too, and shows them all when they fit', async () => {
    expect((await live(8, 50, 20)).slice(13, 18)).toEqual([
      '   p0              sess0000   6.1M   $9.10   $8.00',
      '   p1              sess1000   6.1M   $9.10   $7.00',
      '   p2              sess2000   6.1M   $9.10   $6.00',
      '… 5 more · 3 lists all',
      '1-5 views d diag p plan ? help q quit',
    ]);
    expect((await live(8, 80, 30)).join('\n')).not.toContain('more');
  });
});
