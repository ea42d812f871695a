import { isAscii } from 'node:buffer';

// ignoreBOM keeps a leading BOM in the text, as Buffer#toString does.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes as text, the way the reader decodes a line: Buffer#toString('utf8') is several times slower (simdutf-backed). */
export function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes);
}
