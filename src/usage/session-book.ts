import { sanitize } from '../logs/sanitize.js';
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
  /** The sessions holding per-minute totals (only those need pruning). */
  private readonly detailed = new Set<SessionTotals>();
  private prunedAt = -Infinity;
  /** Project folders, each stored once (a project has many sessions). */
  private readonly folders = new Map<string, string>();

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
    if (folder === null) return null;
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
