import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { Lines } from '../kit/Lines.js';
import { headerLines } from './header.js';

type HeaderInput = Parameters<typeof headerLines>[0];

const m = fixtureMetrics();
const input: HeaderInput = { planLabel: m.plan.label, timeZone: m.timeZone, now: m.now, filesWatched: m.filesWatched, lastEventAt: m.lastEventAt, loading: m.loading, spikes: m.spikes, width: 50, color: false };

/** The header's rows as the screen shows them. */
function lines(p: HeaderInput): string[] {
  return renderToString(<Lines lines={headerLines(p)} />, { columns: p.width }).split('\n');
}

describe('header', () => {
  it('says "loading…" before the files are counted, not "0/0 files"', () => {
    const start = { done: false, filesRead: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 };
    expect(lines({ ...input, filesWatched: 0, lastEventAt: null, spikes: [], loading: start })).toEqual(['cctop · Max · UTC 14:30 ○ idle', '0 files · no events yet', 'loading…']);
    const counted = { done: false, filesRead: 3, filesTotal: 10, bytesRead: 0, bytesTotal: 0 };
    expect(lines({ ...input, loading: counted })[2]).toBe('loading history 30% (3/10 files)');
  });

  it('is live while a session spikes, whenever the last event was', () => {
    const spikes = [m.spikes[0]!];
    const quiet = { ...input, lastEventAt: m.now - 5 * 60_000, width: 80 };
    expect(lines({ ...quiet, spikes: [] })[0]).toBe('cctop · Max · UTC 14:30 ○ idle');
    expect(lines({ ...quiet, spikes }).slice(0, 2)).toEqual(['cctop · Max · UTC 14:30 ● live', `412 files · last event 5m ago · ⚡ ${spikes[0]!.project} spiking`]);
  });

  it('cuts a wide spiking project name to the width', () => {
    const spikes = [{ ...m.spikes[0]!, project: '한국어-프로젝트-한국어-프로젝트' }];
    expect(lines({ ...input, spikes })[1]).toBe('412 files · last event 12s ago · ⚡ 한국어-프로젝…');
  });

  it('names each remote machine with its state and lag', () => {
    const machines = [
      { machine: 'devbox', state: 'live' as const, lagMs: 2000, message: null },
      { machine: 'gpu', state: 'failed' as const, lagMs: null, message: 'gpu: Permission denied' },
    ];
    expect(lines({ ...input, machines, width: 60 })[2]).toBe('devbox ● 2s · gpu ✕');
  });
});
