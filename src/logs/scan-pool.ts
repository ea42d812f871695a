import module from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LineLimits } from './line-limits.js';
import type { ScannedFile } from './scan-packing.js';
import { READY, type ScanReply, type ScanRequest } from './scan-protocol.js';
import { workerScript } from './worker-script.js';

/**
 * Files per task, and bytes: big enough to amortize a message, small enough that the main
 * thread, which folds the tasks in order, seldom waits for one (it reads files itself meanwhile).
 */
const TASK_FILES = 32;
const TASK_BYTES = 4 * 2 ** 20;
/** Tasks queued per worker, so none waits for the main thread between two tasks. */
const IN_FLIGHT = 2;
/**
 * Bytes of files per worker that it was given and the caller has not folded yet. Without a
 * bound, a worker faster than the caller's folding (or on a busy machine) would read ahead
 * through the whole history, its batches piling up (2 GiB: 260–340 MB peak RSS instead of ~190).
 */
const AHEAD_BYTES = (IN_FLIGHT + 1) * TASK_BYTES;
/**
 * A worker's young generation, in MB. Parsing makes short-lived garbage only; V8's default
 * (16 MB semi-spaces) lets each worker hold ~50 MB of it, a small one keeps RSS in budget
 * at the same speed (measured on two workers alone: 4 MB → 123 MB peak, 8 → 130, 16 → 150, default → 180).
 */
const YOUNG_GENERATION_MB = 4;

/**
 * One file handed to the pool. A worker takes it from the queue, or the caller does (`takeNext`):
 * the main thread reads files itself while it waits for a worker's.
 */
export interface FileScan {
  readonly path: string;
  readonly size: number;
  /** Who reads it: still queued, a worker, or the caller (then `result` never settles). */
  owner: 'queue' | 'worker' | 'caller';
  /** Set once `result` has settled. */
  settled: boolean;
  /** Set once the caller is done with a worker's file (`release`). */
  released: boolean;
  /** The worker's batch and end state; rejects when its worker died (the caller then reads the file). */
  readonly result: Promise<ScannedFile>;
}

interface Entry {
  scan: FileScan;
  window: ScanRequest['window'];
  settle: (result: ScannedFile | Error) => void;
}

interface Task {
  id: number;
  entries: Entry[];
}

interface PoolWorker {
  worker: Worker;
  tasks: Map<number, Task>;
  /** It listens (its modules are loaded): until then it gets no task, and the caller reads the queue's head itself. */
  ready: boolean;
}

/**
 * Worker threads that read and parse whole log files, for the backfill of a large history.
 * The files wait in one queue, in the order given; workers take tasks from its head, and so
 * does the caller, one file at a time, while the file it must fold next is still a worker's.
 * The caller folds in the given order, so results do not depend on who read what.
 */
export class ScanPool {
  private readonly workers: PoolWorker[] = [];
  /** Waiting files from `head` on; those before it are dropped, so no folded batch stays reachable from here. */
  private readonly queue: (Entry | null)[] = [];
  private head = 0;
  private nextId = 0;
  /** Bytes given to workers and not released yet (see AHEAD_BYTES). */
  private ahead = 0;

  private constructor(size: number, private readonly options: { timeZone: string; limits?: LineLimits }) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  /** Resolves once every worker listens (or is gone), its first tasks sent: for tests that need them out. */
  async ready(): Promise<void> {
    // Heard after the pool's own listener (spawn), which marks the worker ready and dispatches.
    await Promise.all(this.workers.filter((w) => !w.ready).map(({ worker }) => new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
    })));
  }

  /** A pool when worker threads can help (more than one core, a runnable worker script), else null. */
  static create({ size = Math.min(availableParallelism(), 4), ...options }: { timeZone: string; limits?: LineLimits; size?: number }): ScanPool | null {
    if (size < 1 || workerScript('scan-worker', import.meta.url) === null) return null;
    return new ScanPool(size, options);
  }

  /** Queues the files; each scan settles with that file's batch and end state once a worker read it. */
  scan(files: readonly { path: string; size: number }[], window: ScanRequest['window']): FileScan[] {
    const scans = files.map((file) => {
      let finish!: Entry['settle'];
      const result = new Promise<ScannedFile>((resolve, reject) => {
        finish = (r) => (r instanceof Error ? reject(r) : resolve(r));
      });
      const scan: FileScan = { path: file.path, size: file.size, owner: 'queue', settled: false, released: false, result };
      // A rejection nobody awaits (the caller read the file after all) must not end the process.
      result.catch(() => {});
      this.queue.push({ scan, window, settle: (r) => {
        scan.settled = true;
        finish(r);
      } });
      return scan;
    });
    this.dispatch();
    return scans;
  }

  /** The first file no worker has taken, now the caller's to read; null when none is left. */
  takeNext(): FileScan | null {
    const entry = this.shift(1, Infinity)[0];
    if (!entry) return null;
    entry.scan.owner = 'caller';
    return entry.scan;
  }

  /** The caller has folded a worker's file (or given up on it): the workers may read further ahead. */
  release(scan: FileScan): void {
    if (scan.owner !== 'worker' || scan.released) return;
    scan.released = true;
    this.ahead -= scan.size;
    this.dispatch();
  }

  async close(): Promise<void> {
    this.queue.length = 0;
    this.head = 0;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const script = workerScript('scan-worker', import.meta.url)!;
    // The compile cache the main thread enabled (cli.tsx), for the worker's modules too: compiling them costs ~0.1 s of a core.
    const cache = module.getCompileCacheDir?.();
    const env = cache ? { ...process.env, NODE_COMPILE_CACHE: cache } : process.env;
    const worker = new Worker(script.url, { execArgv: script.execArgv, env, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const entry: PoolWorker = { worker, tasks: new Map(), ready: false };
    worker.on('message', (reply: ScanReply | typeof READY) => {
      if (reply === READY) {
        entry.ready = true;
        return this.dispatch();
      }
      const task = entry.tasks.get(reply.id);
      entry.tasks.delete(reply.id);
      task?.entries.forEach((e, i) => e.settle(reply.results[i]!));
      this.dispatch();
    });
    worker.on('error', (err) => this.fail(entry, err));
    worker.on('exit', (code) => this.fail(entry, new Error(`scan worker exited with code ${code}`)));
    return entry;
  }

  private dispatch(): void {
    for (const entry of this.workers) {
      // A worker still loading its modules (~0.1 s) would hold the queue's head: the first frame's files.
      if (!entry.ready) continue;
      while (entry.tasks.size < IN_FLIGHT && this.ahead < AHEAD_BYTES * this.workers.length) {
        const entries = this.shift(TASK_FILES, TASK_BYTES);
        if (entries.length === 0) return;
        const task: Task = { id: this.nextId++, entries };
        for (const e of entries) {
          e.scan.owner = 'worker';
          this.ahead += e.scan.size;
        }
        entry.tasks.set(task.id, task);
        const request: ScanRequest = { id: task.id, files: entries.map((e) => e.scan.path), window: entries[0]!.window, ...this.options };
        entry.worker.postMessage(request);
      }
    }
  }

  /** Takes up to `files` entries, or `bytes`, from the queue's head (at least one while any is left). */
  private shift(files: number, bytes: number): Entry[] {
    const taken: Entry[] = [];
    let size = 0;
    while (this.head < this.queue.length && taken.length < files && size < bytes) {
      const entry = this.queue[this.head]!;
      if (taken.length > 0 && entry.window !== taken[0]!.window) break;
      this.queue[this.head++] = null;
      taken.push(entry);
      size += entry.scan.size;
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    return taken;
  }

  /** A dead worker's files fail (the caller reads them itself); the queue waits for the others, or for the caller. */
  private fail(entry: PoolWorker, err: Error): void {
    for (const task of entry.tasks.values()) for (const e of task.entries) e.settle(err);
    entry.tasks.clear();
    const at = this.workers.indexOf(entry);
    if (at !== -1) this.workers.splice(at, 1);
    this.dispatch();
  }
}

