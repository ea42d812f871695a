import { describe, expect, it } from 'vitest';
import { ALERT_VISIBLE_MS, AlertTracker, alertCandidates, standingAlerts } from './alerts.js';
import { alertText } from '../ui/kit/alert-text.js';
import { fixtureMetrics, withReadouts } from '../../test/support/fixture-metrics.js';
import type { Metrics } from '../engine/types.js';

/** The fixture moment (window 12:00–17:00 UTC, $35 limit) with the window at `fraction`. */
function at(fraction: number, now = Date.parse('2026-11-25T14:30:00Z'), change: Partial<Metrics> = {}): Metrics {
  const m = fixtureMetrics();
  m.now = now;
  m.activeBlock = { ...m.activeBlock!, usage: { ...m.activeBlock!.usage, used: 35 * fraction, fraction } };
  m.spikes = [];
  m.week = { ...m.week, usage: { ...m.week.usage, fraction: 0.1 } };
  return withReadouts({ ...m, ...change });
}

/** The engine's step: the candidates of `m` given to the tracker; what fires now. */
const fire = (tracker: AlertTracker, m: Metrics) => tracker.apply(alertCandidates(m), m.now);

describe('alerts', () => {
  it('fire once on crossing 80 % and 95 % of the window limit', () => {
    const tracker = new AlertTracker();
    expect(fire(tracker, at(0.79))).toEqual([]);
    const eighty = fire(tracker, at(0.8));
    expect(eighty).toEqual([{ id: `window80:${Date.parse('2026-11-25T12:00:00Z')}`, kind: 'window80', firedAt: Date.parse('2026-11-25T14:30:00Z') }]);
    expect(alertText(eighty[0]!, at(0.8))).toBe('80 % of the 5-hour window used · resets 17:00');
    // The words follow the live figures, not the moment it fired.
    expect(alertText(eighty[0]!, at(0.87))).toBe('87 % of the 5-hour window used · resets 17:00');
    expect(fire(tracker, at(0.85))).toEqual([]);
    expect(fire(tracker, at(0.96)).map((a) => a.kind)).toEqual(['window95']);
    expect(fire(tracker, at(0.99))).toEqual([]);
  });

  it('fire again in the next window', () => {
    const tracker = new AlertTracker();
    fire(tracker, at(0.9));
    const next = at(0.9, Date.parse('2026-11-25T17:30:00Z'));
    next.activeBlock = { ...next.activeBlock!, start: Date.parse('2026-11-25T17:00:00Z'), end: Date.parse('2026-11-25T22:00:00Z') };
    expect(fire(tracker, next).map((a) => a.id)).toEqual([`window80:${Date.parse('2026-11-25T17:00:00Z')}`]);
  });

  it('warn once of a projected hit before the reset', () => {
    const tracker = new AlertTracker();
    const base = at(0.6);
    const m = withReadouts({ ...base, activeBlock: { ...base.activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') } });
    const fired = fire(tracker, m);
    expect(fired.map((a) => a.kind)).toEqual(['projectedHit']);
    expect(alertText(fired[0]!, m)).toBe('Limit hit at 16:05 at this rate, before the 17:00 reset');
    expect(fire(tracker, m)).toEqual([]);
  });

  it('fire once per spike, and for a new spike of the same session', () => {
    const tracker = new AlertTracker();
    const spike = { sessionId: 's2', project: 'web-app', since: 1, tokensPerMinute: 120_500, baselinePerMinute: 20_000, threshold: 60_000 };
    const fired = fire(tracker, at(0.1, undefined, { spikes: [spike] }));
    expect(fired).toEqual([expect.objectContaining({ kind: 'spike', sessionId: 's2' })]);
    expect(alertText(fired[0]!, at(0.1, undefined, { spikes: [spike] }))).toBe('Spike: web-app burning 120,500 tokens/min');
    expect(fire(tracker, at(0.1, undefined, { spikes: [spike] }))).toEqual([]);
    expect(fire(tracker, at(0.1, undefined, { spikes: [{ ...spike, since: 2 }] }))).toHaveLength(1);
  });

  it('stay on the banner for 30 s', () => {
    const tracker = new AlertTracker();
    const t0 = Date.parse('2026-11-25T14:30:00Z');
    fire(tracker, at(0.8, t0));
    expect(tracker.recent(t0 + ALERT_VISIBLE_MS - 1)).toHaveLength(1);
    expect(tracker.recent(t0 + ALERT_VISIBLE_MS)).toHaveLength(0);
  });

  it('trust a fresh official reading over the local fraction', () => {
    const tracker = new AlertTracker();
    const m = withReadouts({ ...at(0.2), official: { fiveHour: { usedPercent: 81, resetsAt: 0, recordedAt: 0, ageMs: 0, stale: false, impliedLimit: null, impliedLimitMedian: null, projectedFullAt: null }, sevenDay: null, windows: {} } });
    expect(fire(tracker, m).map((a) => a.kind)).toEqual(['window80']);
  });
});

describe('alerts that mean what they say', () => {
  it('fire 95 % alone when the window crosses 80 % and 95 % at once, and not 80 % after', () => {
    const tracker = new AlertTracker();
    expect(fire(tracker, at(0.97)).map((a) => a.kind)).toEqual(['window95']);
    expect(fire(tracker, at(0.99))).toEqual([]);
    expect(tracker.recent(at(0.99).now).map((a) => a.kind)).toEqual(['window95']);
  });

  it('fire 95 % alone for the weekly limit too', () => {
    const tracker = new AlertTracker();
    const m = at(0.1);
    expect(fire(tracker, withReadouts({ ...m, week: { ...m.week, usage: { ...m.week.usage, fraction: 0.96 } } })).map((a) => a.kind)).toEqual(['weekly95']);
  });

  it("word a spike by its own rate, and by the rate it fired at once it is over (never '0 tokens/min')", () => {
    const tracker = new AlertTracker();
    const spike = { sessionId: 's2', project: 'web-app', since: 1, tokensPerMinute: 120_500, baselinePerMinute: 20_000, threshold: 60_000 };
    const [fired] = fire(tracker, at(0.1, undefined, { spikes: [spike] }));
    expect(fired).toMatchObject({ kind: 'spike', sessionId: 's2', tokensPerMinute: 120_500 });
    const over = at(0.1, undefined, { spikes: [], sessions: at(0.1).sessions.map((s) => ({ ...s, tokensPerMinute: 0 })) });
    expect(alertText(fired!, over)).toBe('Spike: web-app burning 120,500 tokens/min');
  });

  it('drop a projected hit from the banner once the limit is out of reach (a plan change), without a warning', () => {
    const tracker = new AlertTracker();
    const base = at(0.6);
    const m = withReadouts({ ...base, activeBlock: { ...base.activeBlock!, limitReachedAt: Date.parse('2026-11-25T16:05:00Z') } });
    const fired = fire(tracker, m);
    expect(standingAlerts(fired, m)).toHaveLength(1);
    const outOfReach = withReadouts({ ...base, activeBlock: { ...base.activeBlock!, limitReachedAt: null } });
    expect(standingAlerts(fired, outOfReach)).toEqual([]);
  });

  it('fire nothing again after a restart with the memory of the last run', () => {
    const first = new AlertTracker();
    const spike = { sessionId: 's2', project: 'web-app', since: 1, tokensPerMinute: 120_500, baselinePerMinute: 20_000, threshold: 60_000 };
    const m = at(0.97, undefined, { spikes: [spike] });
    expect(fire(first, m).map((a) => a.kind)).toEqual(['window95', 'spike']);
    const memory = JSON.parse(JSON.stringify(first.memory(m.now)));
    const second = new AlertTracker(memory);
    expect(fire(second, at(0.99, m.now + 60_000, { spikes: [spike] }))).toEqual([]);
    // 80 % was passed over by 95 %: it does not fire after the restart either.
    expect(fire(second, at(0.85, m.now + 120_000))).toEqual([]);
  });

  it('forget what fired more than 8 days ago', () => {
    const tracker = new AlertTracker();
    const m = at(0.85);
    fire(tracker, m);
    expect(tracker.memory(m.now + 8 * 86_400_000).fired).toEqual([]);
    expect(tracker.memory(m.now).fired.map((a) => a.kind)).toEqual(['window80']);
  });
});

describe('alert delivery', () => {
  it('rings the bell and appends one line per alert to the alert log', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { deliverAlerts } = await import('../engine/alert-output.js');
    const log = join(mkdtempSync(join(tmpdir(), 'cctop-alerts-')), 'alerts.log');
    const written: string[] = [];
    const alert = { id: 'window80:0', kind: 'window80' as const, firedAt: Date.parse('2026-11-25T14:30:00Z') };
    deliverAlerts([alert], at(0.8), { bell: true, alertLog: log, write: (t) => written.push(t), onError: () => {} });
    expect(written).toEqual(['\u0007']);
    // Written before deliverAlerts returns.
    expect(readFileSync(log, 'utf8')).toBe('2026-11-25T14:30:00.000Z\twindow80\t80 % of the 5-hour window used · resets 17:00\n');
  });

  it('reports an alert log it cannot write, in the diagnostics\' words', async () => {
    const { deliverAlerts } = await import('../engine/alert-output.js');
    const errors: string[] = [];
    const alert = { id: 'window80:0', kind: 'window80' as const, firedAt: Date.parse('2026-11-25T14:30:00Z') };
    deliverAlerts([alert], at(0.8), { bell: false, alertLog: '/nonexistent/cctop/alerts.log', write: () => {}, onError: (m) => errors.push(m) });
    expect(errors).toEqual(['alert log /nonexistent/cctop/alerts.log: does not exist']);
  });
});

describe('window alerts when the window is redefined', () => {
  it('do not fire twice in one window when its start moves (official reading, then stale)', () => {
    const tracker = new AlertTracker();
    expect(fire(tracker, at(0.85))).toHaveLength(1);
    // The same window seen from the local estimate: it starts an hour earlier, ends the same or earlier.
    const moved = at(0.85, Date.parse('2026-11-25T14:40:00Z'));
    moved.activeBlock = { ...moved.activeBlock!, start: Date.parse('2026-11-25T11:00:00Z'), end: Date.parse('2026-11-25T16:00:00Z') };
    expect(fire(tracker, withReadouts(moved))).toEqual([]);
  });
});
