import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listLogFiles } from './discover.js';
import { watchLogs, type LogWatcher } from './watch.js';

describe('watchLogs started after a listing', () => {
  let tmp = '';
  let watcher: LogWatcher | null = null;
  afterEach(async () => {
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
});
