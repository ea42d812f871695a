// The monitor's modules (ink, chokidar, date-fns) load on demand, only in the modes that use them.
import { ConfigError } from '../settings/config.js';
import type { Demo } from '../demo/demo.js';
import type { Monitor } from './monitor.js';
import type { OfficialConnection } from './official-feed.js';
import { parseFlags, resolveOptions, UsageError, type Options } from '../settings/options.js';
import { readConfig, stateDir, type Env } from '../settings/user-files.js';
import { systemTimeZone } from '../usage/zone.js';
import { nextPlan } from '../usage/plans.js';
import { snapshotJson } from './snapshot.js';

/** Every command but `statusline` (see cli.tsx): the monitor, `--json` and `--json --follow`. */
export async function main(argv: string[], env: Env): Promise<number> {
  let options: Options;
  try {
    const flags = parseFlags(argv);
    options = resolveOptions(flags, readConfig(flags.values.config ?? null, env), env, systemTimeZone());
  } catch (err) {
    return fail(err);
  }
  if (options.mode === 'help') return print((await import('../settings/help.js')).HELP_TEXT);
  if (options.mode === 'version') return print((await import('../settings/help.js')).VERSION);
  try {
    return await run(options, env);
  } catch (err) {
    return fail(err);
  }
}

async function run(options: Options, env: Env): Promise<number> {
  const [{ Monitor }, { candidateRoots, metricsSettings, rootsFor }, { readPriceTable }, { deliverAlerts }] = await Promise.all([
    import('./monitor.js'), import('./startup.js'), import('../settings/price-file.js'), import('./alert-output.js'),
  ]);
  const table = readPriceTable(options.pricingFile);
  const fixed = options.now;
  const clock = fixed === null ? () => Date.now() : () => fixed;
  let roots = rootsFor(options, env);
  let demo: Demo | null = null;
  if (options.demo || (options.mode === 'monitor' && !options.roots && !(await hasLogs(roots)))) {
    const { startDemo } = await import('../demo/demo.js');
    demo = await startDemo({ clock, lookedIn: options.roots ?? candidateRoots(env), explicit: options.demo });
    roots = [demo.root];
  }
  const monitor = new Monitor({
    roots, settings: metricsSettings(options, table, clock()), costMode: options.costMode, clock,
    onAlerts: (alerts) => deliverAlerts(alerts, {
      bell: options.bell && options.mode === 'monitor', alertLog: options.alertLog,
      write: (text) => process.stdout.write(text),
      onError: (message) => monitor.diagnostics.notice(message),
    }),
  });
  // The demo's made-up usage is not measured against the user's real official readings.
  const officialDir = demo ? null : stateDir(env);
  if (options.mode === 'json') {
    if (officialDir) monitor.setOfficialReadings(await readOfficialReadings(officialDir));
    await monitor.load();
    await writeOut(snapshotJson(monitor.metrics()) + '\n');
    return 0;
  }
  if (options.mode === 'follow') return follow(monitor, officialDir, options);
  if (!process.stdout.isTTY) {
    const { renderPlainText } = await import('../ui/views/plain-text.js');
    if (officialDir) monitor.setOfficialReadings(await readOfficialReadings(officialDir));
    await monitor.load();
    await writeOut(renderPlainText(monitor.metrics(), process.stdout.columns || 80) + '\n');
    await demo?.stop();
    return 0;
  }
  return interactive(monitor, options, demo, officialDir);
}

async function readOfficialReadings(dir: string) {
  const feed = await import('./official-feed.js');
  return feed.readOfficialReadings(dir);
}

/** The statusline's state file followed into the monitor (none for the demo); `burn.json` only on the real clock. */
async function connectOfficial(monitor: Monitor, dir: string | null, options: Options): Promise<OfficialConnection | null> {
  if (!dir) return null;
  const feed = await import('./official-feed.js');
  return feed.connectOfficial(monitor, dir, { burnCache: options.now === null });
}

/**
 * Time-driven lines of `--follow`: a snapshot of a long history is 0.5–1 MB, and writing one
 * every second kept an idle process at ~3 % of a core.
 */
const FOLLOW_TICK_MS = 5000;

/**
 * One compact JSON snapshot per line: the first as soon as today and the active window are
 * read (`loading.done` false while older history fills in), then at once on every change and
 * every 5 s otherwise (countdowns, decaying rates). Changes that arrive together (a burst of appends, or while the
 * last line is still being written to a slow reader) make one line, not one each.
 */
async function follow(monitor: Monitor, officialDir: string | null, options: Options): Promise<number> {
  const official = await connectOfficial(monitor, officialDir, options);
  let last = '';
  let queued = false;
  const emit = () => {
    queued = false;
    const line = snapshotJson(monitor.metrics(), false);
    if (line !== last) process.stdout.write(line + '\n');
    last = line;
  };
  // A line still being written waits for its reader: the next one is made once it is out.
  const emitSoon = () => {
    if (queued) return;
    queued = true;
    if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => setImmediate(emit));
    else setImmediate(emit);
  };
  const timer = setInterval(() => monitor.tick(), FOLLOW_TICK_MS);
  await monitor.load({
    watch: true,
    onFirstFrame: () => {
      emit();
      monitor.subscribe(emitSoon);
      official?.startBurnCache();
    },
  });
  await untilSignal();
  clearInterval(timer);
  await Promise.allSettled([monitor.close(), official?.close()]);
  return 0;
}

async function interactive(monitor: Monitor, options: Options, demo: Demo | null, officialDir: string | null): Promise<number> {
  // A terminal is being watched: ink's CI mode (it draws only the last frame, on exit) would
  // leave the screen blank when CI is set in the environment. ink reads it when first imported.
  process.env.CI = '0';
  process.env.CONTINUOUS_INTEGRATION = '0';
  // No JSX in this file: it would import react's runtime up front, for every command.
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('../ui/views/App.js')]);
  // The screen and the logs come first; the statusline's state file joins when its watcher is ready.
  const connecting = connectOfficial(monitor, officialDir, options).catch(() => null);
  const loading = monitor.load({ watch: true, onFirstFrame: () => void connecting.then((official) => official?.startBurnCache()) });
  const timer = setInterval(() => monitor.tick(), 1000);
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const actions = {
    cyclePlan: () => monitor.setPlan(nextPlan(monitor.plan)),
    quit: () => quit(),
  };
  const app = render(createElement(App, { source: monitor, actions, color: options.color, banner: demo?.banner ?? null }), {
    exitOnCtrlC: false,
  });
  await Promise.race([quitting, untilSignal()]);
  clearInterval(timer);
  app.unmount();
  await Promise.allSettled([loading, monitor.close(), connecting.then((official) => official?.close()), demo?.stop()]);
  return 0;
}

async function hasLogs(roots: readonly string[]): Promise<boolean> {
  const { resolveProjectsDirs, hasJsonlBelow } = await import('../logs/discover.js');
  const { dirs } = await resolveProjectsDirs([...roots]);
  for (const dir of dirs) if (await hasJsonlBelow(dir)) return true;
  return false;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGHUP', resolve);
  });
}

/**
 * Writes and waits until the text is out: stdout to a pipe is asynchronous, and cli.tsx exits
 * as soon as the command returns (a 1.7 MB snapshot piped to `jq` was cut at 64 KB).
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}

function fail(err: unknown): number {
  // By name: the price table's error class lives with zod's full build, which this path must not load.
  const known = err instanceof UsageError || err instanceof ConfigError || (err as Error).name === 'PriceTableError';
  process.stderr.write(`cctop: ${(err as Error).message}\n`);
  if (err instanceof UsageError) process.stderr.write('Try cctop --help\n');
  return known ? 2 : 1;
}

