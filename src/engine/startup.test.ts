import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { tempDir } from '../../test/support/faults.js';
import { listAhead, quietOnClosedPipe } from './startup.js';

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe('quietOnClosedPipe', () => {
  afterEach(() => vi.restoreAllMocks());

  it('ends with status 0 when the reader or the terminal went away (EPIPE, EIO)', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    for (const code of ['EPIPE', 'EIO']) {
      const out = new PassThrough();
      quietOnClosedPipe(out);
      out.emit('error', failure(code));
    }
    expect(exit.mock.calls).toEqual([[0], [0]]);
  });

  it('lets any other write error through', () => {
    const out = new PassThrough();
    quietOnClosedPipe(out);
    expect(() => out.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
  });
});

describe('listAhead', () => {
  it('lists the roots\' logs beside this thread, warm start or cold, with a store or without', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const project = join(dir, 'claude', 'projects', '-p');
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 's.jsonl'), '{}\n');
      const options = (...flags: string[]) => resolveOptions(parseFlags(['--dir', join(dir, 'claude'), ...flags]), {}, { HOME: dir }, 'UTC');
      for (const flags of [['--store', join(dir, 'history.sqlite')], ['--no-store']]) {
        const listing = await listAhead(options(...flags), {});
        expect(listing.files.flat().map((f) => f.path)).toEqual([join(project, 's.jsonl')]);
      }
    } finally {
      cleanup();
    }
  });
});
