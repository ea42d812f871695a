import { addInto, emptyTokens } from './tokens.js';
import { firstAtOrAfter, floorMinute } from './time.js';
import { sanitize } from '../logs/sanitize.js';
import { LOCAL_MACHINE, type LimitHit } from '../logs/events.js';
import type { PricedDelta, Tokens } from './types.js';


export interface ModelTotals {
  tokens: Tokens;
  costUSD: number;
  priced: boolean;
}

/** Usage of one clock minute (UTC minute start): the store's unit of time. */
export interface MinuteBucket {
  start: number;
  /** Exact times of the first and last response in the minute (block gaps need them). */
  first: number;
  last: number;
  tokens: Tokens;
  costUSD: number;
  models: Map<string, ModelTotals>;
  /** Some of its usage is known only from the history store: its log files are gone. */
  fromStore?: true;
  /** Cost per remote machine (what is not here is this machine's own); absent without remotes. */
  remote?: Map<string, number>;
}

export interface SessionMinute {
  tokens: number;
  costUSD: number;
}

export interface SessionTotals {
  sessionId: string;
  cwd: string;
  firstSeen: number;
  lastSeen: number;
  tokens: Tokens;
  costUSD: number;
  models: Map<string, ModelTotals>;
  /** Per-minute totals, for the session's window share, rate and spikes. */
  minutes: Map<number, SessionMinute>;
  /** The folder under `projects/` its log lives in (Claude Code's encoding of the cwd), sanitised; null when none. */
  projectDir: string | null;
  /** The machine it ran on (`local`, or an ssh host). */
  machine: string;
}

/**
 * The numbers of the loaded history, never lines: per-minute buckets (with a per-model split),
 * per-session totals, unpriced models and limit hits. Days, months, blocks and rates are all
 * derived from the minutes (a minute never straddles a day in any time zone).
 */
export class UsageStore {
  readonly minutes = new Map<number, MinuteBucket>();
  readonly sessions = new Map<string, SessionTotals>();
  /** Unknown models (cost 0) and their token counts. */
  readonly unpriced = new Map<string, number>();
  readonly limitHits: LimitHit[] = [];
  /** Bumped on every change, for caches of derived numbers. */
  version = 0;
  lastEventAt: number | null = null;
  private sorted: { version: number; list: MinuteBucket[] } = { version: -1, list: [] };

  add(delta: PricedDelta): void {
    const start = floorMinute(delta.timestamp);
    const bucket = this.bucketAt(start, delta.timestamp);
    bucket.first = Math.min(bucket.first, delta.timestamp);
    bucket.last = Math.max(bucket.last, delta.timestamp);
    addInto(bucket.tokens, delta.tokens);
    bucket.costUSD += delta.costUSD;
    if (delta.machine !== LOCAL_MACHINE) {
      bucket.remote ??= new Map();
      bucket.remote.set(delta.machine, (bucket.remote.get(delta.machine) ?? 0) + delta.costUSD);
    }
    addModel(bucket.models, delta);
    this.addToSession(delta, start);
    if (!delta.priced && delta.model !== '<synthetic>') {
      this.unpriced.set(delta.model, (this.unpriced.get(delta.model) ?? 0) + delta.tokens.total);
    }
    this.lastEventAt = Math.max(this.lastEventAt ?? delta.timestamp, delta.timestamp);
    this.version++;
  }

  /** Marks the minute of `time` as known only from the history store (its logs were deleted). */
  markFromStore(time: number): void {
    const bucket = this.minutes.get(floorMinute(time));
    if (bucket && !bucket.fromStore) {
      bucket.fromStore = true;
      this.version++;
    }
  }

  addLimitHit(hit: LimitHit): void {
    const duplicate = this.limitHits.some((h) => h.timestamp === hit.timestamp && h.text === hit.text);
    if (duplicate) return;
    this.limitHits.push(hit);
    this.limitHits.sort((a, b) => a.timestamp - b.timestamp);
    this.version++;
  }

  /** Minute buckets in time order (cached until the next change). */
  sortedMinutes(): MinuteBucket[] {
    if (this.sorted.version !== this.version) {
      const list = [...this.minutes.values()].sort((a, b) => a.start - b.start);
      this.sorted = { version: this.version, list };
    }
    return this.sorted.list;
  }

  private bucketAt(start: number, time: number): MinuteBucket {
    let bucket = this.minutes.get(start);
    if (!bucket) {
      bucket = { start, first: time, last: time, tokens: emptyTokens(), costUSD: 0, models: new Map() };
      this.minutes.set(start, bucket);
    }
    return bucket;
  }

  private addToSession(delta: PricedDelta, minuteStart: number): void {
    let session = this.sessions.get(delta.sessionId);
    if (!session) {
      session = {
        sessionId: delta.sessionId, cwd: delta.cwd, firstSeen: delta.timestamp, lastSeen: delta.timestamp,
        tokens: emptyTokens(), costUSD: 0, models: new Map(), minutes: new Map(), projectDir: projectFolderOf(delta.file),
        machine: delta.machine,
      };
      this.sessions.set(delta.sessionId, session);
    }
    session.firstSeen = Math.min(session.firstSeen, delta.timestamp);
    if (delta.timestamp >= session.lastSeen) {
      session.lastSeen = delta.timestamp;
      if (delta.cwd) session.cwd = delta.cwd;
    }
    if (!session.cwd) session.cwd = delta.cwd;
    addInto(session.tokens, delta.tokens);
    session.costUSD += delta.costUSD;
    addModel(session.models, delta);
    const minute = session.minutes.get(minuteStart) ?? { tokens: 0, costUSD: 0 };
    minute.tokens += delta.tokens.total;
    minute.costUSD += delta.costUSD;
    session.minutes.set(minuteStart, minute);
  }
}

function addModel(models: Map<string, ModelTotals>, delta: PricedDelta): void {
  let totals = models.get(delta.model);
  if (!totals) {
    totals = { tokens: emptyTokens(), costUSD: 0, priced: delta.priced };
    models.set(delta.model, totals);
  }
  addInto(totals.tokens, delta.tokens);
  totals.costUSD += delta.costUSD;
}

/** The time-ordered minutes whose start is in [from, to], found by binary search (a slice, no scan). */
export function minutesBetween(sorted: readonly MinuteBucket[], from: number, to: number): readonly MinuteBucket[] {
  return sorted.slice(firstAtOrAfter(sorted, from), firstAtOrAfter(sorted, to + 1));
}



/** `…/projects/-home-me-app/<session>.jsonl` (or deeper, for subagents) → `-home-me-app`; null when not below a projects folder. */
export function projectFolderOf(file: string): string | null {
  const parts = file.split('/');
  const at = parts.lastIndexOf('projects');
  return at >= 0 && at + 2 < parts.length && parts[at + 1] ? sanitize(parts[at + 1]!) : null;
}
