/**
 * The numbers `src/usage` makes of the events of `src/logs/events.ts`: totals, priced
 * growth and read diagnostics.
 */

/** Token totals by kind, as shown and snapshotted. `total` is the sum of the four kinds. */
export interface Tokens {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  total: number;
}

/** Tokens and cost of one model within some span (a minute, a session, a day). */
export interface ModelTotals {
  tokens: Tokens;
  costUSD: number;
  priced: boolean;
}

/** Usage of one clock minute (UTC minute start): the store's unit of time (store.ts). */
export interface MinuteBucket {
  start: number;
  /** Exact times of the first and last response in the minute (block gaps need them). */
  first: number;
  last: number;
  tokens: Tokens;
  costUSD: number;
  /**
   * The part of `costUSD` and of the total tokens from fast-mode responses (absent: none). Fast
   * mode "draws from usage credits at a higher rate" (Claude Code 2.1.332's /fast text), so it
   * does not count toward the plan's windows.
   */
  fastCostUSD?: number;
  fastTokens?: number;
  models: ReadonlyMap<string, ModelTotals>;
  /** Some of its usage is known only from the history store: its log files are gone. */
  fromStore?: true;
  /** Cost per remote machine (what is not here is this machine's own); absent without remotes. */
  remote?: ReadonlyMap<string, number>;
}

/** An event after dedupe and pricing: the growth it adds to the totals. */
export interface PricedDelta {
  /** The first-seen copy's metadata. */
  timestamp: number;
  sessionId: string;
  cwd: string;
  model: string;
  /** Tokens this copy adds over what earlier copies of the same response already counted. */
  tokens: Tokens;
  /** Cost this copy adds (USD, API-equivalent, after the price multiplier). */
  costUSD: number;
  /** False when the model is unknown to the price table (cost 0, reported). */
  priced: boolean;
  /** A fast-mode response (`usage.speed` "fast"): billed to usage credits. */
  fast: boolean;
  /** The log file the response was first read from. */
  file: string;
  /** The machine the copy came from (`local`, or an ssh host). */
  machine: string;
}

