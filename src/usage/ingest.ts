import { ResponseLedger, type CountedResponse } from './dedupe.js';
import { priceUsage, type PriceTable } from './pricing.js';
import { UsageStore } from './store.js';
import { tokensOf } from './tokens.js';
import { LOCAL_MACHINE, type LimitHit, type UsageEvent, type UsageTokens } from '../logs/events.js';
import type { PricedDelta } from './types.js';

/** How a line's legacy `costUSD` is used: `calculate` ignores it, `display` uses only it, `auto` prefers it. */
export type CostMode = 'calculate' | 'auto' | 'display';

export interface PricingSettings {
  table: PriceTable;
  priceMultiplier: number;
  costMode: CostMode;
}

/** A sum of stored responses that price alike (the history store's aggregates): a minute's or a session's. */
export interface TokenSum {
  /** The minute's or quarter hour's start (the prices' day). */
  start: number;
  first: number;
  last: number;
  machine: string;
  model: string;
  fast: boolean;
  usGeo: boolean;
  /** The range (low, high] each response's prompt fell in: it decides the long-context tier. */
  promptBand: readonly [number, number];
  /** The lines carried a legacy `costUSD`; `costUSD` is their sum. */
  costed: boolean;
  costUSD: number;
  tokens: UsageTokens;
  /** The cache writes beyond the 5m/1h split ones. */
  unsplitWrites: number;
}

export interface SessionTokenSum extends TokenSum {
  session: string;
  file: string;
  cwd: string;
}

/**
 * Where responses counted from the history store's sums (not the ledger) are looked up: a copy
 * timed before `before` of a response the ledger does not know may be one of them.
 */
export interface StoredResponses {
  before: number;
  lookup(key: string): UsageEvent | null;
}

/** Dedupe → price → store, for every usage event the logs yield. */
export class UsageIngest {
  readonly ledger = new ResponseLedger();
  readonly store = new UsageStore();
  /** Set once stored sums are loaded: copies of their responses fold into what they counted. */
  recall: StoredResponses | null = null;

  constructor(private readonly pricing: PricingSettings) {}

  get priceTable(): PriceTable {
    return this.pricing.table;
  }

  addEvent(event: UsageEvent): void {
    this.recallStored(event);
    const update = this.ledger.record(event);
    if (!update) return;
    this.store.add(this.delta(event, update.current, update.previous));
  }

  /** Adds a stored minute's sum (its sessions come in `addSessionSum`). */
  addMinuteSum(sum: TokenSum): void {
    this.store.addMinuteSum(this.sumDelta(sum, '', '', ''), sum.last);
  }

  /** Adds a stored session's sum (its minutes come in `addMinuteSum`). */
  addSessionSum(sum: SessionTokenSum): void {
    this.store.addSessionSum(this.sumDelta(sum, sum.session, sum.cwd, sum.file), sum.last);
  }

  /** A response counted in the stored sums enters the ledger as counted, so that its copy adds only growth. */
  private recallStored(event: UsageEvent): void {
    const recall = this.recall;
    if (!recall || event.key === null || event.timestamp >= recall.before || this.ledger.knows(event.key)) return;
    const stored = recall.lookup(event.key);
    if (stored) this.ledger.record(stored);
  }

  private sumDelta(sum: TokenSum, sessionId: string, cwd: string, file: string): PricedDelta {
    const { costUSD, priced } = this.sumCost(sum);
    return {
      timestamp: sum.first, sessionId, cwd, model: sum.model, tokens: tokensOf(sum.tokens), costUSD, priced, fast: sum.fast, file,
      machine: sum.machine,
    };
  }

  private sumCost(sum: TokenSum): { costUSD: number; priced: boolean } {
    const { costMode, table, priceMultiplier } = this.pricing;
    if (costMode === 'display' || (costMode === 'auto' && sum.costed)) return { costUSD: sum.costUSD, priced: true };
    const t = sum.tokens;
    // Priced as pricing.ts prices one response: the split writes at their rates, the rest at the 5-minute one.
    const tokens = { ...t, cacheCreation: t.cacheCreation5m + t.cacheCreation1h + sum.unsplitWrites };
    const input = { model: sum.model, timestamp: sum.start, tokens, speed: sum.fast ? 'fast' as const : 'standard' as const,
      inferenceGeo: sum.usGeo ? 'us' : null, promptBand: sum.promptBand };
    return priceUsage(table, input, priceMultiplier);
  }

  addLimitHit(hit: LimitHit): void {
    this.store.addLimitHit(hit);
  }

  /** Tokens and cost this copy adds over what earlier copies of the response counted. */
  private delta(event: UsageEvent, current: CountedResponse, previous: CountedResponse | null): PricedDelta {
    const tokens = tokensOf(current.tokens);
    if (previous) {
      const old = tokensOf(previous.tokens);
      tokens.input -= old.input;
      tokens.output -= old.output;
      tokens.cacheCreation -= old.cacheCreation;
      tokens.cacheRead -= old.cacheRead;
      tokens.total -= old.total;
    }
    const { costUSD, priced } = this.deltaCost(event, current, previous);
    return {
      timestamp: current.timestamp, sessionId: current.sessionId, cwd: current.cwd, model: current.model,
      tokens, costUSD, priced, fast: current.speed === 'fast', file: event.file, machine: event.machine ?? LOCAL_MACHINE,
    };
  }

  private deltaCost(event: UsageEvent, current: CountedResponse, previous: CountedResponse | null) {
    const { costMode, table, priceMultiplier } = this.pricing;
    if (costMode === 'display' || (costMode === 'auto' && event.costUSD !== null)) {
      return { costUSD: previous ? 0 : (event.costUSD ?? 0), priced: true };
    }
    const now = priceUsage(table, current, priceMultiplier);
    const before = previous ? priceUsage(table, previous, priceMultiplier).costUSD : 0;
    return { costUSD: now.costUSD - before, priced: now.priced };
  }
}
