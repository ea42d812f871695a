/**
 * Log lines for comparing the two parse paths: every line of the real fixtures, of a small tree
 * from the bench generator, and the fault suite's damaged shapes around real usage lines.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTree } from '../../bench/generate.js';
import { responseLines } from '../../src/demo/lines.js';
import { REAL_FIXTURES } from './log-fixtures.js';

/** The shared copy of the real logs the fixtures came from (absent on machines without it). */
const SHARED_REAL_LOGS = '/work/shared/real-logs';

function jsonlFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => p.endsWith('.jsonl')).sort().map((p) => join(root, p));
}

/** The lines of a file's bytes (split at `\n`, a trailing `\r` kept off as the reader does). */
export function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    lines.push(bytes.subarray(start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end));
    start = end + 1;
  }
  return lines;
}

/** Every line of fixtures/real and of the shared real logs. */
export function realLines(): Buffer[] {
  return [...jsonlFiles(REAL_FIXTURES), ...jsonlFiles(SHARED_REAL_LOGS)].flatMap((f) => linesOf(readFileSync(f)));
}

/** Every line of a bench tree of about `bytes`, generated into a temp folder and removed again. */
export function generatedLines(seed: number, bytes: number): Buffer[] {
  const out = mkdtempSync(join(tmpdir(), 'cctop-parse-paths-'));
  try {
    generateTree({ out, sizeBytes: bytes, seed, now: Date.parse('2026-03-01T12:00:00Z'), days: 10 });
    return jsonlFiles(join(out, 'projects')).flatMap((f) => linesOf(readFileSync(f)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const TIME = Date.parse('2026-11-20T11:00:00.000Z');

function response(n: number): string {
  return responseLines({
    sessionId: 'session-1', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time: TIME + n * 1000,
    messageId: `msg_${n}`, requestId: `req_${n}`, input: 10, output: n * 1000, cacheWrite: 100, cacheRead: 1000, blocks: 1,
  })[0]!.trimEnd();
}

/**
 * The fault suite's lines (test/faults.test.ts), and `sample` (a real usage line) truncated at
 * every byte and spliced to a whole record at every 7th: what a crash mid-write leaves.
 */
export function faultLines(sample: string): Buffer[] {
  const one = response(10);
  const lines: (string | Buffer)[] = [
    Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x9c]), Buffer.from('"usage":{'), Buffer.from([0xc3, 0x28, 0x00, 0x7f])]),
    Buffer.from([0x00, 0x01, 0xff, 0xc3, 0x28, 0xe2, 0x82]),
    `{"type":"assistant","message":{"usage":{"input_tokens":1,"content":"${'x'.repeat(5000)}"}}}`,
    one.replace('"input_tokens":10', '"input_tokens":"10"'),
    one.replace(/"timestamp":"[^"]+"/, '"timestamp":"yesterday"'),
    one.replace(/"timestamp":"[^"]+"/, '"timestamp":"not a date"'),
    one.replace('"input_tokens":10', '"input_tokens":-10'),
    one.replace('"input_tokens":10', '"input_tokens":10.5'),
    one.replace('"{', '"\u0000{'),
    one.replaceAll(',"', ',\u0000"'),
    '{"usage": \x1b]0;bad\x07}',
    '{"type":"assistant","message":"not an object","timestamp":"2026-01-01T00:00:00Z"}',
    '{"type":"assistant","message":null}',
    '[{"type":"assistant"}]',
    '"usage"',
    '',
    '   ',
  ];
  const bytes = Buffer.from(sample);
  for (let cut = 0; cut < bytes.length; cut++) {
    lines.push(bytes.subarray(0, cut));
    if (cut % 7 === 0) lines.push(Buffer.concat([bytes.subarray(0, cut), Buffer.from(one)]));
  }
  return lines.map((l) => (typeof l === 'string' ? Buffer.from(l) : l));
}
