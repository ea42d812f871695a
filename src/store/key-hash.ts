/**
 * A 53-bit hash of a response key (cyrb53, by bryc, public domain: two mixed 32-bit hashes),
 * a safe integer. The store's unique index is on it rather than on the ~57-character key text:
 * an index of small integers stays in cache, so a new row costs a sixth as much and the file
 * ~45 bytes a row less. Part of the file format: never change it without a migration.
 */
export function keyHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
}
