import type { UsageEvent, UsageTokens } from '../logs/events.js';

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
/** Per response: its time, then the token fields. */
const NUMBERS = 1 + TOKEN_FIELDS.length;
/** Per response: sessionId, cwd, model, inferenceGeo as indexes into the string table (-1 = null). */
const REFS = 4;

/**
 * Counts each API response once across all files and roots, keyed on `message.id:requestId`.
 * Streaming writes one line per content block and `output_tokens` grows from a placeholder to
 * the final count, so each field keeps its largest value and only the growth is passed on.
 *
 * Memory bound: one entry per response of the loaded history (older responses are never
 * ingested, so they never take an entry). An entry is its key in a Map plus
 * a slot in typed arrays (8 numbers, 4 string refs, a flag; sessions, folders and models are
 * stored once) — about 170 bytes, so ~50,000 responses (a 1 GB, 90-day history) take ~9 MB and
 * put no objects on the heap for the garbage collector to trace.
 */
export class ResponseLedger {
  private readonly slots = new Map<string, number>();
  private used = 0;
  private numbers = new Float64Array(1024 * NUMBERS);
  private refs = new Int32Array(1024 * REFS);
  private fast = new Uint8Array(1024);
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  get size(): number {
    return this.slots.size;
  }

  /** Folds one copy in; null when it adds nothing over earlier copies. */
  record(event: UsageEvent): LedgerUpdate | null {
    if (event.key === null) return { current: this.countedOf(event), previous: null };
    const slot = this.slots.get(event.key);
    if (slot === undefined) {
      const fresh = this.store(event);
      this.slots.set(event.key, fresh);
      return { current: this.read(fresh), previous: null };
    }
    const at = slot * NUMBERS + 1;
    let grown = false;
    for (let i = 0; i < TOKEN_FIELDS.length; i++) if (event.tokens[TOKEN_FIELDS[i]!] > this.numbers[at + i]!) grown = true;
    if (!grown) return null;
    const previous = this.read(slot);
    for (let i = 0; i < TOKEN_FIELDS.length; i++) this.numbers[at + i] = Math.max(this.numbers[at + i]!, event.tokens[TOKEN_FIELDS[i]!]);
    return { current: this.read(slot), previous };
  }

  private store(event: UsageEvent): number {
    const slot = this.used++;
    if (slot >= this.fast.length) this.grow();
    const n = slot * NUMBERS;
    this.numbers[n] = event.timestamp;
    for (let i = 0; i < TOKEN_FIELDS.length; i++) this.numbers[n + 1 + i] = event.tokens[TOKEN_FIELDS[i]!];
    const r = slot * REFS;
    this.refs[r] = this.ref(event.sessionId);
    this.refs[r + 1] = this.ref(event.cwd);
    this.refs[r + 2] = this.ref(event.model);
    this.refs[r + 3] = event.inferenceGeo === null ? -1 : this.ref(event.inferenceGeo);
    this.fast[slot] = event.speed === 'fast' ? 1 : 0;
    return slot;
  }

  private read(slot: number): CountedResponse {
    const n = slot * NUMBERS;
    const r = slot * REFS;
    const tokens = {} as UsageTokens;
    TOKEN_FIELDS.forEach((field, i) => (tokens[field] = this.numbers[n + 1 + i]!));
    const geo = this.refs[r + 3]!;
    return {
      timestamp: this.numbers[n]!,
      sessionId: this.strings[this.refs[r]!]!,
      cwd: this.strings[this.refs[r + 1]!]!,
      model: this.strings[this.refs[r + 2]!]!,
      speed: this.fast[slot] === 1 ? 'fast' : 'standard',
      inferenceGeo: geo === -1 ? null : this.strings[geo]!,
      tokens,
    };
  }

  private grow(): void {
    const size = this.fast.length * 2;
    const numbers = new Float64Array(size * NUMBERS);
    numbers.set(this.numbers);
    const refs = new Int32Array(size * REFS);
    refs.set(this.refs);
    const fast = new Uint8Array(size);
    fast.set(this.fast);
    this.numbers = numbers;
    this.refs = refs;
    this.fast = fast;
  }

  /** A response that is not kept (no key), with its strings shared like the kept ones'. */
  private countedOf(event: UsageEvent): CountedResponse {
    const { timestamp, speed, inferenceGeo } = event;
    const str = (v: string) => this.strings[this.ref(v)]!;
    return {
      timestamp, speed, sessionId: str(event.sessionId), cwd: str(event.cwd), model: str(event.model),
      inferenceGeo: inferenceGeo === null ? null : str(inferenceGeo), tokens: { ...event.tokens },
    };
  }

  private ref(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.stringIds.set(s, id);
    }
    return id;
  }
}
