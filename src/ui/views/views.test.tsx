import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { DaysView } from './DaysView.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { HelpView } from './HelpView.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { ModelsView } from './ModelsView.js';
import { SessionsView } from './SessionsView.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

function lines(tree: ReactElement, width: number): string[] {
  const r = renderAt(tree, width, 60);
  rendered.push(r);
  return r.lastFrame().split('\n');
}

const m = fixtureMetrics();

describe('DaysView', () => {
  it('has a bar column scaled to the heaviest day, in plain rows like every table (120 columns: 30 cells)', () => {
    const out = lines(<DaysView days={m.days} width={120} height={30} color={false} />, 120);
    // $16.80 ÷ $142.80 × 240 eighths = 28.2 → 3 cells and a half; $38.20 → 64.2 → 8 cells.
    expect(out.slice(1)).toEqual([
      'date         input output cache write cache read total    cost vs heaviest                    top model',
      `2026-11-25   45.7k   300k        2.0M      10.0M 12.3M  $16.80 ███▌${' '.repeat(26)} opus-4-6`,
      `2026-11-24 ⚠ 20.0k   900k        3.0M      30.0M 33.9M $142.80 ${'█'.repeat(30)} opus-4-6`,
      `2026-11-23   10.0k   200k        1.0M       8.0M  9.2M  $38.20 ${'█'.repeat(8)}${' '.repeat(22)} sonnet-4-5`,
    ]);
  });

  it('drops low-priority columns when narrow, the bar after the cost (50 columns: 10 cells)', () => {
    const out = lines(<DaysView days={m.days} width={50} height={30} color={false} />, 50);
    // $16.80 ÷ $142.80 × 80 eighths = 9.4 → 1 cell and an eighth; $38.20 → 21.4 → 2 cells and five eighths.
    expect(out.slice(1)).toEqual([
      'date         output total    cost vs heaviest',
      '2026-11-25     300k 12.3M  $16.80 █▏',
      '2026-11-24 ⚠   900k 33.9M $142.80 ██████████',
      '2026-11-23     200k  9.2M  $38.20 ██▋',
    ]);
  });

  it('marks the days whose logs are gone and which the history store keeps', () => {
    const days = m.days.map((d) => (d.date === '2026-11-23' ? { ...d, fromStore: true } : d));
    const out = lines(<DaysView days={days} width={50} height={30} color={false} />, 50);
    expect(out[0]).toContain('◆ logs gone');
    expect(out[4]).toBe('2026-11-23 ◆   200k  9.2M  $38.20 ██▋');
  });

  it('cuts rows to the height with a "more" row', () => {
    const out = lines(<DaysView days={m.days} width={50} height={4} color={false} />, 50);
    expect(out).toHaveLength(4);
    expect(out[3]).toBe('… 2 more ↓');
  });
});

describe('SessionsView', () => {
  it('lists all sessions by cost with the sort, the short id and the start shown', () => {
    const out = lines(<SessionsView sessions={m.sessions} sort="cost" timeZone="UTC" width={80} height={30} color={false} />, 80);
    expect(out).toEqual([
      `─ Sessions (3) · sorted by cost · s to change ${'─'.repeat(80 - 46)}`,
      'project        session started      model      tokens   cost window   $/h state',
      'notes          s3      Nov 25 12:05 sonnet-4-5  10.0k $12.50  $0.00 $0.00',
      'src/api        s1      Nov 25 12:05 sonnet-4-5  10.0k  $1.00  $9.10 $2.10 active',
      'web-app        s2      Nov 25 12:05 opus-4-6    10.0k  $1.00  $7.20 $3.78 SPIKE',
    ]);
  });
  it('aligns the start of one- and two-digit days', () => {
    const sessions = m.sessions.map((s) => (s.sessionId === 's3' ? { ...s, firstSeen: Date.parse('2026-12-02T05:00:00Z') } : s));
    const out = lines(<SessionsView sessions={sessions} sort="cost" timeZone="UTC" width={80} height={30} color={false} />, 80);
    expect(out.slice(2, 4)).toEqual([
      'notes          s3      Dec  2 05:00 sonnet-4-5  10.0k $12.50  $0.00 $0.00',
      'src/api        s1      Nov 25 12:05 sonnet-4-5  10.0k  $1.00  $9.10 $2.10 active',
    ]);
  });
  it('sorts by $/h, in plain rows at 120 columns too', () => {
    const out = lines(<SessionsView sessions={m.sessions} sort="rate" timeZone="UTC" width={120} height={30} color={false} />, 120);
    expect(out[1]).toMatch(/^project +session started +model +tokens +cost window +\$\/h state$/);
    expect(out.slice(2).map((l) => l.split(' ')[0])).toEqual(['web-app', 'src/api', 'notes']);
  });
});

describe('ModelsView', () => {
  it('lists model ids with family and marks unpriced ones, in plain rows like the other tables (no box, no rule per row)', () => {
    const out = lines(<ModelsView byModel={m.models.monthByModel} width={80} height={30} color={false} />, 80);
    // The model column takes what the others leave: 80 − (6 + 6 + 5 + 7 + 6 + 5 spaces) = 45.
    expect(out).toEqual([
      `─ Models this month ${'─'.repeat(60)}`,
      `${'model'.padEnd(45)} family tokens tok %    cost cost %`,
      `${'opus-4-6'.padEnd(45)} Opus     400M  70 %  $1,046   85 %`,
      `${'sonnet-4-5'.padEnd(45)} Sonnet   160M  28 % $184.56   15 %`,
      `${'future-9 (unpriced)'.padEnd(45)} Other   10.8M   2 %   $0.00    0 %`,
    ]);
  });
});

describe('DiagnosticsView', () => {
  it('lists bad lines with samples, unpriced models and unreadable roots', () => {
    expect(lines(<DiagnosticsView diagnostics={m.diagnostics} width={80} height={30} color={false} />, 80).slice(1)).toEqual([
      '412 files · 90k lines read · 3 bad',
      'bad lines',
      '  /home/ana/.claude/projects/x/a.jsonl: 3 bad of 100',
      '    line 7: not JSON',
      '    line 9: missing usage',
      'unpriced models (cost 0)',
      '  claude-future-9 · 1.2k tok',
      'unreadable roots',
      '  /home/ana/.config/claude: EACCES',
    ]);
  });

  it('names a remote machine that is not live, with why, not "no problems"', () => {
    const quiet = { ...m.diagnostics, files: [], unpricedModels: [], unreadableRoots: [], unreadableFiles: [], notices: [], badLines: 0 };
    const machines = [
      { machine: 'devbox', state: 'live' as const, lagMs: 1000, message: null },
      { machine: 'qabox', state: 'retrying' as const, lagMs: null, message: 'qabox: connection lost (exit 255: ssh: connect to host qabox port 22: Connection refused)' },
    ];
    expect(lines(<DiagnosticsView diagnostics={quiet} width={80} height={30} color={false} />, 80).slice(2)).toEqual(['no problems']);
    expect(lines(<DiagnosticsView diagnostics={quiet} machines={machines} width={80} height={30} color={false} />, 80).slice(2)).toEqual([
      'remote machines',
      '  qabox: retrying · qabox: connection lost (exit 255: ssh: connect to host qabox',
      '    port 22: Connection refused)',
    ]);
  });
});

describe('HelpView', () => {
  it('wraps a key’s text under itself at 50 columns instead of cutting it', () => {
    const out = lines(<HelpView width={50} height={60} color={false} />, 50);
    const at = out.indexOf('2  days: tokens by kind and cost per day, with a');
    expect(out[at + 1]).toBe('   bar against the heaviest day');
    // A blank row between the keys and the panels (it was counted, but drawn as no row at all).
    expect(out.slice(out.indexOf('q  quit') + 1, out.indexOf('q  quit') + 3)).toEqual(['', 'burn rate: tokens/min and $/h over the trailing']);
  });

  it('wraps what a panel means, the rows after the first indented', () => {
    const out = lines(<HelpView width={50} height={60} color={false} />, 50);
    const at = out.indexOf('window chart: █ usage so far in the 5-hour window,');
    expect(out.slice(at + 1, at + 4)).toEqual(['  added up; ⠒ the even pace that reaches the limit', '  at the reset: bars above it are ahead of that', '  pace']);
  });

  it.each([80, 50])('cuts nothing at %i columns: no row ends in "…"', (width) => {
    const out = lines(<HelpView width={width} height={60} color={false} />, width);
    expect(out.filter((l) => l.endsWith('…'))).toEqual([]);
  });
});
