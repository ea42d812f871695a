import { followDemoReadings } from './demo-readings.js';
import type { Demo } from '../demo/demo.js';
import type { Options } from '../settings/options.js';
import { stateDir, type Env } from '../settings/user-files.js';
import { openHistory } from './history-open.js';
import type { HistorySync } from './history-sync.js';
import type { Monitor } from './monitor.js';
import type { RootsListing } from '../logs/list-roots.js';
import type { OfficialReading } from '../state/official-record.js';
import { warningLines } from './warnings.js';
import { notifyAlerts } from './notify.js';
import { alertText } from '../ui/kit/alert-text.js';
import type { OfficialConnection } from './official-feed.js';
import { firedAlertsFile } from '../state/fired-alerts.js';

/** One run's pipeline, built from the options: the monitor over the roots (or the demo), its store and its state folder. */
export interface Pipeline {
  monitor: Monitor;
  demo: Demo | null;
  history: HistorySync | null;
  /** cctop's own state folder (the statusline's official readings, burn.json), null for the demo. */
  officialDir: string | null;
  /** No `--dir`, no `--remote`, no log in the default folders, and no demo: there is nothing to show. */
  noLogs: boolean;
  /** `cctop: no Claude Code logs in …` for a one-shot that has nothing to show. */
  noLogsMessage: string;
  /** The demo shown for want of logs: the pipeline over the user's logs once some exist (null before, or for `--demo`). */
  whenLogs: (() => Promise<Pipeline | null>) | null;
  /** Says on stderr, once, every problem the output carries (unreadable roots, store, remotes); without a screen silence would look like no usage. */
  warn(): void;
  /** Reads the official readings once (for the one-shot outputs). */
  readOfficial(): Promise<void>;
  /**
   * Runs the engine live, the same for every live output (screen, --follow, serve, mcp): follows
   * the statusline's official readings, ticks the clock (alerts fire on it), reads the history and
   * watches the logs; `onFirstFrame` once today and the active window are in. Resolves when the
   * whole history is read. `clockMs`: how often the clock ticks (1 s: the screen's countdowns).
   */
  live(opts?: { onFirstFrame?: () => void | Promise<void>; clockMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/** Where the pipeline's output goes: the live screen is the only one that shows the demo unasked. */
export interface PipelineOutput {
  screen: boolean;
  /** The roots' listing, begun early (startup.ts listAhead). */
  listing?: Promise<RootsListing> | null;
}

/** Builds the pipeline of every mode that reads logs: roots, demo, history store, alerts. */
export async function buildPipeline(options: Options, env: Env, output: PipelineOutput = { screen: false }): Promise<Pipeline> {
  const [{ Monitor }, startup, { readPriceTable }, { deliverAlerts }] = await Promise.all([
    import('./monitor.js'), import('./startup.js'), import('../settings/price-file.js'), import('./alert-output.js'),
  ]);
  const { candidateRoots, metricsSettings } = startup;
  const table = readPriceTable(options.pricingFile);
  const fixed = options.now;
  const clock = fixed === null ? () => Date.now() : () => fixed;
  const lookedIn = options.roots ?? candidateRoots(env);
  const found = await startup.findLogs(options, env);
  const demo = await demoFor(options, output, found.noLogs, { clock, lookedIn });
  const roots = demo ? [demo.root] : found.roots;
  const noLogs = demo === null && found.noLogs;
  // A one-shot output tries each remote once, within a bound, and reports what failed.
  const once = options.mode === 'json' || (options.mode === 'monitor' && !output.screen);
  // The demo's made-up usage never enters the user's files: the history store, the alert log, burn.json.
  const { history, notices } = demo ? { history: null, notices: [] as string[] } : openHistory(options);
  const officialDir = demo ? null : stateDir(env);
  const alertState = officialDir ? firedAlertsFile(officialDir) : null;
  const monitor: Monitor = new Monitor({
    roots, settings: { ...metricsSettings(options, table, clock()), demo: demo !== null }, costMode: options.costMode, clock, history,
    listing: demo ? null : output.listing,
    remotes: demo ? undefined : { remotes: options.remotes, sshCommand: options.sshCommand, once },
    alertMemory: alertState?.read((text) => monitor.notice(text)) ?? null,
    onAlertMemory: (memory) => alertState?.write(memory, (text) => monitor.notice(text)),
    onAlerts: (alerts, metrics) => {
      deliverAlerts(alerts, metrics, {
        bell: options.bell && options.mode === 'monitor', alertLog: demo ? null : options.alertLog,
        write: (text) => process.stdout.write(text),
        onError: (message) => monitor.notice(message),
      });
      const channels = notifyChannels(options, output);
      if (channels.length > 0) notifyAlerts(alerts.map((a) => alertText(a, metrics)), { channels, env, write: (text) => process.stdout.write(text) });
    },
  });
  for (const notice of notices) monitor.notice(notice);
  if (demo) followDemoReadings(monitor);
  let official: Promise<OfficialConnection | null> = Promise.resolve(null);
  const readOfficial = async () => {
    if (officialDir) monitor.setOfficialReadings(await readOfficialReadings(officialDir, (text) => monitor.notice(text)));
  };
  const noLogsMessage = `no Claude Code logs in ${lookedIn.join(', ')}: use --dir PATH`;
  return {
    monitor, demo, history, officialDir, noLogs, noLogsMessage,
    whenLogs: demo && !options.demo ? () => realPipeline(options, env, output) : null,
    warn: () => {
      const local = { noLogs: noLogs ? noLogsMessage : null, roots: roots.length, projectsDirs: monitor.projectsDirs.length };
      const lines = warningLines(monitor.metrics(), local);
      for (const line of lines) process.stderr.write(`cctop: ${line}\n`);
    },
    readOfficial,
    live: async ({ onFirstFrame, clockMs } = {}) => {
      // The first frame has the official readings (a read of one small file); the watcher follows them after.
      await readOfficial();
      const burnCache = options.now === null && demo === null;
      official = officialDir ? import('./official-feed.js').then((f) => f.connectOfficial(monitor, officialDir, { burnCache })) : official;
      monitor.startClock(clockMs);
      await monitor.load({
        watch: true,
        onFirstFrame: () => {
          // The first frame shows the alerts its figures call for.
          monitor.checkAlerts();
          const shown = onFirstFrame?.();
          void official.then((o) => o?.startBurnCache());
          return shown;
        },
      });
    },
    close: async () => {
      await Promise.allSettled([monitor.close(), demo?.stop(), official.then((o) => o?.close())]);
      history?.store.close();
    },
  };
}

/**
 * Where alerts are also told (`--notify`): never from --json or --follow (their stdout is data);
 * the terminal's own notifications only from the screen, which owns the terminal.
 */
function notifyChannels(options: Options, output: PipelineOutput): Options['notify'] {
  if (options.mode === 'monitor' && output.screen) return options.notify;
  return options.mode === 'serve' ? options.notify.filter((c) => c !== 'osc') : [];
}

/** The demo when asked for, or on the screen when the user has no logs (and nothing is served to Prometheus). */
async function demoFor(options: Options, output: PipelineOutput, noLogs: boolean, opts: { clock: () => number; lookedIn: readonly string[] }): Promise<Demo | null> {
  const unasked = output.screen && options.mode === 'monitor' && noLogs && !options.metrics;
  if (!options.demo && !unasked) return null;
  const { startDemo } = await import('../demo/demo.js');
  return startDemo({ ...opts, explicit: options.demo });
}

/** The pipeline over the user's logs, once they exist (null while there are none). */
async function realPipeline(options: Options, env: Env, output: PipelineOutput): Promise<Pipeline | null> {
  const { findLogs } = await import('./startup.js');
  if ((await findLogs(options, env)).noLogs) return null;
  // The listing begun at the start was taken before these logs existed: this pipeline lists anew.
  const real = await buildPipeline(options, env, { ...output, listing: null });
  // Gone again between the two looks: this one would be another demo.
  if (real.demo === null) return real;
  await real.close();
  return null;
}

async function readOfficialReadings(dir: string, onProblem: (text: string) => void): Promise<OfficialReading[]> {
  const feed = await import('./official-feed.js');
  return feed.readOfficialReadings(dir, onProblem);
}
