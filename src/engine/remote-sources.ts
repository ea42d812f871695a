import { addLine, MAX_BAD_SAMPLES } from '../logs/line-batch.js';
import { parseLineBytes } from '../logs/parse-bytes.js';
import { sanitize } from '../logs/sanitize.js';
import { emptyBatch, type TailBatch } from '../logs/tail.js';
import { RemoteFeed, type FedBatch, type FeedState, type RemoteRead } from '../remote/feed.js';
import { FILE_ID } from '../remote/protocol.js';
import { parseRemoteSpec, type RemoteSpec } from '../remote/spec.js';
import type { HistoryStore } from '../store/index.js';
import type { MachineStatus } from './types.js';

/**
 * The pseudo-file of a machine's `cctop feed` cursor in the store's positions (per machine and
 * file): its `headHash` holds the cursor. A remote path is absolute, so it never collides.
 */
export const FEED_CURSOR_FILE = 'cctop-feed-cursor';

/**
 * What one remote read gives the pipeline, read like a local file's: its parsed lines (or mode 1's
 * records) under the machine's name. `file` is `<machine>:<remote path>` (mode 1:
 * `<machine>:cctop feed`, its bad lines named per remote file in the samples), unique beside
 * local paths. `identity` stays null: a remote file is known by `remotePath` and `headHash`.
 */
export interface RemoteBatch extends TailBatch {
  machine: string;
  /** The remote file's path and where its next read starts, for the store (mode 1: FEED_CURSOR_FILE, 0). */
  remotePath: string;
  nextOffset: number;
  /** Stored with the position as its `headHash`: mode 1's cursor, mode 2's file id (protocol.ts). */
  headHash: string;
}

export interface RemoteSourcesOptions {
  /** `--remote` values, each anything ssh accepts or `ssh://[user@]host[:port][/path]`. */
  remotes: readonly string[];
  sshCommand: string;
  /** A one-shot report: each remote tried once, within a bound (see RemoteFeedOptions.once). */
  once?: boolean;
  timeZone: string;
  /** Offsets and cursors to resume from (the store's positions of each machine); none to start at 0. */
  store: HistoryStore | null;
  onBatch(batch: RemoteBatch): void;
  /** A machine's state changed (the header shows it): the machine, and its feed's new state. */
  onState(machine: string, state: FeedState): void;
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
    const files = stored.filter((p) => p.path !== FEED_CURSOR_FILE);
    const offsets = new Map(files.map((p) => [p.path, p.offset]));
    const ids = new Map(files.filter((p) => FILE_ID.test(p.headHash)).map((p) => [p.path, p.headHash]));
    const cursor = stored.find((p) => p.path === FEED_CURSOR_FILE)?.headHash ?? '';
    const entry = { label, state: { state: 'connecting' } as FeedState, feed: null as unknown as RemoteFeed };
    entry.feed = new RemoteFeed({
      spec, sshCommand: this.opts.sshCommand, offsets, ids, cursor, once: this.opts.once,
      onLines: (read) => this.opts.onBatch(this.parse(label, read)),
      onEvents: (batch) => this.opts.onBatch(fedBatch(label, batch)),
      onState: (state) => {
        const changed = state.state !== entry.state.state || state.message !== entry.state.message;
        entry.state = state;
        if (changed) this.opts.onState(label, state);
      },
      // The feed's warnings name their machine already.
      onWarning: (message) => this.opts.onNotice(message),
    });
    this.feeds.push(entry);
    entry.feed.start();
  }

  private parse(machine: string, read: RemoteRead): RemoteBatch {
    const file = `${machine}:${read.file}`;
    const batch: RemoteBatch = {
      ...emptyRemoteBatch(machine, file), lines: read.lines.length, bytesRead: read.to - read.from, reset: read.reset,
      remotePath: read.file, nextOffset: read.to, headHash: read.id,
    };
    for (const line of read.lines) {
      addLine(batch, parseLineBytes(line, 0, line.length, file, this.opts.timeZone), { fileId: file, where: null, machine });
    }
    return batch;
  }
}

/**
 * Mode 1's records as a batch: each file named `<machine>:<remote path>`, as mode 2 names them;
 * the remote's bad lines counted for the machine, each sample naming its remote file.
 */
function fedBatch(machine: string, fed: FedBatch): RemoteBatch {
  const batch: RemoteBatch = {
    ...emptyRemoteBatch(machine, `${machine}:cctop feed`), lines: fed.lines, remotePath: FEED_CURSOR_FILE, headHash: fed.cursor,
    events: fed.events.map((e) => ({ ...e, file: `${machine}:${e.file}`, machine })),
    hits: fed.hits.map((h) => ({ ...h, file: `${machine}:${h.file}` })),
  };
  for (const [path, { count, samples }] of fed.bad) {
    batch.badLines += count;
    for (const sample of samples) if (batch.badSamples.length < MAX_BAD_SAMPLES) batch.badSamples.push(`${path}: ${sample}`);
  }
  return batch;
}

function emptyRemoteBatch(machine: string, file: string): RemoteBatch {
  return { ...emptyBatch(file), machine, remotePath: '', nextOffset: 0, headHash: '' };
}
