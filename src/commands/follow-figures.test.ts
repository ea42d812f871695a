import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Monitor } from '../engine/monitor.js';
import { metricsSettings } from '../engine/startup.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { toSnapshot } from '../snapshot/snapshot.js';
import type { OfficialReading } from '../state/official-record.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { CLOCK_FIELDS, figuresOf } from './follow-figures.js';

const at = (hhmm: string, seconds = 0, day = '2026-03-02') => Date.parse(`${day}T${hhmm}:00Z`) + seconds * 1000;

/** A Sonnet 4.5 response of 200,000 output tokens ($3.00) at `time`. */
function response(time: number): string {
  return JSON.stringify({
    type: 'assistant', timestamp: new Date(time).toISOString(), sessionId: 's', requestId: `req_${time}`, cwd: '/p',
    message: { id: `msg_${time}`, model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 0, output_tokens: 200_000 } },
  }) + '\n';
}

// Official: 40 % of the window ending 15:00 at 12:00 (local $12.00 by then: a $30 limit), 20 % of the week.
const READING: OfficialReading = {
  at: at('12:00'), sessionId: 's', model: 'claude-sonnet-4-5', sessionCostUSD: 12,
  fiveHour: { usedPercent: 40, resetsAt: at('15:00') }, sevenDay: { usedPercent: 20, resetsAt: at('15:00') + 3 * 86_400_000 },
};

/**
 * Usage three days before (so the daily average spans more than a day) and from 10:30 to 12:02,
 * on the max plan, the reading above, and the clock in the test's hand.
 */
async function monitorAt(start: number) {
  const root = mkdtempSync(join(tmpdir(), 'cctop-figures-'));
  mkdirSync(join(root, 'projects', '-p'), { recursive: true });
  writeFileSync(join(root, 'projects', '-p', 's.jsonl'), [at('09:00', 0, '2026-02-27'), ...['10:30', '11:00', '11:30', '11:59', '12:02'].map((t) => at(t))].map(response).join(''));
  const clock = { now: start };
  const options = resolveOptions(parseFlags(['--tz', 'UTC', '--since', '2026-02-01', '--plan', 'max']), {}, {}, 'UTC');
  const monitor = new Monitor({ roots: [root], settings: metricsSettings(options, bundledPriceTable, start), costMode: 'calculate', clock: () => clock.now });
  await monitor.load();
  monitor.setOfficialReadings([READING]);
  return {
    snapshotAt: (time: number) => {
      clock.now = time;
      return toSnapshot(monitor.metrics()) as Record<string, unknown>;
    },
  };
}

function valueAt(snapshot: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key], snapshot);
}

describe('the figures of a snapshot', () => {
  it('stand still through a minute while the clock fields move, every one of them present and moving', async () => {
    const m = await monitorAt(at('12:05'));
    const first = m.snapshotAt(at('12:05'));
    const last = m.snapshotAt(at('12:05', 59));
    expect(figuresOf(last)).toBe(figuresOf(first));
    // Each clock field is in this snapshot (no misspelt path) and moved in those 59 s; those under `*` are checked below.
    const fields = CLOCK_FIELDS.filter((f) => !f.includes('*'));
    expect(fields.filter((f) => valueAt(first, f) === undefined || valueAt(first, f) === null)).toEqual([]);
    expect(fields.filter((f) => valueAt(first, f) === valueAt(last, f))).toEqual([]);
  });

  it('change when the clock alone changes what is shown: a reading gone stale, the window reset, the minute of the sparkline', async () => {
    const m = await monitorAt(at('12:05'));
    // The reading is stale 10 min after it (usage came after it): at 12:10:01, not at 12:10:00.
    const fresh = m.snapshotAt(at('12:10'));
    const stale = m.snapshotAt(at('12:10', 1));
    expect([valueAt(fresh, 'official.fiveHour.stale'), valueAt(stale, 'official.fiveHour.stale')]).toEqual([false, true]);
    expect(figuresOf(stale)).not.toBe(figuresOf(fresh));

    // No usage in the hour before 15:00 (the sparkline is all zeros on both sides): only the window's end changes.
    const open = m.snapshotAt(at('14:59', 59));
    const reset = m.snapshotAt(at('15:00'));
    expect([valueAt(open, 'activeBlock.end'), valueAt(reset, 'activeBlock')]).toEqual(['2026-03-02T15:00:00.000Z', null]);
    expect(figuresOf(reset)).not.toBe(figuresOf(open));

    const minute = m.snapshotAt(at('12:11'));
    expect(valueAt(minute, 'burnRate.sparkline')).not.toEqual(valueAt(stale, 'burnRate.sparkline'));
    expect(figuresOf(minute)).not.toBe(figuresOf(stale));
  });

  it('leave the snapshot itself as it was (only copies lose the clock fields)', async () => {
    const m = await monitorAt(at('12:05'));
    const snapshot = m.snapshotAt(at('12:05'));
    const before = JSON.stringify(snapshot);
    const figures = JSON.parse(figuresOf(snapshot)) as Record<string, unknown>;
    expect(JSON.stringify(snapshot)).toBe(before);
    expect([figures.now, valueAt(figures, 'activeBlock.msToReset'), valueAt(figures, 'activeBlock.costUSD')]).toEqual([undefined, undefined, 15]);
  });

  it('leave out a field under `*` in every element of an array and every value of a record', () => {
    const at = (lagMs: number, ageMs: number, state = 'live') => ({
      machines: [{ machine: 'devbox', state, lagMs }, { machine: 'laptop', state: 'live', lagMs: lagMs * 2 }],
      official: { windows: { five_hour: { usedPercent: 40, ageMs }, seven_day_opus: { usedPercent: 9, ageMs } } },
    });
    expect(figuresOf(at(1200, 60_000))).toBe(figuresOf(at(3400, 65_000)));
    expect(figuresOf(at(1200, 60_000))).toBe(
      '{"machines":[{"machine":"devbox","state":"live"},{"machine":"laptop","state":"live"}],"official":{"windows":{"five_hour":{"usedPercent":40},"seven_day_opus":{"usedPercent":9}}}}',
    );
    expect(figuresOf(at(1200, 60_000, 'retrying'))).not.toBe(figuresOf(at(1200, 60_000)));
  });
});
