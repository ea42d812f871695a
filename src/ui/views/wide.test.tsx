import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { App } from './App.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { renderPlainText } from './plain-text.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import { wideMetrics } from '../../../test/support/wide-metrics.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

/** The frame of a view (after its key) for metrics whose names are CJK, Hangul and emoji. */
async function frame(columns: number, rows: number, key?: string): Promise<string[]> {
  const m = wideMetrics();
  const source = { subscribe: () => () => {}, getSnapshot: () => m };
  const r = renderAt(<App source={source} actions={{ cyclePlan() {}, quit() {} }} color={false} />, columns, rows);
  rendered.push(r);
  await r.settle();
  if (key) {
    r.stdin.write(key);
    await r.settle();
  }
  return r.lastFrame().split('\n');
}

/** Rows of the two active sessions with wide names (not the header's spike notice). */
const sessionRows = (lines: string[]) => lines.filter((l) => /한국어|項目\/数据/.test(l) && /\$\d+\.\d\d$/.test(l));

/** Every row within the width; title rules (one column) exactly as wide as the screen. */
function expectFits(lines: string[], columns: number): void {
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  const titles = columns < 100 ? lines.filter((l) => l.startsWith('─ ')) : [];
  for (const title of titles) expect(stringWidth(title), title).toBe(columns);
}

describe('wide names keep every row within its width', () => {
  it.each([
    [80, 40],
    [50, 24],
    [120, 40],
  ])('live view at %i×%i: sessions keep their $/h column', async (columns, rows) => {
    const lines = await frame(columns, rows);
    expectFits(lines, columns);
    const header = lines.find((l) => /^ {3}project .*\$\/h$/.test(l))!;
    const sessions = sessionRows(lines);
    expect(sessions.map((l) => l.slice(-5))).toEqual(['$3.78', '$2.10']);
    for (const l of sessions) expect(stringWidth(l)).toBe(stringWidth(header));
  });

  it.each([
    ['2', 'days'],
    ['3', 'sessions'],
    ['4', 'models'],
    ['d', 'diagnostics'],
    ['?', 'help'],
  ])('view %s (%s) at 80 and 50 columns', async (key) => {
    for (const [columns, rows] of [
      [120, 40],
      [80, 30],
      [50, 20],
    ] as const) {
      expectFits(await frame(columns, rows, key), columns);
    }
  });

  it.each([80, 50])('diagnostics rows wrap within %i columns instead of cutting, wide characters at the edge included', async (columns) => {
    const [letter, n] = columns === 80 ? ['a', 77] : ['b', 47];
    const inApp = await frame(columns, 30, 'd');
    // The notice is one word wider than the row: it breaks before the wide characters, which go on the next row whole.
    const at = inApp.indexOf(`  ${letter.repeat(n)}`);
    expect(at).toBeGreaterThan(-1);
    expect(inApp[at + 1]).toBe('    数据');
    const r = renderAt(<DiagnosticsView diagnostics={wideMetrics().diagnostics} width={columns} height={30} color={false} />, columns, 30);
    rendered.push(r);
    await r.settle();
    expectFits(r.lastFrame().split('\n'), columns);
  });

  it('sessions view rows line up their figures at 50 columns', async () => {
    expect((await frame(50, 20, '3')).slice(2, 6)).toEqual([
      'project        session  tokens   cost   $/h state',
      '🚀rocket-app   abcdef02  10.0k $12.50 $0.00',
      '項目/数据分析  abcdef00  10.0k  $1.00 $2.10 active',
      '한국어-프로젝… abcdef01  10.0k  $1.00 $3.78 SPIKE',
    ]);
  });

  it.each([80, 60, 50])('plain-text snapshot at %i columns', (width) => {
    const lines = renderPlainText(wideMetrics(), width).trimEnd().split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    expect(sessionRows(lines).map((l) => l.slice(-5))).toEqual(['$3.78', '$2.10']);
  });
});
