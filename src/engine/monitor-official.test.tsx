import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfficialReading } from '../state/official-record.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { renderAt, type RenderResult } from '../../test/support/render.js';
import { Lines } from '../ui/kit/Lines.js';
import { windowLines } from '../ui/panels/window-panel.js';
import { Monitor } from './monitor.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { metricsSettings } from './startup.js';
import type { Metrics } from './types.js';

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);

/** A Sonnet 4.5 response of 200,000 output tokens: $3.00. */
function response(hhmm: string): string {
  return JSON.stringify({
    type: 'assistant', timestamp: new Date(at(hhmm)).toISOString(), sessionId: 's', requestId: `req_${hhmm}`, cwd: '/p',
    message: { id: `msg_${hhmm}`, model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 0, output_tokens: 200_000 } },
  }) + '\n';
}

// Official: 40 % at 12:00 of the window ending 15:00; local: $12.00 by then → implied limit $30.00.
const READING: OfficialReading = {
  at: at('12:00'), sessionId: 's', model: 'claude-sonnet-4-5', fiveHour: { usedPercent: 40, resetsAt: at('15:00') }, sevenDay: null, sessionCostUSD: 12,
};

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

function frame(m: Metrics): string {
  const tree = <Lines lines={windowLines({ block: m.activeBlock, limit: m.windowLimit, readout: m.readouts.fiveHour, now: m.now, timeZone: 'UTC', width: 60, color: false })} />;
  const r = renderAt(tree, 60, 20);
  rendered.push(r);
  return r.lastFrame();
}

async function monitorAt(start: number) {
  const root = mkdtempSync(join(tmpdir(), 'cctop-official-'));
  const file = join(root, 'projects', '-p', 's.jsonl');
  mkdirSync(join(root, 'projects', '-p'), { recursive: true });
  writeFileSync(file, ['10:30', '11:00', '11:30', '11:59'].map(response).join(''));
  const clock = { now: start };
  const options = resolveOptions(parseFlags(['--tz', 'UTC', '--since', '2026-02-01']), {}, {}, 'UTC');
  const monitor = new Monitor({ roots: [root], settings: metricsSettings(options, bundledPriceTable, start), costMode: 'calculate', clock: () => clock.now });
  await monitor.load();
  monitor.setOfficialReadings([READING]);
  const append = async (hhmm: string) => {
    appendFileSync(file, response(hhmm));
    await monitor.reader.readFile(file);
  };
  return { monitor, clock, append };
}

describe('the monitor with official readings (fixed clock)', () => {
  it('shows "official" first while fresh, then the estimate once the reading is stale or its window reset', async () => {
    const { monitor, clock, append } = await monitorAt(at('12:05'));

    let m = monitor.metrics();
    expect(m.official.fiveHour).toMatchObject({ usedPercent: 40, stale: false, ageMs: 5 * 60_000 });
    expect(m.official.fiveHour?.impliedLimit).toBeCloseTo(30, 10);
    expect(m.windowLimit).toMatchObject({ source: 'calibrated', label: 'calibrated from the official reading' });
    expect(m.activeBlock).toMatchObject({ start: at('10:00'), end: at('15:00') });
    expect(m.activeBlock?.usage.fraction).toBeCloseTo(0.4, 10);
    let text = frame(m);
    expect(text).toMatch(/^official +█+░+ 40 %$/m);
    expect(text).toMatch(/^estimate +█+░+ 40 %$/m);

    // Activity at 12:20 and no new reading: stale at 12:25, the calibrated median stands in.
    clock.now = at('12:25');
    await append('12:20');
    m = monitor.metrics();
    expect(m.official.fiveHour).toMatchObject({ stale: true, ageMs: 25 * 60_000 });
    expect(m.windowLimit).toMatchObject({ source: 'calibrated', label: 'calibrated from 1 official reading' });
    expect(m.activeBlock?.usage.fraction).toBeCloseTo(0.5, 10);
    text = frame(m);
    expect(text).not.toMatch(/^official +█/m);
    expect(text).toContain('official 40 % · stale (25m old)');

    // The window reset at 15:00: the reading is discarded; a new window runs on the estimate.
    clock.now = at('15:15');
    await append('15:10');
    m = monitor.metrics();
    expect(m.official.fiveHour).toBeNull();
    expect(m.activeBlock).toMatchObject({ start: at('15:00'), end: at('20:00') });
    expect(m.activeBlock?.usage.fraction).toBeCloseTo(0.1, 10);
    text = frame(m);
    expect(text).not.toMatch(/^official/m);
    expect(text).toContain('$3.00 of $30.00 · calibrated from 1 official reading');
    await monitor.close();
  });

  it('carries the official readings in the metrics the snapshot is made of', async () => {
    const { monitor } = await monitorAt(at('12:05'));
    const official = monitor.metrics().official;
    expect(official.sevenDay).toBeNull();
    expect(official.fiveHour).toMatchObject({ resetsAt: at('15:00'), recordedAt: at('12:00'), impliedLimitMedian: 30 });
    await monitor.close();
  });

  it('calibrates the weekly limit from the 7-day reading: $12.00 at 20 % → $60.00', async () => {
    const { monitor } = await monitorAt(at('12:05'));
    monitor.setOfficialReadings([{ ...READING, sevenDay: { usedPercent: 20, resetsAt: at('15:00') + 3 * 86_400_000 } }]);
    const m = monitor.metrics();
    expect(m.official.sevenDay).toMatchObject({ usedPercent: 20, stale: false });
    expect(m.week.limit).toMatchObject({ source: 'calibrated', label: 'calibrated from the official reading' });
    expect(m.week.limit.value).toBeCloseTo(60, 10);
    expect(m.week.usage.fraction).toBeCloseTo(0.2, 10);
    await monitor.close();
  });
});
