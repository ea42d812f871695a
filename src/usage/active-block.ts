import { MINUTE } from './time.js';
import type { Block } from './blocks.js';
import { limitUsage, timeToLimit } from './limits.js';
import type { ActiveBlock, LimitBasis, LimitEstimate, LimitHitSummary } from './window-types.js';
import type { BurnRate } from './metrics-types.js';
import { usageIn } from './plans.js';
import type { LimitHit } from '../logs/events.js';
import { summarize } from './blocks.js';
import { minuteUsage } from './minute-sums.js';

/** The active block with its projection at the current burn rate and its limit arithmetic. */
export function activeBlockMetrics(block: Block, now: number, until: number, rate: BurnRate, limit: LimitEstimate): ActiveBlock {
  const msToReset = Math.max(block.end - now, 0);
  const minutesLeft = msToReset / MINUTE;
  const projectedTokens = block.tokens.total + rate.tokensPerMinute * minutesLeft;
  const projectedCostUSD = block.costUSD + (rate.costPerHour / 60) * minutesLeft;
  const used = usageIn(limit.basis, block.tokens, block.costUSD);
  const perMs = basisRatePerMs(limit.basis, block, now, until, rate);
  return {
    ...summarize(block),
    msToReset,
    projectedTokens,
    projectedCostUSD,
    usage: limitUsage(limit.basis, used, limit.value),
    projectedUsed: used + perMs * msToReset,
    limitReachedAt: timeToLimit(used, limit.value, perMs, now, block.end),
  };
}

/** Basis units per ms over the trailing burn window (io needs its own sum over the block's minutes). */
function basisRatePerMs(basis: LimitBasis, block: Block, now: number, until: number, rate: BurnRate): number {
  if (basis === 'cost') return rate.costPerHour / 3_600_000;
  if (basis === 'tokens') return rate.tokensPerMinute / MINUTE;
  const from = Math.floor(now / MINUTE) * MINUTE - (rate.windowMinutes - 1) * MINUTE;
  let io = 0;
  for (const m of block.minutes) if (m.start >= from && m.start <= until) io += m.tokens.input + m.tokens.output;
  return io / (rate.windowMinutes * MINUTE);
}

/** Each limit hit with the usage of its 5-hour block up to the moment of the hit. */
export function limitHitSummaries(hits: readonly LimitHit[], blocks: readonly Block[], basis: LimitBasis, weekUsage: (at: number) => number): LimitHitSummary[] {
  return hits.map((hit) => ({
    at: hit.timestamp,
    kind: hit.kind,
    resetsAt: hit.resetsAt,
    usedAtHit: hit.kind === 'weekly' ? weekUsage(hit.timestamp) : blockUsageAt(blocks, hit.timestamp, basis),
    text: hit.text,
  }));
}

function blockUsageAt(blocks: readonly Block[], at: number, basis: LimitBasis): number {
  const block = blocks.find((b) => b.start <= at && at < b.end)
    ?? [...blocks].reverse().find((b) => b.start <= at);
  if (!block) return 0;
  let used = 0;
  for (const m of block.minutes) if (m.first <= at) used += minuteUsage(basis, m);
  return used;
}
