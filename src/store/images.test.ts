import { readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, removeTempDirs, storeEvent, T0 } from '../../test/support/store-fixtures.js';
import type { StoredImage } from './images.js';

afterEach(removeTempDirs);

const HOUR = 3_600_000;
const CUT = T0 + HOUR;

function image(historyStart: number, builtAt: number, bytes = [1, 2, 3]): StoredImage {
  return { historyStart, prices: 'p', cut: CUT, fingerprint: 'f', gone: ['/gone.jsonl'], builtAt, bytes: Uint8Array.from(bytes) };
}

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

  it('keeps the two newest images, each in a 0600 file beside the store, and removes the files of the others', () => {
    const store = openTestStore();
    expect(store.image(1, 'p')).toBeNull();
    for (const [start, at] of [[1, 10], [2, 20], [3, 30]] as const) expect(store.saveImage(image(start, at))).toBe(true);
    expect(store.image(1, 'p')).toBeNull();
    expect(store.image(3, 'q')).toBeNull();
    expect(store.image(3, 'p')).toEqual(image(3, 30));
    expect(store.image(2, 'p')?.bytes).toEqual(Uint8Array.from([1, 2, 3]));
    expect(imageFiles(store.path)).toBe(2);
    const file = readdirSync(dirname(store.path)).find((n) => n.includes('.image-'))!;
    expect(statSync(`${dirname(store.path)}/${file}`).mode & 0o777).toBe(0o600);
    // The same history start and prices again: replaced, its old file removed.
    expect(store.saveImage(image(3, 40, [9]))).toBe(true);
    expect(store.image(3, 'p')?.bytes).toEqual(Uint8Array.from([9]));
    expect(imageFiles(store.path)).toBe(2);
    expect(store.info()?.images).toEqual({ count: 2, bytes: 4, cut: CUT });
    store.close();
  });
});
