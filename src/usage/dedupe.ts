import type { UsageEvent, UsageTokens } from './types.js';

/** What one API response has counted so far: its first copy's metadata and the largest usage seen. */
export interface CountedResponse {
  timestamp: number;
  sessionId: string;
  cwd: string;
  model: string;
  speed: UsageEvent['speed'];
  inferenceGeo: string | null;
  tokens: UsageTokens;
}

export interface LedgerUpdate {
  /** The response as counted now (largest value of each field over all copies). */
  current: CountedResponse;
  /** As counted before this copy; null when this is the first copy. */
  previous: CountedResponse | null;
}

const TOKEN_FIELDS = [
  'input', 'output', 'cacheCreation', 'cacheCreation5m', 'cacheCreation1h', 'cacheRead', 'webSearchRequests',
] as const;

/**
 * Counts each API response once across all files and roots, keyed on `message.id:requestId`.
 * Streaming writes one line per content block and `output_tokens` grows from a placeholder to
 * the final count, so each field keeps its largest value and only the growth is passed on.
 * Memory bound: one entry per response in the loaded history; `forgetBefore` drops older ones.
 */
export class ResponseLedger {
  private readonly counted = new Map<string, CountedResponse>();
  private readonly strings = new Map<string, string>();

  get size(): number {
    return this.counted.size;
  }

  /** Folds one copy in; null when it adds nothing over earlier copies. */
  record(event: UsageEvent): LedgerUpdate | null {
    const fresh = this.toCounted(event);
    if (event.key === null) return { current: fresh, previous: null };
    const previous = this.counted.get(event.key);
    if (!previous) {
      this.counted.set(event.key, fresh);
      return { current: fresh, previous: null };
    }
    const grown = grow(previous.tokens, event.tokens);
    if (!grown) return null;
    const current = { ...previous, tokens: grown };
    this.counted.set(event.key, current);
    return { current, previous };
  }

  /** Drops responses older than `time`: a response older than the history cannot reappear as new. */
  forgetBefore(time: number): void {
    for (const [key, response] of this.counted) {
      if (response.timestamp < time) this.counted.delete(key);
    }
  }

  private toCounted(event: UsageEvent): CountedResponse {
    return {
      timestamp: event.timestamp,
      sessionId: this.intern(event.sessionId),
      cwd: this.intern(event.cwd),
      model: this.intern(event.model),
      speed: event.speed,
      inferenceGeo: event.inferenceGeo,
      tokens: { ...event.tokens },
    };
  }

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}

/** The field-wise maximum, or null when `next` grows nothing. */
function grow(counted: UsageTokens, next: UsageTokens): UsageTokens | null {
  let changed = false;
  const result = { ...counted };
  for (const field of TOKEN_FIELDS) {
    if (next[field] > counted[field]) {
      result[field] = next[field];
      changed = true;
    }
  }
  return changed ? result : null;
}
