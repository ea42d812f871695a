/**
 * What `src/logs` produces from log bytes: usage events and limit hits. Every later step of
 * the pipeline reads these shapes; this folder imports nothing else in src.
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
  /** The ssh host whose logs it came from; absent for this machine's own logs. */
  machine?: string;
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

/** The machine name of the logs read from local folders (remotes are named by their host). */
export const LOCAL_MACHINE = 'local';

/** The token fields of a response, in one order: every per-field rule (copy folding, bounds) walks this list. */
export const TOKEN_FIELDS = ['input', 'output', 'cacheCreation', 'cacheCreation5m', 'cacheCreation1h', 'cacheRead', 'webSearchRequests'] as const satisfies readonly (keyof UsageTokens)[];

/**
 * What one logged response can believably hold; a line past these is damage or forgery and is a
 * bad line with a reason, so no total, price or output ever carries it. A token count above a
 * billion is a thousand times the largest context window (1M) and ~8,000 times the largest
 * output (128k); a logged cost above a million dollars is ~30 times what a billion tokens cost
 * at the dearest rate; Claude Code was released in 2025, so no response predates 2023.
 */
export const RESPONSE_BOUNDS = {
  maxTokens: 1e9,
  maxCostUSD: 1e6,
  earliest: Date.UTC(2023, 0, 1),
} as const;

/**
 * The key of a usage line without `message.id` + `requestId`: what the line says (time, tokens),
 * in the file it came from, named by `fileId` — its device and inode for a local file, so a
 * hard-linked second name of one file is the same file (issue 20), else its path. Reading the
 * same line again (a rebuild, a copy under another name) then never counts it twice. The `@`
 * tells these keys from id pairs (`msg_…:req_…`), which never hold one.
 */
export function idlessKey(fileId: string, event: Pick<UsageEvent, 'timestamp' | 'tokens'>): string {
  const t = event.tokens;
  return `${fileId}@${event.timestamp}:${t.input}:${t.output}:${t.cacheCreation}:${t.cacheRead}`;
}
