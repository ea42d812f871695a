/**
 * A response key (`msg_…:req_…`) as the fixed-size entry of the ledger's key table stores it:
 * one form byte, then its characters, 6 bits each when all are in [A-Za-z0-9_:] (Claude Code's
 * keys are; 57 characters take 43 bytes), else 1 byte each when all are Latin-1. The encoding is
 * one-to-one, so two keys are the same exactly when their encodings are.
 */

/** Bytes per encoded key. */
export const KEY_BYTES = 48;
const PACKED = 0x40;
/** Characters that fit: 47 bytes of 6-bit codes, or of bytes. */
const PACKED_CHARS = Math.floor(((KEY_BYTES - 1) * 8) / 6);
const RAW_CHARS = KEY_BYTES - 1;
/** A form byte no key encodes to (lengths stay below 64). */
export const NO_KEY = 0xff;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:';
const CODES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET.charCodeAt(i)] = i;

/** Writes the key's encoding into `out` (KEY_BYTES long); false when the key does not fit one. */
export function encodeKey(key: string, out: Uint8Array): boolean {
  out.fill(0);
  if (key.length <= PACKED_CHARS && pack(key, out)) return true;
  if (key.length > RAW_CHARS) return false;
  out.fill(0);
  out[0] = key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return false;
    out[1 + i] = c;
  }
  return true;
}

function pack(key: string, out: Uint8Array): boolean {
  out[0] = PACKED | key.length;
  let at = 1;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const code = c < 128 ? CODES[c]! : -1;
    if (code < 0) return false;
    acc = ((acc << 6) | code) & 0x3fff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = acc >> bits;
    }
  }
  if (bits > 0) out[at] = acc << (8 - bits);
  return true;
}
