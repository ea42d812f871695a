import { sanitize } from '../logs/sanitize.js';
import type { ImageReader, ImageWriter } from './image-codec.js';
import { DAY, HOUR } from './time.js';
import { addInto, emptyTokens } from './tokens.js';
import type { ModelTotals, PricedDelta, Tokens } from './types.js';

/** How far back from the newest response sessions keep per-minute totals (their readers look back at most ~7 h). */
export const SESSION_DETAIL_MS = 2 * DAY;
/** How far the newest response moves before the sessions' older minutes are dropped. */
const PRUNE_EVERY_MS = HOUR;

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
  /** Per-minute totals of the last SESSION_DETAIL_MS before the newest response, for the session's window share, rate and spikes. */
  minutes: ReadonlyMap<number, SessionMinute>;
  /** The folder under `projects/` its log lives in (Claude Code's encoding of the cwd), sanitised; null when none. */
  projectDir: string | null;
  /** The machine it ran on (`local`, or an ssh host). */
  machine: string;
}

/** The minutes of every session without recent ones (shared: an empty Map still takes ~200 bytes). */
const NO_MINUTES: ReadonlyMap<number, SessionMinute> = new Map();

/**
 * Per-session totals. Per-minute detail is kept only within SESSION_DETAIL_MS of the newest
 * response (the window share, burn rate and spikes look back hours, not days), so a session
 * costs the same whatever the length of the history.
 */
export class SessionBook {
  readonly sessions = new Map<string, SessionTotals>();
  // Not readonly: `adopt` takes another book's parts (`sessions` is refilled: the store shares it).
  /** The sessions holding per-minute totals (only those need pruning). */
  private detailed = new Set<SessionTotals>();
  private prunedAt = -Infinity;
  /** Project folders, each stored once (a project has many sessions). */
  private folders = new Map<string, string>();

  /** Adds a delta of the minute starting at `minuteStart`, with `detailFrom` the first minute kept in detail. */
  add(delta: PricedDelta, minuteStart: number, detailFrom: number): void {
    const session = this.sessionOf(delta);
    session.firstSeen = Math.min(session.firstSeen, delta.timestamp);
    if (delta.timestamp >= session.lastSeen) {
      session.lastSeen = delta.timestamp;
      if (delta.cwd) session.cwd = delta.cwd;
    }
    if (!session.cwd) session.cwd = delta.cwd;
    addInto(session.tokens, delta.tokens);
    session.costUSD += delta.costUSD;
    addModel(session.models, delta);
    if (minuteStart >= detailFrom) this.addMinute(session, minuteStart, delta);
    if (detailFrom - this.prunedAt > PRUNE_EVERY_MS) this.prune(detailFrom);
  }

  private sessionOf(delta: PricedDelta): SessionTotals {
    let session = this.sessions.get(delta.sessionId);
    if (!session) {
      session = {
        sessionId: delta.sessionId, cwd: delta.cwd, firstSeen: delta.timestamp, lastSeen: delta.timestamp,
        tokens: emptyTokens(), costUSD: 0, models: new Map(), minutes: NO_MINUTES, projectDir: this.folderOf(delta.file),
        machine: delta.machine,
      };
      this.sessions.set(delta.sessionId, session);
    }
    return session;
  }

  private folderOf(file: string): string | null {
    const folder = projectFolderOf(file);
    return folder === null ? null : this.folderNamed(folder);
  }

  private folderNamed(folder: string): string {
    const known = this.folders.get(folder);
    if (known !== undefined) return known;
    this.folders.set(folder, folder);
    return folder;
  }

  private addMinute(session: SessionTotals, start: number, delta: PricedDelta): void {
    if (session.minutes === NO_MINUTES) session.minutes = new Map();
    const minutes = session.minutes as Map<number, SessionMinute>;
    const minute = minutes.get(start) ?? { tokens: 0, costUSD: 0 };
    minute.tokens += delta.tokens.total;
    minute.costUSD += delta.costUSD;
    minutes.set(start, minute);
    this.detailed.add(session);
  }

  /** Drops the minutes before `from` (the rest keep their order). */
  private prune(from: number): void {
    for (const session of this.detailed) {
      const minutes = session.minutes as Map<number, SessionMinute>;
      for (const start of minutes.keys()) if (start < from) minutes.delete(start);
      if (minutes.size > 0) continue;
      session.minutes = NO_MINUTES;
      this.detailed.delete(session);
    }
    this.prunedAt = from;
  }

  writeImage(out: ImageWriter): void {
    out.int(this.sessions.size);
    for (const session of this.sessions.values()) writeSession(out, session);
    out.float(this.prunedAt);
  }

  /** Reads what `writeImage` wrote into this empty book; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    const count = from.count();
    for (let i = 0; i < count; i++) {
      const session = readSession(from);
      from.check(!this.sessions.has(session.sessionId), 'a session held twice');
      if (session.projectDir !== null) session.projectDir = this.folderNamed(session.projectDir);
      if (session.minutes.size > 0) this.detailed.add(session);
      else session.minutes = NO_MINUTES;
      this.sessions.set(session.sessionId, session);
    }
    this.prunedAt = from.float();
  }

  /** Takes the whole state of `other` (read from an image) as its own; this book is empty. */
  adopt(other: SessionBook): void {
    for (const [id, session] of other.sessions) this.sessions.set(id, session);
    this.detailed = other.detailed;
    this.prunedAt = other.prunedAt;
    this.folders = other.folders;
  }
}

function writeSession(out: ImageWriter, session: SessionTotals): void {
  out.string(session.sessionId);
  out.string(session.cwd);
  out.nullableString(session.projectDir);
  out.string(session.machine);
  out.float(session.firstSeen);
  out.float(session.lastSeen);
  writeTokens(out, session.tokens);
  out.float(session.costUSD);
  out.int(session.models.size);
  for (const [model, totals] of session.models) {
    out.string(model);
    out.bool(totals.priced);
    writeTokens(out, totals.tokens);
    out.float(totals.costUSD);
  }
  out.int(session.minutes.size);
  for (const [start, minute] of session.minutes) {
    out.float(start);
    out.float(minute.tokens);
    out.float(minute.costUSD);
  }
}

function readSession(from: ImageReader): SessionTotals {
  const session: SessionTotals = {
    sessionId: from.string(), cwd: from.string(), projectDir: from.nullableString(), machine: from.string(),
    firstSeen: from.float(), lastSeen: from.float(), tokens: readTokens(from), costUSD: from.float(), models: new Map(), minutes: new Map(),
  };
  const models = from.count();
  for (let i = 0; i < models; i++) session.models.set(from.string(), { priced: from.bool(), tokens: readTokens(from), costUSD: from.float() });
  const minutes = from.count();
  const byStart = session.minutes as Map<number, SessionMinute>;
  for (let i = 0; i < minutes; i++) byStart.set(from.float(), { tokens: from.float(), costUSD: from.float() });
  from.check(session.models.size === models && byStart.size === minutes, 'a session\'s model or minute held twice');
  return session;
}

function writeTokens(out: ImageWriter, t: Tokens): void {
  for (const count of [t.input, t.output, t.cacheCreation, t.cacheRead, t.total]) out.float(count);
}

function readTokens(from: ImageReader): Tokens {
  return { input: from.float(), output: from.float(), cacheCreation: from.float(), cacheRead: from.float(), total: from.float() };
}

export function addModel(models: Map<string, ModelTotals>, delta: PricedDelta): void {
  let totals = models.get(delta.model);
  if (!totals) {
    totals = { tokens: emptyTokens(), costUSD: 0, priced: delta.priced };
    models.set(delta.model, totals);
  }
  addInto(totals.tokens, delta.tokens);
  totals.costUSD += delta.costUSD;
}

/** `…/projects/-home-me-app/<session>.jsonl` (or deeper, for subagents) → `-home-me-app`; null when not below a projects folder. */
export function projectFolderOf(file: string): string | null {
  const parts = file.split('/');
  const at = parts.lastIndexOf('projects');
  return at >= 0 && at + 2 < parts.length && parts[at + 1] ? sanitize(parts[at + 1]!) : null;
}
