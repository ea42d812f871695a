import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

/** Every key hashes alike: each lookup has to tell keys apart by their characters. */
const collide = (_key: string, out: Uint32Array) => out.fill(7);

describe('KeyTable', () => {
  it('numbers keys in the order they are first seen and finds them again', () => {
    const table = new KeyTable();
    expect([table.entryOf('msg_a:req_1'), table.added]).toEqual([0, true]);
    expect([table.entryOf('msg_b:req_1'), table.added]).toEqual([1, true]);
    expect([table.entryOf('msg_a:req_1'), table.added]).toEqual([0, false]);
    expect(table.size).toBe(2);
  });

  it('never takes two keys with the same 64-bit hash for one', () => {
    const table = new KeyTable(collide);
    const keys = ['msg_01A:req_011X', 'msg_01A:req_011Y', 'msg_01B:req_011X', 'msg_01A:req_011X1', 'msg_01A:req_011'];
    expect(keys.map((k) => table.entryOf(k))).toEqual([0, 1, 2, 3, 4]);
    expect(keys.map((k) => table.entryOf(k))).toEqual([0, 1, 2, 3, 4]);
    expect(table.added).toBe(false);
  });

  it('keeps every key through the growth of its index', () => {
    const table = new KeyTable();
    const keys = Array.from({ length: 5_000 }, (_, i) => `msg_01${i.toString(36)}:req_011C${(i * 7919).toString(36)}`);
    expect(keys.map((k) => table.entryOf(k))).toEqual(keys.map((_, i) => i));
    expect(keys.map((k) => table.entryOf(k))).toEqual(keys.map((_, i) => i));
    expect(table.size).toBe(5_000);
  });

  it('keeps keys that do not fit an entry (long, beyond Latin-1, other characters) apart too', () => {
    const table = new KeyTable(collide);
    const long = `msg_${'x'.repeat(80)}:req_1`;
    const keys = [long, `${long}2`, 'msg_€:req_1', 'msg_¢:req_1', 'msg-1:req-1', 'msg-1:req-2', 'msg_1:req_1', ''];
    const entries = keys.map((k) => table.entryOf(k));
    expect(new Set(entries).size).toBe(keys.length);
    expect(keys.map((k) => table.entryOf(k))).toEqual(entries);
  });

  it('retains the entries chosen, numbered in their order, each found again; the others are new there', () => {
    for (const table of [new KeyTable(), new KeyTable(collide)]) {
      const keys = Array.from({ length: 3_000 }, (_, i) => (i % 500 === 0 ? `msg_€${i}:req_1` : `msg_01${i.toString(36)}:req_011C${i}`));
      for (const key of keys) table.entryOf(key);
      const kept = table.retained((entry) => entry % 3 === 0);
      expect(kept.size).toBe(1_000);
      expect(keys.filter((_, i) => i % 3 === 0).map((k) => kept.entryOf(k))).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
      expect(kept.added).toBe(false);
      expect([kept.entryOf(keys[1]!), kept.added]).toEqual([1_000, true]);
    }
  });
});
