import { afterEach, describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import { DiagnosticsView, diagnosticsSections } from './DiagnosticsView.js';

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

const NOW = Date.parse('2026-11-25T14:32:00Z');
const quiet = { ...fixtureMetrics().diagnostics, files: [], unpricedModels: [], unreadableRoots: [], unreadableFiles: [], notices: [], badLines: 0 };
const REFUSED = 'qabox: connection lost (exit 255: ssh: connect to host qabox port 22: Connection refused)';
const machines = [
  { machine: 'devbox', state: 'live' as const, lagMs: 1000, message: null },
  { machine: 'qabox', state: 'retrying' as const, lagMs: null, message: REFUSED, retryAt: NOW + 11_500 },
  { machine: 'gpu', state: 'failed' as const, lagMs: null, message: 'gpu: ssh login refused' },
];

describe('a retrying remote machine in the diagnostics', () => {
  it('says when it tries next, in whole seconds rounded up, and "now" once due', () => {
    expect(diagnosticsSections(quiet, machines, NOW)).toEqual([
      { title: 'remote machines', items: [`qabox: retrying (next try in 12s) · ${REFUSED}`, 'gpu: failed · gpu: ssh login refused'] },
    ]);
    expect(diagnosticsSections(quiet, machines, NOW + 11_000)[0]!.items[0]).toBe(`qabox: retrying (next try in 1s) · ${REFUSED}`);
    expect(diagnosticsSections(quiet, machines, NOW + 11_500)[0]!.items[0]).toBe(`qabox: retrying (next try now) · ${REFUSED}`);
  });

  it('shows it in the d view, wrapped at 50 columns', () => {
    const r = renderAt(<DiagnosticsView diagnostics={quiet} machines={machines} now={NOW} width={50} height={30} color={false} />, 50, 30);
    rendered.push(r);
    expect(r.lastFrame().split('\n').slice(2)).toEqual([
      'remote machines',
      '  qabox: retrying (next try in 12s) · qabox:',
      '    connection lost (exit 255: ssh: connect to',
      '    host qabox port 22: Connection refused)',
      '  gpu: failed · gpu: ssh login refused',
    ]);
  });
});
