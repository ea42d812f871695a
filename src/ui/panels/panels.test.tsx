import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { alertLines } from './alert-banner.js';
import { burnRateLines } from './burn-rate-panel.js';
import { withReadouts, fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { footerLines } from './footer.js';
import { headerLines } from './header.js';
import { Lines, type Line } from '../kit/Lines.js';
import { modelsLines } from './models-panel.js';
import { weeklyLines } from './weekly-panel.js';

/** Rows as the screen shows them at `width` columns. */
function lines(rows: Line[], width: number): string[] {
  return renderToString(<Lines lines={rows} />, { columns: width }).split('\n');
}

const m = fixtureMetrics();
const headerProps = {
  planLabel: m.plan.label,
  timeZone: m.timeZone,
  now: m.now,
  filesWatched: m.filesWatched,
  lastEventAt: m.lastEventAt,
  loading: m.loading,
  spikes: m.spikes,
  width: 80,
  color: false,
};

describe('header', () => {
  it('shows plan, zone, clock, live state, files, last event and the spiking project', () => {
    expect(lines(headerLines(headerProps), 80)).toEqual([
      'cctop · Max · UTC 14:30 ● live',
      '412 files · last event 12s ago · ⚡ web-app spiking',
    ]);
  });
  it('shows idle after 60 s without events, loading progress and the banner', () => {
    const loading = { done: false, filesRead: 1200, filesTotal: 3000, bytesRead: 42, bytesTotal: 100 };
    const out = lines(headerLines({ ...headerProps, lastEventAt: m.now - 61_000, spikes: [], loading, banner: 'demo mode' }), 80);
    expect(out).toEqual([
      'cctop · Max · UTC 14:30 ○ idle',
      '412 files · last event 1m ago',
      'loading history 42% (1.2k/3k files)',
      'demo mode',
    ]);
  });
});

describe('burn rate', () => {
  it.each([120, 80, 50])('shows rate, trend and sparkline at %i columns', (width) => {
    const out = lines(burnRateLines({ burnRate: m.burnRate, width, color: false }), width);
    expect(out[0]).toMatch(/^─ Burn rate · 10 min ─+$/);
    expect(out[1]).toBe('68.4k tok/min · $5.88/h · ▲ +35%');
    // 60 cells when there is room, the last 50 at 50 columns; zeros are blank, the max is █.
    const spark = out[2]!;
    expect(spark.endsWith('█████████')).toBe(true);
    expect(spark.length).toBeLessThanOrEqual(Math.min(60, width));
    expect(out[2]).toBe(width >= 60 ? ' ▂▂▂▂▂▂▂▃▃ ▃▃▃▃▃▄▄▄▄ ▄▄▄▄▅▅▅▅▅ ▅▅▅▆▆▆▆▆▆ ▆▇▇▇▇▇▇▇▇ █████████' : ' ▃▃▃▃▃▄▄▄▄ ▄▄▄▄▅▅▅▅▅ ▅▅▅▆▆▆▆▆▆ ▆▇▇▇▇▇▇▇▇ █████████');
  });
  it('shows a falling trend and no trend', () => {
    const falling = lines(burnRateLines({ burnRate: { ...m.burnRate, trendRatio: 0.8 }, width: 80, color: false }), 80);
    expect(falling[1]).toBe('68.4k tok/min · $5.88/h · ▼ −20%');
    const none = lines(burnRateLines({ burnRate: { ...m.burnRate, trendRatio: null }, width: 80, color: false }), 80);
    expect(none[1]).toBe('68.4k tok/min · $5.88/h · —');
  });
});

describe('model mix', () => {
  it('shows family rows with token and cost share bars', () => {
    const out = lines(modelsLines({ window: m.models.window, month: m.models.month, width: 59, color: false }), 59);
    expect(out.slice(1)).toEqual([
      'window tokens              cost',
      'Opus   █████████░░░  72 %  ██████████░░  85 % $14.28',
      'Sonnet ███░░░░░░░░░  25 %  ██░░░░░░░░░░  14 % $2.35',
      'Haiku  ░░░░░░░░░░░░   3 %  ░░░░░░░░░░░░   1 % $0.17',
      'month  tokens              cost',
      'Opus   ████████░░░░  70 %  ██████████░░  85 % $1,046',
      'Sonnet ████░░░░░░░░  30 %  ██░░░░░░░░░░  15 % $184.56',
    ]);
  });
});

describe('7 days', () => {
  it('shows the rolling 7 days on one row', () => {
    expect(lines(weeklyLines({ week: m.week, readout: m.readouts.sevenDay, color: false }), 80)).toEqual(['7d: 12.3M tok $45.20 (Opus $30.10) · limit 48 %']);
  });
});

describe('alert banner', () => {
  it('boxes the most severe recent alert, worded from the live figures', () => {
    // Given the window at 48 % with the limit projected at 16:05 (before the 17:00 reset)
    const block = { ...m.activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') };
    const live = withReadouts({ ...m, activeBlock: block });
    const alerts = [
      { id: 'a', kind: 'projectedHit' as const, firedAt: m.now - 20_000 },
      { id: 'b', kind: 'window80' as const, firedAt: m.now - 5_000 },
    ];
    // Then the projected hit outranks the newer 80 % alert, and names the time the figures give now
    expect(lines(alertLines({ metrics: { ...live, alerts }, width: 80, color: false }), 80)).toEqual([
      `╭${'─'.repeat(78)}╮`,
      `│ ${'⚠ Limit hit at 16:05 at this rate, before the 17:00 reset'.padEnd(76)} │`,
      `╰${'─'.repeat(78)}╯`,
    ]);
  });

  it('wraps to two rows in a narrow pane, so the time stays whole, before it cuts', () => {
    const block = { ...m.activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') };
    const live = withReadouts({ ...m, activeBlock: block });
    const alerts = [{ id: 'a', kind: 'projectedHit' as const, firedAt: m.now - 20_000 }];
    expect(lines(alertLines({ metrics: { ...live, alerts }, width: 50, color: false }), 50)).toEqual([
      `╭${'─'.repeat(48)}╮`,
      `│ ${'⚠ Limit hit at 16:05 at this rate, before the'.padEnd(46)} │`,
      `│ ${'17:00 reset'.padEnd(46)} │`,
      `╰${'─'.repeat(48)}╯`,
    ]);
    expect(lines(alertLines({ metrics: { ...live, alerts }, width: 24, color: false }), 24).slice(1, 3)).toEqual([
      '│ ⚠ Limit hit at 16:05 │',
      '│ at this rate, befor… │',
    ]);
  });

  it('shows 95 % over 80 % when both fired together, with the live percentage', () => {
    const block = { ...m.activeBlock!, usage: { ...m.activeBlock!.usage, used: 34, fraction: 34 / 35 } };
    const live = withReadouts({ ...m, activeBlock: block });
    const alerts = [
      { id: 'a', kind: 'window80' as const, firedAt: m.now },
      { id: 'b', kind: 'window95' as const, firedAt: m.now },
    ];
    expect(lines(alertLines({ metrics: { ...live, alerts }, width: 60, color: false }), 60)[1])
      .toBe(`│ ${'⚠ 97 % of the 5-hour window used · resets 17:00'.padEnd(56)} │`);
  });

  it('says "limit reached at" once the limit is passed, never "(in 0s)"', () => {
    const block = { ...m.activeBlock!, usage: { ...m.activeBlock!.usage, used: 36, fraction: 36 / 35 }, limitReachedAt: m.now };
    const live = withReadouts({ ...m, activeBlock: block });
    const reached = { ...live, readouts: { ...live.readouts, fiveHour: { ...live.readouts.fiveHour, limitAt: Date.parse('2026-11-25T14:10:00Z'), limitReached: true } } };
    const alerts = [{ id: 'a', kind: 'projectedHit' as const, firedAt: m.now }];
    expect(lines(alertLines({ metrics: { ...reached, alerts }, width: 60, color: false }), 60)[1])
      .toBe(`│ ${'⚠ 5-hour limit reached at 14:10 · resets 17:00'.padEnd(56)} │`);
  });
});

describe('footer', () => {
  it('shows key help and the diagnostics count', () => {
    expect(lines(footerLines({ diagnostics: m.diagnostics, width: 80, color: false }), 80)).toEqual([
      '1 live 2 days 3 sessions 4 models 5 windows d diag p plan ? help q quit',
      '3 bad lines · 1 unpriced model · 1 unreadable root',
    ]);
  });
  it('shortens key help when narrow and shows notices', () => {
    const diagnostics = { ...m.diagnostics, badLines: 0, unpricedModels: [], unreadableRoots: [], notices: ['watching by polling'] };
    expect(lines(footerLines({ diagnostics, width: 50, color: false }), 50)).toEqual(['1-5 views d diag p plan ? help q quit', 'watching by polling']);
    expect(lines(footerLines({ diagnostics, width: 30, color: false }), 30)[0]).toBe('1-5 views d p ? q');
  });
});
