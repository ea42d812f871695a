import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageEvent } from './events.js';
import { LogTailer, type TailBatch } from './tail.js';
import { REAL_FIXTURES } from '../../test/support/log-fixtures.js';

let tmp: string;
let file: string;

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'cctop-tail-'));
  file = path.join(tmp, 's.jsonl');
});

afterEach(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

function usageLine(output: number, cwd = '/w'): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: '2026-01-02T03:04:05.000Z',
    sessionId: 's',
    requestId: `req_${output}`,
    cwd,
    message: { id: `msg_${output}`, model: 'claude-opus-4-6', usage: { input_tokens: 1, output_tokens: output } },
  });
}

const outputs = (batch: TailBatch) => batch.events.map((e) => e.tokens.output);

function sums(events: UsageEvent[]): number[] {
  const keys = ['input', 'output', 'cacheCreation', 'cacheRead', 'cacheCreation5m', 'cacheCreation1h', 'webSearchRequests'] as const;
  return keys.map((k) => events.reduce((sum, e) => sum + e.tokens[k], 0));
}

describe('LogTailer on the real fixtures', () => {
  // [file, lines, [input, output, cacheCreation, cacheRead, 5m, 1h, webSearches], distinct keys, sidechain events],
  // computed independently with Python's json module over each file.
  const expected: [string, number, number[], number, number][] = [
    ['claude-code-viewer/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl', 29, [139, 1258, 26025, 218393, 26025, 0, 0], 7, 0],
    ['claude-code-viewer/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl', 53, [177, 4031, 82229, 432358, 82229, 0, 0], 20, 12],
    ['claude-code-viewer/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl', 438, [1059, 77612, 239058, 5706262, 239058, 0, 0], 170, 244],
    ['spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl', 144, [213, 198, 371630, 1111046, 371630, 0, 0], 12, 40],
    ['spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-acompact-e1f845.jsonl', 5, [3, 8, 8681, 164830, 8681, 0, 0], 1, 1],
    ['spotter/6c2214d7-b87e-4432-8e41-22ba294ea584/subagents/agent-afc096d.jsonl', 199, [501, 93, 150830, 1631743, 0, 150830, 0], 18, 66],
    ['spotter/short.jsonl', 15, [15, 65, 69175, 57575, 0, 69175, 0], 1, 0],
    ['spotter/subagent.jsonl', 96, [6321, 1744, 122573, 1033201, 0, 122573, 0], 17, 9],
    ['spotter/tool_heavy.jsonl', 39, [111, 271, 44489, 194575, 0, 44489, 0], 4, 0],
  ];

  it.each(expected)('%s', async (relative, lines, tokenSums, keys, sidechain) => {
    const full = path.join(REAL_FIXTURES, relative);
    const batch = await new LogTailer({ timeZone: 'UTC' }).read(full);
    expect(batch).toMatchObject({ lines, badLines: 0, error: null, reset: 'none', hits: [] });
    expect(batch.bytesRead).toBe((await fsp.stat(full)).size);
    expect(sums(batch.events)).toEqual(tokenSums);
    expect(new Set(batch.events.map((e) => e.key)).size).toBe(keys);
    expect(batch.events.filter((e) => e.isSidechain)).toHaveLength(sidechain);
    // Tiny reads split lines and UTF-8 characters everywhere; the result must not change.
    const tiny = await new LogTailer({ timeZone: 'UTC', chunkSize: 997 }).read(full);
    expect(tiny.events).toEqual(batch.events);
    expect(tiny.lines).toBe(lines);
  });
});

describe('LogTailer appends', () => {
  it('holds a partial line split inside a UTF-8 character until its newline arrives', async () => {
    const line = Buffer.from(`${usageLine(5, '/wörk/€')}\n`);
    const cut = line.indexOf(Buffer.from('€')) + 1; // inside the 3-byte euro sign
    await fsp.writeFile(file, line.subarray(0, cut));
    const tailer = new LogTailer({ timeZone: 'UTC' });
    const first = await tailer.read(file);
    expect(first).toMatchObject({ lines: 0, events: [], bytesRead: cut });
    await fsp.appendFile(file, line.subarray(cut));
    const second = await tailer.read(file);
    expect(second).toMatchObject({ lines: 1, bytesRead: line.length - cut, badLines: 0 });
    expect(second.events[0]?.cwd).toBe('/wörk/€');
    const third = await tailer.read(file);
    expect(third).toMatchObject({ lines: 0, events: [], bytesRead: 0 });
  });

  it('reads a line written in three pieces once', async () => {
    const line = `${usageLine(7)}\n`;
    const tailer = new LogTailer({ timeZone: 'UTC', chunkSize: 16 });
    const seen: number[] = [];
    for (const piece of [line.slice(0, 40), line.slice(40, 100), line.slice(100)]) {
      await fsp.appendFile(file, piece);
      seen.push(...outputs(await tailer.read(file)));
    }
    await fsp.appendFile(file, `${usageLine(8)}\n`);
    seen.push(...outputs(await tailer.read(file)));
    expect(seen).toEqual([7, 8]);
  });

  it('strips CR of CRLF lines and counts lines without usage', async () => {
    await fsp.writeFile(file, `{"type":"user"}\r\n${usageLine(3)}\r\n\r\n`);
    const batch = await new LogTailer({ timeZone: 'UTC' }).read(file);
    expect(batch).toMatchObject({ lines: 3, badLines: 0 });
    expect(outputs(batch)).toEqual([3]);
  });

  it('counts bad lines with samples naming the line', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n{"usage": broken\n${usageLine(2).replace('"output_tokens":2', '"output_tokens":-2')}\n`);
    const batch = await new LogTailer({ timeZone: 'UTC' }).read(file);
    expect(outputs(batch)).toEqual([1]);
    expect(batch.badLines).toBe(2);
    expect(batch.badSamples[0]).toMatch(/^line 2: invalid JSON/);
    expect(batch.badSamples[1]).toMatch(/^line 3: message\.usage\.output_tokens:/);
  });

  it('serializes concurrent reads of one file', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n${usageLine(2)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC', chunkSize: 8 });
    const batches = await Promise.all([tailer.read(file), tailer.read(file)]);
    expect(batches.flatMap(outputs)).toEqual([1, 2]);
  });
});

describe('LogTailer resets', () => {
  it('starts over when the file is truncated', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n${usageLine(2)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC' });
    await tailer.read(file);
    await fsp.writeFile(file, `${usageLine(3)}\n`);
    const batch = await tailer.read(file);
    expect(batch.reset).toBe('truncated');
    expect(outputs(batch)).toEqual([3]);
  });

  it('starts over when the file is replaced by a new one with the same name', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC' });
    await tailer.read(file);
    const next = path.join(tmp, 'next.jsonl');
    await fsp.writeFile(next, `${usageLine(2)}\n${usageLine(3)}\n`);
    await fsp.rename(next, file);
    const batch = await tailer.read(file);
    expect(batch.reset).toBe('replaced');
    expect(outputs(batch)).toEqual([2, 3]);
  });

  it('reports a deleted file without throwing, then reads a re-created one from byte 0', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC' });
    await tailer.read(file);
    await fsp.unlink(file);
    const gone = await tailer.read(file);
    expect(gone).toMatchObject({ error: 'does not exist', events: [], bytesRead: 0 });
    expect(tailer.stateOf(file)).not.toBeNull();
    await fsp.writeFile(file, `${usageLine(4)}\n${usageLine(5)}\n`);
    const back = await tailer.read(file);
    expect(back.error).toBeNull();
    expect(back.reset).not.toBe('none');
    expect(outputs(back)).toEqual([4, 5]);
  });

  it('reports a read error (a folder) as error, and forget drops the state', async () => {
    const tailer = new LogTailer({ timeZone: 'UTC' });
    expect((await tailer.read(tmp)).error).toBe('is a folder');
    await fsp.writeFile(file, `${usageLine(1)}\n`);
    await tailer.read(file);
    tailer.forget(file);
    expect(tailer.stateOf(file)).toBeNull();
    expect(outputs(await tailer.read(file))).toEqual([1]);
  });
});

describe('LogTailer long lines', () => {
  it('skips a 20 MB line without usage and still parses the lines after it', async () => {
    const huge = JSON.stringify({ type: 'user', toolUseResult: { stdout: 'x'.repeat(20 * 2 ** 20) } });
    await fsp.writeFile(file, `${usageLine(1)}\n${huge}\n${usageLine(2)}\n`);
    const batch = await new LogTailer({ timeZone: 'UTC' }).read(file);
    expect(batch).toMatchObject({ lines: 3, badLines: 0 });
    expect(outputs(batch)).toEqual([1, 2]);
  });

  it('counts a line that shows a marker only after the skip limit as bad', async () => {
    const late = JSON.stringify({ type: 'assistant', pad: 'x'.repeat(3000), message: { usage: {} } });
    await fsp.writeFile(file, `${late}\n${usageLine(2)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC', chunkSize: 256, limits: { skipWithoutMarker: 1000, dropAlways: 10_000 } });
    const batch = await tailer.read(file);
    expect(batch).toMatchObject({ lines: 2, badLines: 1 });
    expect(batch.badSamples[0]).toMatch(/^line 1: marker after the first/);
    expect(outputs(batch)).toEqual([2]);
  });

  it('drops a line with usage over the hard limit as bad', async () => {
    const big = usageLine(9).replace('"cwd":"/w"', `"cwd":"${'y'.repeat(20_000)}"`);
    await fsp.writeFile(file, `${big}\n${usageLine(2)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC', chunkSize: 512, limits: { skipWithoutMarker: 1000, dropAlways: 10_000 } });
    const batch = await tailer.read(file);
    expect(batch.badSamples).toEqual(['line 1: line over 10000 bytes']);
    expect(outputs(batch)).toEqual([2]);
  });
});

describe('LogTailer on a rewrite in place', () => {
  it('reads a file again whose bytes before the offset changed while its size, inode and first line stayed', async () => {
    const head = '{"type":"summary","summary":"kept"}\n';
    await fsp.writeFile(file, `${head}${usageLine(111)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC' });
    expect(outputs(await tailer.read(file))).toEqual([111]);
    const inode = (await fsp.stat(file)).ino;
    // Same length, same first line, written into the same inode; the mtime moves on.
    const handle = await fsp.open(file, 'r+');
    await handle.write(`${usageLine(999)}\n`, head.length);
    await handle.close();
    await fsp.utimes(file, new Date(), new Date(Date.now() + 5000));
    expect((await fsp.stat(file)).ino).toBe(inode);
    const again = await tailer.read(file);
    expect([again.reset, outputs(again)]).toEqual(['truncated', [999]]);
    expect(outputs(await tailer.read(file))).toEqual([]);
  });

  it('reads only what was appended when the mtime moves with an append', async () => {
    await fsp.writeFile(file, `${usageLine(1)}\n`);
    const tailer = new LogTailer({ timeZone: 'UTC' });
    expect(outputs(await tailer.read(file))).toEqual([1]);
    await fsp.appendFile(file, `${usageLine(2)}\n`);
    await fsp.utimes(file, new Date(), new Date(Date.now() + 5000));
    const batch = await tailer.read(file);
    expect([batch.reset, outputs(batch)]).toEqual(['none', [2]]);
  });
});
