import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Monitor } from './monitor.js';
import { metricsSettings } from './startup.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { appendResponse, tempRoot } from '../../test/support/logs.js';

const NOW = Date.parse('2026-11-25T14:30:00Z');

function monitorFor(root: string, argv: string[] = []): Monitor {
  const options = resolveOptions(parseFlags(['--dir', root, '--tz', 'UTC', ...argv]), {}, {}, 'UTC');
  return new Monitor({ roots: [root], settings: metricsSettings(options, bundledPriceTable, NOW), costMode: 'calculate', clock: () => NOW });
}

function limitLine(time: number, text: string, error = 'rate_limit'): string {
  return JSON.stringify({
    type: 'assistant', timestamp: new Date(time).toISOString(), sessionId: 'session-1', cwd: '/home/me/src/app',
    message: { model: '<synthetic>', role: 'assistant', content: [{ type: 'text', text }] },
    error, isApiErrorMessage: true, apiErrorStatus: 429,
  }) + '\n';
}

describe('usage-limit messages in the logs', () => {
  it('are recorded with the window usage at the hit and beat the preset as the limit', async () => {
    const { root, file } = tempRoot();
    // Two responses at $0.123 each in the block that starts 12:00, then the limit message.
    appendResponse(file, 1, Date.parse('2026-11-25T12:10:00Z'));
    appendResponse(file, 2, Date.parse('2026-11-25T13:00:00Z'));
    appendFileSync(file, limitLine(Date.parse('2026-11-25T13:05:00Z'), "You've hit your session limit · resets 5pm (UTC)"));
    appendFileSync(file, limitLine(Date.parse('2026-11-25T13:06:00Z'), 'API Error: 500 Internal server error', 'server_error'));
    appendResponse(file, 3, Date.parse('2026-11-25T13:20:00Z'));
    const monitor = monitorFor(root);
    await monitor.load();
    const m = monitor.metrics();
    expect(m.limitHits).toEqual([{
      at: Date.parse('2026-11-25T13:05:00Z'), kind: 'five_hour', resetsAt: Date.parse('2026-11-25T17:00:00Z'),
      usedAtHit: expect.closeTo(0.246, 10), text: "You've hit your session limit · resets 5pm (UTC)",
    }]);
    expect(m.windowLimit).toEqual({ basis: 'cost', value: expect.closeTo(0.246, 10), source: 'hits', label: 'usage at 1 limit hit' });
    // 3 × $0.123 = $0.369 used against the $0.246 learned at the hit.
    expect(m.activeBlock!.usage.fraction).toBeCloseTo(1.5, 10);
  });

  it('in tokens basis count all four kinds at the hit', async () => {
    const { root, file } = tempRoot();
    appendResponse(file, 1, Date.parse('2026-11-25T12:10:00Z'));
    appendFileSync(file, limitLine(Date.parse('2026-11-25T12:30:00Z'), 'Claude AI usage limit reached|1764090000'));
    const monitor = monitorFor(root, ['--limit-basis', 'tokens']);
    await monitor.load();
    const m = monitor.metrics();
    expect(m.limitHits[0]).toMatchObject({ resetsAt: 1764090000 * 1000, usedAtHit: 113_000 });
    expect(m.windowLimit).toMatchObject({ value: 113_000, source: 'hits' });
  });
});
