import { RemoteFeed, type FedBatch, type FeedState, type RemoteFeedOptions, type RemoteRead } from '../../src/remote/feed.js';

/** One onLines call, the lines as text. */
export interface Delivery extends Omit<RemoteRead, 'lines'> {
  lines: string[];
  at: number;
}

/** One onEvents call (mode 1). */
export interface EventBatch extends FedBatch {
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
    onLines: (read) => void deliveries.push({ ...read, lines: read.lines.map(String), at: Date.now() }),
    onEvents: (batch) => void batches.push({ ...batch, at: Date.now() }),
    onState: (state) => states.push({ ...state, at: Date.now() }),
    onWarning: (w) => warnings.push(w),
  });
  feed.start();
  return { feed, deliveries, batches, states, warnings, lines: () => deliveries.flatMap((d) => d.lines) };
}
