/**
 * The shapes passed between the pipeline's steps. `src/logs` produces `UsageEvent`s and
 * `LimitHit`s; `src/usage` turns them into numbers; `src/ui` and `src/snapshot.ts` only
 * read those numbers.
 */

/** Token counts of one API response (or a sum of them), as written in `message.usage`. */
export interface UsageTokens {
  input: number;
  output: number;
  /** All cache writes: `cache_creation_input_tokens`. */
  cacheCreation: number;
  /** The part of `cacheCreation` the log says was a 5-minute write (0 when not split). */
  cacheCreation5m: number;
  /** The part of `cacheCreation` the log says was a 1-hour write (0 when not split). */
  cacheCreation1h: number;
  cacheRead: number;
  /** `server_tool_use.web_search_requests`. */
  webSearchRequests: number;
}

/** One usage line (or one copy of it) read from a log, before dedupe and pricing. */
export interface UsageEvent {
  /** `message.id:requestId`, or null when either id is missing (then the line counts as is). */
  key: string | null;
  /** Epoch milliseconds of the response. */
  timestamp: number;
  sessionId: string;
  /** The working folder (`cwd`) the session ran in, '' when unknown. */
  cwd: string;
  /** Raw model id as logged (`claude-sonnet-4-5-20250929`, `<synthetic>`, …). */
  model: string;
  isSidechain: boolean;
  tokens: UsageTokens;
  /** `usage.speed` ("fast" prices at the model's fast rates). */
  speed: 'fast' | 'standard';
  /** `usage.inference_geo` ("us" costs ×1.1 on the models that say so). */
  inferenceGeo: string | null;
  /** Legacy `costUSD` of the line, when present. */
  costUSD: number | null;
  /** The file the line came from. */
  file: string;
}

/** A usage-limit message Claude Code wrote when the user hit a limit. */
export interface LimitHit {
  /** Epoch ms of the message. */
  timestamp: number;
  /** Which limit the text names. */
  kind: 'five_hour' | 'weekly' | 'unknown';
  /** Epoch ms of the reset the text names, or null when it names none we can read. */
  resetsAt: number | null;
  /** The message text, shortened. */
  text: string;
  sessionId: string;
  file: string;
}

/** Token totals by kind, as shown and snapshotted. `total` is the sum of the four kinds. */
export interface Tokens {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  total: number;
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
}

/** Per-file read problems, reported in diagnostics. */
export interface FileDiagnostics {
  file: string;
  lines: number;
  /** Lines that were not JSON, or JSON of the wrong shape, among those with usage. */
  badLines: number;
  /** The first few reasons, for the `d` view. */
  samples: string[];
}

export interface Diagnostics {
  filesRead: number;
  linesRead: number;
  badLines: number;
  /** Only the files with bad lines or read errors. */
  files: FileDiagnostics[];
  /** Models priced at 0 because the table does not know them (never `<synthetic>`). */
  unpricedModels: { model: string; tokens: number }[];
  /** Roots that do not exist or cannot be read, with the reason. */
  unreadableRoots: { path: string; reason: string }[];
  /** Files or folders that could not be read during the run. */
  unreadableFiles: { path: string; reason: string }[];
  /** Notices for the user (e.g. "watching by polling: inotify limit reached"). */
  notices: string[];
}
