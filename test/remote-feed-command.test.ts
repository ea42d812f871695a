import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorComment, decodeCursor } from '../src/remote/feed-cursor.js';
import { FEED_HELLO } from '../src/remote/ndjson.js';
import { startFeedCommand, type FeedCommand } from './support/feed-command.js';
import { usageLine, userLine, waitFor, writeLog } from './support/remote-logs.js';

const u = (n: number) => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output: 100 + n });
const USER = userLine('run the tests');
const keys = (feed: FeedCommand) => feed.events().map((e) => e.key);
const synced = (feed: FeedCommand) => waitFor(() => feed.frames.some((f) => f.kind === 'synced'), 15_000, 'synced');

describe('cctop feed (on this machine, no ssh)', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const tree = () => {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-feed-')), 'claude');
    cleanups.push(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));
    return root;
  };
  const feed = (args: string[], stdin = cursorComment(''), start?: Map<string, string>) => {
    const f = startFeedCommand(['--cursor=-', ...args], stdin, start);
    cleanups.push(() => f.kill('SIGKILL'));
    return f;
  };

  it('sends each record once, holds a partial last line, and a restart from its cursor sends only what is new', async () => {
    const root = tree();
    const a = writeLog(root, 'p', 'a.jsonl', [u(1), USER, u(2)]);
    const b = writeLog(root, 'p', 'sub/b.jsonl', [u(3)]);
    const gone = writeLog(root, 'q', 'gone.jsonl', [u(4)]);
    const whole = fs.statSync(a).size;
    fs.appendFileSync(a, u(5).slice(0, 200));
    const first = feed(['--dir', root]);
    await synced(first);
    expect(first.stdout().split('\n')[0]).toBe(FEED_HELLO);
    expect(keys(first).sort()).toEqual(['msg_1:req_1', 'msg_2:req_2', 'msg_3:req_3', 'msg_4:req_4']);
    expect(first.events().find((e) => e.key === 'msg_3:req_3')).toMatchObject({ file: b, tokens: { output: 103, cacheRead: 17_915 } });
    expect(await first.endStdin()).toBe(0);
    const cursor = first.cursor();
    expect([...decodeCursor(cursor)!.keys()].sort()).toEqual([a, b, gone].sort());
    expect(decodeCursor(cursor)!.get(a)).toBe(`${whole}:${fs.statSync(a).ino}:${fs.statSync(a).birthtimeMs}:3`);

    fs.appendFileSync(a, `${u(5).slice(200)}\n${USER}\n`);
    fs.appendFileSync(b, `${u(6)}\n`);
    fs.rmSync(gone);
    writeLog(root, 'q', 'new.jsonl', [u(7)]);
    const second = feed(['--dir', root], cursorComment(cursor), decodeCursor(cursor)!);
    await synced(second);
    expect(keys(second).sort()).toEqual(['msg_5:req_5', 'msg_6:req_6', 'msg_7:req_7']);
    const positions = second.frames.flatMap((f) => (f.kind === 'batch' ? [...f.positions] : []));
    expect(positions.filter(([, p]) => p === null)).toEqual([[gone, null]]);
    expect([...decodeCursor(second.cursor())!.keys()].sort()).toEqual([a, b, path.join(root, 'projects/q/new.jsonl')].sort());

    const third = feed(['--dir', root], cursorComment(second.cursor()));
    await synced(third);
    expect(third.frames.filter((f) => f.kind === 'batch')).toEqual([]);
  }, 60_000);

  it('counts the lines it read and the bad ones per file, with each batch, only once', async () => {
    const root = tree();
    const bad = '{"type":"assistant","message":{"usage":"lots"}}';
    const a = writeLog(root, 'p', 'a.jsonl', [u(1), bad, USER, bad]);
    const f = feed(['--dir', root]);
    await synced(f);
    fs.appendFileSync(a, `${bad}\n${u(2)}\n`);
    await waitFor(() => keys(f).includes('msg_2:req_2'), 2000, 'the append');
    const batches = f.frames.flatMap((x) => (x.kind === 'batch' ? [x] : []));
    expect(batches.reduce((n, x) => n + x.lines, 0)).toBe(6);
    const counts = batches.flatMap((x) => [...x.bad].map(([path, { count, samples }]) => [path, count, samples.map((t) => t.replace(/: .*/, ''))]));
    expect(counts).toEqual([[a, 2, ['line 2', 'line 4']], [a, 1, ['line 5']]]);
  }, 30_000);

  it('follows appends within 2 s, beats every 5 s, and stops when stdin ends', async () => {
    const root = tree();
    const file = writeLog(root, 'p', 's.jsonl', [u(1)]);
    const f = feed(['--dir', root]);
    await synced(f);
    const t0 = Date.now();
    fs.appendFileSync(file, `${USER}\n${u(2)}\n`);
    await waitFor(() => keys(f).includes('msg_2:req_2'), 2000, 'the append');
    console.log(`[cctop feed] append → batch in ${Date.now() - t0} ms`);
    await waitFor(() => f.frames.some((x) => x.kind === 'heartbeat'), 7000, 'a heartbeat');
    expect(keys(f)).toEqual(['msg_1:req_1', 'msg_2:req_2']);
    expect(await f.endStdin()).toBe(0);
    expect(f.stderr()).toBe('');
  }, 30_000);

  it('resumes a file replaced under the same name from its start', async () => {
    const root = tree();
    const file = writeLog(root, 'p', 's.jsonl', [u(1), u(2)]);
    const first = feed(['--dir', root]);
    await synced(first);
    await first.endStdin();
    // Written beside it and renamed over it: a new inode, whatever the file system reuses.
    fs.renameSync(writeLog(root, 'p', 's.jsonl.new', [u(3), u(4), u(5)]), file);
    const second = feed(['--dir', root], cursorComment(first.cursor()));
    await synced(second);
    expect(keys(second)).toEqual(['msg_3:req_3', 'msg_4:req_4', 'msg_5:req_5']);
  }, 30_000);

  it('takes a cursor on the command line too; one it cannot read is a warning and a start from scratch', async () => {
    const root = tree();
    writeLog(root, 'p', 's.jsonl', [u(1)]);
    const first = feed(['--dir', root]);
    await synced(first);
    await first.endStdin();
    const literal = startFeedCommand(['--cursor', first.cursor(), '--dir', root]);
    cleanups.push(() => literal.kill('SIGKILL'));
    await synced(literal);
    expect(keys(literal)).toEqual([]);
    expect(await literal.kill('SIGTERM')).toBe(0);
    const bad = feed(['--dir', root], '# cctop-cursor !!!\n');
    await synced(bad);
    expect(keys(bad)).toEqual(['msg_1:req_1']);
    expect(bad.stderr()).toBe('cctop feed: not a cursor printed by cctop feed; starting from the beginning\n');
  }, 30_000);

  it('says which path is missing, or that there is no Claude Code folder, after its hello', async () => {
    const missing = feed(['--dir', '/nonexistent/claude']);
    expect(await missing.exited).toBe(1);
    expect(missing.stdout()).toBe(`${FEED_HELLO}\n{"err":{"code":"nopath","text":"/nonexistent/claude"}}\n`);
    expect(missing.frames).toEqual([{ kind: 'hello' }, { kind: 'error', code: 'nopath', text: '/nonexistent/claude' }]);
    const none = feed([]);
    expect(await none.exited).toBe(1);
    expect(none.frames.at(-1)).toEqual({ kind: 'error', code: 'noroot', text: 'no Claude Code folder (~/.claude, ~/.config/claude or $CLAUDE_CONFIG_DIR)' });
  }, 30_000);
});
