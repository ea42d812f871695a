import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { randomFrom } from '../demo/lines.js';
import { faultLines, generatedLines, realLines } from '../../test/support/line-cases.js';
import { mutatedLines } from '../../test/support/line-mutations.js';
import { decode } from './json-decode.js';
import { FAST_PATH_FROM, fastLineResults, parseLineBytes } from './parse-bytes.js';
import { parseLine, type LineResult } from './parse-line.js';

const FILE = '/logs/p/s.jsonl';
const ZONES = ['UTC', 'Asia/Kathmandu'];

interface Tally {
  cases: number;
  fast: number;
  usage: number;
  mismatches: string[];
}

/** Both paths over each line (in each zone, as limit hits read it), counting the lines the fast path took. */
function compare(lines: readonly Buffer[], zones = ZONES): Tally {
  const tally: Tally = { cases: 0, fast: 0, usage: 0, mismatches: [] };
  for (const line of lines) {
    for (const zone of zones) {
      // Inside a larger buffer, as the reader hands lines over.
      const buf = Buffer.concat([Buffer.from('{"x":1}\n'), line, Buffer.from('\n"usage"')]);
      const fast = fastLineResults(buf, 8, 8 + line.length, FILE, zone);
      const viaBytes = parseLineBytes(buf, 8, 8 + line.length, FILE, zone);
      const slow = parseLine(decode(line), FILE, zone);
      tally.cases++;
      if (fast) tally.fast++;
      if (slow.some((r) => r.kind === 'usage')) tally.usage++;
      if ((fast && !isDeepStrictEqual(fast, slow)) || !isDeepStrictEqual(viaBytes, slow)) tally.mismatches.push(describeMismatch(line, fast, slow));
    }
  }
  return tally;
}

function describeMismatch(line: Buffer, fast: LineResult[] | null, slow: LineResult[]): string {
  return `${JSON.stringify(line.toString('latin1').slice(0, 400))}\n  fast: ${JSON.stringify(fast)?.slice(0, 400)}\n  slow: ${JSON.stringify(slow).slice(0, 400)}`;
}

function expectSame(tally: Tally): void {
  expect(tally.mismatches.slice(0, 3)).toEqual([]);
  expect(tally.mismatches).toHaveLength(0);
}

const real = realLines();
const realUsage = real.map((l) => l.toString('utf8')).filter((l) => l.includes('"usage"'));

describe('the byte fast path gives what JSON.parse + zod give', () => {
  it('on every line of the real logs, all of them read by the fast path', () => {
    const tally = compare(real);
    expectSame(tally);
    expect(tally.cases).toBeGreaterThan(2000);
    expect(tally.fast).toBe(tally.cases);
    expect(tally.usage).toBeGreaterThan(800);
  });

  it('on every line of a generated bench tree (damaged lines included)', () => {
    const lines = generatedLines(7, 3 * 2 ** 20);
    const tally = compare(lines);
    expectSame(tally);
    expect(tally.usage).toBeGreaterThan(1000);
    expect(tally.fast).toBeGreaterThan(tally.cases * 0.99);
  });

  it("on the fault suite's lines, and real usage lines cut at every byte or spliced to another record", () => {
    const assistant = realUsage.find((l) => l.includes('"type":"assistant"') && l.length < 3000)!;
    const progress = realUsage.find((l) => l.includes('"agent_progress"'))!;
    const tally = compare([...faultLines(assistant), ...faultLines(progress)], ['UTC']);
    expectSame(tally);
    expect(tally.cases).toBeGreaterThan(4000);
  });

  it('on thousands of seeded mutations of real lines (respelled, retyped, reordered, damaged)', () => {
    const lines = mutatedLines(randomFrom(12), realUsage, 4000);
    const tally = compare(lines);
    expectSame(tally);
    // The mutations reach both paths: many stay on the fast path, many are left to JSON.parse.
    expect(tally.fast).toBeGreaterThan(tally.cases * 0.3);
    expect(tally.cases - tally.fast).toBeGreaterThan(tally.cases * 0.1);
    expect(tally.usage).toBeGreaterThan(tally.cases * 0.2);
  });
});

describe('parseLineBytes', () => {
  it('reads the line between start and end only, long lines by the fast path', () => {
    const line = realUsage[0]!.replace('"content":[', `"content":[{"type":"text","text":"${'long text '.repeat(FAST_PATH_FROM / 10)}"},`);
    expect(fastLineResults(Buffer.from(line), 0, Buffer.byteLength(line), FILE, 'UTC')).not.toBeNull();
    const buf = Buffer.from(`garbage{"usage"\n${line}\n{"more`);
    const start = buf.indexOf('\n') + 1;
    expect(parseLineBytes(buf, start, start + Buffer.byteLength(line), FILE, 'UTC')).toEqual(parseLine(line, FILE, 'UTC'));
  });

  it('leaves limit messages, printable \\u escapes and invalid JSON to parseLine', () => {
    const line = realUsage[0]!;
    const cases = [
      line.replace('"content":[', '"content":[{"type":"text","text":"Claude AI usage limit reached|1767323045"},'),
      line.replace('{', '{"isApiErrorMessage":true,'),
      line.replace('{', '{"error":"rate_limit",'),
      line.replace('"type":"assistant"', '"type":"\\u0061ssistant"'),
      line.slice(0, -1),
    ];
    for (const text of cases) expect(fastLineResults(Buffer.from(text), 0, Buffer.byteLength(text), FILE, 'UTC')).toBeNull();
  });
});
