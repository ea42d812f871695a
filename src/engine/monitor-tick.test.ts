import { describe, expect, it } from 'vitest';
import { Monitor } from './monitor.js';
import { metricsSettings } from './startup.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { appendResponse, tempRoot } from '../../test/support/logs.js';

const T0 = Date.parse('2026-11-25T14:30:10Z');

async function loaded(lastUsageAt: number) {
  const { root, file } = tempRoot();
  appendResponse(file, 1, lastUsageAt);
  let now = T0;
  const options = resolveOptions(parseFlags(['--dir', root, '--tz', 'UTC']), {}, {}, 'UTC');
  const monitor = new Monitor({ roots: [root], settings: metricsSettings(options, bundledPriceTable, now), costMode: 'calculate', clock: () => now });
  await monitor.load();
  let emits = 0;
  monitor.subscribe(() => emits++);
  return { monitor, emits: () => emits, at: (t: number) => (now = t) };
}

describe('the clock tick', () => {
  it('re-emits every second while usage is coming in', async () => {
    const m = await loaded(T0 - 5_000);
    for (let s = 1; s <= 3; s++) {
      m.at(T0 + s * 1000);
      m.monitor.tick();
    }
    expect(m.emits()).toBe(3);
  });

  it('re-emits once a minute when nothing has been written for a minute', async () => {
    const m = await loaded(T0 - 5 * 60_000);
    // Ticks at 14:30:11 … 14:31:20: one emit for the 14:30 minute, one for 14:31.
    for (let s = 1; s <= 70; s++) {
      m.at(T0 + s * 1000);
      m.monitor.tick();
    }
    expect(m.emits()).toBe(2);
  });
});

describe('the figures between reads', () => {
  it('are computed again when the store, the second or the plan moves, not for a notice', async () => {
    const m = await loaded(T0 - 5_000);
    const first = m.monitor.metrics();
    m.monitor.notice('the state file is unreadable');
    const noticed = m.monitor.metrics();
    expect(noticed.diagnostics.notices).toContain('the state file is unreadable');
    expect(noticed).not.toBe(first);
    expect(noticed.month).toBe(first.month);
    m.monitor.setPlan('pro');
    expect(m.monitor.metrics().plan.name).toBe('pro');
    expect(m.monitor.metrics().month).not.toBe(first.month);
    m.at(T0 + 1000);
    expect(m.monitor.metrics().now).toBe(T0 + 1000);
  });
});
