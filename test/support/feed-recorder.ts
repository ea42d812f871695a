import type { LimitHit, UsageEvent } from '../../src/logs/events.js';
import { RemoteFeed, type FeedState, type RemoteFeedOptions } from '../../src/remote/feed.js';

/** One onLines call, the lines as text. */
export interface Delivery {
  file: string;
  lines: string[];
  from: number;
  to: number;
  reset: boolean;
  at: number;
}

/** One onEvents call (mode 1). */
export interface EventBatch {
  events: UsageEvent[];
  hits: LimitHit[];
  cursor: string;
  at: number;
}

/** A RemoteFeed whose callbacks are recorded, for tests. */
export interface RecordedFeed {
  feed: RemoteFeed;
  deliveries: Delivery[];
  batches: EventBatch[];
  states: (FeedState & { at: number })[];
  warnings: string[];
  /** Every line delivered, in order. */
  lines(): string[];
}

/** Starts a RemoteFeed that records what it reports. */
export function recordFeed(opts: Omit<RemoteFeedOptions, 'onLines' | 'onEvents' | 'onState' | 'onWarning'>): RecordedFeed {
  const deliveries: Delivery[] = [];
  const batches: EventBatch[] = [];
  const states: (FeedState & { at: number })[] = [];
  const warnings: string[] = [];
  const feed = new RemoteFeed({
    ...opts,
    onLines: (file, lines, from, to, reset) => deliveries.push({ file, lines: lines.map(String), from, to, reset, at: Date.now() }),
    onEvents: (events, hits, cursor) => batches.push({ events, hits, cursor, at: Date.now() }),
    onState: (state) => states.push({ ...state, at: Date.now() }),
    onWarning: (w) => warnings.push(w),
  });
  feed.start();
  return { feed, deliveries, batches, states, warnings, lines: () => deliveries.flatMap((d) => d.lines) };
}
