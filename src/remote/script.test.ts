import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLocalFeed, scriptShells, type LocalFeed } from '../../test/support/local-feed.js';
import { usageLine, userLine, waitFor, writeLog } from '../../test/support/remote-logs.js';
import type { Frame } from './protocol.js';
import type { ScriptInput } from './script.js';

const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-bb-'));
const SHELLS = scriptShells(probe);
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

const U1 = usageLine({ id: 'msg_01', requestId: 'req_01', output: 27 });
const U2 = usageLine({ id: 'msg_02', requestId: 'req_02', output: 311 });
const U3 = usageLine({ id: 'msg_03', requestId: 'req_03', output: 5 });
const USER = userLine('run the tests please');

type FileFrame = Extract<Frame, { kind: 'file' }>;
const fileFrames = (f: LocalFeed) => f.frames.filter((x): x is FileFrame => x.kind === 'file');
const simple = (x: FileFrame) => ({ file: x.file, reset: x.reset, from: x.from, to: x.to, lines: x.lines.map(String) });
const synced = (f: LocalFeed) => waitFor(() => f.frames.some((x) => x.kind === 'synced'), 5000, 'the first pass');
const size = (file: string) => fs.statSync(file).size;
const byFile = (x: { file: string }, y: { file: string }) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0);

describe.each(SHELLS)('the remote script under %s', (_name, shell, pathEnv) => {
  let dir: string;
  let root: string;
  let feeds: LocalFeed[];
  const start = (input: Partial<ScriptInput>, env: Record<string, string> = {}) => {
    const feed = runLocalFeed(shell, { offsets: new Map(), ...input }, { PATH: pathEnv, HOME: path.join(dir, 'home'), TMPDIR: dir, ...env });
    feeds.push(feed);
    return feed;
  };

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cctop-script-')));
    root = path.join(dir, 'claude');
    fs.mkdirSync(path.join(dir, 'home'));
    feeds = [];
  });
  afterEach(async () => {
    await Promise.all(feeds.map((f) => f.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the usage lines of every log once, each with the offset after its last newline', async () => {
    const a = writeLog(root, '-home-me-my app', 'session one.jsonl', [USER, U1, USER, U2]);
    const b = writeLog(root, '-home-me-my app', 'session one/subagents/agent-a1.jsonl', [U3]);
    const feed = start({ path: root });
    await synced(feed);
    expect(feed.frames.filter((x) => x.kind === 'root')).toEqual([{ kind: 'root', dir: path.join(root, 'projects') }]);
    expect(fileFrames(feed).map(simple).sort(byFile)).toEqual(
      [
        { file: a, reset: 'none', from: 0, to: size(a), lines: [U1, U2] },
        { file: b, reset: 'none', from: 0, to: size(b), lines: [U3] },
      ].sort(byFile),
    );
    await waitFor(() => feed.frames.some((x) => x.kind === 'heartbeat'), 3000, 'a heartbeat');
    expect(fileFrames(feed)).toHaveLength(2);
  });

  it('starts at known offsets and holds a partial last line until its newline arrives', async () => {
    const known = writeLog(root, 'p', 'known.jsonl', [U1]);
    const fresh = writeLog(root, 'p', 'fresh.jsonl', [U3]);
    const [knownAt, freshAt] = [size(known), size(fresh)];
    fs.appendFileSync(known, U2.slice(0, 200));
    fs.appendFileSync(fresh, U2.slice(0, 300));
    const feed = start({ path: root, offsets: new Map([[known, knownAt]]), heartbeatEvery: 1 });
    await synced(feed);
    await waitFor(() => feed.frames.filter((x) => x.kind === 'heartbeat').length >= 2, 4000, 'two passes');
    expect(fileFrames(feed).map(simple)).toEqual([{ file: fresh, reset: 'none', from: 0, to: freshAt, lines: [U3] }]);
    fs.appendFileSync(known, `${U2.slice(200)}\n${USER}\n`);
    fs.appendFileSync(fresh, `${U2.slice(300)}\n`);
    await waitFor(() => fileFrames(feed).length === 3, 3000, 'the completed lines');
    expect(fileFrames(feed).slice(1).map(simple).sort(byFile)).toEqual(
      [
        { file: known, reset: 'none', from: knownAt, to: size(known), lines: [U2] },
        { file: fresh, reset: 'none', from: freshAt, to: size(fresh), lines: [U2] },
      ].sort(byFile),
    );
  });

  it('restarts a file that shrank from 0 and says so', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [U1]);
    const feed = start({ path: root, offsets: new Map([[file, 100_000]]) });
    await synced(feed);
    expect(fileFrames(feed).map(simple)).toEqual([{ file, reset: 'truncated', from: 0, to: size(file), lines: [U1] }]);
  });

  it('follows appends and new files within 2 s', async () => {
    const file = writeLog(root, 'p', 's.jsonl', [U1]);
    const feed = start({ path: root });
    await synced(feed);
    const before = size(file);
    const t0 = Date.now();
    fs.appendFileSync(file, `${U2}\n`);
    const fresh = writeLog(root, 'q', 'new.jsonl', [USER, U3]);
    await waitFor(() => fileFrames(feed).length === 3, 2000, 'both appends');
    console.log(`[remote script, ${_name}] append seen after ${Date.now() - t0} ms`);
    expect(fileFrames(feed).slice(1).map(simple).sort(byFile)).toEqual(
      [
        { file: fresh, reset: 'none', from: 0, to: size(fresh), lines: [U3] },
        { file, reset: 'none', from: before, to: size(file), lines: [U2] },
      ].sort(byFile),
    );
  });

  it('reads at most chunkBytes per frame, and a longer line whole', async () => {
    const lines = [U1, USER, U2, U3];
    const file = writeLog(root, 'p', 's.jsonl', lines);
    const feed = start({ path: root, chunkBytes: 100 });
    await synced(feed);
    const frames = fileFrames(feed);
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.map((x) => x.from)).toEqual([0, ...frames.slice(0, -1).map((x) => x.to)]);
    expect(frames.at(-1)!.to).toBe(size(file));
    expect(frames.flatMap((x) => x.lines.map(String))).toEqual([U1, U2, U3]);
  });

  it('passes any bytes of a line through unchanged, without its CR', async () => {
    const odd = Buffer.concat([Buffer.from('{"t":"\xff\xfe\x01 \u202e', 'latin1'), Buffer.from('é","usage":{}}')]);
    const file = path.join(root, 'projects', 'p', 'odd.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([odd, Buffer.from('\r\n'), Buffer.from(`${USER}\n`)]));
    const feed = start({ path: root });
    await synced(feed);
    const [frame] = fileFrames(feed);
    expect(frame!.lines).toEqual([odd]);
    expect(frame!.to).toBe(size(file));
  });

  it('defaults to the $CLAUDE_CONFIG_DIR list, each folder and each log once', async () => {
    const [x, y] = [path.join(dir, 'x'), path.join(dir, 'y')];
    writeLog(x, 'p', 'a.jsonl', [U1]);
    fs.mkdirSync(y);
    const feed = start({}, { CLAUDE_CONFIG_DIR: ` ${x}, ${y},${x}/projects,${path.join(dir, 'missing')},${x}/projects/p` });
    await synced(feed);
    expect(feed.frames.filter((f) => f.kind === 'root')).toEqual([
      { kind: 'root', dir: path.join(x, 'projects') },
      { kind: 'root', dir: y },
      { kind: 'root', dir: path.join(x, 'projects', 'p') },
    ]);
    expect(fileFrames(feed).map((f) => f.lines.map(String))).toEqual([[U1]]);
  });

  it('else defaults to ~/.config/claude and ~/.claude that exist', async () => {
    const claude = path.join(dir, 'home', '.claude');
    const file = writeLog(claude, 'p', 'a.jsonl', [U1]);
    const feed = start({});
    await synced(feed);
    expect(feed.frames.filter((f) => f.kind === 'root')).toEqual([{ kind: 'root', dir: path.join(claude, 'projects') }]);
    expect(fileFrames(feed).map(simple)).toEqual([{ file, reset: 'none', from: 0, to: size(file), lines: [U1] }]);
  });

  it('reports a path that does not exist, and ends', async () => {
    const missing = path.join(dir, 'no such dir');
    const feed = start({ path: missing });
    expect(await feed.exited).not.toBe(0);
    expect(feed.frames).toEqual([{ kind: 'hello' }, { kind: 'error', code: 'nopath', text: missing }]);
  });

  it('reports a remote without any Claude Code folder, and ends', async () => {
    const feed = start({});
    expect(await feed.exited).not.toBe(0);
    expect(feed.frames.map((f) => f.kind)).toEqual(['hello', 'error']);
    expect(feed.frames[1]).toMatchObject({ code: 'noroot' });
  });
});
