import { describe, expect, it } from 'vitest';
import { keyHash } from './key-hash.js';

describe('keyHash', () => {
  it('is cyrb53, fixed for good (stored files depend on it)', () => {
    expect(keyHash('')).toBe(3338908027751811);
    expect(keyHash('msg_01A:req_01A')).toBe(7462282261109032);
    expect(keyHash('msg_01B:req_01A')).toBe(5432857425540985);
    expect(keyHash('/logs/a.jsonl:812')).toBe(6277070025301047);
    expect(keyHash('é😀')).toBe(402108947828814);
  });

  it('is a safe integer', () => {
    for (let i = 0; i < 1000; i++) expect(Number.isSafeInteger(keyHash(`msg_${i}:req_${i}`))).toBe(true);
  });
});
