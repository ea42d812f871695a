import { idlessKey, type LimitHit, type UsageEvent } from './events.js';
import type { LineResult } from './parse-line.js';

/** Bad lines quoted per batch (the others are only counted). */
export const MAX_BAD_SAMPLES = 5;

/** What the lines of one read of one file held: the part of a batch every source fills the same way. */
export interface LineBatch {
  events: UsageEvent[];
  hits: LimitHit[];
  badLines: number;
  badSamples: string[];
}

/** Where a line came from, for its events' keys and its bad-line sample. */
export interface LineOrigin {
  /** Names the file for the keys of lines without ids (a local file's device and inode; a remote's path). */
  fileId: string;
  /** `line N` for a local file; null where lines have no number (a remote stream). */
  where: string | null;
  /** The ssh host the line came from; absent for this machine. */
  machine?: string;
}

/**
 * Folds one line's parse results into a batch, the one way for local files and remote streams:
 * its usage events (a line without ids keyed by its file), its limit hits, and at most one bad
 * line (its first reason), quoted while fewer than MAX_BAD_SAMPLES are.
 */
export function addLine(batch: LineBatch, results: readonly LineResult[], origin: LineOrigin): void {
  let badReason: string | null = null;
  for (const result of results) {
    if (result.kind === 'usage') batch.events.push(eventOf(result.event, origin));
    else if (result.kind === 'limit') batch.hits.push(result.hit);
    else if (result.kind === 'bad') badReason ??= result.reason;
  }
  if (badReason !== null) addBadLine(batch, badReason, origin.where);
}

/** Counts one bad line, quoting it while fewer than MAX_BAD_SAMPLES are. */
export function addBadLine(batch: LineBatch, reason: string, where: string | null): void {
  batch.badLines++;
  if (batch.badSamples.length < MAX_BAD_SAMPLES) batch.badSamples.push(where === null ? reason : `${where}: ${reason}`);
}

function eventOf(event: UsageEvent, { fileId, machine }: LineOrigin): UsageEvent {
  if (event.key !== null && machine === undefined) return event;
  return { ...event, key: event.key ?? idlessKey(fileId, event), ...(machine === undefined ? {} : { machine }) };
}
