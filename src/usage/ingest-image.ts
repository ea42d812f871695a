import type { Calendar } from './calendar.js';
import { ResponseLedger } from './dedupe.js';
import { moveDerived, readDerived, seedDerived, writeDerived, type DerivedImage } from './derived.js';
import { ImageReader, ImageWriter, joined } from './image-codec.js';
import type { UsageIngest } from './ingest.js';
import { UsageStore } from './store.js';

/**
 * The ingest's image (issue 21): the whole state of a `UsageIngest` as bytes, so that a warm start
 * restores what the stored responses before a cut added up to instead of adding them again. The
 * pricing settings are not in it (an image is kept per settings). Format: image-codec.ts.
 */

/**
 * The whole state of `ingest` (its ledger and its store) as bytes, with the blocks and days
 * derived from its minutes in the calendar's zone: a start in that zone derives only the minutes
 * added since (derived.ts).
 */
export function encodeIngest(ingest: UsageIngest, calendar: Calendar): Uint8Array {
  return joined(encodeIngestPieces(ingest, calendar));
}

/** `encodeIngest`'s image in pieces (ImageWriter.pieces), to be written out before `ingest` changes. */
export function encodeIngestPieces(ingest: UsageIngest, calendar: Calendar): Uint8Array[] {
  const out = new ImageWriter();
  ingest.ledger.writeImage(out);
  ingest.store.writeImage(out);
  writeDerived(out, ingest.store, calendar);
  return out.pieces();
}

/**
 * Fills `ingest`, which must be empty (nothing added yet), with the state `bytes` hold; true on
 * success. False, with `ingest` left empty and usable, when the bytes are not a whole, valid image
 * of this format version (truncated, damaged, another version). Never throws on any input.
 */
export function restoreIngest(ingest: UsageIngest, bytes: Uint8Array): boolean {
  if (!isEmpty(ingest)) return false;
  const image = readImage(bytes);
  if (image === null || !moveInto(ingest, image)) return false;
  seedDerived(ingest.store, image.derived);
  return true;
}

/** Moves the whole state of `from` into `to`, which must be empty (false otherwise); `from` is not to be used again. */
export function moveIngest(from: UsageIngest, to: UsageIngest): boolean {
  if (!isEmpty(to) || !moveInto(to, from)) return false;
  moveDerived(from.store, to.store);
  return true;
}

function isEmpty(ingest: UsageIngest): boolean {
  return ingest.ledger.size === 0 && ingest.store.version === 0;
}

function moveInto(ingest: UsageIngest, from: { ledger: ResponseLedger; store: UsageStore }): boolean {
  // A ledger that let go of responses needs the store to look their copies up in.
  if (from.ledger.forgottenBefore !== -Infinity && !ingest.ledger.findStored) return false;
  // In place: the engine holds the ingest, its store, the store's minutes and sessions.
  ingest.ledger.adopt(from.ledger);
  ingest.store.adopt(from.store);
  return true;
}

/** The image read into a new ledger and store (the ingest is touched only once all of it is read and checked). */
function readImage(bytes: Uint8Array): { ledger: ResponseLedger; store: UsageStore; derived: DerivedImage } | null {
  try {
    const from = ImageReader.open(bytes);
    if (!from) return null;
    const ledger = new ResponseLedger();
    ledger.readImage(from);
    const store = new UsageStore();
    store.readImage(from);
    const derived = readDerived(from, store.minutes.size);
    from.end();
    return { ledger, store, derived };
  } catch {
    // An ImageError, or any other error damaged bytes could still raise: never thrown on.
    return null;
  }
}
