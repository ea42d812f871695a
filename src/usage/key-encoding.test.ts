import { describe, expect, it } from 'vitest';
import { encodeKey, KEY_BYTES } from './key-encoding.js';
import { randomFrom } from '../demo/lines.js';

const encoded = (key: string): string | null => {
  const out = new Uint8Array(KEY_BYTES);
  return encodeKey(key, out) ? Buffer.from(out).toString('hex') : null;
};

describe('encodeKey', () => {
  it('fits Claude Code keys, Bedrock-style ones and short keys of any Latin-1 characters', () => {
    expect(encoded('msg_019nLAxYS8TUx9t6QKgtmmvI:req_011CY1DV6ZcyGeWGTb4kSw2L')).not.toBeNull();
    expect(encoded('msg_bdrk_01Fp9hwd6cpqX2gRtfZ1w9Z5:req_011CY1DV6ZcyGeWGTb4kSw2L')).not.toBeNull();
    expect(encoded('msg-1:req-1 ÿ')).not.toBeNull();
    expect(encoded('x'.repeat(63))).toBeNull();
    expect(encoded('€')).toBeNull();
  });

  it('is one-to-one: two keys share an encoding only when they are the same key', () => {
    const random = randomFrom(12);
    const alphabets = ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:', 'ab:_-', 'aA\u00e9\u00ff ', '01'];
    const byEncoding = new Map<string, string>();
    for (let i = 0; i < 50_000; i++) {
      const letters = alphabets[Math.floor(random() * alphabets.length)]!;
      const length = Math.floor(random() * 64);
      const key = Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
      const code = encoded(key);
      if (code === null) continue;
      expect(byEncoding.get(code) ?? key).toBe(key);
      byEncoding.set(code, key);
      expect(encoded(key)).toBe(code);
    }
    expect(byEncoding.size).toBeGreaterThan(20_000);
  });
});
