import type { ExpectedFile, MinuteTotals } from '../tree/expected.js';
import type { Snapshot } from './cctop.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BLOCK = 5 * HOUR;
const KINDS = ['input', 'output', 'cacheCreation', 'cacheRead', 'total'] as const;

/** Every expected day from `fromDay` on must match the snapshot's exactly, and no other day may appear. */
export function checkDays(snapshot: Snapshot, expected: ExpectedFile, fromDay = ''): string[] {
  const problems: string[] = [];
  const got = new Map(snapshot.days.map((d) => [d.date, d.tokens]));
  for (const [date, want] of Object.entries(expected.days)) {
    if (date < fromDay) continue;
    const tokens = got.get(date);
    const wrong = KINDS.filter((k) => tokens?.[k] !== want[k]);
    if (wrong.length > 0) problems.push(`${date}: ${wrong.map((k) => `${k} ${tokens?.[k] ?? 'missing'} ≠ ${want[k]}`).join(', ')}`);
  }
  for (const date of got.keys()) if (!(date in expected.days)) problems.push(`${date}: not in the tree`);
  return problems.slice(0, 8);
}

export interface LiveExpectation {
  today: { date: string; total: number };
  tokensPerMinute: number;
  block: { start: number; total: number } | null;
}

/** Today, the burn rate (10 trailing minutes, now's included) and the active block at `now`. */
export function liveAt(expected: ExpectedFile, now: number): LiveExpectation {
  const date = new Date(now).toISOString().slice(0, 10);
  const minutes = Object.entries(expected.recentMinutes)
    .map(([start, m]) => [Number(start), m] as [number, MinuteTotals])
    .filter(([start]) => start <= now)
    .sort((a, b) => a[0] - b[0]);
  const current = Math.floor(now / MINUTE) * MINUTE;
  const recent = minutes.filter(([start]) => start > current - 10 * MINUTE).reduce((a, [, m]) => a + m.total, 0);
  return { today: { date, total: expected.days[date]?.total ?? 0 }, tokensPerMinute: recent / 10, block: activeBlock(minutes, now) };
}

/** DESIGN §4: a block starts at the first usage after the previous one ended, floored to the hour. */
function activeBlock(minutes: readonly [number, MinuteTotals][], now: number): { start: number; total: number } | null {
  let block: { start: number; total: number } | null = null;
  for (const [, m] of minutes) {
    if (!block || m.first >= block.start + BLOCK) block = { start: Math.floor(m.first / HOUR) * HOUR, total: 0 };
    block.total += m.total;
  }
  return block && block.start + BLOCK > now && block.start <= now ? block : null;
}

/** The first frame must already show today, the burn rate and the active block exactly. */
export function checkLive(snapshot: Snapshot, expected: ExpectedFile): string[] {
  const want = liveAt(expected, Date.parse(snapshot.now));
  const problems: string[] = [];
  const today = snapshot.days.find((d) => d.date === want.today.date)?.tokens.total ?? 0;
  if (today !== want.today.total) problems.push(`today ${today} ≠ ${want.today.total}`);
  if (snapshot.burnRate.tokensPerMinute !== want.tokensPerMinute) {
    problems.push(`burn rate ${snapshot.burnRate.tokensPerMinute} ≠ ${want.tokensPerMinute} tokens/min`);
  }
  const block = snapshot.activeBlock;
  const got = block ? `${block.start} ${block.tokens.total}` : 'none';
  const wanted = want.block ? `${new Date(want.block.start).toISOString()} ${want.block.total}` : 'none';
  if (got !== wanted) problems.push(`active block ${got} ≠ ${wanted}`);
  return problems;
}

/** Σ of every day's total: grows by exactly the tokens of each appended response. */
export function historyTotal(snapshot: Snapshot): number {
  return snapshot.days.reduce((a, d) => a + d.tokens.total, 0);
}
