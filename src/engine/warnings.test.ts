import { describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../test/support/fixture-metrics.js';
import { warningLines } from './warnings.js';
import type { Metrics } from './types.js';

const readable = { noLogs: null, roots: 1, projectsDirs: 1 };

/** The fixture without any problem: nothing unreadable, no notices, no remotes. */
function clean(): Metrics {
  const m = fixtureMetrics();
  m.diagnostics = { ...m.diagnostics, unreadableRoots: [], unreadableFiles: [], notices: [] };
  m.machines = [];
  return m;
}

function withProblems(): Metrics {
  const m = clean();
  m.diagnostics = {
    ...m.diagnostics,
    unreadableRoots: [{ path: '/gone', reason: 'does not exist' }],
    unreadableFiles: [{ path: '/logs/a.jsonl', reason: 'permission denied' }],
    notices: ['history store: saving failed (database or disk is full); running in memory from now on'],
  };
  m.machines = [
    { machine: 'devbox', state: 'failed', lagMs: null, message: 'devbox: ssh: connect to host devbox port 22: Connection refused' },
    { machine: 'gpu', state: 'live', lagMs: 1200, message: null },
  ];
  return m;
}

describe('warningLines: what stderr says after a one-shot report', () => {
  it('says every problem the snapshot carries, once each, in order', () => {
    expect(warningLines(withProblems(), readable)).toEqual([
      'warning: cannot read /gone: does not exist',
      'warning: cannot read /logs/a.jsonl: permission denied',
      'history store: saving failed (database or disk is full); running in memory from now on',
      'devbox: ssh: connect to host devbox port 22: Connection refused',
    ]);
  });

  it('says when none of the roots could be read, and nothing when all is well', () => {
    const m = clean();
    expect(warningLines(m, { noLogs: null, roots: 2, projectsDirs: 0 })).toEqual(['warning: none of the log folders could be read: there is no usage to show']);
    expect(warningLines(m, readable)).toEqual([]);
    // Only remotes: no local root to read.
    expect(warningLines(m, { noLogs: null, roots: 0, projectsDirs: 0 })).toEqual([]);
  });

  it('with no logs at all, says that instead of each default folder', () => {
    const lines = warningLines(withProblems(), { noLogs: 'no Claude Code logs in ~/.claude: use --dir PATH', roots: 1, projectsDirs: 0 });
    expect(lines[0]).toBe('warning: no Claude Code logs in ~/.claude: use --dir PATH');
    expect(lines).not.toContain('warning: cannot read /gone: does not exist');
  });
});
