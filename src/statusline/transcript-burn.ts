import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parseLine, USAGE_MARKER } from '../logs/parse-line.js';
import { UsageIngest, type PricingSettings } from '../usage/ingest.js';
import { burnRate, totalsSeries } from '../usage/rates.js';
import type { BurnCache } from '../state/burn-cache.js';

/** Only this much of the transcript's end is read: the burn window's responses are always in it. */
export const TRANSCRIPT_TAIL_BYTES = 256 * 1024;

export type Burn = Omit<BurnCache, 'at'>;

/**
 * The burn rate of one session from the end of its transcript (parsed, deduped and priced as the
 * monitor does), for the statusline when no monitor runs; null when the file cannot be read.
 */
export function transcriptBurn(path: string, now: number, windowMinutes: number, pricing: PricingSettings): Burn | null {
  const text = readTail(path, TRANSCRIPT_TAIL_BYTES);
  if (text === null) return null;
  const ingest = new UsageIngest(pricing);
  for (const line of text.split('\n')) {
    if (!line.includes(USAGE_MARKER)) continue;
    for (const result of parseLine(line, path, 'UTC')) if (result.kind === 'usage') ingest.addEvent(result.event);
  }
  const { costPerHour, tokensPerMinute } = burnRate(totalsSeries(ingest.store.minutes), now, windowMinutes);
  return { costPerHour, tokensPerMinute };
}

/**
 * The last `bytes` of a regular file, from its first whole line; null when it cannot be read or
 * is not a regular file. Opened non-blocking: a FIFO at the path (the input is untrusted) would
 * otherwise block the open until a writer came, and the statusline with it, forever.
 */
function readTail(path: string, bytes: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const size = stat.size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8', 0, read);
    return size > length ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
