import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveProjectsDirs } from '../logs/discover.js';
import { LogTailer } from '../logs/tail.js';
import type { Result } from '../logs/result.js';
import { watchLogs } from '../logs/watch.js';
import { cursorFromComment, decodeCursor } from './feed-cursor.js';
import { FEED_HELLO } from './ndjson.js';
import { FeedReader, LineWriter } from './feed-reader.js';

const HEARTBEAT_MS = 5000;
/** The longest first stdin line taken as a cursor (a cursor of 100,000 files is ~10 MB). */
const MAX_CURSOR = 64 * 2 ** 20;

/**
 * `cctop feed`: this machine's usage records as NDJSON on stdout (src/remote/ndjson.ts), from
 * `--cursor` on (`-`: the first stdin line, `# cctop-cursor <cursor>`), following the logs until
 * stdin ends or a signal. Writes nothing anywhere else; warnings go to stderr.
 */
/** What `cctop feed` reads: the roots (as given with --dir, else the defaults that exist) and where it resumes. */
export interface FeedOptions {
  roots: readonly string[];
  /** The roots were named with --dir: one that is missing or unreadable is an error, not skipped. */
  explicit: boolean;
  /** `--cursor` (`-`: the first stdin line), or null for the start. */
  cursor: string | null;
  timeZone: string;
}

export async function runFeed(options: FeedOptions): Promise<number> {
  const stop = stopper();
  process.stdout.on('error', stop.now); // the connection is gone
  const firstLine = watchStdin(options.cursor === '-', stop.now);
  const found = await feedDirs(options);
  const out = new LineWriter(process.stdout, stop.stopped);
  out.line(FEED_HELLO);
  if (!found.ok) {
    out.line(JSON.stringify({ err: found.reason }));
    await out.flush();
    return 1;
  }
  const text = options.cursor === '-' ? cursorFromComment(await firstLine) : (options.cursor ?? '');
  const cursor = text === null ? null : decodeCursor(text);
  if (!cursor) process.stderr.write('cctop feed: not a cursor printed by cctop feed; starting from the beginning\n');
  const reader = new FeedReader(new LogTailer({ timeZone: options.timeZone }), out, cursor ?? new Map());
  const dirs = found.value;
  const watcher = watchLogs(dirs, {
    onFile: (path) => reader.touched(path),
    onRemoved: (path) => reader.removed(path),
    onNotice: (text) => process.stderr.write(`cctop feed: ${text}\n`),
  });
  let beats = 0;
  const heartbeat = setInterval(() => {
    out.line(JSON.stringify({ hb: ++beats }));
    void out.flush();
  }, HEARTBEAT_MS);
  await Promise.race([reader.firstPass(dirs).then(() => out.line('{"s":true}')).then(() => out.flush()), stop.stopped]);
  await stop.stopped;
  clearInterval(heartbeat);
  reader.close();
  await watcher.close();
  return 0;
}

/** The fatal error the remote side reports (as the script's), in its `err` line. */
interface FeedFailure {
  code: 'nopath' | 'noaccess' | 'noroot';
  text: string;
}

/** The projects folders to follow, or why there are none. */
async function feedDirs({ roots, explicit }: FeedOptions): Promise<Result<string[], FeedFailure>> {
  const fail = (code: FeedFailure['code'], text: string) => ({ ok: false, reason: { code, text } }) as const;
  for (const root of roots) if (explicit && !existsSync(root)) return fail('nopath', root);
  const { dirs, unreadable } = await resolveProjectsDirs([...roots]);
  for (const { path } of unreadable) {
    // A config folder without logs yet is followed as it is (as the script does); others cannot be read.
    if (readableFolder(path)) dirs.push(resolve(path));
    else if (explicit) return fail('noaccess', path);
  }
  if (dirs.length > 0) return { ok: true, value: dirs };
  return fail('noroot', 'no Claude Code folder (~/.claude, ~/.config/claude or $CLAUDE_CONFIG_DIR)');
}

function readableFolder(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Resolves `stopped` on SIGTERM, SIGHUP, SIGINT or `now()`. */
function stopper(): { stopped: Promise<void>; now: () => void } {
  let now = () => {};
  const stopped = new Promise<void>((resolve) => (now = () => resolve()));
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.once(signal, now);
  return { stopped, now };
}

/**
 * Reads stdin to its end (then `onEnd`): its first line when `wanted`, the rest (the script
 * sent with it, see src/remote/feed-cursor.ts) discarded as it comes.
 */
function watchStdin(wanted: boolean, onEnd: () => void): Promise<string> {
  return new Promise((done) => {
    const parts: Buffer[] = [];
    let size = 0;
    let taken = !wanted;
    const take = (line: string) => {
      taken = true;
      done(line);
    };
    process.stdin.on('data', (chunk: Buffer) => {
      if (taken) return;
      const nl = chunk.indexOf(0x0a);
      parts.push(nl === -1 ? chunk : chunk.subarray(0, nl));
      size += nl === -1 ? chunk.length : nl;
      if (nl !== -1 || size > MAX_CURSOR) take(Buffer.concat(parts).toString('latin1'));
    });
    const end = () => {
      if (!taken) take(Buffer.concat(parts).toString('latin1'));
      onEnd();
    };
    process.stdin.once('end', end);
    process.stdin.once('error', end);
    if (!wanted) done('');
  });
}
