import { firstAtOrAfter, floorMinute } from './time.js';
import type { ImageReader, ImageWriter } from './image-codec.js';
import { MinuteIndex, type MinuteView } from './minute-view.js';
import { MinuteTable } from './minute-table.js';
import { SESSION_DETAIL_MS, SessionBook, type SessionTotals } from './session-book.js';
import { LOCAL_MACHINE, type LimitHit } from '../logs/events.js';
import type { MinuteBucket, PricedDelta } from './types.js';

export type { MinuteBucket, ModelTotals } from './types.js';
export { projectFolderOf, SESSION_DETAIL_MS, type SessionMinute, type SessionTotals } from './session-book.js';

/**
 * The numbers of the loaded history, never lines: per-minute buckets (with a per-model split),
 * per-session totals, unpriced models and limit hits. Days, months, blocks and rates are all
 * derived from the minutes (a minute never straddles a day in any time zone).
 *
 * Memory: the minutes are rows of typed arrays (~45 bytes a minute and ~52 a model in it; at
 * most 1,440 minutes a day whatever the bytes of logs), and sessions keep per-minute detail only
 * for the last two days.
 */
export class UsageStore {
  private readonly table = new MinuteTable();
  private readonly book = new SessionBook();
  readonly minutes = new MinuteIndex(this.table);
  readonly sessions: ReadonlyMap<string, SessionTotals> = this.book.sessions;
  /** Unknown models (cost 0) and their token counts. */
  readonly unpriced = new Map<string, number>();
  readonly limitHits: LimitHit[] = [];
  /** Bumped on every change, for caches of derived numbers. */
  version = 0;
  lastEventAt: number | null = null;
  private sorted: { size: number; list: MinuteView[] } = { size: -1, list: [] };
  /** The earliest minute start added to or changed since `takeEarliestChange` (see there). */
  private earliestChange = -Infinity;

  add(delta: PricedDelta): void {
    const start = floorMinute(delta.timestamp);
    const row = this.table.add(start, delta);
    this.earliestChange = Math.min(this.earliestChange, start);
    if (delta.machine !== LOCAL_MACHINE) this.table.addRemote(row, delta.machine, delta.costUSD);
    this.lastEventAt = Math.max(this.lastEventAt ?? delta.timestamp, delta.timestamp);
    this.book.add(delta, start, floorMinute(this.lastEventAt) - SESSION_DETAIL_MS);
    if (!delta.priced && delta.model !== '<synthetic>') {
      this.unpriced.set(delta.model, (this.unpriced.get(delta.model) ?? 0) + delta.tokens.total);
    }
    this.version++;
  }

  /** Marks the minute of `time` as known only from the history store (its logs were deleted). */
  markFromStore(time: number): void {
    const row = this.table.rowOf(floorMinute(time));
    if (row !== -1 && this.table.markFromStore(row)) {
      this.earliestChange = Math.min(this.earliestChange, this.table.start(row));
      this.version++;
    }
  }

  /**
   * The earliest start of a minute added to or changed since the last call (-Infinity at first
   * and after an image is read; Infinity when none), and starts counting again: the minutes before
   * it are as they were, so what was derived from them stands (usage/derived.ts).
   */
  takeEarliestChange(): number {
    const earliest = this.earliestChange;
    this.earliestChange = Infinity;
    return earliest;
  }

  addLimitHit(hit: LimitHit): void {
    const duplicate = this.limitHits.some((h) => h.timestamp === hit.timestamp && h.text === hit.text);
    if (duplicate) return;
    this.limitHits.push(hit);
    this.limitHits.sort((a, b) => a.timestamp - b.timestamp);
    this.version++;
  }

  /** Minute buckets in time order (live views: sorted again only when a minute is added). */
  sortedMinutes(): readonly MinuteBucket[] {
    if (this.sorted.size !== this.table.size) {
      const list = Array.from(this.table.rowsByStart(), (row) => this.minutes.view(row));
      this.sorted = { size: this.table.size, list };
    }
    return this.sorted.list;
  }

  writeImage(out: ImageWriter): void {
    this.table.writeImage(out);
    this.book.writeImage(out);
    out.int(this.unpriced.size);
    for (const [model, tokens] of this.unpriced) {
      out.string(model);
      out.float(tokens);
    }
    out.int(this.limitHits.length);
    for (const hit of this.limitHits) writeLimitHit(out, hit);
    out.int(this.version);
    out.bool(this.lastEventAt !== null);
    if (this.lastEventAt !== null) out.float(this.lastEventAt);
  }

  /** Reads what `writeImage` wrote into this empty store; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    this.table.readImage(from);
    this.book.readImage(from);
    const unpriced = from.count();
    for (let i = 0; i < unpriced; i++) this.unpriced.set(from.string(), from.float());
    from.check(this.unpriced.size === unpriced, 'an unpriced model held twice');
    const hits = from.count();
    for (let i = 0; i < hits; i++) this.limitHits.push(readLimitHit(from));
    this.version = from.int(0, Number.MAX_SAFE_INTEGER);
    this.lastEventAt = from.bool() ? from.float() : null;
    this.earliestChange = -Infinity;
  }

  /** Takes the whole state of `other` (read from an image) as its own; this store is empty. */
  adopt(other: UsageStore): void {
    this.table.adopt(other.table);
    this.book.adopt(other.book);
    for (const [model, tokens] of other.unpriced) this.unpriced.set(model, tokens);
    for (const hit of other.limitHits) this.limitHits.push(hit);
    this.version = other.version;
    this.lastEventAt = other.lastEventAt;
    this.earliestChange = other.earliestChange;
  }
}

const HIT_KINDS: readonly LimitHit['kind'][] = ['five_hour', 'weekly', 'unknown'];

function writeLimitHit(out: ImageWriter, hit: LimitHit): void {
  out.float(hit.timestamp);
  out.int(HIT_KINDS.indexOf(hit.kind));
  out.bool(hit.resetsAt !== null);
  if (hit.resetsAt !== null) out.float(hit.resetsAt);
  out.string(hit.text);
  out.string(hit.sessionId);
  out.string(hit.file);
}

function readLimitHit(from: ImageReader): LimitHit {
  return {
    timestamp: from.float(), kind: HIT_KINDS[from.int(0, HIT_KINDS.length - 1)]!, resetsAt: from.bool() ? from.float() : null,
    text: from.string(), sessionId: from.string(), file: from.string(),
  };
}

/** The time-ordered minutes whose start is in [from, to], found by binary search (a slice, no scan). */
export function minutesBetween(sorted: readonly MinuteBucket[], from: number, to: number): readonly MinuteBucket[] {
  return sorted.slice(firstAtOrAfter(sorted, from), firstAtOrAfter(sorted, to + 1));
}
