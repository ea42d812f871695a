import fs, { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualPollTimer } from '../../test/support/poll-timer.js';
import { listLogFiles } from './discover.js';
import { watchLogs, type LogWatcher } from './watch.js';

describe('watchLogs started after a listing', () => {
  let tmp = '';
  let watcher: LogWatcher | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await watcher?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** A tree of three logs, listed; then, before the watch starts, one grows, one goes, one is new. */
  async function changedAfterListing() {
    tmp = mkdtempSync(join(tmpdir(), 'cctop-watch-'));
    const project = join(tmp, 'projects', '-p');
    mkdirSync(join(project, 'sub'), { recursive: true });
    for (const name of ['grown.jsonl', 'gone.jsonl', 'same.jsonl', 'sub/same2.jsonl']) writeFileSync(join(project, name), '{}\n');
    const baseline = await listLogFiles(join(tmp, 'projects'), () => undefined);
    appendFileSync(join(project, 'grown.jsonl'), '{"more":1}\n');
    rmSync(join(project, 'gone.jsonl'));
    writeFileSync(join(project, 'sub', 'new.jsonl'), '{}\n');
    return { projects: join(tmp, 'projects'), project, baseline };
  }

  function recorder() {
    const seen: string[] = [];
    const handlers = {
      onFile: (path: string) => seen.push(`file ${path}`),
      onRemoved: (path: string) => seen.push(`removed ${path}`),
      onNotice: (text: string) => seen.push(`notice ${text}`),
    };
    return { seen, handlers };
  }

  const until = async (check: () => boolean) => {
    for (const deadline = Date.now() + 5000; !check();) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('reports what changed since the listing, and nothing that did not', async () => {
    const { projects, project, baseline } = await changedAfterListing();
    const { seen, handlers } = recorder();
    watcher = watchLogs([projects], handlers, { baseline });
    expect(seen.sort()).toEqual([
      `file ${join(project, 'grown.jsonl')}`,
      `file ${join(project, 'sub', 'new.jsonl')}`,
      `removed ${join(project, 'gone.jsonl')}`,
    ]);
    seen.length = 0;
    appendFileSync(join(project, 'same.jsonl'), '{}\n');
    await until(() => seen.includes(`file ${join(project, 'same.jsonl')}`));
  });

  it('polling does the same from its first look', async () => {
    const { projects, project, baseline } = await changedAfterListing();
    const { seen, handlers } = recorder();
    watcher = watchLogs([projects], handlers, { baseline, forcePolling: true });
    await until(() => seen.length >= 3);
    expect(seen.sort()).toEqual([
      `file ${join(project, 'grown.jsonl')}`,
      `file ${join(project, 'sub', 'new.jsonl')}`,
      `removed ${join(project, 'gone.jsonl')}`,
    ]);
  });

  it('falls back to polling when the OS has no watches left, says how to raise the limit, and misses nothing since the listing', async () => {
    const { projects, project, baseline } = await changedAfterListing();
    const { seen, handlers } = recorder();
    // The OS watches the projects folder, then has none left for the folders below it.
    const realWatch = fs.watch;
    vi.spyOn(fs, 'watch').mockImplementation(((path: fs.PathLike, ...rest: never[]) => {
      if (path !== projects) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      return realWatch(path, ...rest);
    }) as typeof fs.watch);
    const timer = new ManualPollTimer();
    watcher = watchLogs([projects], handlers, { baseline, poll: { timer, now: timer.now }, maxUserWatches: () => 8192 });
    await timer.whenScheduled();
    expect(seen.sort()).toEqual([
      `file ${join(project, 'grown.jsonl')}`,
      `file ${join(project, 'sub', 'new.jsonl')}`,
      'notice file watching limit reached (ENOSPC): polling every 1–10 s instead; raise it with sudo sysctl fs.inotify.max_user_watches=524288 (now 8192) and restart cctop',
      `removed ${join(project, 'gone.jsonl')}`,
    ]);
    seen.length = 0;
    appendFileSync(join(project, 'sub', 'same2.jsonl'), '{}\n');
    timer.fire();
    expect(seen).toEqual([`file ${join(project, 'sub', 'same2.jsonl')}`]);
  });
});
