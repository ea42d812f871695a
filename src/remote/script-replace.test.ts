import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLocalFeed, scriptShells, type LocalFeed } from '../../test/support/local-feed.js';
import { usageLine, userLine, waitFor, writeLog } from '../../test/support/remote-logs.js';
import type { Frame } from './protocol.js';
import { firstLineHash } from './script-awk.js';
import type { ScriptInput } from './script.js';

const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-bb-'));
const SHELLS = scriptShells(probe);
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

const u = (n: number, output = 100 + n) => usageLine({ id: `msg_${n}`, requestId: `req_${n}`, output });
const USER = userLine('run the tests please');
// Same length as u(1), another first line: only a hash of the first line tells them apart.
const U1_TWIN = u(9, 101);

type FileFrame = Extract<Frame, { kind: 'file' }>;
const fileFrames = (f: LocalFeed) => f.frames.filter((x): x is FileFrame => x.kind === 'file');
const simple = (x: FileFrame) => ({ reset: x.reset, from: x.from, to: x.to, lines: x.lines.map(String) });
const synced = (f: LocalFeed) => waitFor(() => f.frames.some((x) => x.kind === 'synced'), 5000, 'the first pass');
const size = (file: string) => fs.statSync(file).size;
const ino = (file: string) => String(fs.statSync(file).ino);
const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe.each(SHELLS)('the remote script under %s, on a file replaced by one at least as long', (name, shell, pathEnv) => {
  let dir: string;
  let root: string;
  let feeds: LocalFeed[];
  // Only mawk and gawk count bytes exactly: under busybox awk the script has no first-line hash.
  const hashes = name === 'sh';
  const start = (input: Partial<ScriptInput>) => {
    const feed = runLocalFeed(shell, { path: root, offsets: new Map(), ...input }, { PATH: pathEnv, HOME: dir, TMPDIR: dir });
    feeds.push(feed);
    return feed;
  };
  const idOf = (file: string, first: string) => (hashes ? `${ino(file)}:${firstLineHash(Buffer.from(first))}` : ino(file));

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-script-')));
    root = path.join(dir, 'claude');
    feeds = [];
  });
  afterEach(async () => {
    await Promise.all(feeds.map((f) => f.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names each file by its inode (and first line hash), and re-reads from 0 one renamed over it', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [u(1), USER]);
    const feed = start({});
    await synced(feed);
    expect(fileFrames(feed).map((x) => x.id)).toEqual([idOf(file, u(1))]);
    fs.renameSync(writeLog(root, 'p', 's.jsonl.new', [u(2), USER, u(3)]), file);
    await waitFor(() => fileFrames(feed).length === 2, 3000, 'the replaced file');
    expect(fileFrames(feed).map(simple)[1]).toEqual({ reset: 'replaced', from: 0, to: size(file), lines: [u(2), u(3)] });
    expect(fileFrames(feed)[1]!.id).toBe(idOf(file, u(2)));
  });

  it('re-reads one rewritten in place whose byte before the known offset is no newline', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [u(1), USER]);
    const [inode, known] = [ino(file), size(file)];
    const feed = start({});
    await synced(feed);
    fs.writeFileSync(file, text([USER, USER, u(2), u(3)]));
    expect([ino(file), size(file) > known]).toEqual([inode, true]);
    await waitFor(() => fileFrames(feed).length === 2, 3000, 'the rewritten file');
    expect(fileFrames(feed).map(simple)[1]).toEqual({ reset: 'replaced', from: 0, to: size(file), lines: [u(2), u(3)] });
  });

  it('re-reads one rewritten in place with another first line, even with a newline at the known offset', async (ctx) => {
    if (!hashes) return ctx.skip('busybox awk does not count bytes: only the inode and the newline before the offset are checked');
    const file = writeLog(root, 'p', 's.jsonl', [u(1), u(2)]);
    const feed = start({});
    await synced(feed);
    fs.writeFileSync(file, text([U1_TWIN, u(2), u(3)]));
    await waitFor(() => fileFrames(feed).length === 2, 3000, 'the rewritten file');
    expect(fileFrames(feed).map(simple)[1]).toEqual({ reset: 'replaced', from: 0, to: size(file), lines: [U1_TWIN, u(2), u(3)] });
  });

  it('across connections: the id given with an offset catches a file replaced meanwhile', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [u(1), u(2)]);
    const first = start({});
    await synced(first);
    const { id, to } = fileFrames(first)[0]!;
    await first.stop();
    // Deleted and written again: on ext4 the same inode, so the first line hash (or the byte
    // before the offset, where awk cannot hash) must tell.
    fs.rmSync(file);
    const again = hashes ? [U1_TWIN, u(2), u(3)] : [USER, u(1), u(2), u(3)];
    fs.writeFileSync(file, text(again));
    const second = start({ offsets: new Map([[file, to]]), ids: new Map([[file, id]]) });
    await synced(second);
    expect(fileFrames(second).map(simple)).toEqual([{ reset: 'replaced', from: 0, to: size(file), lines: again.filter((l) => l !== USER) }]);
  });

  it('across connections: one of the same size under another inode is re-read; the same file sends nothing', async () => {
    const [a, b] = [writeLog(root, 'p', 'a.jsonl', [u(1)]), writeLog(root, 'p', 'b.jsonl', [u(2)])];
    const first = start({});
    await synced(first);
    const ids = new Map(fileFrames(first).map((x) => [x.file, x.id]));
    await first.stop();
    fs.renameSync(writeLog(root, 'p', 'a.new', [u(3)]), a);
    const second = start({ offsets: new Map([[a, size(a)], [b, size(b)]]), ids });
    await synced(second);
    expect(fileFrames(second).map((x) => ({ file: x.file, ...simple(x) }))).toEqual([{ file: a, reset: 'replaced', from: 0, to: size(a), lines: [u(3)] }]);
  });

  it('hashes a first line of any bytes as firstLineHash does, over its first KiB', async (ctx) => {
    if (!hashes) return ctx.skip('no first line hash under busybox awk');
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7 + 1) % 256).map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b)));
    const first = Buffer.concat([Buffer.from('"usage"'), bytes]);
    const file = path.join(root, 'projects', 'p', 'odd.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([first, Buffer.from(`\n${u(1)}\n`)]));
    const feed = start({});
    await synced(feed);
    expect(fileFrames(feed).map((x) => x.id)).toEqual([`${ino(file)}:${firstLineHash(first)}`]);
    expect(firstLineHash(first)).not.toBe(firstLineHash(Buffer.concat([first.subarray(0, 1023), Buffer.from('!')])));
    expect(firstLineHash(first)).toBe(firstLineHash(first.subarray(0, 1024)));
  });

  it('sends the id alone of a known file without one, once', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [u(1)]);
    const feed = start({ offsets: new Map([[file, size(file)]]), heartbeatEvery: 1 });
    await synced(feed);
    await waitFor(() => feed.frames.filter((x) => x.kind === 'heartbeat').length >= 3, 5000, 'three passes');
    expect(fileFrames(feed).map((x) => ({ id: x.id, ...simple(x) }))).toEqual([{ id: idOf(file, u(1)), reset: 'none', from: size(file), to: size(file), lines: [] }]);
  });
});
