import { WEEK } from './time.js';
import { activeBlockAt, completedBlocks, summarize } from './blocks.js';
import { derivedOf } from './derived.js';
import { Calendar } from './calendar.js';
import { windowLimit, type LimitSetting } from './limits.js';
import type { DaySummary } from './calendar-types.js';
import type { LimitBasis } from './window-types.js';
import type { Alert, PlanName, UsageMetrics } from './metrics-types.js';
import { familyRows, modelRows } from './models.js';
import { monthSummary } from './month.js';
import { calibratedLimit, officialBlock, officialCalibration } from './official.js';
import { windowsOf, type OfficialReading } from '../state/official-record.js';
import { planLabel } from './plans.js';
import { DEFAULT_PEAK_HOURS, type PeakHours } from './peak-hours.js';
import { windowHistory } from './window-history.js';
import { planSpend, type WindowReading } from './window-records.js';
import { accountWindows, officialWindowsNow, projectFullAt } from './official-now.js';
import type { LimitEstimate, OfficialWindow } from './window-types.js';
import type { CostPerPercent } from './window-history-types.js';
import { burnRate, totalsSeries, trailingUsagePerMs, type MinuteSeries } from './rates.js';
import { ACTIVE_MS, orderSessions, orderSpikes, sessionSummary } from './sessions.js';
import { projectName } from './project-name.js';
import { spikeState, type SpikeSettings } from './spikes.js';
import { minutesBetween, type MinuteBucket, type ModelTotals, type UsageStore } from './store.js';
import { valueSummary } from './value.js';
import { weekSummary } from './week.js';
import { horizonOf, toleranceOf, type ClockKind } from './time.js';
import { activeBlockMetrics, limitHitSummaries } from './active-block.js';
import { alertCandidates, standingAlerts } from './alerts.js';
import { fiveHourReadout, sevenDayReadout } from './readouts.js';
import type { PriceTable } from './pricing.js';
import { mergeMinuteModels, minuteUsage } from './minute-sums.js';

export interface MetricsSettings {
  timeZone: string;
  /** Start of the loaded history (epoch ms). */
  historyStart: number;
  plan: PlanName;
  /** Monthly fee per seat; defaults to the plan's. */
  feeUSD: number;
  seats: number;
  priceMultiplier: number;
  limitBasis: LimitBasis;
  windowLimit: LimitSetting;
  weeklyLimit: LimitSetting;
  burnWindowMinutes: number;
  spike: SpikeSettings;
  table: PriceTable;
  /** The machine's clock (usage up to 10 minutes past it counts as now), or a report's fixed one (`--now`). Default live. */
  clock?: ClockKind;
  /** The logs are the demo's (carried into the metrics, so every output can say so). */
  demo?: boolean;
  /** When the 5-hour window is metered faster (default: weekdays 05:00–11:00 America/Los_Angeles). */
  peakHours?: PeakHours;
}

/** What the metrics need besides the store and the settings. */
export interface MetricsContext {
  /** Readings of the statusline's state file (Anthropic's own window percentages). */
  officialReadings?: readonly OfficialReading[];
  /** The alerts the engine fired within the last 30 s (none when not given). */
  recentAlerts?: readonly Alert[];
}

/** Every number the screen and the snapshot show: a pure function of (store, now, settings). */
export function computeMetrics(store: UsageStore, now: number, settings: MetricsSettings, context: MetricsContext): UsageMetrics {
  const calendar = Calendar.for(settings.timeZone);
  const minutes = store.sortedMinutes();
  const { blocks, days } = derivedOf(store, calendar);
  const until = horizonOf(now, toleranceOf(settings.clock ?? 'live'));
  const completed = completedBlocks(blocks, now);
  const everyone = totalsSeries(store.minutes);
  const rate = burnRate(everyone, now, settings.burnWindowMinutes, until);
  const weekUsage = (at: number) => usageBetween(minutes, at - WEEK, at, settings.limitBasis);
  const hits = limitHitSummaries(store.limitHits, blocks, settings.limitBasis, weekUsage);
  const readings = windowReadings(context.officialReadings ?? []);
  const peak = settings.peakHours ?? DEFAULT_PEAK_HOURS;
  const history = windowHistory({
    readings, minutes, peak, now,
    messages: store.limitHits.map((h) => ({ at: h.timestamp, kind: h.kind })),
    month: { key: calendar.monthKey(now), start: calendar.startOfMonth(now), end: calendar.startOfNextMonth(now) },
  });
  const ratePerMs = trailingUsagePerMs(store.minutes, now, settings.burnWindowMinutes, settings.limitBasis, until);
  const official = officialCalibration(context.officialReadings ?? [], now, {
    minutes, basis: settings.limitBasis, lastEventAt: store.lastEventAt, historyStart: settings.historyStart, ratePerMs,
  });
  const usdPerMs = settings.limitBasis === 'cost' ? ratePerMs : trailingUsagePerMs(store.minutes, now, settings.burnWindowMinutes, 'cost', until);
  const project = (w: OfficialWindow | null, key: string) => projectedByPercent(w, history.costPerPercent[key], { minutes, usdPerMs, peak, now });
  official.fiveHour.current = project(official.fiveHour.current, 'five_hour');
  official.sevenDay.current = project(official.sevenDay.current, 'seven_day');
  const limit = windowLimit({
    plan: settings.plan, basis: settings.limitBasis, setting: settings.windowLimit, completed, hits,
    calibrated: percentLimit(history.costPerPercent.five_hour, settings.limitBasis) ?? calibratedLimit(official.fiveHour, settings.limitBasis),
  });
  // A fresh official reading defines the window (its reset is the end); the local heuristic otherwise.
  const active = officialBlock(minutes, official.fiveHour.current, until) ?? activeBlockAt(blocks, now, until);
  const feeUSD = settings.feeUSD * settings.seats;
  const month = monthSummary({
    now, until, calendar, minutes, days, feeUSD, historyStart: settings.historyStart,
    creditsOf: (m) => {
      const split = history.creditsOf(m);
      return split.fastUSD + split.pastLimitUSD;
    },
  });
  const spikes = sessionSpikes(store, everyone, now, settings);
  const spiking = new Set(spikes.map((s) => s.sessionId));
  const sessions = orderSessions([...store.sessions.values()].map((s) => sessionSummary(s, {
    now, until, burnWindowMinutes: settings.burnWindowMinutes, windowStart: active?.start ?? null, spiking,
  })));
  const monthModels = modelsBetween(minutes, calendar.startOfMonth(now), until);
  const activeBlock = active ? activeBlockMetrics(active, now, until, rate, limit) : null;
  const week = weekSummary({
    now, until, minutes, basis: settings.limitBasis, setting: settings.weeklyLimit, historyStart: settings.historyStart, hits,
    calibrated: percentLimit(history.costPerPercent.seven_day, settings.limitBasis) ?? calibratedLimit(official.sevenDay, settings.limitBasis),
  });
  const readouts = {
    fiveHour: fiveHourReadout(activeBlock, active, official.fiveHour.current, hits, now),
    sevenDay: sevenDayReadout(week, official.sevenDay.current),
  };
  const metrics: Omit<UsageMetrics, 'alerts' | 'alertCandidates'> = {
    now,
    timeZone: settings.timeZone,
    since: calendar.dayKey(settings.historyStart),
    demo: settings.demo ?? false,
    plan: {
      name: settings.plan,
      label: planLabel(settings.plan),
      windows: accountWindows(settings.plan, readings, now),
      feeUSD, seats: settings.seats, limitBasis: settings.limitBasis, priceMultiplier: settings.priceMultiplier,
    },
    lastEventAt: store.lastEventAt,
    burnRate: rate,
    activeBlock,
    blocks: completed.map(summarize),
    windowLimit: limit,
    days,
    month,
    models: {
      window: familyRows(active ? modelsOf(active.minutes) : new Map()),
      month: familyRows(monthModels),
      monthByModel: modelRows(monthModels),
    },
    sessions,
    week,
    value: valueSummary({ month, monthModels, feeUSD, priceMultiplier: settings.priceMultiplier, table: settings.table, now, isApiPlan: settings.plan === 'api' }),
    spikes: spikes.map(({ sessionId, project, since, tokensPerMinute, baselinePerMinute, threshold }) => (
      { sessionId, project, since, tokensPerMinute, baselinePerMinute, threshold })),
    limitHits: hits,
    official: {
      fiveHour: official.fiveHour.current, sevenDay: official.sevenDay.current,
      windows: officialWindowsNow(readings, now, store.lastEventAt),
    },
    windows: history.windows,
    costPerPercent: history.costPerPercent,
    drift: history.drift,
    usageCredits: history.usageCredits,
    readouts,
  };
  return { ...metrics, alerts: standingAlerts(context.recentAlerts ?? [], metrics), alertCandidates: alertCandidates(metrics) };
}

/** Sessions spiking at `now` (the trailing minutes up to the clock's: the baseline is their past). */
function sessionSpikes(store: UsageStore, everyone: MinuteSeries, now: number, settings: MetricsSettings) {
  const spikes = [];
  for (const s of store.sessions.values()) {
    if (now - s.lastSeen > ACTIVE_MS) continue;
    const state = spikeState(s.minutes, everyone, now, settings.spike);
    if (state.spiking && state.since !== null) {
      spikes.push({ sessionId: s.sessionId, project: projectName(s.cwd, s.projectDir), ...state, since: state.since });
    }
  }
  return orderSpikes(spikes);
}

function modelsOf(minutes: readonly MinuteBucket[]): Map<string, ModelTotals> {
  const models = new Map<string, ModelTotals>();
  for (const m of minutes) mergeMinuteModels(models, m);
  return models;
}

function modelsBetween(minutes: readonly MinuteBucket[], from: number, to: number): Map<string, ModelTotals> {
  return modelsOf(minutesBetween(minutes, from, to));
}

function usageBetween(minutes: readonly MinuteBucket[], from: number, to: number, basis: LimitBasis): number {
  let used = 0;
  for (const m of minutesBetween(minutes, from, to)) if (m.first <= to) used += minuteUsage(basis, m);
  return used;
}

/** Models priced at 0 because the table does not know them (never `<synthetic>`), for the diagnostics. */
export function unpricedModels(store: UsageStore): { model: string; tokens: number }[] {
  return [...store.unpriced].map(([model, tokens]) => ({ model, tokens })).sort((a, b) => b.tokens - a.tokens);
}


/** Every window of every reading, by Claude Code's key. */
function windowReadings(readings: readonly OfficialReading[]): WindowReading[] {
  return readings.flatMap((r) => windowsOf(r).map(({ key, usedPercent, resetsAt }) => ({ key, at: r.at, usedPercent, resetsAt })));
}

interface ProjectionContext {
  minutes: readonly MinuteBucket[];
  usdPerMs: number;
  peak: PeakHours;
  now: number;
}

/**
 * A fresh reading's projection by what a percent is measured to buy (at peak or off-peak hours):
 * the percentage now is the reading's plus the plan-counted spend since it; the implied limit is
 * 100 × $/%. Unchanged when nothing is measured for the key.
 */
function projectedByPercent(w: OfficialWindow | null, cpp: CostPerPercent | undefined, ctx: ProjectionContext): OfficialWindow | null {
  if (!w || w.stale || !cpp || cpp.current === null) return w;
  const since = planSpend(ctx.minutes, w.recordedAt, ctx.now).costUSD;
  const percentNow = w.usedPercent + since / cpp.current;
  return { ...w, projectedFullAt: projectFullAt(percentNow, ctx.usdPerMs, cpp, ctx.peak, ctx.now, w.resetsAt) };
}

/** The limit a measured percent implies (100 × $/%), in the cost basis; null unmeasured or in another basis. */
function percentLimit(cpp: CostPerPercent | undefined, basis: LimitBasis): LimitEstimate | null {
  if (basis !== 'cost' || !cpp || cpp.current === null) return null;
  return { basis, value: 100 * cpp.current, source: 'calibrated', label: `100 × ${formatCents(cpp.current)} a percent` };
}

function formatCents(usd: number): string {
  return `$${usd.toFixed(2)}`;
}
