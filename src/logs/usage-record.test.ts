import { describe, expect, it } from 'vitest';
import { randomFrom } from '../demo/lines.js';
import { readUsageRecord, toUsageEvent, usageRecordSchema } from './usage-record.js';

const ODD: readonly unknown[] = [undefined, null, true, 0, -0, 7, -1, 1.5, 2 ** 53, 2 ** 53 - 1, Infinity, NaN, '', '12', [], {}, [3]];
const STRINGS: readonly unknown[] = [undefined, null, '', 'x', 'fast', 'us', 'a\u001bb', 5, true, {}];
const TIMES: readonly unknown[] = ['2026-01-02T03:04:05.678Z', '2026-01-02', 'Jan 2 2026', 'not a date', '', 5, null, undefined];

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)]!;
}

/** A count that is valid most of the time, so that whole records pass often enough. */
function count(random: () => number): unknown {
  return random() < 0.85 ? Math.floor(random() * 1e6) : pick(random, ODD);
}

function maybe(random: () => number, value: () => unknown): unknown {
  return random() < 0.9 ? value() : pick(random, ODD);
}

function randomRecord(random: () => number): unknown {
  const usage = {
    input_tokens: count(random), output_tokens: count(random), cache_creation_input_tokens: count(random),
    cache_read_input_tokens: count(random),
    cache_creation: maybe(random, () => ({ ephemeral_5m_input_tokens: count(random), ephemeral_1h_input_tokens: count(random) })),
    server_tool_use: maybe(random, () => ({ web_search_requests: count(random) })),
    speed: random() < 0.9 ? pick(random, [undefined, 'fast', 'standard']) : pick(random, STRINGS),
    inference_geo: random() < 0.9 ? pick(random, [undefined, 'us', 'not_available']) : pick(random, STRINGS),
    service_tier: 'standard',
  };
  const strings = () => (random() < 0.9 ? pick(random, ['s', 'req_1', undefined]) : pick(random, STRINGS));
  return {
    timestamp: random() < 0.9 ? '2026-01-02T03:04:05.678Z' : pick(random, TIMES),
    sessionId: strings(), requestId: strings(), cwd: strings(),
    isSidechain: random() < 0.9 ? pick(random, [true, false, undefined]) : pick(random, ODD),
    costUSD: random() < 0.9 ? pick(random, [undefined, 0.25, 0]) : pick(random, ODD),
    message: maybe(random, () => ({ id: strings(), model: strings(), usage: maybe(random, () => usage), content: [] })),
  };
}

describe('readUsageRecord', () => {
  it('accepts exactly what the zod schema accepts, and its records read the same (10,000 random records)', () => {
    const random = randomFrom(3);
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const record = randomRecord(random);
      const read = readUsageRecord(record);
      const zod = usageRecordSchema.safeParse(record);
      expect(read.ok).toBe(zod.success);
      if (read.ok && zod.success) {
        accepted++;
        expect(toUsageEvent(read.value, 'f')).toStrictEqual(toUsageEvent(zod.data, 'f'));
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(9000);
  });
});
