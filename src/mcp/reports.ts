import type { SnapshotView, Tokens } from '../snapshot/view.js';
import type { BurnRateResult, DaysResult, MonthSummaryResult, SessionsResult } from './schemas.js';

/** The `burn_rate`, `month_summary`, `days` and `sessions` answers: snapshot fields, selected. */

const DEFAULT_SESSIONS = 20;

/** The `burn_rate` answer: the snapshot's burn rate, the window projection and the sessions burning now. */
export function burnRate(view: SnapshotView): BurnRateResult {
  const block = view.activeBlock;
  const projection = block && {
    end: block.end, projectedTokens: block.projectedTokens, projectedCostUSD: block.projectedCostUSD,
    projectedUsed: block.projectedUsed, basis: block.usage.basis,
  };
  const sessions = view.sessions
    .filter((s) => s.tokensPerMinute > 0)
    .sort((a, b) => b.tokensPerMinute - a.tokensPerMinute)
    .map(({ sessionId, project, tokensPerMinute, costPerHour, spiking }) => ({ sessionId, project, tokensPerMinute, costPerHour, spiking }));
  return { now: view.now, burnRate: view.burnRate, projection, sessions };
}

/** The `month_summary` answer: month to date, projection, plan value and model mix. */
export function monthSummary(view: SnapshotView): MonthSummaryResult {
  return { plan: view.plan, month: view.month, value: view.value, families: view.models.month, models: view.models.monthByModel };
}

function addTokens(sum: Tokens, add: Tokens): Tokens {
  return {
    input: sum.input + add.input, output: sum.output + add.output, cacheCreation: sum.cacheCreation + add.cacheCreation,
    cacheRead: sum.cacheRead + add.cacheRead, total: sum.total + add.total,
  };
}

/** The `days` answer: the snapshot's days from `from` to `to` (inclusive, YYYY-MM-DD), with their total. */
export function daysInRange(view: SnapshotView, from?: string, to?: string): DaysResult {
  if (from && to && from > to) throw new Error(`"from" (${from}) is after "to" (${to})`);
  const days = view.days.filter((d) => (!from || d.date >= from) && (!to || d.date <= to));
  let tokens: Tokens = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 };
  let costUSD = 0;
  for (const day of days) {
    tokens = addTokens(tokens, day.tokens);
    costUSD += day.costUSD;
  }
  return { timeZone: view.timeZone, since: view.since, from: from ?? null, to: to ?? null, days, total: { tokens, costUSD } };
}

/** The `sessions` answer: counts, then at most `limit` sessions (spiking first, then most recent). */
export function sessionList(view: SnapshotView, options: { limit?: number; only?: 'active' | 'spiking' } = {}): SessionsResult {
  const { only, limit = DEFAULT_SESSIONS } = options;
  const chosen = only ? view.sessions.filter((s) => s[only]) : view.sessions;
  return {
    now: view.now,
    total: view.sessions.length,
    active: view.sessions.filter((s) => s.active).length,
    spiking: view.spikes.length,
    sessions: chosen.slice(0, limit),
    spikes: view.spikes,
  };
}
