import { appendFileSync, closeSync, openSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistorySync } from './history-sync.js';
import { openStore } from '../store/index.js';
import { append, monitorOf, NOW, response, runWithStore, tempDir, tokensOf, totalTokens } from '../../test/support/faults.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const root = join(dir, 'claude');
  const project = join(root, 'projects', '-home-me-src-app');
  return { root, a: join(project, 'session-1.jsonl'), b: join(project, 'session-2.jsonl'), storePath: join(dir, 'data', 'history.sqlite') };
}

const run = runWithStore;

describe('warm start from the history store', () => {
  it('reads only the bytes appended since the last run and keeps the totals exact', async () => {
    const { root, a, b, storePath } = setup();
    append(a, response(1) + response(2));
    append(b, response(3, { session: 'session-2' }));
    const first = await run(root, storePath);
    expect(totalTokens(first.monitor)).toBe(tokensOf(1, 2, 3));
    await first.stop();
    expect(statSync(storePath).mode & 0o777).toBe(0o600);

    const appended = response(4);
    append(a, appended);
    const second = await run(root, storePath);
    expect(totalTokens(second.monitor)).toBe(tokensOf(1, 2, 3, 4));
    // Only the new response's bytes were read, not the history.
    expect(second.monitor.reader.loading.bytesRead).toBe(Buffer.byteLength(appended));
    await second.stop();
  });

  it('still shows a bad line on the warm start that resumed past it', async () => {
    const { root, a, storePath } = setup();
    append(a, response(1) + '{"type":"assistant","usage": not json\n' + response(2));
    const first = await run(root, storePath);
    const cold = first.monitor.diagnostics.snapshot();
    expect([cold.badLines, cold.files[0]?.samples]).toEqual([1, [expect.stringMatching(/^line 3: invalid JSON/)]]);
    await first.stop();
    const second = await run(root, storePath);
    expect(second.monitor.reader.loading.bytesRead).toBe(0);
    const warm = second.monitor.diagnostics.snapshot();
    expect([warm.badLines, warm.files[0]?.samples, warm.linesRead]).toEqual([1, cold.files[0]?.samples, cold.linesRead]);
    await second.stop();
  });

  it('counts the lines of the files in the history only, as a cold start does, not of older ones the store read', async () => {
    const { root, a, b, storePath } = setup();
    append(a, response(1) + '{"type":"assistant","usage": not json\n');
    append(b, response(2, { session: 'session-2' }));
    await (await run(root, storePath)).stop();
    // Session 1's log was last written before the history's start (2026-11-01).
    const before = new Date('2026-10-20T00:00:00Z');
    utimesSync(a, before, before);
    const warm = await run(root, storePath);
    const cold = monitorOf([root]);
    await cold.load();
    const lines = (d: ReturnType<typeof cold.diagnostics.snapshot>) => [d.filesRead, d.linesRead, d.badLines];
    expect(lines(warm.monitor.diagnostics.snapshot())).toEqual(lines(cold.diagnostics.snapshot()));
    expect(lines(cold.diagnostics.snapshot())).toEqual([1, 2, 0]);
    await cold.close();
    await warm.stop();
  });

  it('reads a file again that was rewritten in place with its size, inode and first line kept', async () => {
    const { root, a, storePath } = setup();
    append(a, response(1) + response(3));
    const first = await run(root, storePath);
    expect(totalTokens(first.monitor)).toBe(tokensOf(1, 3));
    await first.stop();
    // The second response is overwritten by another of the same length; the mtime moves on.
    expect(response(4).length).toBe(response(3).length);
    const fd = openSync(a, 'r+');
    writeSync(fd, response(4), response(1).length);
    closeSync(fd);
    utimesSync(a, new Date(), new Date(Date.now() + 5000));
    const second = await run(root, storePath);
    // Response 3 stays as stored history; response 4 is read (it was missed for good before).
    expect(totalTokens(second.monitor)).toBe(tokensOf(1, 3, 4));
    await second.stop();
  });

  it('keeps the history of log files Claude Code deleted, and marks their days', async () => {
    const { root, a, b, storePath } = setup();
    append(a, response(1));
    append(b, response(2, { session: 'session-2', time: NOW - 3 * 86_400_000 }));
    await (await run(root, storePath)).stop();
    rmSync(b);
    const again = await run(root, storePath);
    expect(totalTokens(again.monitor)).toBe(tokensOf(1, 2));
    const days = again.monitor.metrics().days.map((d) => [d.date, d.fromStore]);
    expect(days).toEqual([['2026-11-17', true], ['2026-11-20', false]]);
    await again.stop();
  });

  it('re-reads a file truncated or replaced while cctop was not running, counting nothing twice', async () => {
    const { root, a, b, storePath } = setup();
    append(a, response(1) + response(2));
    append(b, response(3, { session: 'session-2' }));
    await (await run(root, storePath)).stop();
    // a: replaced by a new file (new inode) holding 2 again and 5; b: truncated and rewritten with 6.
    writeFileSync(`${a}.new`, response(2) + response(5));
    renameSync(`${a}.new`, a);
    writeFileSync(b, response(6, { session: 'session-2' }));
    const again = await run(root, storePath);
    expect(totalTokens(again.monitor)).toBe(tokensOf(1, 2, 3, 5, 6));
    await again.stop();
  });

  it('counts a line half-written when cctop stopped exactly once, after it is finished', async () => {
    const { root, a, storePath } = setup();
    const line = response(7, { blocks: 1 });
    append(a, response(1) + line.slice(0, 40));
    const first = await run(root, storePath);
    expect(totalTokens(first.monitor)).toBe(tokensOf(1));
    await first.stop();
    appendFileSync(a, line.slice(40));
    const second = await run(root, storePath);
    expect(totalTokens(second.monitor)).toBe(tokensOf(1, 7));
    await second.stop();
    const third = await run(root, storePath);
    expect(totalTokens(third.monitor)).toBe(tokensOf(1, 7));
    expect(third.monitor.reader.loading.bytesRead).toBe(0);
    await third.stop();
  });

  it('on a full disk keeps counting in memory with a notice, and loses nothing the logs hold', async () => {
    const { root, a, storePath } = setup();
    for (let n = 1; n <= 400; n++) append(a, response(n));
    // A store capped at 100 kB (its empty schema takes most of it) fails its writes as a full disk would.
    const { store } = openStore({ path: storePath, maxBytes: 100_000 });
    const monitor = monitorOf([root], { history: new HistorySync(store!, 'local') });
    await monitor.load();
    expect(totalTokens(monitor)).toBe(tokensOf(...Array.from({ length: 400 }, (_, i) => i + 1)));
    expect(monitor.metrics().diagnostics.notices.join('\n')).toMatch(/history store: saving failed .*; running in memory from now on/);
    append(a, response(401));
    await monitor.reader.readFile(a);
    expect(totalTokens(monitor)).toBe(tokensOf(...Array.from({ length: 401 }, (_, i) => i + 1)));
    await monitor.close();
    store!.close();
  });
});
