import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quietOnClosedPipe } from './startup.js';

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
