import type { Demo } from '../demo/demo.js';
import type { Options } from '../settings/options.js';
import { stateDir, type Env } from '../settings/user-files.js';
import { openHistory } from './history-open.js';
import type { HistorySync } from './history-sync.js';
import type { Monitor } from './monitor.js';
import type { OfficialReading } from '../state/official-record.js';

/** One run's pipeline, built from the options: the monitor over the roots (or the demo), its store and its state folder. */
export interface Pipeline {
  monitor: Monitor;
  demo: Demo | null;
  history: HistorySync | null;
  /** cctop's own state folder (the statusline's official readings), null for the demo. */
  officialDir: string | null;
  /** Says on stderr which roots could not be read (without a screen, silence would look like no usage). */
  warn(): void;
  /** Reads the official readings once (for the one-shot outputs). */
  readOfficial(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the pipeline of every mode that reads logs: roots, demo, history store, alerts. */
export async function buildPipeline(options: Options, env: Env): Promise<Pipeline> {
  const [{ Monitor }, startup, { readPriceTable }, { deliverAlerts }] = await Promise.all([
    import('./monitor.js'), import('./startup.js'), import('../settings/price-file.js'), import('./alert-output.js'),
  ]);
  const { candidateRoots, metricsSettings, rootsFor } = startup;
  const table = readPriceTable(options.pricingFile);
  const fixed = options.now;
  const clock = fixed === null ? () => Date.now() : () => fixed;
  let roots = rootsFor(options, env);
  let demo: Demo | null = null;
  if (options.demo || (options.mode === 'monitor' && !options.roots && !(await startup.hasLogs(roots)))) {
    const { startDemo } = await import('../demo/demo.js');
    demo = await startDemo({ clock, lookedIn: options.roots ?? candidateRoots(env), explicit: options.demo });
    roots = [demo.root];
  }
  // The demo's made-up usage never enters the user's history store.
  const { history, notices } = demo ? { history: null, notices: [] as string[] } : openHistory(options);
  const monitor: Monitor = new Monitor({
    roots, settings: metricsSettings(options, table, clock()), costMode: options.costMode, clock, history,
    remotes: demo ? undefined : { remotes: options.remotes, sshCommand: options.sshCommand },
    onAlerts: (alerts, metrics) => deliverAlerts(alerts, metrics, {
      bell: options.bell && options.mode === 'monitor', alertLog: options.alertLog,
      write: (text) => process.stdout.write(text),
      onError: (message) => monitor.notice(message),
    }),
  });
  for (const notice of notices) monitor.notice(notice);
  const officialDir = demo ? null : stateDir(env);
  return {
    monitor, demo, history, officialDir,
    warn: () => {
      for (const line of startup.rootWarnings(roots, monitor, candidateRoots(env))) process.stderr.write(`cctop: warning: ${line}\n`);
      for (const m of monitor.metrics().machines) if (m.state === 'failed') process.stderr.write(`cctop: warning: ${m.machine}: ${m.message ?? 'not reachable'}\n`);
      for (const notice of [...notices.splice(0), ...(history?.store.takeNotices() ?? [])]) process.stderr.write(`cctop: ${notice}\n`);
    },
    readOfficial: async () => {
      if (officialDir) monitor.setOfficialReadings(await readOfficialReadings(officialDir, (text) => monitor.notice(text)));
    },
    close: async () => {
      await Promise.allSettled([monitor.close(), demo?.stop()]);
      history?.store.close();
    },
  };
}

async function readOfficialReadings(dir: string, onProblem: (text: string) => void): Promise<OfficialReading[]> {
  const feed = await import('./official-feed.js');
  return feed.readOfficialReadings(dir, onProblem);
}
