import { RESPONSE_BOUNDS, TOKEN_FIELDS, type LimitHit, type UsageEvent, type UsageTokens } from '../logs/events.js';
import { sanitize } from '../logs/sanitize.js';

/** A value read from the wire, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const HIT_KINDS: readonly LimitHit['kind'][] = ['five_hour', 'weekly', 'unknown'];
/** Paths in one batch's positions: far above the feed's own batches (500 files). */
const MAX_POSITIONS = 100_000;
/** Samples per file of one `l` record (the feed sends at most 5), and the length of each. */
const MAX_SAMPLES = 5;
const MAX_SAMPLE_LENGTH = 1000;

/** Bad lines of one remote file: how many, and why (the first few). */
export interface BadLines {
  count: number;
  samples: string[];
}

/** A usage event as `cctop feed` sends it: every field of its type, strings sanitized again. */
export function checkEvent(v: unknown): Checked<UsageEvent> {
  if (!isObject(v)) return no('event is not an object');
  const bad = firstBad([
    ['key', v.key === null || typeof v.key === 'string'], ['timestamp', isTime(v.timestamp) && v.timestamp >= RESPONSE_BOUNDS.earliest],
    ['sessionId', typeof v.sessionId === 'string'], ['cwd', typeof v.cwd === 'string'], ['model', typeof v.model === 'string'],
    ['isSidechain', typeof v.isSidechain === 'boolean'], ['speed', v.speed === 'fast' || v.speed === 'standard'],
    ['inferenceGeo', v.inferenceGeo === null || typeof v.inferenceGeo === 'string'],
    ['costUSD', v.costUSD === null || (typeof v.costUSD === 'number' && v.costUSD >= 0 && v.costUSD <= RESPONSE_BOUNDS.maxCostUSD)],
    ['file', typeof v.file === 'string'], ['tokens', checkTokens(v.tokens) !== null],
  ]);
  if (bad) return no(`event field ${bad}`);
  return {
    ok: true,
    value: {
      key: v.key === null ? null : sanitize(v.key as string), timestamp: v.timestamp as number,
      sessionId: sanitize(v.sessionId as string), cwd: sanitize(v.cwd as string), model: sanitize(v.model as string),
      isSidechain: v.isSidechain as boolean, tokens: checkTokens(v.tokens)!, speed: v.speed as UsageEvent['speed'],
      inferenceGeo: v.inferenceGeo === null ? null : sanitize(v.inferenceGeo as string), costUSD: v.costUSD as number | null,
      file: sanitize(v.file as string),
    },
  };
}

/** A limit hit as `cctop feed` sends it. */
export function checkHit(v: unknown): Checked<LimitHit> {
  if (!isObject(v)) return no('limit hit is not an object');
  const bad = firstBad([
    ['timestamp', isTime(v.timestamp)], ['kind', HIT_KINDS.includes(v.kind as LimitHit['kind'])],
    ['resetsAt', v.resetsAt === null || isTime(v.resetsAt)], ['text', typeof v.text === 'string'],
    ['sessionId', typeof v.sessionId === 'string'], ['file', typeof v.file === 'string'],
  ]);
  if (bad) return no(`limit hit field ${bad}`);
  return {
    ok: true,
    value: {
      timestamp: v.timestamp as number, kind: v.kind as LimitHit['kind'], resetsAt: v.resetsAt as number | null,
      text: sanitize(v.text as string), sessionId: sanitize(v.sessionId as string), file: sanitize(v.file as string),
    },
  };
}

/** One batch's positions: absolute paths to a position string, or null for a file that is gone. */
export function checkPositions(v: unknown): Checked<Map<string, string | null>> {
  if (!isObject(v)) return no('positions are not an object');
  const entries = Object.entries(v);
  if (entries.length > MAX_POSITIONS) return no('too many positions');
  for (const [path, pos] of entries) {
    if (!path.startsWith('/')) return no(`position of a relative path (${sanitize(path.slice(0, 80))})`);
    if (pos !== null && (typeof pos !== 'string' || pos.length > 200)) return no(`bad position (${sanitize(path.slice(0, 80))})`);
  }
  return { ok: true, value: new Map(entries as [string, string | null][]) };
}

/** An `l` record: lines read, and bad ones per absolute path (`bad` may be left out). */
export function checkLineCounts(v: unknown): Checked<{ lines: number; bad: Map<string, BadLines> }> {
  if (!isObject(v) || !isCount(v.lines)) return no('line counts without a line count');
  if (v.bad !== undefined && !isObject(v.bad)) return no('bad lines are not an object');
  const entries = Object.entries(v.bad ?? {});
  if (entries.length > MAX_POSITIONS) return no('too many files with bad lines');
  const bad = new Map<string, BadLines>();
  for (const [path, entry] of entries) {
    const where = sanitize(path.slice(0, 80));
    if (!path.startsWith('/')) return no(`bad lines of a relative path (${where})`);
    if (!isObject(entry) || !isCount(entry.n) || !Array.isArray(entry.samples) || entry.samples.length > MAX_SAMPLES) return no(`bad line count (${where})`);
    if (!entry.samples.every((x) => typeof x === 'string' && x.length <= MAX_SAMPLE_LENGTH)) return no(`bad line sample (${where})`);
    bad.set(sanitize(path), { count: entry.n, samples: (entry.samples as string[]).map(sanitize) });
  }
  return { ok: true, value: { lines: v.lines, bad } };
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function checkTokens(v: unknown): UsageTokens | null {
  if (!isObject(v)) return null;
  for (const f of TOKEN_FIELDS) if (!(typeof v[f] === 'number' && Number.isSafeInteger(v[f]) && v[f] >= 0 && v[f] <= RESPONSE_BOUNDS.maxTokens)) return null;
  return Object.fromEntries(TOKEN_FIELDS.map((f) => [f, v[f]])) as unknown as UsageTokens;
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function firstBad(checks: [string, boolean][]): string | null {
  return checks.find(([, ok]) => !ok)?.[0] ?? null;
}

function no<T>(reason: string): Checked<T> {
  return { ok: false, reason };
}

/** A plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
