import type { LimitHit, UsageEvent } from '../logs/events.js';
import { parseLine } from '../logs/parse-line.js';
import { sanitize } from '../logs/sanitize.js';
import { RemoteFeed, type FeedState } from '../remote/feed.js';
import { parseRemoteSpec, type RemoteSpec } from '../remote/spec.js';
import type { HistoryStore } from '../store/index.js';
import type { MachineStatus } from '../usage/metrics-types.js';

/**
 * The pseudo-file of a machine's `cctop feed` cursor in the store's positions (per machine and
 * file): its `headHash` holds the cursor. A remote path is absolute, so it never collides.
 */
export const FEED_CURSOR_FILE = 'cctop-feed-cursor';

/** What one remote read gives the pipeline: its parsed lines (or mode 1's records), under the machine's name. */
export interface RemoteBatch {
  machine: string;
  /** `<machine>:<remote path>`: unique beside local paths, for diagnostics. */
  file: string;
  events: UsageEvent[];
  hits: LimitHit[];
  lines: number;
  badLines: number;
  badSamples: string[];
  /** The remote file's path and where its next read starts, for the store (mode 1: FEED_CURSOR_FILE, 0). */
  remotePath: string;
  nextOffset: number;
  /** Mode 1: the cursor that covers these records, stored as FEED_CURSOR_FILE's `headHash`. */
  cursor?: string;
}

export interface RemoteSourcesOptions {
  /** `--remote` values, each anything ssh accepts or `ssh://[user@]host[:port][/path]`. */
  remotes: readonly string[];
  sshCommand: string;
  timeZone: string;
  /** Offsets and cursors to resume from (the store's positions of each machine); none to start at 0. */
  store: HistoryStore | null;
  onBatch(batch: RemoteBatch): void;
  /** A machine's state changed (the header shows it). */
  onState(): void;
  onNotice(text: string): void;
}

/**
 * The ssh remotes of a run: one feed each, its lines parsed exactly as a local file's (or the
 * records `cctop feed` parsed there) handed on tagged with the machine, its offsets and cursor
 * resumed from the store.
 */
export class RemoteSources {
  private readonly feeds: { label: string; feed: RemoteFeed; state: FeedState }[] = [];

  constructor(private readonly opts: RemoteSourcesOptions) {}

  /** Starts every feed; a value ssh cannot take is a notice, not a crash. */
  start(): void {
    for (const text of this.opts.remotes) {
      const parsed = parseRemoteSpec(text);
      if (!parsed.ok) {
        this.opts.onNotice(`--remote ${sanitize(text)}: ${parsed.error}`);
        continue;
      }
      this.startFeed(parsed.spec);
    }
  }

  /** Each machine's connection state and lag, for the header and `--json`. */
  statuses(): MachineStatus[] {
    return this.feeds.map(({ label, feed, state }) => ({
      machine: label, state: state.state, lagMs: state.state === 'live' ? feed.lagMs() : null, message: state.message ?? null,
    }));
  }

  /** Resolves once every feed has sent all it had (or failed), or after `timeoutMs`: for one-shot reports. */
  async whenSynced(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const done = () => this.feeds.every(({ state }) => state.state === 'failed' || (state.state === 'live' && state.synced));
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.feeds.map(({ feed }) => feed.close()));
  }

  private startFeed(spec: RemoteSpec): void {
    const label = spec.label;
    const stored = (this.opts.store?.positions() ?? []).filter((p) => p.machine === label);
    const offsets = new Map(stored.filter((p) => p.path !== FEED_CURSOR_FILE).map((p) => [p.path, p.offset]));
    const cursor = stored.find((p) => p.path === FEED_CURSOR_FILE)?.headHash ?? '';
    const entry = { label, state: { state: 'connecting' } as FeedState, feed: null as unknown as RemoteFeed };
    entry.feed = new RemoteFeed({
      spec, sshCommand: this.opts.sshCommand, offsets, cursor,
      onLines: (file, lines, _from, next) => this.opts.onBatch(this.parse(label, file, lines, next)),
      onEvents: (events, hits, next) => this.opts.onBatch(fedBatch(label, events, hits, next)),
      onState: (state) => {
        const changed = state.state !== entry.state.state || state.message !== entry.state.message;
        entry.state = state;
        if (changed) this.opts.onState();
      },
      onWarning: (message) => this.opts.onNotice(`${label}: ${message}`),
    });
    this.feeds.push(entry);
    entry.feed.start();
  }

  private parse(machine: string, remotePath: string, lines: Buffer[], nextOffset: number): RemoteBatch {
    const file = `${machine}:${remotePath}`;
    const batch: RemoteBatch = { machine, file, events: [], hits: [], lines: lines.length, badLines: 0, badSamples: [], remotePath, nextOffset };
    for (const line of lines) {
      for (const result of parseLine(line.toString('utf8'), file, this.opts.timeZone)) {
        if (result.kind === 'usage') batch.events.push({ ...result.event, machine });
        else if (result.kind === 'limit') batch.hits.push(result.hit);
        else if (result.kind === 'bad') {
          batch.badLines++;
          if (batch.badSamples.length < 5) batch.badSamples.push(result.reason);
        }
      }
    }
    return batch;
  }
}

/** Mode 1's records as a batch: each file named `<machine>:<remote path>`, as mode 2 names them. */
function fedBatch(machine: string, events: UsageEvent[], hits: LimitHit[], cursor: string): RemoteBatch {
  return {
    machine, file: `${machine}:cctop feed`, lines: events.length + hits.length, badLines: 0, badSamples: [],
    events: events.map((e) => ({ ...e, file: `${machine}:${e.file}`, machine })),
    hits: hits.map((h) => ({ ...h, file: `${machine}:${h.file}` })),
    remotePath: FEED_CURSOR_FILE, nextOffset: 0, cursor,
  };
}
