import { promises as fsp, openSync, closeSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomFrom } from '../demo/lines.js';
import { FileLineReader, newCursor, type FileLineSink, type LineCursor } from './file-lines.js';
import { lineMayMatter } from './parse-line.js';

let tmp: string;

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'cctop-lines-'));
});

afterEach(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

const LIMITS = { skipWithoutMarker: 1 << 30, dropAlways: 1 << 30 };

function collect(): { lines: string[]; dropped: string[]; sink: FileLineSink } {
  const lines: string[] = [];
  const dropped: string[] = [];
  return { lines, dropped, sink: { line: (buf, s, e) => lines.push(buf.toString('utf8', s, e)), dropped: (r) => dropped.push(r) } };
}

function readAll(file: string, chunk: number, cursor: LineCursor = newCursor(), limits = LIMITS) {
  const out = collect();
  const fd = openSync(file, 'r');
  try {
    new FileLineReader(Buffer.alloc(chunk), limits).read(fd, cursor, statSync(file).size, out.sink);
  } finally {
    closeSync(fd);
  }
  return { ...out, cursor };
}

/** Random lines of filler, some with a marker anywhere in them (or split by a chunk edge). */
function randomLines(seed: number): string[] {
  const random = randomFrom(seed);
  const markers = ['"usage"', '"rate_limit"', 'isApiErrorMessage', 'usage"', '"usag', 'Message', '_limit"'];
  return Array.from({ length: 300 }, () => {
    let line = '';
    const length = Math.floor(random() * random() * 3000);
    while (line.length < length) line += random() < 0.02 ? markers[Math.floor(random() * markers.length)] : 'abcdefgh ü"{}:,'[Math.floor(random() * 15)];
    return line;
  });
}

describe('FileLineReader', () => {
  it.each([64, 100, 257, 1024, 4096, 1 << 20])('passes exactly the lines with a marker, whatever the buffer size (%i)', async (chunk) => {
    for (const seed of [1, 2, 3]) {
      const lines = randomLines(seed);
      const file = path.join(tmp, `f${seed}.jsonl`);
      await fsp.writeFile(file, lines.join('\n') + '\n');
      const expected = lines.filter((l) => lineMayMatter(Buffer.from(l), 0, Buffer.byteLength(l)));
      const { lines: got, cursor } = readAll(file, chunk);
      expect(got).toEqual(expected);
      expect(cursor.lineNo).toBe(lines.length);
    }
  });

  it('continues an unfinished long line across reads and reads it again only once it is complete', async () => {
    const file = path.join(tmp, 'long.jsonl');
    const long = `{"pad":"${'x'.repeat(5000)}","usage":{}}`;
    await fsp.writeFile(file, 'first "usage"\n' + long.slice(0, 3000));
    const first = readAll(file, 256);
    expect(first.lines).toEqual(['first "usage"']);
    expect(first.cursor.long).not.toBeNull();
    await fsp.appendFile(file, long.slice(3000) + '\nlast "usage"\n');
    const second = readAll(file, 256, first.cursor);
    expect(second.lines).toEqual([long, 'last "usage"']);
    expect(second.cursor).toMatchObject({ lineNo: 3, long: null, end: statSync(file).size });
  });

  it('drops a line with a marker only past the skip limit, or longer than the hard limit', async () => {
    const file = path.join(tmp, 'limits.jsonl');
    await fsp.writeFile(file, `${'x'.repeat(3000)}"usage"\n"usage"${'y'.repeat(20_000)}\nok "usage"\n`);
    const { lines, dropped } = readAll(file, 512, newCursor(), { skipWithoutMarker: 1000, dropAlways: 10_000 });
    expect(lines).toEqual(['ok "usage"']);
    expect(dropped).toEqual(['marker after the first 1000 bytes of a long line; line dropped', 'line over 10000 bytes']);
  });
});
