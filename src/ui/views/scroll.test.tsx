import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import type { Metrics } from '../../engine/types.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

const KEY = { down: '\x1b[B', up: '\x1b[A', pageDown: '\x1b[6~', pageUp: '\x1b[5~', home: '\x1b[H', end: '\x1b[F' };
const N = 12;

/** Twelve of everything a list view shows. */
function longMetrics(): Metrics {
  const m = fixtureMetrics();
  const day = m.days[0]!;
  const session = m.sessions[0]!;
  const model = m.models.monthByModel[0]!;
  return {
    ...m,
    days: Array.from({ length: N }, (_, i) => ({ ...day, date: `2026-11-${String(i + 1).padStart(2, '0')}` })),
    sessions: Array.from({ length: N }, (_, i) => ({ ...session, sessionId: `sess${String(i).padStart(4, '0')}-x`, project: `p${i}`, costUSD: N - i })),
    models: { ...m.models, monthByModel: Array.from({ length: N }, (_, i) => ({ ...model, name: `claude-model-${i}`, costUSD: N - i })) },
    diagnostics: { ...m.diagnostics, files: [], unpricedModels: [], unreadableRoots: [], notices: Array.from({ length: N }, (_, i) => `notice ${i}`) },
  };
}

/** The App at 50×15 in a view: the view gets 11 rows (header row above, footer below). */
async function open(key: string): Promise<RenderResult> {
  const m = longMetrics();
  const source = { subscribe: () => () => {}, getSnapshot: () => m };
  const r = renderAt(<App source={source} actions={{ cyclePlan() {}, quit() {} }} color={false} />, 50, 15);
  rendered.push(r);
  await r.settle();
  r.stdin.write(key);
  await r.settle();
  return r;
}

async function press(r: RenderResult, ...keys: string[]): Promise<string[]> {
  for (const k of keys) {
    r.stdin.write(k);
    await r.settle();
  }
  return r.lastFrame().split('\n');
}

/** A days row of the long metrics: every day as heavy as the heaviest, so its bar is full (10 cells at 50 columns). */
const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}   200k  9.2M $38.20 ${'█'.repeat(10)}`;
const session = (i: number) => `p${i}`.padEnd(15) + `sess${String(i).padStart(4, '0')}  10.0k ${`$${N - i}.00`.padStart(6)} $2.10 active`;
const model = (i: number) => `model-${i}`.padEnd(17) + `Opus     400M  70 % ${`$${N - i}.00`.padStart(6)}   85 %`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('lists scroll with ↑/↓, j/k, PgUp/PgDn, Home/End', () => {
  it('days', async () => {
    const r = await open('2');
    const body = async (...keys: string[]) => (await press(r, ...keys)).slice(3, 12);
    expect(await body()).toEqual([...range(5, 12).reverse().map(day), '… 4 more ↓']);
    expect(await body(KEY.down)).toEqual(['… 1 more ↑', ...range(5, 11).reverse().map(day), '… 4 more ↓']);
    expect(await body('j')).toEqual(['… 2 more ↑', ...range(4, 10).reverse().map(day), '… 3 more ↓']);
    expect(await body(KEY.pageDown)).toEqual(['… 4 more ↑', ...range(1, 8).reverse().map(day)]);
    expect(await body(KEY.down)).toEqual(['… 4 more ↑', ...range(1, 8).reverse().map(day)]);
    expect(await body('k', KEY.up)).toEqual(['… 2 more ↑', ...range(4, 10).reverse().map(day), '… 3 more ↓']);
    expect(await body(KEY.pageUp)).toEqual([...range(5, 12).reverse().map(day), '… 4 more ↓']);
    expect(await body(KEY.end, KEY.home)).toEqual([...range(5, 12).reverse().map(day), '… 4 more ↓']);
  });

  it('sessions', async () => {
    const r = await open('3');
    expect((await press(r)).slice(3, 12)).toEqual([...range(0, 7).map(session), '… 4 more ↓']);
    expect((await press(r, KEY.end)).slice(3, 12)).toEqual(['… 4 more ↑', ...range(4, 11).map(session)]);
  });

  it('models', async () => {
    const r = await open('4');
    expect((await press(r)).slice(3, 12)).toEqual([...range(0, 7).map(model), '… 4 more ↓']);
    expect((await press(r, KEY.pageDown)).slice(3, 12)).toEqual(['… 4 more ↑', ...range(4, 11).map(model)]);
  });

  it('counts every key of one read: jjjjj moves five rows, 31 switches twice', async () => {
    const r = await open('2');
    expect((await press(r, 'jjjjj')).slice(3, 12)).toEqual(['… 4 more ↑', ...range(1, 8).reverse().map(day)]);
    expect((await press(r, 'kk')).slice(3, 12)).toEqual(['… 2 more ↑', ...range(4, 10).reverse().map(day), '… 3 more ↓']);
    // "31": the sessions view, then the live view; "13": the live view, then the sessions view.
    const live = (await press(r, '1')).join('\n');
    const sessions = (await press(r, '3')).join('\n');
    expect(live).not.toEqual(sessions);
    await press(r, '2');
    expect((await press(r, '31')).join('\n')).toEqual(live);
    expect((await press(r, '13')).join('\n')).toEqual(sessions);
  });

  it('diagnostics: the totals stay on top, the rest scrolls', async () => {
    const r = await open('d');
    const notice = (i: number) => `  notice ${i}`;
    expect((await press(r)).slice(1, 12)).toEqual([
      `─ Diagnostics ${'─'.repeat(36)}`,
      '412 files · 90k lines read · 3 bad',
      'notices',
      ...range(0, 6).map(notice),
      '… 5 more ↓',
    ]);
    expect((await press(r, KEY.end)).slice(3, 12)).toEqual(['… 5 more ↑', ...range(4, 11).map(notice)]);
  });
});
