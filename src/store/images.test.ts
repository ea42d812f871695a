import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestStore, removeTempDirs, storeEvent, T0 } from '../../test/support/store-fixtures.js';
import type { HistoryStore } from './history.js';
import type { ImageMeta, StoredImage } from './images.js';

// Reads of image files, counted (they go through to the real ones).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) };
});

afterEach(removeTempDirs);

const HOUR = 3_600_000;
const CUT = T0 + HOUR;

/** An image of the store's rows as they are now. */
function image(store: HistoryStore, historyStart: number, builtAt: number, bytes = [1, 2, 3]): StoredImage {
  const fingerprint = store.fingerprint(historyStart, CUT)!;
  return { historyStart, prices: 'p', cut: CUT, fingerprint, gone: ['/gone.jsonl'], builtAt, spent: false, bytes: Uint8Array.from(bytes) };
}

const hit = (timestamp: number) => ({ timestamp, kind: 'five_hour' as const, resetsAt: null, text: `limit reached ${timestamp}`, sessionId: 'session-a', file: '/f.jsonl' });

const imageFiles = (storePath: string) => readdirSync(dirname(storePath)).filter((n) => n.includes('.image-')).length;

describe('warm-start images', () => {
  it('moves the fingerprint of [from, cut) when a row in it grows, is added or a limit hit is, and not for rows after the cut', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'a', tokens: { input: 100, output: 10 } })], 'local');
    store.upsert([storeEvent({ key: 'late', timestamp: CUT + 1 })], 'local');
    const seen = [store.fingerprint(0, CUT)];
    store.upsert([storeEvent({ key: 'late', timestamp: CUT + 1, tokens: { output: 99 } })], 'local');
    expect(store.fingerprint(0, CUT)).toBe(seen[0]);
    // The same copy again changes nothing.
    store.upsert([storeEvent({ key: 'a', tokens: { input: 100, output: 10 } })], 'local');
    expect(store.fingerprint(0, CUT)).toBe(seen[0]);
    store.upsert([storeEvent({ key: 'a', tokens: { input: 100, output: 11 } })], 'local');
    seen.push(store.fingerprint(0, CUT));
    store.upsert([storeEvent({ key: 'b', timestamp: T0 - HOUR })], 'local');
    seen.push(store.fingerprint(0, CUT));
    store.commit({ hits: [{ timestamp: T0, kind: 'five_hour', resetsAt: null, text: 'limit reached', sessionId: 'session-a', file: '/f.jsonl' }] });
    seen.push(store.fingerprint(0, CUT));
    expect(new Set(seen).size).toBe(4);
    store.close();
  });

  it('judges an image by its row before reading its file (7 MB at 2 GiB of logs)', () => {
    const store = openTestStore();
    expect(store.saveImage(image(store, 1, 10))).toBe(true);
    const reads = vi.mocked(readFileSync);
    reads.mockClear();
    const judged: ImageMeta[] = [];
    expect(store.image(1, 'p', (meta) => judged.push(meta) < 0)).toBeNull();
    expect(reads).not.toHaveBeenCalled();
    const { bytes, ...meta } = image(store, 1, 10);
    expect(judged).toEqual([meta]);
    expect(store.image(1, 'p', () => true)?.bytes).toEqual(bytes);
    expect(reads).toHaveBeenCalledTimes(1);
    store.close();
  });

  it('writes an image given in pieces as one file, its size their sum', () => {
    const store = openTestStore();
    const { bytes: _whole, ...meta } = image(store, 1, 10);
    expect(store.saveImage({ ...meta, bytes: [Uint8Array.from([1, 2]), new Uint8Array(0), Uint8Array.from([3, 4, 5])] })).toBe(true);
    expect(store.image(1, 'p')?.bytes).toEqual(Uint8Array.from([1, 2, 3, 4, 5]));
    expect(store.info()?.images).toEqual({ count: 1, bytes: 5, cut: CUT });
    store.close();
  });

  it('keeps the two newest images, each in a 0600 file beside the store, and removes the files of the others', () => {
    const store = openTestStore();
    expect(store.image(1, 'p')).toBeNull();
    for (const [start, at] of [[1, 10], [2, 20], [3, 30]] as const) expect(store.saveImage(image(store, start, at))).toBe(true);
    expect(store.image(1, 'p')).toBeNull();
    expect(store.image(3, 'q')).toBeNull();
    expect(store.image(3, 'p')).toEqual(image(store, 3, 30));
    expect(store.image(2, 'p')?.bytes).toEqual(Uint8Array.from([1, 2, 3]));
    expect(imageFiles(store.path)).toBe(2);
    const file = readdirSync(dirname(store.path)).find((n) => n.includes('.image-'))!;
    expect(statSync(`${dirname(store.path)}/${file}`).mode & 0o777).toBe(0o600);
    // The same history start and prices again: replaced, its old file removed.
    expect(store.saveImage(image(store, 3, 40, [9]))).toBe(true);
    expect(store.image(3, 'p')?.bytes).toEqual(Uint8Array.from([9]));
    expect(imageFiles(store.path)).toBe(2);
    expect(store.info()?.images).toEqual({ count: 2, bytes: 4, cut: CUT });
    store.close();
  });

  it('is spent by a write of a row before its cut, and only then', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'a', tokens: { output: 10 } }), storeEvent({ key: 'late', timestamp: CUT + 1 })], 'local');
    store.commit({ hits: [hit(T0)] });
    const saveAgain = () => expect(store.saveImage(image(store, T0 - HOUR, 1))).toBe(true);
    const spent = () => store.image(T0 - HOUR, 'p')!.spent;
    saveAgain();
    // Rows after the cut, copies that add nothing, a hit already stored: not spent.
    store.upsert([storeEvent({ key: 'late', timestamp: CUT + 1, tokens: { output: 99 } }), storeEvent({ key: 'later', timestamp: CUT })], 'local');
    store.upsert([storeEvent({ key: 'a', tokens: { output: 10 } })], 'local');
    store.commit({ hits: [hit(T0), hit(CUT)] });
    expect(spent()).toBe(false);
    // A copy that grows a row before the cut, a new row before it, a new hit before it: spent.
    store.upsert([storeEvent({ key: 'a', tokens: { output: 11 } })], 'local');
    expect(spent()).toBe(true);
    saveAgain();
    store.upsert([storeEvent({ key: 'b', timestamp: CUT - 1 })], 'local');
    expect(spent()).toBe(true);
    saveAgain();
    store.commit({ hits: [hit(T0 - 1)] });
    expect(spent()).toBe(true);
    // A copy timed after the cut that grows a row stored before it: the stored row's time counts.
    saveAgain();
    store.upsert([storeEvent({ key: 'a', timestamp: CUT + 5, tokens: { output: 12 } })], 'local');
    expect(spent()).toBe(true);
    saveAgain();
    store.upsert([storeEvent({ key: 'late', timestamp: T0, tokens: { output: 100 } })], 'local');
    expect(spent()).toBe(false);
    // Even a row before the history start (a cautious mark: it costs a rebuild, never a count).
    saveAgain();
    store.upsert([storeEvent({ key: 'old', timestamp: T0 - 2 * HOUR })], 'local');
    expect(spent()).toBe(true);
    store.close();
  });

  it('is spent by a prune that deletes rows after its history start, and by a rebuild that drops rows', () => {
    const store = openTestStore();
    const old = storeEvent({ key: 'old', timestamp: T0 - 2 * HOUR });
    store.upsert([old, storeEvent({ key: 'msg@1', timestamp: T0 })], 'local');
    expect(store.saveImage(image(store, T0 - HOUR, 1))).toBe(true);
    expect(store.prune(T0 - 2 * HOUR)).toBe(0);
    expect(store.prune(T0 - HOUR)).toBe(1);
    expect(store.image(T0 - HOUR, 'p')!.spent).toBe(false);
    store.upsert([old], 'local');
    expect(store.saveImage(image(store, T0 - HOUR, 2))).toBe(true);
    expect(store.saveImage(image(store, T0 - 3 * HOUR, 3))).toBe(true);
    expect(store.prune(T0 - HOUR)).toBe(1);
    expect(store.image(T0 - 3 * HOUR, 'p')!.spent).toBe(true);
    expect(store.image(T0 - HOUR, 'p')!.spent).toBe(false);
    expect(store.dropIdlessRows('local', () => true)).toBe(1);
    expect(store.image(T0 - HOUR, 'p')!.spent).toBe(true);
    store.close();
  });

  it('is not saved when its rows changed after it was built', () => {
    const store = openTestStore();
    store.upsert([storeEvent({ key: 'a' })], 'local');
    const built = image(store, 0, 1);
    store.upsert([storeEvent({ key: 'b', timestamp: T0 + 1 })], 'local');
    expect(store.saveImage(built)).toBe(false);
    expect(store.image(0, 'p')).toBeNull();
    expect(imageFiles(store.path)).toBe(0);
    store.close();
  });
});
