import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { DaysView } from './DaysView.js';
import { DiagnosticsView } from './DiagnosticsView.js';
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
  it('uses a boxed table when it fits (120 columns)', () => {
    const out = lines(<DaysView days={m.days} width={120} height={30} color={false} />, 120);
    expect(out[1]).toMatch(/^┌─+┬/);
    expect(out[2]).toBe('│ date         │ input │ output │ cache write │ cache read │ total │    cost │ top model  │');
    expect(out[4]).toBe('│ 2026-11-25   │ 45.7k │   300k │        2.0M │      10.0M │ 12.3M │  $16.80 │ opus-4-6   │');
    expect(out[6]).toBe('│ 2026-11-24 ⚠ │ 20.0k │   900k │        3.0M │      30.0M │ 33.9M │ $142.80 │ opus-4-6   │');
  });

  it('uses plain rows and drops low-priority columns when narrow (50 columns)', () => {
    const out = lines(<DaysView days={m.days} width={50} height={30} color={false} />, 50);
    expect(out.slice(1)).toEqual([
      'date         output total    cost top model',
      '2026-11-25     300k 12.3M  $16.80 opus-4-6',
      '2026-11-24 ⚠   900k 33.9M $142.80 opus-4-6',
      '2026-11-23     200k  9.2M  $38.20 sonnet-4-5',
    ]);
  });

  it('marks the days whose logs are gone and which the history store keeps', () => {
    const days = m.days.map((d) => (d.date === '2026-11-23' ? { ...d, fromStore: true } : d));
    const out = lines(<DaysView days={days} width={50} height={30} color={false} />, 50);
    expect(out[0]).toContain('◆ logs gone');
    expect(out[4]).toBe('2026-11-23 ◆   200k  9.2M  $38.20 sonnet-4-5');
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
  it('sorts by $/h, boxed when it fits', () => {
    const out = lines(<SessionsView sessions={m.sessions} sort="rate" timeZone="UTC" width={120} height={30} color={false} />, 120);
    const names = out.filter((l) => l.startsWith('│ ') && !l.includes('project')).map((l) => l.split('│')[1]!.trim());
    expect(names).toEqual(['web-app', 'src/api', 'notes']);
    expect(out[2]).toBe('│ project │ session │ started      │ model      │ tokens │   cost │ window │   $/h │ state  │');
  });
});

describe('ModelsView', () => {
  it('lists model ids with family and marks unpriced ones', () => {
    const text = lines(<ModelsView byModel={m.models.monthByModel} width={80} height={30} color={false} />, 80).join('\n');
    expect(text).toContain('│ opus-4-6            │ Opus   │   400M │  70 % │  $1,046 │   85 % │');
    expect(text).toContain('future-9 (unpriced)');
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

