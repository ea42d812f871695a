import { spawn, type ChildProcess } from 'node:child_process';
import { sanitize } from '../logs/sanitize.js';
import type { FeedState, RemoteFeedOptions } from './feed-types.js';
import { FrameParser, type Frame } from './protocol.js';
import { buildRemoteScript } from './script.js';
import { sshInvocation } from './ssh-command.js';
import { scriptFailure, sshDetail, sshFailure, spawnFailure, type Failure } from './ssh-failure.js';

export type { FeedState, FeedStateName, LinesHandler, RemoteFeedOptions } from './feed-types.js';

const STDERR_KEEP = 8192;

/** Follows one remote's logs over ssh: reconnects with backoff and resumes from its offsets. */
export class RemoteFeed {
  private readonly known: Map<string, number>;
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly stableMs: number;
  private readonly stallMs: number;
  private delay: number;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
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
    this.firstMs = opts.retry?.firstMs ?? 1000;
    this.maxMs = opts.retry?.maxMs ?? 30_000;
    this.stableMs = opts.retry?.stableMs ?? 10_000;
    this.stallMs = opts.stallMs ?? 20_000;
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

  get state(): FeedState {
    return this.current;
  }

  /** How long ago the remote last spoke, or null when not live. */
  lagMs(): number | null {
    return this.current.state === 'live' ? Date.now() - this.lastDataAt : null;
  }

  /** Stops for good: kills ssh and resolves once it has exited. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopTimers();
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(force);
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
    const script = buildRemoteScript({ path: spec.path, offsets: this.known, fullEvery: this.opts.fullEvery, heartbeatEvery: this.opts.heartbeatEvery });
    const child = spawn(invocation.program, invocation.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.lastDataAt = Date.now();
    let stderr = '';
    const parser = new FrameParser();
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.child = null;
        this.onExit(code, signal, stderr);
        resolve();
      });
    });
    child.once('error', (err) => (this.failure ??= spawnFailure(spec.label, invocation.program, err)));
    child.stdin!.on('error', () => {}); // ssh gone before reading the script: its exit says why
    child.stdin!.end(script);
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-STDERR_KEEP)));
    child.stdout!.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      this.lastDataAt = Date.now();
      for (const frame of parser.push(chunk)) this.onFrame(frame, child);
    });
    this.startWatchdog(child);
  }

  private onFrame(frame: Frame, child: ChildProcess): void {
    const { label } = this.opts.spec;
    if (frame.kind === 'hello') {
      this.liveSince = Date.now();
      this.setState({ state: 'live', lagMs: 0, synced: false });
    } else if (frame.kind === 'synced') {
      this.setState({ state: 'live', lagMs: 0, synced: true });
    } else if (frame.kind === 'file') {
      this.apply(frame);
    } else if (frame.kind === 'error') {
      this.failure = scriptFailure(label, frame.code, frame.text);
    } else if (frame.kind === 'bad') {
      this.warn(`${label}: bad data from the remote: ${frame.reason}`);
      this.failure = { message: `${label}: bad data from the remote (${frame.reason})`, final: false };
      child.kill('SIGTERM');
    }
  }

  private apply(frame: Extract<Frame, { kind: 'file' }>): void {
    const known = this.known.get(frame.file) ?? 0;
    if (!frame.reset && frame.from !== known) {
      this.warn(`${this.opts.spec.label}: ${sanitize(frame.file)}: expected bytes from ${known}, got ${frame.from}`);
      if (frame.to <= known) return;
    }
    this.known.set(frame.file, frame.to);
    this.opts.onLines(frame.file, frame.lines, frame.from, frame.to, frame.reset);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.stopTimers();
    if (this.closing) return;
    const { label, destination } = this.opts.spec;
    const wasLive = this.liveSince !== null;
    const lost = { message: `${label}: connection lost (${sshDetail(code, signal, stderr)})`, final: false };
    const failure = this.failure ?? (wasLive ? lost : sshFailure(label, destination, code, signal, stderr));
    if (wasLive && Date.now() - this.liveSince! >= this.stableMs) this.delay = this.firstMs;
    if (failure.final) return this.setState({ state: 'failed', message: failure.message });
    const wait = this.delay;
    this.delay = Math.min(wait * 2, this.maxMs);
    this.setState({ state: 'retrying', message: failure.message, retryInMs: wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, wait);
  }

  /** Gives up a connection that has gone silent; while live, reports the lag every tick. */
  private startWatchdog(child: ChildProcess): void {
    const tick = Math.max(50, Math.min(5000, Math.floor(this.stallMs / 4)));
    this.watchdog = setInterval(() => {
      const silent = Date.now() - this.lastDataAt;
      if (silent > this.stallMs) {
        this.failure ??= { message: `${this.opts.spec.label}: no data for ${Math.round(silent / 1000)} s`, final: false };
        child.kill('SIGTERM');
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
