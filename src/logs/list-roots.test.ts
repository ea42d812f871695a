import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/faults.js';
import { listInWorker, listRoots } from './list-roots.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Two roots (one of them twice, through a link), a missing one, and a log linked to nowhere. */
function tree() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const a = join(dir, 'a', 'projects', '-p');
  const b = join(dir, 'b', 'projects', '-q', 'session-3', 'subagents');
  mkdirSync(a, { recursive: true });
  mkdirSync(b, { recursive: true });
  writeFileSync(join(a, 'session-1.jsonl'), '{}\n');
  writeFileSync(join(a, 'session-2.jsonl'), '{}\n{}\n');
  writeFileSync(join(b, 'agent-1.jsonl'), '{}\n');
  symlinkSync(join(dir, 'nowhere.jsonl'), join(a, 'session-9.jsonl'));
  symlinkSync(join(dir, 'a'), join(dir, 'a-again'));
  return { dir, roots: [join(dir, 'a'), join(dir, 'missing'), join(dir, 'b'), join(dir, 'a-again')] };
}

describe('listing the roots', () => {
  it('in a worker thread gives what this thread gives: folders, files with their stats, what could not be read', async () => {
    const { dir, roots } = tree();
    const here = await listRoots(roots);
    expect(here.dirs).toEqual([join(dir, 'a', 'projects'), join(dir, 'b', 'projects')]);
    expect(here.files.map((list) => list.map((f) => [f.path.slice(dir.length), f.size]))).toEqual([
      [['/a/projects/-p/session-1.jsonl', 3], ['/a/projects/-p/session-2.jsonl', 6]],
      [['/b/projects/-q/session-3/subagents/agent-1.jsonl', 3]],
    ]);
    expect(here.unreadableRoots).toEqual([{ path: join(dir, 'missing'), reason: 'does not exist' }]);
    expect(here.unreadableFiles).toEqual([{ path: join(dir, 'a', 'projects', '-p', 'session-9.jsonl'), reason: 'does not exist' }]);
    expect(await listInWorker(roots)).toEqual(here);
  });
});
