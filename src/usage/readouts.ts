import type { Block } from './blocks.js';
import type { ActiveBlock, LimitHitSummary, LimitUsage, OfficialWindow, WindowReadout } from './window-types.js';
import type { WeekSummary } from './calendar-types.js';
import { usageByMinute } from './window-minutes.js';
import { minuteUsage } from './minute-sums.js';

/**
 * What the screen, the plain snapshot and the alerts show of a window, decided once: Anthropic's
 * own reading first when it is fresh, the local estimate otherwise.
 */
function sourceOf(official: OfficialWindow | null): WindowReadout['source'] {
  if (official === null) return 'estimate';
  return official.stale ? 'stale' : 'official';
}

/** The 5-hour window: the active block measured against the limit, and the limit hit in force. */
export function fiveHourReadout(
  block: ActiveBlock | null, blockMinutes: Block | null, official: OfficialWindow | null, hits: readonly LimitHitSummary[], now: number,
): WindowReadout {
  const source = sourceOf(official);
  const fresh = source === 'official' ? official : null;
  const estimate = block?.usage ?? null;
  const fraction = fresh ? fresh.usedPercent / 100 : estimate?.fraction ?? null;
  const resetsAt = fresh ? fresh.resetsAt : block?.end ?? null;
  const reachedAt = fresh ? (fresh.usedPercent >= 100 ? fresh.recordedAt : null) : reachedWithin(blockMinutes, estimate);
  const projected = fresh ? fresh.projectedFullAt : block?.limitReachedAt ?? null;
  return {
    source, fraction, estimate, resetsAt, official,
    limitAt: reachedAt ?? projected,
    limitReached: reachedAt !== null,
    hit: currentHit(hits, block, now),
    perMinute: blockMinutes && estimate ? usageByMinute(blockMinutes, now, estimate.basis) : [],
  };
}

/** The rolling 7 days against the weekly limit. */
export function sevenDayReadout(week: WeekSummary, official: OfficialWindow | null): WindowReadout {
  const source = sourceOf(official);
  const fresh = source === 'official' ? official : null;
  const reached = fresh ? fresh.usedPercent >= 100 : (week.usage.fraction ?? 0) >= 1;
  return {
    source, official,
    fraction: fresh ? fresh.usedPercent / 100 : week.usage.fraction,
    estimate: week.usage,
    resetsAt: fresh ? fresh.resetsAt : null,
    limitAt: fresh ? (reached ? fresh.recordedAt : fresh.projectedFullAt) : null,
    limitReached: reached,
    hit: null,
    perMinute: [],
  };
}

/** When local usage in the block first reached the limit (the end of that minute's last response); null if not. */
function reachedWithin(block: Block | null, usage: LimitUsage | null): number | null {
  if (!block || !usage || usage.limit === null || usage.used < usage.limit) return null;
  let used = 0;
  for (const m of block.minutes) {
    used += minuteUsage(usage.basis, m);
    if (used >= usage.limit) return m.last;
  }
  return null;
}

/** The latest 5-hour limit hit: in this window, or one whose reset is still ahead; null when none. */
function currentHit(hits: readonly LimitHitSummary[], block: ActiveBlock | null, now: number): LimitHitSummary | null {
  const last = hits.filter((h) => h.kind !== 'weekly').at(-1);
  if (!last) return null;
  const inWindow = block !== null && last.at >= block.start;
  return inWindow || (last.resetsAt !== null && last.resetsAt > now) ? last : null;
}
