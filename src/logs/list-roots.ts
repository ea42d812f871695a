// Listing the roots' log files, in this thread or beside it in a worker (warm starts overlap it with the store's load).
import module from 'node:module';
import { Worker } from 'node:worker_threads';
import { listLogFiles, resolveProjectsDirs, type LogFile } from './discover.js';
import { workerScript } from './worker-script.js';

export interface Unreadable {
  path: string;
  reason: string;
}

/** The roots' projects folders and every `*.jsonl` below them, with what could not be read, in the order met. */
export interface RootsListing {
  dirs: string[];
  unreadableRoots: Unreadable[];
  /** Per folder of `dirs`, sorted by path. */
  files: LogFile[][];
  unreadableFiles: Unreadable[];
}

/** Lists the roots in this thread. */
export async function listRoots(roots: readonly string[]): Promise<RootsListing> {
  const { dirs, unreadable } = await resolveProjectsDirs([...roots]);
  const unreadableFiles: Unreadable[] = [];
  const files = await Promise.all(dirs.map((dir) => listLogFiles(dir, (path, reason) => unreadableFiles.push({ path, reason }))));
  return { dirs, unreadableRoots: unreadable, files, unreadableFiles };
}

/**
 * A listing as the worker posts it: the files' paths in one string and their numbers in one
 * array (cloning 8,000 objects costs the receiving thread ~30 ms; this, ~3).
 */
export interface PackedListing {
  dirs: string[];
  unreadableRoots: Unreadable[];
  unreadableFiles: Unreadable[];
  /** Files per folder of `dirs`. */
  counts: number[];
  /** The paths, each ended by a NUL (never in a path). */
  paths: string;
  /** Per file: size, mtimeMs, dev, ino, birthtimeMs. */
  numbers: Float64Array<ArrayBuffer>;
}

const NUMBERS = 5;

export function packListing(listing: RootsListing): PackedListing {
  const all = listing.files.flat();
  const numbers = new Float64Array(all.length * NUMBERS);
  all.forEach((f, i) => numbers.set([f.size, f.mtimeMs, f.dev, f.ino, f.birthtimeMs], i * NUMBERS));
  const { dirs, unreadableRoots, unreadableFiles } = listing;
  return { dirs, unreadableRoots, unreadableFiles, counts: listing.files.map((l) => l.length), paths: all.map((f) => `${f.path}\0`).join(''), numbers };
}

export function unpackListing(packed: PackedListing): RootsListing {
  const { dirs, unreadableRoots, unreadableFiles, counts, numbers } = packed;
  const paths = packed.paths.split('\0');
  let i = 0;
  const files = counts.map((count) => Array.from({ length: count }, (): LogFile => {
    const n = numbers.subarray(i * NUMBERS, (i + 1) * NUMBERS);
    return { path: paths[i++]!, size: n[0]!, mtimeMs: n[1]!, dev: n[2]!, ino: n[3]!, birthtimeMs: n[4]! };
  }));
  return { dirs, unreadableRoots, files, unreadableFiles };
}

/**
 * Lists the roots in a worker thread, so the listing (~0.2 s for 8,000 logs in 4,400 folders:
 * all syscalls) runs on the other core while this thread loads the store and the screen. A
 * worker that cannot start or fails leaves the listing to this thread; the answer is the same.
 */
export function listRootsAside(roots: readonly string[]): Promise<RootsListing> {
  return listInWorker(roots).catch(() => listRoots(roots));
}

/** Lists the roots in a worker thread; rejects when the worker cannot start or fails. */
export function listInWorker(roots: readonly string[]): Promise<RootsListing> {
  const script = workerScript('list-worker', import.meta.url);
  if (!script) return Promise.reject(new Error('no list-worker script'));
  const cache = module.getCompileCacheDir?.();
  const env = cache ? { ...process.env, NODE_COMPILE_CACHE: cache } : process.env;
  const worker = new Worker(script.url, { execArgv: script.execArgv, env, workerData: [...roots] });
  return new Promise<RootsListing>((resolve, reject) => {
    worker.once('message', (packed: PackedListing) => resolve(unpackListing(packed)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`list worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
}
