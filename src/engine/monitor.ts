// The Monitor: the live pipeline over the roots (reader, ingest, metrics) and its subscribers.
import { listRoots, type RootsListing } from '../logs/list-roots.js';
import type { LogFile } from '../logs/discover.js';
import { LogTailer } from '../logs/tail.js';
import type { LogWatcher } from '../logs/watch.js';
import { Calendar } from '../usage/calendar.js';
import { UsageIngest, type PricingSettings } from '../usage/ingest.js';
import { imageCut, pricesKey } from './warm-image.js';
import { freezeYoungGeneration } from './young-generation.js';
import { HOUR } from '../usage/time.js';
import { computeMetrics, unpricedModels, type MetricsSettings } from '../usage/metrics.js';
import { AlertTracker, type AlertMemory } from '../usage/alerts.js';
import type { Alert, BurnRate, PlanName, UsageMetrics } from '../usage/metrics-types.js';
import { burnRate, totalsSeries } from '../usage/rates.js';
import type { OfficialReading } from '../state/official-record.js';
import { PLAN_PRESETS } from '../usage/plans.js';
import { DiagnosticsCollector } from './diagnostics.js';
import type { HistorySync } from './history-sync.js';
import { followLogs } from './log-follow.js';
import { LogReader } from './reader.js';
import { ReadingHistory, READINGS_KEPT_MS } from './reading-history.js';
import { driftText } from '../ui/kit/window-words.js';
import { RemoteMachines } from './remote-machines.js';
import { TickGate } from './tick-gate.js';
import type { EngineState, Metrics } from './types.js';

export interface MonitorConfig {
  roots: readonly string[];
  settings: MetricsSettings;
  costMode: 'calculate' | 'auto' | 'display';
  clock: () => number;
  /** Poll instead of OS file events (the watcher also falls back to it by itself). */
  forcePolling?: boolean;
  /** Alerts that fired for the first time (for the bell, the alert log and the notifications). */
  onAlerts?: (alerts: Alert[], metrics: Metrics) => void;
  /** What fired in earlier runs (cctop's state), so nothing fires twice across a restart. */
  alertMemory?: AlertMemory | null;
  /** The tracker's memory after each firing, to keep for the next run. */
  onAlertMemory?: (memory: AlertMemory) => void;
  /** The history store to start warm from and keep up to date; none to run in memory. */
  history?: HistorySync | null;
  /** ssh remotes to read beside the local roots (`--remote`, `--ssh-command`); `once` for a one-shot report. */
  remotes?: { remotes: readonly string[]; sshCommand: string; once?: boolean };
  /** The roots' listing, begun before the monitor was made (startup.ts listAhead); else listed at load. */
  listing?: Promise<RootsListing> | null;
}

/** Why subscribers are called: new data (or state), or the clock's tick. */
export type ChangeCause = 'data' | 'clock';

/** Files modified this recently are read before the first frame: the active block and its lead-in. */
const PRIORITY_HOURS = 10;

/**
 * The pipeline wired together: discovers the roots, backfills history newest first, tails
 * appended lines, and serves metrics to the screen or the snapshot. Subscribers hear of every
 * change right away; `tick` re-emits for the time-dependent numbers.
 */
export class Monitor {
  readonly diagnostics = new DiagnosticsCollector();
  readonly ingest: UsageIngest;
  private readonly pricing: PricingSettings;
  readonly reader: LogReader;
  private dirs: string[] = [];
  private watcher: LogWatcher | null = null;
  private readonly listeners = new Set<(cause: ChangeCause) => void>();
  private cached: { key: string; metrics: Metrics } | null = null;
  private figures: { key: string; usage: UsageMetrics } | null = null;
  private officialReadings: readonly OfficialReading[] = [];
  /** Bumped on every read, so the cache sees diagnostics changes too. */
  private reads = 0;
  /** Bumped when what the figures come from changes besides the store: the plan, official readings, alerts fired. */
  private inputs = 0;
  private readonly alerts: AlertTracker;
  private readonly ticks = new TickGate();
  private clockTimer: NodeJS.Timeout | null = null;
  private alertCheckQueued = false;
  private readonly remotes: RemoteMachines | null;
  private readonly readingHistory: ReadingHistory | null;
  private readonly driftsSaid = new Set<string>();

  constructor(private readonly config: MonitorConfig) {
    const { settings, costMode, clock } = config;
    this.alerts = new AlertTracker(config.alertMemory ?? undefined);
    this.pricing = { table: settings.table, priceMultiplier: settings.priceMultiplier, costMode };
    this.ingest = new UsageIngest(this.pricing);
    config.history?.lookUpIn(this.ingest);
    this.reader = new LogReader({
      tailer: new LogTailer({ timeZone: settings.timeZone, identify: Boolean(config.history) }),
      ingest: this.ingest, diagnostics: this.diagnostics, historyStart: settings.historyStart, clock,
      clockKind: settings.clock ?? 'live', history: config.history,
    });
    this.readingHistory = config.history ? new ReadingHistory(config.history.store) : null;
    this.remotes = config.remotes?.remotes.length ? new RemoteMachines({
      ...config.remotes, timeZone: settings.timeZone, history: config.history ?? null, reader: this.reader, clock,
      onChange: () => this.changed(), onNotice: (text) => this.notice(text),
    }) : null;
  }

  get projectsDirs(): readonly string[] {
    return this.dirs;
  }

  /**
   * Finds the projects folders, reads the history, and starts watching them when asked (once
   * the first frame is out); `onFirstFrame` fires once today and the active window are in.
   */
  async load(opts: { watch?: boolean; onFirstFrame?: () => void | Promise<void> } = {}): Promise<void> {
    const { history, settings, roots } = this.config;
    // Left to grow, V8's young generation reaches 64 MB and more during a large backfill, and a
    // warm start's image and rows after the cut come before it (warm --json at 2 GiB: peak RSS
    // 170-173 MB frozen at the backfill, 136-139 MB frozen here).
    freezeYoungGeneration();
    const now = this.config.clock();
    const image = { cut: imageCut(now, settings.historyStart), prices: pricesKey(this.pricing), timeZone: settings.timeZone };
    const listing = this.config.listing ?? listRoots(roots);
    this.config.listing = null;
    // While the logs are listed: the stored history, when an image stands for it.
    if (history) this.reader.loadAhead(history, image);
    const files = this.takeListing(await listing);
    const calendar = new Calendar(settings.timeZone);
    const priorityFrom = Math.min(calendar.startOfDay(now), now - PRIORITY_HOURS * HOUR);
    if (history) this.reader.resumeFrom(history, files, image);
    await this.reader.backfill(files, priorityFrom, async () => {
      // The first frame is out (the stored history is in: see reader.resumeFrom).
      this.changed();
      // Its output may still be on its way (a pipe takes 64 KB at a time): what follows waits for it.
      await opts.onFirstFrame?.();
      // Set up before the first frame, the watches (one per folder) would delay it; from the
      // listing they report whatever changed since, so no append in between is lost.
      if (opts.watch) this.watch();
      this.remotes?.start();
    });
    this.changed();
  }

  private takeListing(listing: RootsListing): LogFile[] {
    this.dirs = listing.dirs;
    for (const { path, reason } of listing.unreadableRoots) this.diagnostics.unreadableRoot(path, reason);
    return this.reader.takeListing(listing);
  }

  /** Follows the logs: every append is read from its last offset and shown at once. */
  private watch(): void {
    const { reader, diagnostics, dirs, config: { forcePolling } } = this;
    this.watcher = followLogs({ reader, diagnostics, dirs, forcePolling, onChange: () => this.changed() });
  }

  async close(): Promise<void> {
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    await Promise.all([this.watcher?.close(), this.remotes?.close()]);
    this.flushHistory();
    this.listeners.clear();
  }

  /** Switches the plan (the `p` key): its fee and preset limits follow. */
  setPlan(plan: Exclude<PlanName, 'custom' | 'enterprise'>): void {
    this.config.settings = { ...this.config.settings, plan, feeUSD: PLAN_PRESETS[plan].feeUSD ?? 0 };
    this.inputs++;
    this.changed();
  }

  get plan(): PlanName {
    return this.config.settings.plan;
  }

  /** A notice for the user (a side path failed: the state file, the burn cache). */
  notice(text: string): void {
    this.diagnostics.notice(text);
    this.changed();
  }

  /** The monitor's clock. */
  now(): number {
    return this.config.clock();
  }

  /** The statusline's readings of Anthropic's own window percentages (all of the state file), kept in the store and joined to its. */
  setOfficialReadings(readings: readonly OfficialReading[]): void {
    const { settings, clock } = this.config;
    const from = Math.max(settings.historyStart, clock() - READINGS_KEPT_MS);
    this.officialReadings = this.readingHistory?.merge(readings, from) ?? readings;
    this.inputs++;
    this.changed();
  }

  /** Metrics at the clock's current second (cached until data or the second changes). Only reads: alerts fire in `checkAlerts`. */
  metrics(): Metrics {
    const now = this.config.clock();
    const key = `${Math.floor(now / 1000)}:${this.ingest.store.version}:${this.reads}`;
    if (this.cached?.key !== key) this.cached = { key, metrics: { ...this.usageAt(now), ...this.state() } };
    return this.cached.metrics;
  }

  /**
   * The figures, computed again only when the second, the store or another of their inputs moved:
   * a read that adds nothing (the loading's progress, a notice) changes the engine's state alone.
   */
  private usageAt(now: number): UsageMetrics {
    const key = `${Math.floor(now / 1000)}:${this.ingest.store.version}:${this.inputs}`;
    if (this.figures?.key !== key) {
      const usage = computeMetrics(this.ingest.store, now, this.config.settings, {
        officialReadings: this.officialReadings, recentAlerts: this.alerts.recent(now),
      });
      this.figures = { key, usage };
    }
    return this.figures.usage;
  }

  /** The engine's own state beside the figures: loading, files, diagnostics, machines. */
  private state(): EngineState {
    return {
      loading: { ...this.reader.loading },
      filesWatched: this.reader.filesKnown,
      diagnostics: { ...this.diagnostics.snapshot(), unpricedModels: unpricedModels(this.ingest.store) },
      machines: this.remotes?.statuses() ?? [],
    };
  }

  /**
   * Fires the alerts the figures call for that have not fired yet, and hands them on (bell, alert
   * log, notifications): on the engine's clock and after new data, never inside a render or a scrape.
   */
  checkAlerts(): void {
    const metrics = this.metrics();
    this.noticeDrift(metrics);
    const fired = this.alerts.apply(metrics.alertCandidates, metrics.now);
    if (fired.length === 0) return;
    this.config.onAlertMemory?.(this.alerts.memory(metrics.now));
    this.inputs++;
    this.reads++;
    this.config.onAlerts?.(fired, this.metrics());
    this.emit('data');
  }

  /**
   * Says once (per window key and since) that what a percent buys has drifted, while following the
   * logs (a one-shot report has it in limits.drift: not a problem for its stderr); the windows view keeps it.
   */
  private noticeDrift(metrics: Metrics): void {
    if (this.clockTimer === null) return;
    for (const [key, drift] of Object.entries(metrics.drift)) {
      const id = `${key}@${drift?.since}`;
      if (!drift || this.driftsSaid.has(id)) continue;
      this.driftsSaid.add(id);
      this.reads++;
      this.diagnostics.notice(`${driftText(key, drift, metrics.timeZone)} · 5 lists the windows`);
    }
  }

  /** Ticks every second until closed: countdowns, decaying rates and alerts move with the clock. */
  startClock(intervalMs = 1000): void {
    this.clockTimer ??= setInterval(() => this.tick(), intervalMs);
  }

  /** The burn rate alone, without the rest of the metrics. */
  burnRate(): BurnRate {
    const { clock, settings } = this.config;
    return burnRate(totalsSeries(this.ingest.store.minutes), clock(), settings.burnWindowMinutes);
  }

  /** Hears of every change (`data`) and of the clock's ticks (`clock`: the figures that move with time). */
  subscribe = (listener: (cause: ChangeCause) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Metrics => this.metrics();

  /** Re-emits for the clock: countdowns and decaying rates (by the minute only while idle, see TickGate). */
  tick(): void {
    const now = this.config.clock();
    const state = {
      lastEventAt: this.ingest.store.lastEventAt, loaded: this.reader.loading.done,
      showingAlert: (this.cached?.metrics.alerts.length ?? 0) > 0,
    };
    if (!this.ticks.passes(now, state)) return;
    this.checkAlerts();
    this.emit('clock');
  }

  private emit(cause: ChangeCause): void {
    for (const listener of this.listeners) listener(cause);
  }

  /** Checks the alerts once the changes of this turn of the event loop are in. */
  private queueAlertCheck(): void {
    if (this.alertCheckQueued) return;
    this.alertCheckQueued = true;
    setImmediate(() => {
      this.alertCheckQueued = false;
      this.checkAlerts();
    });
  }

  /** Waits until every remote has sent what it had (a one-shot report needs them whole); at most `timeoutMs`. */
  async remotesSynced(timeoutMs = 60_000): Promise<void> {
    await this.remotes?.whenSynced(timeoutMs);
    this.changed();
  }

  private flushHistory(): void {
    this.config.history?.flush();
    this.remotes?.flush();
  }

  private changed(): void {
    const { history } = this.config;
    this.flushHistory();
    for (const text of history?.store.takeNotices() ?? []) this.diagnostics.notice(text);
    this.reads++;
    this.emit('data');
    this.queueAlertCheck();
  }
}
