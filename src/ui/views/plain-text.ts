import { diagnosticsSections } from './DiagnosticsView.js';
import {
  formatClock,
  formatDay,
  formatDuration,
  formatInBasis,
  formatMonth,
  formatMultiple,
  formatPercent,
  formatTokens,
  formatTrend,
  formatUSD,
  progressBar,
} from '../kit/format.js';
import { breakEvenText } from '../panels/month-panel.js';
import { hasFiveHour } from '../panels/live-panels.js';
import { activeSessions, sessionTable, SPIKE_MARK } from '../panels/sessions-panel.js';
import { truncate, wrapAll, wrapWords } from '../kit/width.js';
import type { Metrics } from '../../engine/types.js';

const NOT_A_TTY_HINT = '(not a terminal: printed one snapshot; --json gives machine-readable output)';
/** The first line of a snapshot of the demo: it is never taken for the user's usage. */
const DEMO_LINE = 'DEMO · generated data, not your usage';

function windowText(m: Metrics, width: number): string[] {
  const b = m.activeBlock;
  if (b === null) return ['5-hour window: no activity in the current window'];
  const lines = [`5-hour window ${formatClock(b.start, m.timeZone)}–${formatClock(b.end, m.timeZone)}`];
  const window = m.readouts.fiveHour;
  if (window.source === 'official' && window.official) lines.push(`  official ${Math.round(window.official.usedPercent)} % · resets ${formatClock(window.official.resetsAt, m.timeZone)}`);
  const u = b.usage;
  if (u.fraction !== null && u.limit !== null) {
    const pct = formatPercent(u.fraction);
    lines.push(`  ${progressBar(u.fraction, Math.min(40, width - pct.length - 3)).text} ${pct}`);
    lines.push(`  ${formatInBasis(u.basis, u.used)} of ${formatInBasis(u.basis, u.limit)} · ${m.windowLimit.label}`);
  }
  lines.push(`  used ${formatTokens(b.tokens.total)} tok · ${formatUSD(b.costUSD)}`);
  lines.push(`  resets ${formatClock(b.end, m.timeZone)} · in ${formatDuration(b.msToReset)}`);
  lines.push(`  at reset ~${formatTokens(b.projectedTokens)} tok · ${formatUSD(b.projectedCostUSD)}`);
  const at = b.limitReachedAt;
  lines.push(at === null ? '  limit: not at this rate' : `  limit at ${formatClock(at, m.timeZone)}`);
  return lines;
}

/** For an account without a 5-hour limit: the weekly window first, as the screen shows it. */
function weeklyWindowText(m: Metrics): string[] {
  const w = m.readouts.sevenDay;
  const label = w.source === 'official' ? 'official' : 'estimate';
  const used = w.fraction === null ? 'no limit known' : `${label} ${formatPercent(w.fraction)}`;
  const reset = w.resetsAt === null ? '' : ` · resets ${formatDay(w.resetsAt, m.timeZone)} ${formatClock(w.resetsAt, m.timeZone)}`;
  const cpp = m.costPerPercent.seven_day?.current;
  const buys = cpp === null || cpp === undefined ? [] : [`  1 % ≈ ${formatUSD(cpp)} (local spend)`];
  return [`weekly window (no 5-hour limit): ${used}${reset}`, ...buys];
}

function monthText(m: Metrics, width: number): string[] {
  const mo = m.month;
  const head = `month ${formatMonth(mo.month)}: ${formatUSD(mo.costUSD)} so far · month-end ~${formatUSD(mo.projectedCostUSD)}`;
  if (mo.feeUSD <= 0) return [head];
  const value = mo.valueMultiplier === null ? '' : `${formatMultiple(mo.valueMultiplier)} of the ${formatUSD(mo.feeUSD)} fee · `;
  const c = m.usageCredits;
  const credits = c.totalUSD > 0
    ? wrapAll(`on top of the fee ~${formatUSD(c.totalUSD)} in usage credits (fast mode ${formatUSD(c.fastModeUSD)}, past the limit ${formatUSD(c.pastLimitUSD)})`, width - 2, '  ').map((t) => `  ${t}`)
    : [];
  return [head, `  ${value}${breakEvenText(mo, m.timeZone)}`, ...credits];
}

function sessionsText(m: Metrics, width: number): string[] {
  const active = activeSessions(m.sessions);
  if (active.length === 0) return ['active sessions: none'];
  const table = sessionTable(active, width - 2, m.now, m.timeZone);
  return [`active sessions (${active.length}, ${SPIKE_MARK} = spiking):`, ...[table.header, ...table.rows].map((l) => `  ${l}`)];
}

/** Which file, and why: wrapped to the width, never cut. */
function diagnosticsText(m: Metrics, width: number): string[] {
  const sections = diagnosticsSections(m.diagnostics, m.machines, m.now);
  if (sections.length === 0) return [];
  const item = (text: string) => wrapAll(text, width - 4, '  ').map((row) => `    ${row}`);
  return ['diagnostics:', ...sections.flatMap(({ title, items }) => [`  ${title}:`, ...items.flatMap(item)])];
}

/** A plain snapshot of the key figures for a non-TTY stdout: no ANSI, at most `width` columns. */
export function renderPlainText(m: Metrics, width = 80): string {
  const w = m.week;
  const burn = m.burnRate;
  const lines = [
    ...(m.demo ? [DEMO_LINE] : []),
    `cctop · ${m.plan.label} · ${m.timeZone} ${formatClock(m.now, m.timeZone, true)}${m.loading.done ? '' : ' · history still loading'}`,
    ...(hasFiveHour(m) ? windowText(m, width) : weeklyWindowText(m)),
    `burn rate: ${formatTokens(burn.tokensPerMinute)} tok/min · ${formatUSD(burn.costPerHour)}/h · ${formatTrend(burn.trendRatio)} (last ${burn.windowMinutes} min)`,
    ...monthText(m, width),
    `7d: ${formatTokens(w.all.tokens.total)} tok ${formatUSD(w.all.costUSD)} (Opus ${formatUSD(w.opus.costUSD)})${w.usage.fraction === null ? '' : ` · limit ${formatPercent(w.usage.fraction)}`}`,
    ...sessionsText(m, width),
  ];
  // Log-derived text (paths, names) can be any width: every row is cut to the columns, but the
  // diagnostics, which say which file and why, wrap.
  return `${[...lines.map((l) => truncate(l, width)), ...diagnosticsText(m, width), ...wrapWords(NOT_A_TTY_HINT, width)].join('\n')}\n`;
}
