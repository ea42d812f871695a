import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateTree, type GeneratedTree } from '../../bench/generate.js';
import { listRoots } from '../logs/list-roots.js';
import { ScanPool } from '../logs/scan-pool.js';
import { LogTailer } from '../logs/tail.js';
import { UsageIngest } from '../usage/ingest.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { DiagnosticsCollector } from './diagnostics.js';
import { LogReader } from './reader.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
/** The pool's own `scan`, before any test spies on it. */
const realScan = ScanPool.prototype.scan;
let tmp: string;
let tree: GeneratedTree;
/** Larger than a worker's first two tasks (4 MiB each), so the main thread reads files too. */
let big: GeneratedTree;

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'cctop-reader-'));
  tree = generateTree({ out: path.join(tmp, 'small'), sizeBytes: 6 * 2 ** 20, seed: 7, now: NOW, days: 20 });
  big = generateTree({ out: path.join(tmp, 'big'), sizeBytes: 24 * 2 ** 20, seed: 8, now: NOW, days: 20 });
});

afterAll(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

async function readTree(pool: 'always' | 'off', root = tree.root, tailer = new LogTailer({ timeZone: 'UTC' })) {
  const ingest = new UsageIngest({ table: bundledPriceTable, priceMultiplier: 1, costMode: 'calculate' });
  const diagnostics = new DiagnosticsCollector();
  const reader = new LogReader({
    tailer, ingest, diagnostics, historyStart: NOW - 40 * 86_400_000, clock: () => NOW, wallClock: () => NOW, pool, clockKind: 'live',
  });
  const files = reader.takeListing(await listRoots([root]));
  let priorityDone = false;
  await reader.backfill(files, NOW - 3_600_000, () => void (priorityDone = true));
  return { ingest, diagnostics, reader, priorityDone };
}

function minutes(ingest: UsageIngest) {
  return [...ingest.store.minutes.values()].sort((a, b) => a.start - b.start).map((m) => ({ start: m.start, first: m.first, tokens: m.tokens, cost: m.costUSD }));
}

describe('LogReader backfill with scan workers', () => {
  it('gives the same numbers, sessions and diagnostics as reading every file on the main thread', async () => {
    const scans = vi.spyOn(ScanPool.prototype, 'scan');
    const alone = await readTree('off');
    const pooled = await readTree('always');
    expect(pooled.priorityDone).toBe(true);
    expect(minutes(pooled.ingest)).toEqual(minutes(alone.ingest));
    expect([...pooled.ingest.store.sessions.keys()].sort()).toEqual([...alone.ingest.store.sessions.keys()].sort());
    expect(scans).toHaveBeenCalledTimes(1);
    expect(pooled.ingest.ledger.size).toBe(tree.expected.responses);
    expect(pooled.diagnostics.snapshot()).toEqual(alone.diagnostics.snapshot());
    expect(pooled.reader.loading).toEqual(alone.reader.loading);
    const total = minutes(pooled.ingest).reduce((a, m) => a + m.tokens.total, 0);
    expect(total).toBe(Object.values(tree.expected.days).reduce((a, d) => a + d.total, 0));
  });

  it('folds the files the main thread read meanwhile in their place: the same numbers again', async () => {
    const takes = vi.spyOn(ScanPool.prototype, 'takeNext');
    const alone = await readTree('off', big.root);
    // This thread's reads wait for the worker to listen, so that it takes files too.
    const create = ScanPool.create.bind(ScanPool);
    let pool: ScanPool | null = null;
    vi.spyOn(ScanPool, 'create').mockImplementationOnce((options) => (pool = create(options)));
    const tailer = new LogTailer({ timeZone: 'UTC' });
    const read = tailer.read.bind(tailer);
    tailer.read = async (path) => {
      await pool?.ready();
      return read(path);
    };
    const pooled = await readTree('always', big.root, tailer);
    const taken = takes.mock.results.filter((r) => r.value !== null).length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(pooled.reader.loading.filesTotal);
    expect(minutes(pooled.ingest)).toEqual(minutes(alone.ingest));
    expect(pooled.ingest.ledger.size).toBe(big.expected.responses);
    expect(pooled.diagnostics.snapshot()).toEqual(alone.diagnostics.snapshot());
    expect(pooled.reader.loading).toEqual(alone.reader.loading);
  });

  it('reads a dead worker\'s files, and those it never took, on the main thread: the same numbers', async () => {
    vi.spyOn(ScanPool.prototype, 'scan').mockImplementationOnce(function (this: ScanPool, ...args: Parameters<ScanPool['scan']>) {
      const scans = realScan.apply(this, args);
      // The worker dies with its first two tasks sent (once it listens): they fail, and the queue waits for the main thread.
      void this.ready().then(() => {
        for (const { worker } of (this as unknown as { workers: { worker: Worker }[] }).workers) void worker.terminate();
      });
      return scans;
    });
    const alone = await readTree('off', big.root);
    const pooled = await readTree('always', big.root);
    expect(minutes(pooled.ingest)).toEqual(minutes(alone.ingest));
    expect(pooled.ingest.ledger.size).toBe(big.expected.responses);
    expect(pooled.diagnostics.snapshot()).toEqual(alone.diagnostics.snapshot());
    expect(pooled.reader.loading).toEqual(alone.reader.loading);
  });

  it('leaves the files a warm start resumed to the main thread, which reads only their new bytes', async () => {
    const tailer = new LogTailer({ timeZone: 'UTC' });
    await readTree('off', big.root, tailer);
    const line = '{"type":"user","message":{"content":"later"}}\n';
    await fsp.appendFile(big.liveFiles[0]!, line);
    const scans = vi.spyOn(ScanPool.prototype, 'scan');
    scans.mockClear();
    const again = await readTree('always', big.root, tailer);
    expect(scans).not.toHaveBeenCalled();
    expect(again.reader.loading.bytesRead).toBe(Buffer.byteLength(line));
  });

  it('continues each file from where its worker stopped', async () => {
    const pooled = await readTree('always');
    const file = tree.liveFiles[0]!;
    await fsp.appendFile(file, '{"type":"user","message":{"content":"after"}}\n');
    const batch = await pooled.reader.readFile(file);
    expect(batch).toMatchObject({ lines: 1, reset: 'none', error: null, events: [] });
  });
});
