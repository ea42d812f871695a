import { MINUTE } from '../../src/usage/time.js';
import { bundledPriceTable } from '../../src/usage/pricing.js';
import { UsageIngest, type PricingSettings } from '../../src/usage/ingest.js';
import type { MinuteBucket } from '../../src/usage/store.js';
import type { UsageEvent, UsageTokens } from '../../src/logs/events.js';
import type { Tokens } from '../../src/usage/types.js';

/** Test-only builders of usage events, stores and minute buckets. */

export const SONNET = 'claude-sonnet-4-5-20250929'; // $3 in, $15 out, $3.75 5m write, $0.30 read per M
export const OPUS = 'claude-opus-4-5-20251101'; // $5 in, $25 out, $6.25 5m write, $0.50 read per M
export const HAIKU = 'claude-haiku-4-5-20251001'; // $1 in, $5 out per M

export type EventOverrides = Partial<Omit<UsageEvent, 'tokens'>> & { tokens?: Partial<UsageTokens> };

export function usageTokens(t: Partial<UsageTokens> = {}): UsageTokens {
  return { input: 0, output: 0, cacheCreation: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0, webSearchRequests: 0, ...t };
}

/** A usage event with harmless defaults: Sonnet 4.5, 100 input + 10 output tokens, no ids. */
export function usageEvent(overrides: EventOverrides = {}): UsageEvent {
  const { tokens, ...rest } = overrides;
  return {
    key: null,
    timestamp: Date.UTC(2026, 10, 24, 12, 0, 0),
    sessionId: 'session-a',
    cwd: '/home/me/src/project',
    model: SONNET,
    isSidechain: false,
    speed: 'standard',
    inferenceGeo: null,
    costUSD: null,
    file: '/root/projects/p/session-a.jsonl',
    ...rest,
    tokens: usageTokens(tokens ?? { input: 100, output: 10 }),
  };
}

export function pricing(overrides: Partial<PricingSettings> = {}): PricingSettings {
  return { table: bundledPriceTable, priceMultiplier: 1, costMode: 'calculate', ...overrides };
}

/** An ingest (bundled prices, multiplier 1) fed with `events`. */
export function ingestOf(events: readonly EventOverrides[], settings: Partial<PricingSettings> = {}): UsageIngest {
  const ingest = new UsageIngest(pricing(settings));
  for (const e of events) ingest.addEvent(usageEvent(e));
  return ingest;
}

export function tokensTotal(t: Partial<Tokens>): Tokens {
  const input = t.input ?? 0;
  const output = t.output ?? 0;
  const cacheCreation = t.cacheCreation ?? 0;
  const cacheRead = t.cacheRead ?? 0;
  return { input, output, cacheCreation, cacheRead, total: input + output + cacheCreation + cacheRead };
}

/** A minute bucket at `time` (floored to the minute) with `total` input tokens and `costUSD`. */
export function minuteBucket(time: number, total: number, costUSD = 0, model = SONNET): MinuteBucket {
  const start = Math.floor(time / MINUTE) * MINUTE;
  const tokens = tokensTotal({ input: total });
  return {
    start, first: time, last: time, tokens, costUSD,
    models: new Map([[model, { tokens: { ...tokens }, costUSD, priced: true }]]),
  };
}

/** A per-minute series from a plain map of minute start → tokens (cost = 0). */
export function seriesOf(values: ReadonlyMap<number, number>) {
  return {
    get(start: number) {
      const tokens = values.get(start);
      return tokens === undefined ? undefined : { tokens, costUSD: 0 };
    },
  };
}
