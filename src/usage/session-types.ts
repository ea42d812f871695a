import type { Tokens } from './types.js';

/** The numbers of sessions, spikes and the model mix. */

export type ModelFamily = 'Opus' | 'Sonnet' | 'Haiku' | 'Other';

export interface ModelShare {
  /** Model id, or the family name in family rows. */
  name: string;
  family: ModelFamily;
  tokens: Tokens;
  costUSD: number;
  /** 0..1 of all tokens / cost in the same scope. */
  tokenShare: number;
  costShare: number;
  priced: boolean;
}

export interface SessionSummary {
  sessionId: string;
  /** Project shortened for display (last folders of cwd). */
  project: string;
  cwd: string;
  /** The log's folder under `projects/` (Claude Code's encoding of the cwd), for a session whose lines carry no cwd. */
  projectDir: string | null;
  /** The machine it ran on: `local`, or the ssh host named with `--remote`. */
  machine: string;
  /** Model with most tokens in the session. */
  model: string;
  firstSeen: number;
  lastSeen: number;
  tokens: Tokens;
  costUSD: number;
  /** Tokens and cost inside the active 5-hour block. */
  windowTokens: number;
  windowCostUSD: number;
  /** Over the trailing burn-rate window. */
  tokensPerMinute: number;
  costPerHour: number;
  /** Activity in the last 30 minutes. */
  active: boolean;
  spiking: boolean;
}

export interface SpikeSummary {
  sessionId: string;
  project: string;
  since: number;
  tokensPerMinute: number;
  baselinePerMinute: number;
  threshold: number;
}
