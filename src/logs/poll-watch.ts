import fs from 'node:fs';
import { join } from 'node:path';
import { changedSince, type ListedFile, type TreeEvents } from './dir-watch.js';

interface Seen {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * The fallback when the OS has no watches left: every `intervalMs`, lists the trees and
 * compares each `*.jsonl`'s size, mtime and inode with the last look.
 */
export class PollWatch {
  private seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly roots: readonly string[], private readonly events: Pick<TreeEvents, 'file' | 'removed'>, private readonly intervalMs: number) {}

  /** Starts polling; with a `baseline` (the files as listed before), the first look reports what changed since. */
  start(baseline?: readonly ListedFile[]): void {
    this.seen = baseline ? new Map(baseline.map((f) => [f.path, f])) : this.look();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private poll(): void {
    const now = this.look();
    for (const [path, s] of now) {
      const before = this.seen.get(path);
      if (!before || changedSince(before, s)) this.events.file(path);
    }
    for (const path of this.seen.keys()) if (!now.has(path)) this.events.removed(path);
    this.seen = now;
  }

  private look(): Map<string, Seen> {
    const found = new Map<string, Seen>();
    for (const root of this.roots) walk(root, found);
    return found;
  }
}

function walk(dir: string, found: Map<string, Seen>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (path.endsWith('.jsonl')) {
      try {
        const { size, mtimeMs, ino } = fs.statSync(path);
        found.set(path, { size, mtimeMs, ino });
      } catch {
        // gone between the listing and the stat: the next look reports it removed
      }
    }
  }
}
