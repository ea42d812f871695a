import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

/** Splits `chunks` with a line limit; `stopAfter`: lines taken before the sink stops. */
const split = (chunks: string[], limit = 100, stopAfter = Infinity) => {
  const got: string[] = [];
  let stopped = false;
  const splitter = new LineSplitter();
  for (const chunk of chunks) {
    splitter.push(Buffer.from(chunk), {
      limit: () => limit,
      line: (line) => {
        got.push(line.toString());
        if (got.length >= stopAfter) stopped = true;
      },
      tooLong: () => {
        got.push('<too long>');
        stopped = true;
      },
      stopped: () => stopped,
    });
  }
  return got;
};

describe('LineSplitter', () => {
  it('gives each complete line once, without its newline, however the stream is cut, holding the partial tail', () => {
    const text = 'a\nbc\n\nd\r\nhalf';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(['a', 'bc', '', 'd\r']);
    }
    expect(split(['ha', 'lf\n'])).toEqual(['half']);
  });

  it('reports a line past the limit before its newline comes, and reads nothing after a stop', () => {
    expect(split(['12345', '678\nok\n'], 6)).toEqual(['<too long>']);
    expect(split(['123456\n'], 6)).toEqual(['123456']);
    expect(split(['a\nb\nc\n', 'd\n'], 100, 2)).toEqual(['a', 'b']);
  });

  it('copies each line, so the chunk it came from can be reused', () => {
    const chunk = Buffer.from('abc\n');
    const lines: Buffer[] = [];
    new LineSplitter().push(chunk, { limit: () => 10, line: (l) => void lines.push(l), tooLong: () => {}, stopped: () => false });
    chunk.fill(0x78);
    expect(lines.map(String)).toEqual(['abc']);
  });
});
