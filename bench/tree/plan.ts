import { idFrom } from '../../src/demo/lines.js';
import { draftTurns, type TurnDraft } from './turns.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Project {
  cwd: string;
  /** Folder name under projects/ (the cwd with `/` → `-`). */
  dir: string;
  model: string;
}

export interface SessionPlan {
  id: string;
  project: Project;
  start: number;
  end: number;
  turns: TurnDraft[];
  /** About the bytes of its main and subagent files, a resumed copy included. */
  bytes: number;
  live: boolean;
  /** The earlier session whose lines this one starts with (a resumed session). */
  resumeOf: SessionPlan | null;
}

const MODELS = ['claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-6', 'claude-opus-4-5-20251101'];
const NAMES = ['webapp', 'api-server', 'infra', 'mobile', 'data-pipeline', 'docs', 'cli-tools', 'ml-train', 'billing', 'auth'];

/** Mean bytes of new turns per session. */
const MEAN_SESSION_BYTES = 250_000;
const LIVE_SESSIONS = 4;
const RESUME_SHARE = 0.08;
/** The user works 14 hours a day; the current stretch began 4 hours before `now`. */
const ACTIVE_HOURS = 14;
const CURRENT_STRETCH_HOURS = 4;

export function makeProjects(): Project[] {
  return NAMES.map((name, i) => {
    const cwd = `/home/dev/src/${name}`;
    return { cwd, dir: cwd.replace(/[/.]/g, '-'), model: MODELS[i % MODELS.length]! };
  });
}

/**
 * Sessions spread over `days` of 14-hour working stretches ending at `now`, in start order,
 * until their turns add up to about `sizeBytes`; a few are still running at `now`, and some
 * resume (start with a copy of) an earlier session of their project.
 */
export function planSessions(random: () => number, opts: { now: number; days: number; sizeBytes: number }): SessionPlan[] {
  const projects = makeProjects();
  const plans: SessionPlan[] = [];
  let total = 0;
  for (let i = 0; i < LIVE_SESSIONS; i++) {
    const start = opts.now - (2 + random()) * HOUR;
    const end = opts.now - Math.floor(random() * 30_000) - 1000;
    const plan = { id: sessionId(random), project: projects[i]!, start, end, ...drafts(random, projects[i]!), live: true, resumeOf: null };
    plans.push(plan);
    total += plan.bytes;
  }
  while (total < opts.sizeBytes) {
    const project = projects[Math.floor(random() * projects.length)]!;
    const plan: SessionPlan = { id: sessionId(random), project, ...placeInStretch(random, opts.now, opts.days), ...drafts(random, project), live: false, resumeOf: null };
    if (random() < RESUME_SHARE) plan.resumeOf = resumable(plans, plan);
    if (plan.resumeOf) plan.bytes += plan.resumeOf.bytes;
    plans.push(plan);
    total += plan.bytes;
  }
  return plans.sort((a, b) => a.start - b.start);
}

function drafts(random: () => number, project: Project): { turns: TurnDraft[]; bytes: number } {
  return draftTurns(random, project.model, budget(random));
}

function placeInStretch(random: () => number, now: number, days: number): { start: number; end: number } {
  const day = Math.floor(random() * days);
  const stretchStart = now - CURRENT_STRETCH_HOURS * HOUR - day * DAY;
  const stretchEnd = Math.min(now - 60_000, stretchStart + ACTIVE_HOURS * HOUR);
  const duration = Math.min((20 + random() * 130) * MINUTE, stretchEnd - stretchStart - MINUTE);
  const start = stretchStart + random() * (stretchEnd - stretchStart - duration);
  return { start, end: start + duration };
}

/** Exponentially distributed, between 8 KB and 40× the mean. */
function budget(random: () => number): number {
  const b = -MEAN_SESSION_BYTES * Math.log(1 - random());
  return Math.min(Math.max(b, 8_000), 40 * MEAN_SESSION_BYTES);
}

/** The latest session of the same project that ended before this one began (live ones go on). */
function resumable(plans: readonly SessionPlan[], plan: SessionPlan): SessionPlan | null {
  let best: SessionPlan | null = null;
  for (const p of plans) {
    if (!p.live && p.project === plan.project && p.end < plan.start - 10 * MINUTE && (!best || p.end > best.end)) best = p;
  }
  return best;
}

function sessionId(random: () => number): string {
  const hex = idFrom(random, '').toLowerCase().replace(/[^0-9a-f]/g, (c) => 'abcdef'[c.charCodeAt(0) % 6]!);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(0, 12)}`;
}
