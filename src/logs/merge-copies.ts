import { TOKEN_FIELDS, type UsageEvent, type UsageTokens } from './events.js';

/**
 * Folds the copies of one response within one read (streamed blocks, agent progress copies)
 * into its first copy, each token field at its largest, as the dedupe ledger would count them:
 * fewer events to post between threads and to ingest. Only events timed within `[from, to]`
 * (the ones that will be counted) are merged, so the reader's time filter sees what it would
 * have seen; events without ids are left alone (each of them counts).
 */
export function mergeCopies(events: UsageEvent[], from: number, to: number): UsageEvent[] {
  if (events.length < 2) return events;
  const first = new Map<string, UsageEvent>();
  const kept: UsageEvent[] = [];
  for (const event of events) {
    const mergeable = event.key !== null && event.timestamp >= from && event.timestamp <= to;
    const earlier = mergeable ? first.get(event.key!) : undefined;
    if (earlier) {
      maxInto(earlier.tokens, event.tokens);
      continue;
    }
    if (mergeable) first.set(event.key!, event);
    kept.push(event);
  }
  return kept;
}

function maxInto(into: UsageTokens, from: UsageTokens): void {
  for (const f of TOKEN_FIELDS) if (from[f] > into[f]) into[f] = from[f];
}
