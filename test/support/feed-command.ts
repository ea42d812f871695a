import type { UsageEvent } from '../../src/logs/events.js';
import { encodeCursor, mergePositions } from '../../src/remote/feed-cursor.js';
import { FeedParser, type FeedFrame } from '../../src/remote/ndjson.js';
import { isolatedEnv, startCli } from './cli.js';

/** A `cctop feed` run on this machine (no ssh), its output read by the real NDJSON parser. */
export interface FeedCommand {
  frames: FeedFrame[];
  /** Every event of the batches closed so far. */
  events(): UsageEvent[];
  /** The cursor made of every batch so far (from `start`'s). */
  cursor(): string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Closes its stdin (as a dropped connection does) and waits for its exit. */
  endStdin(): Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Runs `cctop feed …args`, writing `stdin` (kept open) to it. */
export function startFeedCommand(args: string[], stdin = '', start = new Map<string, string>()): FeedCommand {
  const child = startCli(['feed', ...args], isolatedEnv());
  const parser = new FeedParser();
  const frames: FeedFrame[] = [];
  const positions = new Map(start);
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const frame of parser.push(d)) {
      frames.push(frame);
      if (frame.kind === 'batch') mergePositions(positions, frame.positions);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => {});
  child.stdin.write(stdin);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    frames,
    events: () => frames.flatMap((f) => (f.kind === 'batch' ? f.events : [])),
    cursor: () => encodeCursor(positions),
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    endStdin: () => {
      child.stdin.end();
      return exited;
    },
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
