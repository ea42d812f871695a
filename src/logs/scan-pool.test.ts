import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachPacked } from './scan-packing.js';
import { ScanPool } from './scan-pool.js';
import { LogTailer } from './tail.js';

let tmp: string;
let files: { path: string; size: number }[];
const WINDOW = { from: 0, to: Date.parse('2030-01-01T00:00:00Z') };

/** A usage line of response `n` (tokens n, n + 1). */
const line = (n: number) => JSON.stringify({
  type: 'assistant', timestamp: '2026-01-02T03:04:05.000Z', sessionId: 's', requestId: `req_${n}`, cwd: '/w',
  message: { id: `msg_${n}`, model: 'claude-sonnet-4-5', usage: { input_tokens: n, output_tokens: n + 1 } },
});

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'cctop-pool-'));
  files = [];
  // More files than two tasks of a worker hold, so some are left in the queue for the caller.
  for (let i = 0; i < 200; i++) {
    const file = path.join(tmp, `f${i}.jsonl`);
    const text = `${line(i)}\n{"type":"user","message":{"content":"hi"}}\n`;
    await fsp.writeFile(file, text);
    files.push({ path: file, size: Buffer.byteLength(text) });
  }
});

afterAll(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('ScanPool', () => {
  it('hands the caller the first file no worker took; the workers read theirs as a tailer here would', async () => {
    const pool = ScanPool.create({ timeZone: 'UTC', size: 1 })!;
    await pool.ready();
    try {
      const scans = pool.scan(files, WINDOW);
      const taken = scans.findIndex((s) => s.owner === 'queue');
      expect(taken).toBeGreaterThan(0);
      expect(scans.slice(0, taken).every((s) => s.owner === 'worker')).toBe(true);
      expect(pool.takeNext()).toBe(scans[taken]);
      expect(scans[taken]!.owner).toBe('caller');
      const first = await scans[0]!.result;
      const tailer = new LogTailer({ timeZone: 'UTC' });
      const here = tailer.readSync(files[0]!.path);
      const inputs: number[] = [];
      forEachPacked(first.batch.events, files[0]!.path, (e) => inputs.push(e.tokens.input));
      expect(inputs).toEqual([0]);
      expect({ lines: first.batch.lines, bytesRead: first.batch.bytesRead }).toEqual({ lines: here.lines, bytesRead: here.bytesRead });
      expect(first.state?.cursor.next).toBe(files[0]!.size);
      // The worker goes on with the files after the caller's, never the caller's own.
      const later = scans.slice(taken + 1).find((s) => s.owner === 'worker');
      await later?.result;
      expect(scans[taken]!.settled).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('gives a worker no file before it listens: the caller takes the queue\'s head meanwhile', async () => {
    const pool = ScanPool.create({ timeZone: 'UTC', size: 1 })!;
    try {
      // Its modules take ~0.1 s to load: nothing can have been sent yet.
      const scans = pool.scan(files.slice(0, 4), WINDOW);
      expect(scans.map((s) => s.owner)).toEqual(['queue', 'queue', 'queue', 'queue']);
      expect(pool.takeNext()).toBe(scans[0]);
      await pool.ready();
      expect(scans.map((s) => s.owner)).toEqual(['caller', 'worker', 'worker', 'worker']);
      expect((await scans[1]!.result).batch.events.count).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('leaves nothing to take once the workers took every file', async () => {
    const pool = ScanPool.create({ timeZone: 'UTC', size: 1 })!;
    await pool.ready();
    try {
      const scans = pool.scan(files.slice(0, 2), WINDOW);
      expect(scans.map((s) => s.owner)).toEqual(['worker', 'worker']);
      expect(pool.takeNext()).toBeNull();
      const counts = await Promise.all(scans.map(async (s) => (await s.result).batch.events.count));
      expect(counts).toEqual([1, 1]);
      expect(scans.every((s) => s.settled)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('gives a worker no more than 12 MiB of files the caller has not folded yet', async () => {
    const pool = ScanPool.create({ timeZone: 'UTC', size: 1 })!;
    await pool.ready();
    try {
      // Sizes as listed, 5 MiB each (a task holds one): two tasks go out at once, a third when
      // the first comes back (15 MiB ahead), a fourth only once the caller releases one.
      const scans = pool.scan(files.slice(0, 5).map((f) => ({ path: f.path, size: 5 * 2 ** 20 })), WINDOW);
      expect(scans.map((s) => s.owner)).toEqual(['worker', 'worker', 'queue', 'queue', 'queue']);
      await Promise.all(scans.slice(0, 2).map((s) => s.result));
      expect(scans.map((s) => s.owner)).toEqual(['worker', 'worker', 'worker', 'queue', 'queue']);
      await scans[2]!.result;
      expect(scans[3]!.owner).toBe('queue');
      pool.release(scans[0]!);
      pool.release(scans[0]!); // once only
      expect(scans.map((s) => s.owner)).toEqual(['worker', 'worker', 'worker', 'worker', 'queue']);
      await scans[3]!.result;
      expect(scans[4]!.owner).toBe('queue');
    } finally {
      await pool.close();
    }
  });
});
