import fs from 'node:fs';
import { RemoteFeed, type FedBatch, type FeedState, type RemoteFeedOptions, type RemoteRead } from '../../src/remote/feed.js';
import { waitFor } from './remote-logs.js';

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

/**
 * Resolves once the remote script has made a whole pass over its tree that began after the call,
 * so that what it has not sent by then it does not send for what was written before the call:
 * `lines` (usage lines of their own) are appended to `sentinel` one by one, each once the one
 * before was delivered. Its passes run one after another, so the first line is sent by a pass k
 * (which may have read the other files before the call), the second by a pass after k, and the
 * third by a pass after that one: pass k + 1, begun after k ended, after the call, has ended.
 */
export async function afterWholePass(r: RecordedFeed, sentinel: string, lines: [string, string, string], timeoutMs = 8000): Promise<void> {
  for (const line of lines) {
    fs.appendFileSync(sentinel, `${line}\n`);
    await waitFor(() => r.lines().includes(line), timeoutMs, `the sentinel line ${line.slice(0, 60)}…`);
  }
}

/** The deliveries of one remote file. */
export function deliveriesOf(r: RecordedFeed, file: string): Delivery[] {
  return r.deliveries.filter((d) => d.file === file);
}

/**
 * What a feed still holds that could report later: its ssh process, its retry timer, its
 * watchdog ([] once it is done for good). Reads RemoteFeed's private fields, each strictly
 * null when unused: a renamed one shows here as pending, so this check fails rather than passes.
 */
export function pendingWork(feed: RemoteFeed): string[] {
  const fields = feed as unknown as Record<'child' | 'retryTimer' | 'watchdog', unknown>;
  return (['child', 'retryTimer', 'watchdog'] as const).filter((name) => fields[name] !== null);
}
