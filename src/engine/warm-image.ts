import type { FilePosition, ImageMeta, NewImage, StoredImage } from '../store/index.js';
import { encodeIngestPieces, moveIngest, restoreIngest } from '../usage/ingest-image.js';
import type { PricingSettings, UsageIngest } from '../usage/ingest.js';
import { Calendar } from '../usage/calendar.js';
import { HOUR } from '../usage/time.js';
import { LEDGER_HOLDS_MS, type HistorySync } from './history-sync.js';

/**
 * An image covers the responses timed at least an hour before the start (the rows of the files
 * being written change under it), up to a quarter of a day: the starts of six hours share one
 * image, and replay at most seven hours of responses beside it.
 */
const CUT_BEFORE_MS = HOUR;
const CUT_STEP_MS = 6 * HOUR;

/** Where a warm start's image ends (UTC quarter days), never before the history. */
export function imageCut(now: number, historyStart: number): number {
  return Math.max(historyStart, Math.floor((now - CUT_BEFORE_MS) / CUT_STEP_MS) * CUT_STEP_MS);
}

/** The price settings an image's costs were computed with, as a short key. */
export function pricesKey(pricing: PricingSettings): string {
  const { table, priceMultiplier, costMode } = pricing;
  // Not imported: an ESM import of node:crypto also loads WebCrypto (~3 ms of every start).
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(JSON.stringify([table, priceMultiplier, costMode])).digest('base64url').slice(0, 22);
}

/** Which image a start asks for: its cut, its price settings, and the zone its days are derived in. */
export interface ImageAt {
  cut: number;
  prices: string;
  timeZone: string;
}

export interface ImageLoad {
  /** The stored image was restored (its rows had not changed since it was built). */
  restored: boolean;
  /** Stored responses replayed to reach the cut. */
  replayed: number;
  /** A new image was saved at the cut. */
  saved: boolean;
}

/**
 * Brings an empty ingest to the stored history of [historyStart, cut): from the image when its
 * rows are unchanged (then only the responses between its cut and this one are replayed), else by
 * replaying every stored response; a moved cut leaves a new image behind. Reads in one transaction,
 * so the fingerprint saved describes exactly the rows the image holds (the save checks it still does).
 */
export function loadToCut(history: HistorySync, ingest: UsageIngest, at: ImageAt & { historyStart: number; now: number }): ImageLoad {
  const { store } = history;
  const { historyStart, cut, prices } = at;
  let next: NewImage | null = null;
  const load = store.consistently((): ImageLoad => {
    const image = usableImage(history, at);
    const restored = image !== null && restoredFrom(ingest, image.bytes);
    const from = restored ? image.cut : historyStart;
    if (restored) history.markGone(ingest, image.gone, historyStart, image.cut);
    // The rows before then count without a ledger entry, and the image holds none of them.
    history.forgetIn(ingest, historyStart, cut - LEDGER_HOLDS_MS);
    if (from >= cut) return { restored, replayed: 0, saved: false };
    const replayed = history.load(ingest, from, cut - 1);
    const fingerprint = restored || replayed > 0 ? store.fingerprint(historyStart, cut) : null;
    if (fingerprint !== null) next = { historyStart, prices, cut, fingerprint, gone: history.goneFiles(), builtAt: at.now, spent: false, bytes: encodeIngestPieces(ingest, Calendar.for(at.timeZone)) };
    return { restored, replayed, saved: false };
  });
  return next === null ? load : { ...load, saved: store.saveImage(next) };
}

/**
 * restoreIngest, then the bytes' memory handed back at once (33 MB at 4 GiB of logs), not at
 * V8's next full collection, which comes after the start's peak: the tables hold copies.
 */
function restoredFrom(ingest: UsageIngest, bytes: Uint8Array): boolean {
  const restored = restoreIngest(ingest, bytes);
  const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  // Only an array of its own: a small file's bytes can share Node's buffer pool.
  if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) buffer.transfer?.(0);
  return restored;
}

/** What a warm start loaded before its logs were listed (loadAhead), to be completed once they are (finishAhead). */
export interface LoadedAhead {
  /** The files' positions, read with the rows loaded: never ahead of them. */
  positions: FilePosition[];
  cut: number;
  /** The files gone when the image was built. */
  gone: string[];
  /** The rows loaded end here (inclusive). */
  horizon: number;
  /** What was loaded, apart from the start's own ingest until finishAhead moves it there. */
  ingest: UsageIngest;
}

/**
 * Before the logs are listed (a worker lists them meanwhile): restores the image when it is at
 * this start's cut and its rows are unchanged, loads the rows after the cut, and reads the files'
 * positions, in one read transaction, into an ingest of its own (`like`'s empty copy). Null when
 * there is no such image: the start then loads after the listing (loadToCut). The files gone are
 * known from the listing alone: finishAhead checks and marks them.
 */
export function loadAhead(history: HistorySync, like: UsageIngest, at: ImageAt & { historyStart: number; horizon: number }): LoadedAhead | null {
  const { store } = history;
  return store.consistently((): LoadedAhead | null => {
    const image = unchangedImage(history, at, (stored) => stored.cut === at.cut);
    if (!image) return null;
    const ingest = like.emptyCopy();
    if (!restoredFrom(ingest, image.bytes)) return null;
    history.countedFrom(at.historyStart);
    history.load(ingest, image.cut, at.horizon);
    return { positions: store.positions(), cut: image.cut, gone: image.gone, horizon: at.horizon, ingest };
  });
}

/**
 * Once the logs are listed (history.resume found the files gone): marks the minutes of the files
 * gone since the image was built, and of every gone file after its cut, as known from the store
 * alone, and moves what loadAhead loaded into the start's empty ingest. False, the ingest left
 * empty, when a file gone at the build is back (it would count twice beside the image): the
 * start then loads as without an image.
 */
export function finishAhead(history: HistorySync, ingest: UsageIngest, ahead: LoadedAhead, historyStart: number): boolean {
  if (!history.stillGone(ahead.gone)) return false;
  history.markGone(ahead.ingest, ahead.gone, historyStart, ahead.cut);
  history.markGone(ahead.ingest, [], ahead.cut, ahead.horizon + 1);
  return moveIngest(ahead.ingest, ingest);
}

/** The stored image when it can stand for its rows: no later cut than asked, its gone files still gone, its rows unchanged. */
function usableImage(history: HistorySync, at: { historyStart: number; cut: number; prices: string }): StoredImage | null {
  return unchangedImage(history, at, (image) => history.stillGone(image.gone));
}

/**
 * The stored image when its cut is no later than asked, `also` holds, and its rows are unchanged:
 * not spent (a write of a row before its cut spends it, store/images.ts), where a start compared
 * the fingerprint of every response, ~25 ms at 2 GiB.
 */
function unchangedImage(history: HistorySync, at: { historyStart: number; cut: number; prices: string }, also: (image: ImageMeta) => boolean): StoredImage | null {
  if (at.cut <= at.historyStart) return null;
  return history.store.image(at.historyStart, at.prices, (image) => !image.spent && image.cut <= at.cut && also(image));
}
