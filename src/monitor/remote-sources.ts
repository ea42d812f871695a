import type { LimitHit, UsageEvent } from '../logs/events.js';
import { parseLine } from '../logs/parse-line.js';
import { sanitize } from '../logs/sanitize.js';
import { RemoteFeed, type FeedState } from '../remote/feed.js';
import { parseRemoteSpec, type RemoteSpec } from '../remote/spec.js';
import type { HistoryStore } from '../store/index.js';
import type { MachineStatus } from '../usage/metrics-types.js';

/** What one remote read gives the pipeline: its parsed lines, under the machine's name. */
export interface RemoteBatch {
  machine: string;
  /** `<machine>:<remote path>`: unique beside local paths, for diagnostics. */
  file: string;
  events: UsageEvent[];
  hits: LimitHit[];
  lines: number;
  badLines: number;
  badSamples: string[];
  /** The remote file's path and where its next read starts, for the store. */
  remotePath: string;
  nextOffset: number;
}

export interface RemoteSourcesOptions {
  /** `--remote` values, each anything ssh accepts or `ssh://[user@]host[:port][/path]`. */
  remotes: readonly string[];
  sshCommand: string;
  timeZone: string;
  /** Offsets to resume from (the store's positions of each machine); none to start at 0. */
  store: HistoryStore | null;
  onBatch(batch: RemoteBatch): void;
  /** A machine's state changed (the header shows it). */
  onState(): void;
  onNotice(text: string): void;
}

/**
 * The ssh remotes of a run: one feed each, its lines parsed exactly as a local file's and
 * handed on tagged with the machine, its offsets resumed from the store.
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
    const offsets = new Map((this.opts.store?.positions() ?? []).filter((p) => p.machine === label).map((p) => [p.path, p.offset]));
    const entry = { label, state: { state: 'connecting' } as FeedState, feed: null as unknown as RemoteFeed };
    entry.feed = new RemoteFeed({
      spec, sshCommand: this.opts.sshCommand, offsets,
      onLines: (file, lines, _from, next) => this.opts.onBatch(this.parse(label, file, lines, next)),
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
