import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../usage/session-types.js';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { wideMetrics } from '../../../test/support/wide-metrics.js';
import { Lines } from '../kit/Lines.js';
import { sessionProject, sessionsLines } from './sessions-panel.js';

type SessionsInput = Parameters<typeof sessionsLines>[0];

const m = fixtureMetrics();

/** The sessions panel's rows as the screen shows them. */
function lines(over: Partial<SessionsInput> & { width: number }): string[] {
  const input = { sessions: m.sessions, now: m.now, timeZone: 'UTC', color: false, ...over };
  return renderToString(<Lines lines={sessionsLines(input)} />, { columns: over.width }).split('\n');
}

/** `n` active sessions, the first one most expensive per hour. */
function manySessions(n: number): SessionSummary[] {
  const base = m.sessions[0]!;
  return Array.from({ length: n }, (_, i) => ({ ...base, sessionId: `${i}aaaaaaa-bbbb`, project: `p${i}`, costPerHour: n - i }));
}

describe('sessions panel', () => {
  it('lists active sessions, spiking first, with the short id and the start time', () => {
    expect(lines({ width: 80 })).toEqual([
      `─ Active sessions (2) ${'─'.repeat(80 - 22)}`,
      '   project                 session  start  model         tok    cost     $/h',
      '⚡ web-app                 s2       12:05  opus-4-6     5.4M   $7.20   $3.78',
      '   src/api                 s1       12:05  sonnet-4-5   6.1M   $9.10   $2.10',
    ]);
  });

  it('keeps the id at 50 columns (start and model go) and drops it at 40', () => {
    expect(lines({ width: 50 }).slice(1)).toEqual([
      '   project         session     tok    cost     $/h',
      '⚡ web-app         s2         5.4M   $7.20   $3.78',
      '   src/api         s1         6.1M   $9.10   $2.10',
    ]);
    expect(lines({ width: 40 }).slice(1)).toEqual([
      '   project           tok    cost     $/h',
      '⚡ web-app          5.4M   $7.20   $3.78',
      '   src/api          6.1M   $9.10   $2.10',
    ]);
  });

  it('cuts ids to 8 characters and shows the day of a start before today', () => {
    const [s1] = m.sessions;
    const sessions = [{ ...s1!, sessionId: '5d1c7a52-8f3e-4b1a-9c2d-0e6f4a7b8c91', firstSeen: Date.parse('2026-11-24T22:10:00Z') }];
    expect(lines({ sessions, width: 80 })[2]).toBe('   src/api                 5d1c7a52 Nov 24 sonnet-4-5   6.1M   $9.10   $2.10');
  });

  it('says how many more there are when cut, in the last row it is given', () => {
    // Given 5 active sessions and 5 rows: title, header, 2 sessions, the "more" row
    expect(lines({ sessions: manySessions(5), width: 50, maxLines: 5 }).slice(2)).toEqual([
      '   p0              0aaaaaaa   6.1M   $9.10   $5.00',
      '   p1              1aaaaaaa   6.1M   $9.10   $4.00',
      '… 3 more · 3 lists all',
    ]);
    expect(lines({ sessions: manySessions(3), width: 50, maxLines: 5 })).toHaveLength(5);
  });

  it('in three rows shows a session instead of the column header (80×24 under a notice)', () => {
    expect(lines({ sessions: manySessions(5), width: 50, maxLines: 3 })).toEqual([
      expect.stringMatching(/^─ Active sessions \(5\) ─+$/),
      '   p0              0aaaaaaa   6.1M   $9.10   $5.00',
      '… 4 more · 3 lists all',
    ]);
    expect(lines({ sessions: manySessions(1), width: 50, maxLines: 3 })[1]).toMatch(/^ +project +session/);
  });

  it.each([80, 50])('keeps wide (CJK, Hangul, emoji) names aligned at %i columns', (width) => {
    const wide = wideMetrics();
    const out = lines({ sessions: wide.sessions, width });
    const rows = out.slice(1);
    // Every row ends with its $/h in the same column: the header's width, within the panel.
    const budget = stringWidth(rows[0]!);
    expect(budget).toBeLessThanOrEqual(Math.min(width, 76));
    for (const row of rows) expect(stringWidth(row)).toBe(budget);
    expect(rows[1]).toMatch(/^⚡ 한국어-프로젝트 +abcdef01 .*\$3\.78$/);
    expect(rows[2]).toMatch(/^ {3}項目\/数据分析 +abcdef00 .*\$2\.10$/);
  });
});

describe('sessionProject', () => {
  it("shows usage's project name, a remote machine's prefixed with it", () => {
    expect(sessionProject({ project: '~/proj' })).toBe('~/proj');
    expect(sessionProject({ project: 'src/app', machine: 'devbox' })).toBe('devbox:src/app');
    expect(sessionProject({ project: 'src/app', machine: 'local' })).toBe('src/app');
  });
});
