import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { changedSince, type ListedFile, type TreeEvents } from './dir-watch.js';
import { HOT_MS, RACY_MS, sweepCount } from './poll-timing.js';

type Stamp = Pick<ListedFile, 'size' | 'mtimeMs' | 'ino'>;

interface Folder {
  mtimeMs: number;
  ino: number;
  /** Its mtime was too close to its listing to trust (RACY_MS): listed again on the next look. */
  racy: boolean;
  /** The logs and the folders in it, as last listed. */
  files: Set<string>;
  folders: Set<string>;
}

/**
 * What the polling fallback knows of the trees, and one look at them. A look stats every folder
 * and lists again only those whose mtime changed (a file or folder added, removed or renamed);
 * it stats the logs of those folders, the logs written recently (HOT_MS), and a share of the
 * others, so that each is looked at once per SWEEP_MS. On 20,000 idle files that is a few
 * hundred stats a second, where listing everything on every look was 20,000.
 */
export class PolledTree {
  private readonly folders = new Map<string, Folder>();
  private readonly files = new Map<string, Stamp>();
  private readonly hot = new Set<string>();
  /** Where the sweep stands: a live iterator over `files`, restarted at its end. */
  private sweep: Iterator<string> | null = null;
  /** The files looked at in the current look (each at most once). */
  private looked = new Set<string>();
  private lastLookAt = 0;
  private reported = 0;

  /** `now`: the wall clock, which file-system times are compared with. */
  constructor(private readonly roots: readonly string[], private readonly events: Pick<TreeEvents, 'file' | 'removed'>, private readonly now: () => number) {}

  /** Lists the trees; with a `baseline` (the files as listed before), reports what changed since. */
  start(baseline?: readonly ListedFile[]): void {
    const now = (this.lastLookAt = this.now());
    for (const root of this.roots) this.addTree(root, now, false);
    if (!baseline) return;
    const before = new Map(baseline.map((f) => [f.path, f]));
    for (const [path, stamp] of this.files) {
      const listed = before.get(path);
      if (!listed || changedSince(listed, stamp)) this.file(path);
    }
    for (const path of before.keys()) if (!this.files.has(path)) this.removed(path);
  }

  /** Looks for changes since the last look and reports them; returns how many it reported. */
  look(): number {
    const now = this.now();
    const before = this.reported;
    this.looked = new Set();
    for (const root of this.roots) if (!this.folders.has(root)) this.addTree(root, now, true);
    for (const dir of [...this.folders.keys()]) this.lookAtFolder(dir, now);
    for (const path of this.hot) if (!this.looked.has(path)) this.lookAtFile(path, now, true);
    this.sweepFiles(sweepCount(this.files.size, now - this.lastLookAt), now);
    this.lastLookAt = now;
    return this.reported - before;
  }

  /** Starts keeping a folder and all below it (`report`: its logs are new, and said to be). */
  private addTree(dir: string, now: number, report: boolean): void {
    if (this.folders.has(dir)) return;
    const stat = statOf(dir);
    if (!stat?.isDirectory()) return;
    const folder: Folder = { mtimeMs: stat.mtimeMs, ino: stat.ino, racy: isRacy(stat, now), files: new Set(), folders: new Set() };
    this.folders.set(dir, folder);
    for (const entry of listOf(dir) ?? []) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        folder.folders.add(path);
        this.addTree(path, now, report);
      } else if (isLog(path) && this.lookAtFile(path, now, report)) folder.files.add(path);
    }
  }

  /** A folder gone is forgotten with all below it; one whose mtime changed (or was racy) is listed again. */
  private lookAtFolder(dir: string, now: number): void {
    const folder = this.folders.get(dir);
    if (!folder) return; // forgotten with its parent in this look
    const stat = statOf(dir);
    if (!stat?.isDirectory()) return this.dropTree(dir);
    if (folder.racy || stat.mtimeMs !== folder.mtimeMs || stat.ino !== folder.ino) this.relist(dir, folder, stat, now);
  }

  private relist(dir: string, folder: Folder, stat: fs.Stats, now: number): void {
    Object.assign(folder, { mtimeMs: stat.mtimeMs, ino: stat.ino, racy: isRacy(stat, now) });
    const entries = listOf(dir);
    if (!entries) return; // unreadable for now: what it held is still swept
    const files = new Set<string>();
    const folders = new Set<string>();
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        folders.add(path);
        this.addTree(path, now, true);
      } else if (isLog(path) && this.lookAtFile(path, now, true)) files.add(path);
    }
    for (const path of folder.files) if (!files.has(path)) this.forgetFile(path);
    for (const path of folder.folders) if (!folders.has(path)) this.dropTree(path);
    folder.files = files;
    folder.folders = folders;
  }

  /** Stats a log and reports it when new or changed (and `report`); false when it is not a file (any more). */
  private lookAtFile(path: string, now: number, report: boolean): boolean {
    this.looked.add(path);
    const stat = statOf(path);
    if (!stat?.isFile()) {
      this.forgetFile(path);
      return false;
    }
    const stamp = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
    const before = this.files.get(path);
    this.files.set(path, stamp);
    if (now - stat.mtimeMs < HOT_MS) this.hot.add(path);
    else this.hot.delete(path);
    if (report && (!before || changedSince(before, stamp))) this.file(path);
    return true;
  }

  /** Looks at the next `count` files in turn, skipping those this look has seen. */
  private sweepFiles(count: number, now: number): void {
    for (let i = 0; i < count; i++) {
      let next = this.sweep?.next();
      if (!next || next.done) {
        this.sweep = this.files.keys();
        next = this.sweep.next();
        if (next.done) return;
      }
      if (!this.looked.has(next.value)) this.lookAtFile(next.value, now, true);
    }
  }

  private dropTree(dir: string): void {
    const folder = this.folders.get(dir);
    if (!folder) return;
    this.folders.delete(dir);
    for (const path of folder.files) this.forgetFile(path);
    for (const path of folder.folders) this.dropTree(path);
  }

  private forgetFile(path: string): void {
    if (!this.files.delete(path)) return;
    this.hot.delete(path);
    this.folders.get(dirname(path))?.files.delete(path);
    this.removed(path);
  }

  private file(path: string): void {
    this.reported++;
    this.events.file(path);
  }

  private removed(path: string): void {
    this.reported++;
    this.events.removed(path);
  }
}

function isRacy(stat: fs.Stats, now: number): boolean {
  return now - stat.mtimeMs < RACY_MS;
}

function statOf(path: string): fs.Stats | undefined {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // unreadable (EACCES, ELOOP…): as good as gone for a look
  }
}

function listOf(dir: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
}

function isLog(path: string): boolean {
  return path.endsWith('.jsonl');
}
