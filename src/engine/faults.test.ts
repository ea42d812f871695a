/**
 * Faults the monitor survives: each test breaks the log files in one way, on temp folders,
 * and asserts the exact totals afterwards (nothing lost, nothing counted twice).
 */
import fs, { chmodSync, mkdirSync, promises as fsp, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { responseLines } from '../demo/lines.js';
import type { Monitor } from './monitor.js';
import { append, loadWatching, monitorOf, NOW, response, tempDir, tokensOf, totalTokens, waitFor } from '../../test/support/faults.js';

const asRoot = process.getuid?.() === 0;
let cleanups: (() => unknown)[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function setup(): { root: string; project: string; file: string; base: string } {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const root = join(dir, 'claude');
  const project = join(root, 'projects', '-home-me-src-app');
  mkdirSync(project, { recursive: true });
  return { root, project, file: join(project, 'session-1.jsonl'), base: dir };
}

function watched(monitor: Monitor): Monitor {
  cleanups.push(() => monitor.close());
  return monitor;
}

/** Waits until the monitor has read `file` once more than before `action` (the watcher saw it). */
async function afterRead(monitor: Monitor, file: string, action: () => void): Promise<void> {
  const reads = vi.mocked(monitor.reader.readFile);
  const before = reads.mock.calls.filter(([p]) => p === file).length;
  action();
  await waitFor(() => reads.mock.calls.filter(([p]) => p === file).length > before, `a read of ${file}`);
  await reads.mock.results.at(-1)?.value;
}

/** Appends response `n` of a session of its own to `file` and waits until the monitor shows that session. */
async function sentinelSeen(monitor: Monitor, file: string, n: number): Promise<void> {
  append(file, response(n, { session: 'sentinel' }));
  await waitFor(() => monitor.metrics().sessions.some((s) => s.sessionId === 'sentinel'), 'the sentinel line');
}

describe('lines arriving in pieces', () => {
  it('counts a line written in three pieces across reads, cut inside a UTF-8 character, once', async () => {
    const { root, project, file } = setup();
    append(file, response(1));
    const monitor = watched(monitorOf([root]));
    await loadWatching(monitor, join(project, 'probe.jsonl'));
    vi.spyOn(monitor.reader, 'readFile');
    const line = Buffer.from(responseLines({
      sessionId: 'session-1', cwd: '/wörk/€', model: 'claude-sonnet-4-5-20250929', time: NOW - 30_000,
      messageId: 'msg_2', requestId: 'req_2', input: 10, output: 2000, cacheWrite: 100, cacheRead: 1000, blocks: 1,
    })[0]!);
    const euro = line.indexOf(Buffer.from('€')) + 1;
    for (const piece of [line.subarray(0, 40), line.subarray(40, euro), line.subarray(euro)]) {
      await afterRead(monitor, file, () => append(file, piece));
    }
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2), 'the whole line');
    expect(monitor.metrics().diagnostics.badLines).toBe(0);
    expect(monitor.metrics().sessions[0]?.cwd).toBe('/wörk/€');
  });
});

describe('files that change under the monitor', () => {
  it('survives a file truncated, replaced by a new one with the same name, deleted and re-created', async () => {
    const { root, project, file } = setup();
    append(file, response(1) + response(2));
    const monitor = watched(monitorOf([root]));
    await loadWatching(monitor, join(project, 'probe.jsonl'));
    vi.spyOn(monitor.reader, 'readFile');
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2));

    await afterRead(monitor, file, () => truncateSync(file, 0));
    await afterRead(monitor, file, () => append(file, response(3)));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3), 'the line written after the truncation');

    await afterRead(monitor, file, () => writeFileSync(file, response(4, { blocks: 1 })));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3, 4), 'the file rewritten shorter');

    const next = join(project, 'next.tmp');
    writeFileSync(next, response(1) + response(5) + response(6));
    await afterRead(monitor, file, () => renameSync(next, file));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3, 4, 5, 6), 'the replacing file');

    const known = monitor.reader.filesKnown;
    unlinkSync(file);
    await waitFor(() => monitor.reader.filesKnown === known - 1, 'the deletion');
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2, 3, 4, 5, 6));

    append(file, response(2) + response(7));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3, 4, 5, 6, 7), 'the re-created file');
    // Read after them, a sentinel line shows that the re-created file's lines were not counted again.
    await sentinelSeen(monitor, file, 8);
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2, 3, 4, 5, 6, 7, 8));
  });

  it('survives a project folder deleted and re-created, and picks up a root that appears after start', async () => {
    const { root, project, file, base } = setup();
    const other = join(root, 'projects', '-home-me-src-other');
    append(join(other, 'keep.jsonl'), response(9));
    append(file, response(1));
    const late = join(base, 'devbox');
    const monitor = watched(monitorOf([root, late]));
    await loadWatching(monitor, join(other, 'probe.jsonl'));
    expect(totalTokens(monitor)).toBe(tokensOf(1, 9));
    expect(monitor.metrics().diagnostics.unreadableRoots.map((r) => r.path)).toEqual([late]);

    const known = monitor.reader.filesKnown;
    rmSync(project, { recursive: true });
    await waitFor(() => monitor.reader.filesKnown === known - 1, 'the deletion');
    expect(totalTokens(monitor)).toBe(tokensOf(1, 9));
    append(file, response(1) + response(2));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 9), 'the re-created project folder');

    append(join(late, 'projects', '-home-me-src-late', 'late.jsonl'), response(3, { session: 'session-late' }));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3, 9), 'the root created after start', 15_000);
  });
});

describe('unreadable files and folders', () => {
  it('reports an unreadable file and an unreadable folder, and reads the rest', async () => {
    const { root } = setup();
    const projects = join(root, 'projects');
    append(join(projects, '-a', 'ok.jsonl'), response(1));
    const lockedFile = join(projects, '-a', 'locked.jsonl');
    append(lockedFile, response(2));
    const lockedDir = join(projects, '-b');
    append(join(lockedDir, 'hidden.jsonl'), response(3));
    append(join(projects, '-c', 'ok.jsonl'), response(4));
    lockOut(lockedFile, lockedDir);

    const monitor = monitorOf([root]);
    await monitor.load();
    expect(totalTokens(monitor)).toBe(tokensOf(1, 4));
    const unreadable = monitor.metrics().diagnostics.unreadableFiles;
    expect(unreadable).toEqual(expect.arrayContaining([
      { path: lockedFile, reason: 'permission denied' as unknown },
      { path: lockedDir, reason: 'permission denied' },
    ]));
    expect(unreadable).toHaveLength(2);
  });
});

/** chmod 000 where that keeps us out; as root (CI), the same errors injected at the fs calls. */
function lockOut(file: string, dir: string): void {
  if (!asRoot) {
    chmodSync(file, 0o000);
    chmodSync(dir, 0o000);
    cleanups.push(() => {
      chmodSync(file, 0o600);
      chmodSync(dir, 0o700);
    });
    return;
  }
  const denied = (p: string) => Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
  const openSync = fs.openSync.bind(fs) as (...args: unknown[]) => number;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p) === file) throw denied(file);
    return openSync(p, ...rest);
  }) as typeof fs.openSync);
  const readdir = fsp.readdir.bind(fsp) as (...args: unknown[]) => Promise<unknown>;
  vi.spyOn(fsp, 'readdir').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) =>
    String(p) === dir ? Promise.reject(denied(dir)) : readdir(p, ...rest)) as never);
  // The listing and the watcher read folders synchronously.
  const readdirSync = fs.readdirSync.bind(fs) as (...args: unknown[]) => unknown;
  vi.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p) === dir) throw denied(dir);
    return readdirSync(p, ...rest);
  }) as never);
}

describe('many files', () => {
  it('starts over 10,000 files in one root within budget and keeps watching (or polls, with a notice)', async () => {
    const { root } = setup();
    const files: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const file = join(root, 'projects', `-p${Math.floor(i / 100)}`, `s${i}.jsonl`);
      if (i % 100 === 0) mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, response(i + 1, { session: `s${i}`, blocks: 1, time: NOW - 3_600_000 }));
      files.push(file);
    }
    const all = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const rssBefore = process.memoryUsage().rss;
    const monitor = watched(monitorOf([root]));
    await loadWatching(monitor, join(root, 'projects', '-p0', 'probe.jsonl'));
    expect(totalTokens(monitor)).toBe(tokensOf(...all));
    expect(monitor.metrics().loading).toMatchObject({ done: true, filesRead: 10_000, filesTotal: 10_000 });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 2 ** 20);

    append(files[4321]!, response(20_000, { session: 's4321', blocks: 1 }));
    await waitFor(() => totalTokens(monitor) === tokensOf(...all, 20_000), 'an append among 10,000 files');
    const notices = monitor.metrics().diagnostics.notices;
    expect(notices.every((n) => /polling/.test(n))).toBe(true);
  }, 60_000);
});

describe('watching without OS watches', () => {
  it('falls back to polling with a notice when the OS has no watches left, and still sees appends', async () => {
    const { root, project, file } = setup();
    append(file, response(1));
    vi.spyOn(fs, 'watch').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    });
    const monitor = watched(monitorOf([root]));
    await loadWatching(monitor, join(project, 'probe.jsonl'));
    // The limit now is this machine's (/proc), as is the one suggested when it is already high.
    const limit = /^file watching limit reached \(ENOSPC\): polling every 1–10 s instead; raise it with sudo sysctl fs\.inotify\.max_user_watches=\d+( \(now \d+\))? and restart cctop$/;
    expect(monitor.metrics().diagnostics.notices).toEqual([expect.stringMatching(limit)]);
    append(file, response(2));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2), 'an append seen by polling');
    unlinkSync(file);
    append(file, response(3));
    await waitFor(() => totalTokens(monitor) === tokensOf(1, 2, 3), 'a re-created file seen by polling');
  });
});

describe('garbage lines', () => {
  it('counts each kind of garbage in diagnostics, never fails, and changes no valid total', async () => {
    const { root, file } = setup();
    const good = response(1) + response(2);
    const one = (n: number, time?: number) => response(n, { blocks: 1, time });
    const binaryWithMarker = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x9c]), Buffer.from('"usage":{'), Buffer.from([0xc3, 0x28, 0x00, 0x7f, 0x0a])]);
    const binary = Buffer.from([0x00, 0x01, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0x0a]);
    const huge = `{"type":"assistant","message":{"usage":{"input_tokens":1,"content":"${'x'.repeat(50 * 2 ** 20)}"}}}\n`;
    append(file, good);
    append(file, binaryWithMarker);
    append(file, binary);
    append(file, huge);
    append(file, one(10).replace('"input_tokens":10', '"input_tokens":"10"')); // valid JSON, wrong type
    append(file, one(11).replace(/"timestamp":"[^"]+"/, '"timestamp":"yesterday"'));
    append(file, one(12, NOW + 86_400_000)); // in the future
    append(file, one(13).replace('"input_tokens":10', '"input_tokens":-10'));
    append(file, one(14).replace('"input_tokens":10', '"input_tokens":10.5'));
    append(file, response(3));

    const monitor = monitorOf([root]);
    await monitor.load();
    const { diagnostics } = monitor.metrics();
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2, 3));
    expect(diagnostics.badLines).toBe(7);
    expect(diagnostics.files[0]?.samples).toEqual([
      expect.stringMatching(/^line 5: invalid JSON/),
      'line 7: line over 16 MiB',
      expect.stringMatching(/^line 8: message\.usage\.input_tokens:/),
      'line 9: timestamp: not an ISO-8601 time from 2023 on',
      expect.stringMatching(/^line 11: message\.usage\.input_tokens:/),
    ]);
    expect(diagnostics.files[0]?.badLines).toBe(7); // the future one (line 10) is past the samples kept
    expect(diagnostics.linesRead).toBe(14);
  });
});

describe('one clock', () => {
  it('reports a file whose only problem is a line far in the future with its real line count', async () => {
    const { root, file } = setup();
    append(file, response(1) + response(2) + response(3, { time: NOW + 86_400_000 }));
    const monitor = monitorOf([root]);
    await monitor.load();
    const { diagnostics } = monitor.metrics();
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2));
    // Each response is 2 lines: 6 lines read, 2 of them (the future one's) bad — never "2 bad of 0".
    expect(diagnostics.files).toEqual([expect.objectContaining({ lines: 6, badLines: 2 })]);
  });

  it('with --now, counts later responses as after the report\'s clock, not as bad lines', async () => {
    const { root, file } = setup();
    append(file, response(1) + response(2, { time: NOW + 60_000 }) + response(3, { time: NOW + 86_400_000 }));
    const monitor = monitorOf([root], { report: true });
    await monitor.load();
    const { diagnostics } = monitor.metrics();
    expect(totalTokens(monitor)).toBe(tokensOf(1));
    expect(diagnostics.badLines).toBe(0);
    expect(diagnostics.afterClock).toBe(4);
  });
});

describe('two roots', () => {
  it('counts the same response in a laptop tree and a synced devbox tree once', async () => {
    const { base } = setup();
    const laptop = join(base, 'laptop', 'projects', '-home-me-src-app');
    const devbox = join(base, 'devbox', 'projects', '-home-me-src-app');
    append(join(laptop, 'session-1.jsonl'), response(1) + response(2));
    append(join(devbox, 'session-1.jsonl'), response(1) + response(2));
    append(join(devbox, 'session-2.jsonl'), response(2) + response(3, { session: 'session-2' }));
    const monitor = monitorOf([join(base, 'laptop'), join(base, 'devbox')]);
    await monitor.load();
    expect(totalTokens(monitor)).toBe(tokensOf(1, 2, 3));
    expect(monitor.ingest.ledger.size).toBe(3);
  });
});
