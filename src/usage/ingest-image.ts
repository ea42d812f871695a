import { ResponseLedger } from './dedupe.js';
import { ImageReader, ImageWriter } from './image-codec.js';
import type { UsageIngest } from './ingest.js';
import { UsageStore } from './store.js';

/**
 * The ingest's image (issue 21): the whole state of a `UsageIngest` as bytes, so that a warm start
 * restores what the stored responses before a cut added up to instead of adding them again. The
 * pricing settings are not in it (an image is kept per settings). Format: image-codec.ts.
 */

/** The whole state of `ingest` (its ledger and its store) as bytes. */
export function encodeIngest(ingest: UsageIngest): Uint8Array {
  const out = new ImageWriter();
  ingest.ledger.writeImage(out);
  ingest.store.writeImage(out);
  return out.bytes();
}

/**
 * Fills `ingest`, which must be empty (nothing added yet), with the state `bytes` hold; true on
 * success. False, with `ingest` left empty and usable, when the bytes are not a whole, valid image
 * of this format version (truncated, damaged, another version). Never throws on any input.
 */
export function restoreIngest(ingest: UsageIngest, bytes: Uint8Array): boolean {
  if (!isEmpty(ingest)) return false;
  const image = readImage(bytes);
  return image !== null && moveInto(ingest, image);
}

/** Moves the whole state of `from` into `to`, which must be empty (false otherwise); `from` is not to be used again. */
export function moveIngest(from: UsageIngest, to: UsageIngest): boolean {
  return isEmpty(to) && moveInto(to, from);
}

function isEmpty(ingest: UsageIngest): boolean {
  return ingest.ledger.size === 0 && ingest.store.version === 0;
}

function moveInto(ingest: UsageIngest, from: { ledger: ResponseLedger; store: UsageStore }): boolean {
  // In place: the engine holds the ingest, its store, the store's minutes and sessions.
  ingest.ledger.adopt(from.ledger);
  ingest.store.adopt(from.store);
  return true;
}

/** The image read into a new ledger and store (the ingest is touched only once all of it is read and checked). */
function readImage(bytes: Uint8Array): { ledger: ResponseLedger; store: UsageStore } | null {
  try {
    const from = ImageReader.open(bytes);
    if (!from) return null;
    const ledger = new ResponseLedger();
    ledger.readImage(from);
    const store = new UsageStore();
    store.readImage(from);
    from.end();
    return { ledger, store };
  } catch {
    // An ImageError, or any other error damaged bytes could still raise: never thrown on.
    return null;
  }
}
