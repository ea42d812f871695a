import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LineLimits } from './line-limits.js';
import type { ScannedFile } from './scan-packing.js';
import type { ScanReply, ScanRequest } from './scan-worker.js';

/** Files per task, and bytes: big enough to amortize a message, small enough to share the work. */
const TASK_FILES = 64;
const TASK_BYTES = 8 * 2 ** 20;
/** Tasks queued per worker, so none waits for the main thread between two tasks. */
const IN_FLIGHT = 2;
/**
 * A worker's young generation, in MB. Parsing makes short-lived garbage only; V8's default
 * (16 MB semi-spaces) lets each worker hold ~50 MB of it, a small one keeps RSS in budget
 * at the same speed (measured on two workers alone: 4 MB → 123 MB peak, 8 → 130, 16 → 150, default → 180).
 */
const YOUNG_GENERATION_MB = 4;

interface Task {
  id: number;
  files: string[];
  window: ScanRequest['window'];
  resolve: (results: ScannedFile[]) => void;
  reject: (err: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  tasks: Map<number, Task>;
}

/**
 * Worker threads that read and parse whole log files, for the backfill of a large history.
 * `scan` returns one promise per file, in the order given; the caller folds them in that order,
 * so results do not depend on which worker was faster.
 */
export class ScanPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;

  private constructor(size: number, private readonly options: { timeZone: string; limits?: LineLimits }) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  /** A pool when worker threads can help (more than one core, a runnable worker script), else null. */
  static create({ size = Math.min(availableParallelism(), 4), ...options }: { timeZone: string; limits?: LineLimits; size?: number }): ScanPool | null {
    if (size < 1 || workerScript() === null) return null;
    return new ScanPool(size, options);
  }

  /** Scans the files; each promise settles with that file's batch and end state. */
  scan(files: readonly { path: string; size: number }[], window: ScanRequest['window']): Promise<ScannedFile>[] {
    const perFile: Promise<ScannedFile>[] = [];
    for (const group of groups(files)) {
      const task = new Promise<ScannedFile[]>((resolve, reject) => {
        this.queue.push({ id: this.nextId++, files: group, window, resolve, reject });
      });
      group.forEach((_, i) => perFile.push(task.then((results) => results[i]!)));
    }
    this.dispatch();
    return perFile;
  }

  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new Error('scan pool closed'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const script = workerScript()!;
    const worker = new Worker(script.url, { execArgv: script.execArgv, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const entry: PoolWorker = { worker, tasks: new Map() };
    worker.on('message', (reply: ScanReply) => {
      const task = entry.tasks.get(reply.id);
      entry.tasks.delete(reply.id);
      task?.resolve(reply.results);
      this.dispatch();
    });
    worker.on('error', (err) => this.fail(entry, err));
    worker.on('exit', (code) => this.fail(entry, new Error(`scan worker exited with code ${code}`)));
    return entry;
  }

  private dispatch(): void {
    for (const entry of this.workers) {
      while (entry.tasks.size < IN_FLIGHT && this.queue.length > 0) {
        const task = this.queue.shift()!;
        entry.tasks.set(task.id, task);
        const request: ScanRequest = { id: task.id, files: task.files, window: task.window, ...this.options };
        entry.worker.postMessage(request);
      }
    }
  }

  /** A dead worker's tasks fail (the caller reads those files itself); the others go on. */
  private fail(entry: PoolWorker, err: Error): void {
    for (const task of entry.tasks.values()) task.reject(err);
    entry.tasks.clear();
    const at = this.workers.indexOf(entry);
    if (at !== -1) this.workers.splice(at, 1);
    if (this.workers.length === 0) for (const task of this.queue.splice(0)) task.reject(err);
    else this.dispatch();
  }
}

function* groups(files: readonly { path: string; size: number }[]): Generator<string[]> {
  let group: string[] = [];
  let bytes = 0;
  for (const file of files) {
    group.push(file.path);
    bytes += file.size;
    if (group.length >= TASK_FILES || bytes >= TASK_BYTES) {
      yield group;
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) yield group;
}

/** The worker's entry: the built `.js` beside this module, or the `.ts` source run through tsx. */
function workerScript(): { url: URL; execArgv: string[] } | null {
  const js = new URL('./scan-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  const ts = new URL('./scan-worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(ts))) return { url: ts, execArgv: ['--import', 'tsx'] };
  return null;
}
