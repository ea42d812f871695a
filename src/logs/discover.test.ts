import fs, { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRoots, listLogFiles, resolveProjectsDirs } from './discover.js';
import { REAL_FIXTURES } from '../../test/support/log-fixtures.js';

let tmp: string;

beforeEach(async () => {
  tmp = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'cctop-discover-')));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fsp.chmod(tmp, 0o700).catch(() => undefined);
  await fsp.rm(tmp, { recursive: true, force: true });
});

async function write(relative: string, content = '{}\n'): Promise<string> {
  const file = path.join(tmp, relative);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, content);
  return file;
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Makes `fs.promises[method]` fail with `code` for exactly `target`. */
function failFor(method: 'readdir' | 'stat', target: string, code: string) {
  const original = fsp[method].bind(fsp) as (...args: unknown[]) => Promise<unknown>;
  vi.spyOn(fsp, method).mockImplementation(((p: fs.PathLike, ...rest: unknown[]) =>
    String(p) === target ? Promise.reject(errnoError(code)) : original(p, ...rest)) as never);
}

/** The listing reads folders synchronously: the same refusal for `fs.readdirSync`. */
function failSyncReaddirFor(target: string, code: string) {
  const original = fs.readdirSync.bind(fs) as (...args: unknown[]) => unknown;
  vi.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p) === target) throw errnoError(code);
    return original(p, ...rest);
  }) as never);
}

describe('defaultRoots', () => {
  it('splits CLAUDE_CONFIG_DIR on commas, trimming and dropping empties, without checking existence', () => {
    const env = { CLAUDE_CONFIG_DIR: ' /a/claude , ,/b/.claude,', HOME: '/home/u' };
    expect(defaultRoots(env, () => false)).toEqual(['/a/claude', '/b/.claude']);
  });

  it('uses the XDG folder and ~/.claude that exist', () => {
    const env = { XDG_CONFIG_HOME: '/x', HOME: '/home/u' };
    expect(defaultRoots(env, () => true)).toEqual(['/x/claude', '/home/u/.claude']);
    expect(defaultRoots(env, (p) => p === '/home/u/.claude')).toEqual(['/home/u/.claude']);
  });

  it('uses ~/.config/claude without XDG_CONFIG_HOME, and an empty CLAUDE_CONFIG_DIR counts as unset', () => {
    const env = { CLAUDE_CONFIG_DIR: ' , ', HOME: '/home/u' };
    expect(defaultRoots(env, () => true)).toEqual(['/home/u/.config/claude', '/home/u/.claude']);
    expect(defaultRoots({}, () => true)).toEqual([]);
  });
});

describe('resolveProjectsDirs', () => {
  it('accepts a config folder or a projects folder, and dedupes the same folder reached both ways', async () => {
    await write('config/projects/-w/a.jsonl');
    await fsp.symlink(path.join(tmp, 'config'), path.join(tmp, 'link'));
    const projects = path.join(tmp, 'config', 'projects');
    const result = await resolveProjectsDirs([path.join(tmp, 'config'), projects, path.join(tmp, 'link')]);
    expect(result).toEqual({ dirs: [projects], unreadable: [] });
  });

  it('accepts a synced folder of sessions that is not named projects', async () => {
    await write('devbox/-w/a.jsonl');
    const result = await resolveProjectsDirs([path.join(tmp, 'devbox')]);
    expect(result.dirs).toEqual([path.join(tmp, 'devbox')]);
  });

  it('reports missing, empty and unreadable roots and keeps the others', async () => {
    await write('good/projects/-w/a.jsonl');
    await fsp.mkdir(path.join(tmp, 'empty'));
    await fsp.mkdir(path.join(tmp, 'locked'));
    await write('file.txt');
    failFor('readdir', path.join(tmp, 'locked'), 'EACCES');
    const roots = ['missing', 'empty', 'locked', 'file.txt', 'good'].map((n) => path.join(tmp, n));
    const result = await resolveProjectsDirs(roots);
    expect(result.dirs).toEqual([path.join(tmp, 'good', 'projects')]);
    expect(result.unreadable).toEqual([
      { path: roots[0], reason: 'does not exist' },
      { path: roots[1], reason: 'no projects/ folder' },
      { path: roots[2], reason: 'permission denied' },
      { path: roots[3], reason: 'not a folder' },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a root without read permission (real chmod)', async () => {
    await fsp.mkdir(path.join(tmp, 'locked', 'projects'), { recursive: true });
    await fsp.chmod(path.join(tmp, 'locked'), 0o000);
    const result = await resolveProjectsDirs([path.join(tmp, 'locked')]);
    await fsp.chmod(path.join(tmp, 'locked'), 0o700);
    expect(result.unreadable).toEqual([{ path: path.join(tmp, 'locked'), reason: 'permission denied' }]);
  });
});

describe('listLogFiles', () => {
  it('finds every .jsonl of the real fixtures, nested subagent files included', async () => {
    const errors: string[] = [];
    const files = await listLogFiles(REAL_FIXTURES, (p) => errors.push(p));
    expect(errors).toEqual([]);
    expect(files.map((f) => path.relative(REAL_FIXTURES, f.path))).toEqual([
      'claude-code-viewer/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
      'claude-code-viewer/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl',
      'claude-code-viewer/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl',
      'spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl',
      'spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-acompact-e1f845.jsonl',
      'spotter/6c2214d7-b87e-4432-8e41-22ba294ea584/subagents/agent-afc096d.jsonl',
      'spotter/short.jsonl',
      'spotter/subagent.jsonl',
      'spotter/tool_heavy.jsonl',
    ]);
    expect(files.find((f) => f.path.endsWith('short.jsonl'))?.size).toBe(10491);
  });

  it('reports size and mtime, skips other files, and reports an unreadable folder', async () => {
    const a = await write('p/-w/a.jsonl', 'abc\n');
    await write('p/-w/notes.txt');
    await write('p/-locked/b.jsonl');
    const mtime = new Date('2026-01-02T03:04:05Z');
    await fsp.utimes(a, mtime, mtime);
    failSyncReaddirFor(path.join(tmp, 'p', '-locked'), 'EACCES');
    const errors: [string, string][] = [];
    const files = await listLogFiles(path.join(tmp, 'p'), (p, r) => errors.push([p, r]));
    const stat = await fsp.stat(a);
    expect(files).toEqual([{ path: a, size: 4, mtimeMs: mtime.getTime(), dev: stat.dev, ino: stat.ino, birthtimeMs: stat.birthtimeMs }]);
    expect(errors).toEqual([[path.join(tmp, 'p', '-locked'), 'permission denied']]);
  });

  it('walks a linked folder outside the tree once, and one inside it not again', async () => {
    await write('p/-w/a.jsonl');
    await write('elsewhere/-x/b.jsonl');
    await fsp.symlink(path.join(tmp, 'elsewhere'), path.join(tmp, 'p', 'linked'));
    await fsp.symlink(path.join(tmp, 'elsewhere'), path.join(tmp, 'p', 'linked-again'));
    await fsp.symlink(path.join(tmp, 'p', '-w'), path.join(tmp, 'p', 'sibling'));
    const files = await listLogFiles(path.join(tmp, 'p'), () => undefined);
    expect(files.map((f) => path.relative(tmp, f.path))).toEqual(['p/-w/a.jsonl', 'p/linked/-x/b.jsonl']);
  });

  it('ends symlink loops and reports a missing projects folder', async () => {
    await write('p/-w/a.jsonl');
    await fsp.symlink(path.join(tmp, 'p'), path.join(tmp, 'p', '-w', 'loop'));
    const files = await listLogFiles(path.join(tmp, 'p'), () => undefined);
    expect(files.map((f) => f.path)).toEqual([path.join(tmp, 'p', '-w', 'a.jsonl')]);
    const errors: string[] = [];
    expect(await listLogFiles(path.join(tmp, 'nope'), (_p, r) => errors.push(r))).toEqual([]);
    expect(errors).toEqual(['does not exist']);
  });
});
