import { asCounted, ResponseLedger, type CountedResponse } from './dedupe.js';
import { priceUsage, type PriceTable } from './pricing.js';
import { UsageStore } from './store.js';
import { tokensOf } from './tokens.js';
import { LOCAL_MACHINE, type LimitHit, type UsageEvent } from '../logs/events.js';
import type { PricedDelta } from './types.js';

/** How a line's legacy `costUSD` is used: `calculate` ignores it, `display` uses only it, `auto` prefers it. */
export type CostMode = 'calculate' | 'auto' | 'display';

export interface PricingSettings {
  table: PriceTable;
  priceMultiplier: number;
  costMode: CostMode;
}

/** Dedupe → price → store, for every usage event the logs yield. */
export class UsageIngest {
  readonly ledger = new ResponseLedger();
  readonly store = new UsageStore();

  constructor(private readonly pricing: PricingSettings) {}

  /** A new, empty ingest with the same pricing and the same store to look forgotten responses up in. */
  emptyCopy(): UsageIngest {
    const copy = new UsageIngest(this.pricing);
    copy.ledger.findStored = this.ledger.findStored;
    return copy;
  }

  addEvent(event: UsageEvent, stored = false): void {
    const update = this.ledger.record(event, stored);
    if (!update) return;
    this.store.add(this.delta(event, update.current, update.previous));
  }

  /**
   * A response read back from the history store: one of a kind there (the store folds copies), so
   * it is not looked up there, and one timed before what the ledger holds counts without an entry.
   */
  addStored(event: UsageEvent): void {
    if (event.timestamp >= this.ledger.forgottenBefore) return this.addEvent(event, true);
    this.store.add(this.delta(event, asCounted(event), null));
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
