import fs, { type FSWatcher } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** A log file as a listing saw it (`LogFile` of discover.ts fits). */
export interface ListedFile {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface TreeEvents {
  /** A `*.jsonl` file was created or written to. */
  file(path: string): void;
  removed(path: string): void;
  /** The OS refused a watch (`ENOSPC`: out of inotify watches, `EMFILE`…): switch to polling. */
  failed(err: NodeJS.ErrnoException): void;
}

/**
 * Watches folder trees with one OS watch per folder, never per file: on Linux a folder's watch
 * reports writes to the files in it, so 10,000 session files cost a few hundred watches, not
 * 10,000 (chokidar keeps a watcher and ~9 KB per file). A root that does not exist yet is
 * awaited from its nearest existing ancestor, and awaited again if it is deleted.
 */
export class DirTreeWatch {
  private readonly folders = new Map<string, FSWatcher>();
  /** Root → the ancestor it is awaited from, and the watch on it. */
  private readonly awaiting = new Map<string, { from: string; watcher: FSWatcher }>();
  private closed = false;

  constructor(private readonly roots: readonly string[], private readonly events: TreeEvents) {}

  /**
   * Sets up the watches. With a `baseline` (the files as listed before), what changed since that
   * listing is reported as if it happened now: new files, files grown or replaced, files gone.
   */
  start(baseline?: readonly ListedFile[]): void {
    const before = new Map((baseline ?? []).map((f) => [f.path, f]));
    const reportNew = baseline ? (path: string) => !before.has(path) : () => false;
    for (const root of this.roots) {
      if (isFolder(root)) this.addTree(root, reportNew);
      else this.awaitRoot(root);
    }
    for (const file of before.values()) {
      const stat = statOf(file.path);
      if (!stat) this.events.removed(file.path);
      else if (changedSince(file, stat)) this.events.file(file.path);
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.folders.values()) w.close();
    for (const a of this.awaiting.values()) a.watcher.close();
    this.folders.clear();
    this.awaiting.clear();
  }

  /** Watches a folder and every folder below it, announcing the files found that `report` picks. */
  private addTree(dir: string, report: (path: string) => boolean): void {
    if (this.closed || this.folders.has(dir) || !this.watch(dir)) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or gone: the parent's events still tell us when it changes
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) this.addTree(path, report);
      else if (isLog(path) && report(path)) this.events.file(path);
    }
  }

  private watch(dir: string): boolean {
    try {
      const watcher = fs.watch(dir, { persistent: true }, (_event, name) => this.onEvent(dir, name));
      watcher.on('error', () => this.forget(dir));
      this.folders.set(dir, watcher);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE' || code === 'ENFILE') this.events.failed(err as NodeJS.ErrnoException);
      return false;
    }
  }

  private onEvent(dir: string, name: string | Buffer | null): void {
    if (this.closed) return;
    if (name === null) return this.addTree(dir, always);
    const path = join(dir, name.toString());
    const stat = statOf(path);
    if (stat?.isDirectory()) return this.addTree(path, always);
    if (stat?.isFile()) {
      if (isLog(path)) this.events.file(path);
      return;
    }
    if (stat === null) {
      if (this.folders.has(path)) this.forgetTree(path);
      else if (isLog(path)) this.events.removed(path);
    }
    if (!isFolder(dir)) this.forgetTree(dir);
  }

  /** A folder is gone: drop its watches, and await it again if it was a root. */
  private forgetTree(dir: string): void {
    for (const path of [...this.folders.keys()]) {
      if (path === dir || path.startsWith(dir + sep)) this.forget(path);
    }
  }

  private forget(dir: string): void {
    this.folders.get(dir)?.close();
    this.folders.delete(dir);
    if (this.roots.includes(dir) && !this.closed) this.awaitRoot(dir);
  }

  /** Watches the nearest existing ancestor of `root` until the next folder toward it appears. */
  private awaitRoot(root: string): void {
    this.stopAwaiting(root);
    const from = nearestExisting(root);
    try {
      const watcher = fs.watch(from, { persistent: true }, () => this.onAncestorEvent(root));
      watcher.on('error', () => this.onAncestorEvent(root));
      this.awaiting.set(root, { from, watcher });
    } catch {
      // The ancestor went away in between: the folder check below still finds a root that is there.
    }
    if (isFolder(root)) this.onAncestorEvent(root);
  }

  /** Something changed in the awaited-from folder: the root appeared, or a folder on the way to it. */
  private onAncestorEvent(root: string): void {
    if (this.closed) return;
    if (isFolder(root)) {
      this.stopAwaiting(root);
      this.addTree(root, always);
    } else if (nearestExisting(root) !== this.awaiting.get(root)?.from) {
      this.awaitRoot(root);
    }
  }

  private stopAwaiting(root: string): void {
    this.awaiting.get(root)?.watcher.close();
    this.awaiting.delete(root);
  }
}

const always = () => true;

type FileStamp = Pick<ListedFile, 'size' | 'mtimeMs' | 'ino'>;

export function changedSince(file: FileStamp, stat: FileStamp): boolean {
  return file.size !== stat.size || file.mtimeMs !== stat.mtimeMs || file.ino !== stat.ino;
}

function statOf(path: string): fs.Stats | null {
  try {
    return fs.statSync(path);
  } catch {
    return null;
  }
}

function isFolder(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

function isLog(path: string): boolean {
  return path.endsWith('.jsonl');
}

export function nearestExisting(path: string): string {
  let current = path;
  while (!fs.existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
