import { sanitize } from '../logs/sanitize.js';
import { openConnection, type Connection } from './connection.js';
import { cursorComment, decodeCursor, encodeCursor, mergePositions } from './feed-cursor.js';
import type { FeedState, RemoteFeedOptions } from './feed-types.js';
import type { Frame } from './protocol.js';
import { buildRemoteScript } from './script.js';
import { sshInvocation } from './ssh-command.js';
import { scriptFailure, sshDetail, sshFailure, spawnFailure, type Failure } from './ssh-failure.js';
import type { AnyFrame, RemoteMode } from './stream.js';

/** How long a one-shot report waits for a remote's first word (ssh's connection and login included). */
export const ONE_SHOT_ANSWER_MS = 10_000;

export type { EventsHandler, FedBatch, FeedState, FeedStateName, LinesHandler, RemoteFeedOptions, RemoteRead } from './feed-types.js';

/**
 * Follows one remote's logs over ssh, through `cctop feed` where the remote has it, else the sh
 * script: reconnects with backoff and resumes from its cursor (mode 1) or offsets (mode 2).
 */
export class RemoteFeed {
  private readonly known: Map<string, number>;
  private readonly ids: Map<string, string>; // mode 2's, per remote file: what the script knows it by
  private readonly positions: Map<string, string>; // mode 1's, per remote file: the cursor
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly stableMs: number;
  private readonly stallMs: number;
  private readonly answerMs: number;
  private delay: number;
  /** The running ssh, if any. */
  private child: Connection | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private closing = false;
  private bytes = 0;
  private lastDataAt = 0;
  private liveSince: number | null = null;
  private failure: Failure | null = null;
  private current: FeedState = { state: 'connecting' };

  constructor(private readonly opts: RemoteFeedOptions) {
    this.known = new Map(opts.offsets ?? []);
    this.ids = new Map(opts.ids ?? []);
    this.positions = decodeCursor(opts.cursor ?? '') ?? new Map();
    this.firstMs = opts.retry?.firstMs ?? 1000;
    this.maxMs = opts.retry?.maxMs ?? 30_000;
    this.stableMs = opts.retry?.stableMs ?? 10_000;
    this.stallMs = opts.stallMs ?? 20_000;
    this.answerMs = opts.once ? (opts.answerMs ?? ONE_SHOT_ANSWER_MS) : this.stallMs;
    this.delay = this.firstMs;
  }

  /** Connects (once; later connections happen by themselves). */
  start(): void {
    if (!this.child && !this.retryTimer && !this.closing) this.connect();
  }

  /** Bytes received from ssh's stdout over all connections. */
  get bytesReceived(): number {
    return this.bytes;
  }

  /** The offset reached per remote file (the byte after the last complete line). */
  get offsets(): ReadonlyMap<string, number> {
    return this.known;
  }

  /** Mode 1's cursor: where a new `cctop feed` resumes ('' before any). */
  get cursor(): string {
    return this.positions.size === 0 ? '' : encodeCursor(this.positions);
  }

  /** Where the feed stands (`mode` once a connection has said hello). */
  get state(): FeedState {
    return this.current;
  }

  /** How long ago the remote last spoke, or null when not live. */
  lagMs(): number | null {
    return this.current.state === 'live' ? Date.now() - this.lastDataAt : null;
  }

  /** Stops for good: ends ssh and what it started, and resolves once they have exited (within ~1 s whatever they do). */
  async close(): Promise<void> {
    this.closing = true;
    this.stopTimers();
    await this.child?.stop();
  }

  private connect(): void {
    this.failure = null;
    this.liveSince = null;
    this.setState({ state: 'connecting' });
    const { spec } = this.opts;
    let invocation: { program: string; args: string[] };
    try {
      invocation = sshInvocation(spec, this.opts.sshCommand);
    } catch (err) {
      return this.setState({ state: 'failed', message: `${spec.label}: ${sanitize((err as Error).message)}` });
    }
    const script = buildRemoteScript({ path: spec.path, offsets: this.known, ids: this.ids, fullEvery: this.opts.fullEvery, heartbeatEvery: this.opts.heartbeatEvery });
    // The cursor first: a comment to the script's sh, what `cctop feed --cursor=-` reads.
    const connection: Connection = openConnection(invocation, cursorComment(this.cursor) + script, {
      onData: (bytes, frames, mode) => {
        this.bytes += bytes;
        this.lastDataAt = Date.now();
        for (const frame of frames) this.onFrame(frame, mode ?? 'script', connection);
      },
      onSpawnError: (err) => (this.failure ??= spawnFailure(spec.label, invocation.program, err)),
      onClose: (code, signal, stderr) => {
        this.child = null;
        this.onExit(code, signal, stderr);
      },
    });
    this.child = connection;
    this.lastDataAt = Date.now();
    this.startWatchdog(connection);
  }

  private onFrame(frame: AnyFrame, mode: RemoteMode, connection: Connection): void {
    const { label } = this.opts.spec;
    if (frame.kind === 'hello') {
      this.liveSince = Date.now();
      this.setState({ state: 'live', lagMs: 0, synced: false, mode });
    } else if (frame.kind === 'synced') {
      this.setState({ state: 'live', lagMs: 0, synced: true, mode });
    } else if (frame.kind === 'file') {
      this.apply(frame);
    } else if (frame.kind === 'batch') {
      mergePositions(this.positions, frame.positions);
      this.opts.onEvents({ events: frame.events, hits: frame.hits, lines: frame.lines, bad: frame.bad, cursor: this.cursor });
    } else if (frame.kind === 'error') {
      this.failure = scriptFailure(label, frame.code, frame.text);
    } else if (frame.kind === 'bad') {
      this.warn(`${label}: bad data from the remote: ${frame.reason}`);
      this.failure = { message: `${label}: bad data from the remote (${frame.reason})`, final: false };
      void connection.stop();
    }
  }

  private apply(frame: Extract<Frame, { kind: 'file' }>): void {
    const known = this.known.get(frame.file) ?? 0;
    if (frame.reset === 'none' && frame.from !== known) {
      this.warn(`${this.opts.spec.label}: ${sanitize(frame.file)}: expected bytes from ${known}, got ${frame.from}`);
      if (frame.to <= known) return;
    }
    this.known.set(frame.file, frame.to);
    this.ids.set(frame.file, frame.id);
    const { file, lines, from, to, reset, id } = frame;
    this.opts.onLines({ file, lines, from, to, reset, id });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.stopTimers();
    // A one-shot's remote that has sent all it had is done, however its connection ends.
    if (this.closing || (this.opts.once && this.current.synced)) return;
    const { label, destination } = this.opts.spec;
    const wasLive = this.liveSince !== null;
    const lost = { message: `${label}: connection lost (${sshDetail(code, signal, stderr)})`, final: false };
    const failure = this.failure ?? (wasLive ? lost : sshFailure(label, destination, code, signal, stderr));
    if (wasLive && Date.now() - this.liveSince! >= this.stableMs) this.delay = this.firstMs;
    if (failure.final || this.opts.once) return this.setState({ state: 'failed', message: failure.message });
    const wait = this.delay;
    this.delay = Math.min(wait * 2, this.maxMs);
    this.setState({ state: 'retrying', message: failure.message, retryInMs: wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, wait);
  }

  /** Gives up a connection that has gone silent (or, for a one-shot, not answered in time); while live, reports the lag every tick. */
  private startWatchdog(connection: Connection): void {
    const tick = Math.max(50, Math.min(5000, Math.floor(Math.min(this.stallMs, this.answerMs) / 4)));
    this.watchdog = setInterval(() => {
      const silent = Date.now() - this.lastDataAt;
      const answered = this.liveSince !== null;
      const limit = answered ? this.stallMs : this.answerMs;
      if (silent > limit) {
        const what = answered ? 'no data for' : 'no answer within';
        this.failure ??= { message: `${this.opts.spec.label}: ${what} ${Math.round(limit / 1000)} s`, final: false };
        void connection.stop();
      } else if (this.current.state === 'live') {
        this.setState({ ...this.current, lagMs: silent });
      }
    }, tick);
    this.watchdog.unref();
  }

  private stopTimers(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.watchdog = null;
    this.retryTimer = null;
  }

  private setState(state: FeedState): void {
    this.current = state;
    this.opts.onState(state);
  }

  private warn(message: string): void {
    this.opts.onWarning?.(message);
  }
}
