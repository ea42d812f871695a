import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineSink } from './line-splitter.js';

function collector() {
  const lines: string[] = [];
  const skipped: (string | null)[] = [];
  const sink: LineSink = {
    line: (buf, start, end) => lines.push(buf.toString('utf8', start, end)),
    skipped: (reason) => skipped.push(reason),
  };
  return { lines, skipped, sink };
}

describe('LineSplitter', () => {
  it('keeps no more than the skip limit of a long line without a marker', () => {
    const splitter = new LineSplitter({ skipWithoutMarker: 1000, dropAlways: 10_000 });
    const { lines, skipped, sink } = collector();
    for (let i = 0; i < 50; i++) {
      splitter.push(Buffer.alloc(400, 'x'), sink);
      expect(splitter.heldBytes).toBeLessThanOrEqual(1000);
    }
    splitter.push(Buffer.from('tail\nnext\n'), sink);
    expect(skipped).toEqual([null]);
    expect(lines).toEqual(['next']);
  });

  it('finds a marker split across two chunks of a skipped line', () => {
    const splitter = new LineSplitter({ skipWithoutMarker: 10, dropAlways: 100 });
    const { skipped, sink } = collector();
    splitter.push(Buffer.from('x'.repeat(20)), sink);
    splitter.push(Buffer.from('{"usa'), sink);
    splitter.push(Buffer.from('ge":1}\n'), sink);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^marker after the first/);
  });

  it('keeps a line whose marker came before the skip limit', () => {
    const splitter = new LineSplitter({ skipWithoutMarker: 10, dropAlways: 100 });
    const { lines, sink } = collector();
    splitter.push(Buffer.from('"usage"'), sink);
    splitter.push(Buffer.from('y'.repeat(30)), sink);
    splitter.push(Buffer.from('\r\n'), sink);
    expect(lines).toEqual([`"usage"${'y'.repeat(30)}`]);
  });
});
