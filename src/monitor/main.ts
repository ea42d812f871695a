// The monitor's modules (ink, chokidar, date-fns, SQLite) load on demand, only in the modes that use them.
import { ConfigError } from '../settings/config.js';
import { parseFlags, resolveOptions, UsageError, type Options } from '../settings/options.js';
import { readConfig, type Env } from '../settings/user-files.js';
import { systemTimeZone } from '../settings/system-zone.js';
import { untilSignal, writeOut } from './io.js';
import type { Pipeline } from './pipeline.js';
import { snapshotJson } from './snapshot.js';

/** Every command but `statusline` (see cli.tsx): the monitor, `--json`, `--follow`, `store`, `serve`, `mcp`. */
export async function main(argv: string[], env: Env): Promise<number> {
  let options: Options;
  try {
    const flags = parseFlags(argv);
    options = resolveOptions(flags, readConfig(flags.values.config ?? null, env), env, systemTimeZone(env.TZ));
  } catch (err) {
    return fail(err);
  }
  if (options.mode === 'help') return print((await import('../settings/help.js')).HELP_TEXT);
  if (options.mode === 'version') return print((await import('../settings/help.js')).VERSION);
  if (options.mode === 'statusline') return fail(new UsageError('statusline goes first: cctop statusline [options]'));
  if (options.mode === 'mcp' && options.printConfig) return print((await import('../mcp/index.js')).mcpPrintConfig());
  if (options.mode === 'feed') return (await import('./feed.js')).runFeed(options, env);
  try {
    (await import('./startup.js')).quietOnClosedPipe(process.stdout);
    if (options.mode.startsWith('store-')) return await store(options, env);
    const { buildPipeline } = await import('./pipeline.js');
    const screen = options.mode === 'monitor' && process.stdout.isTTY === true;
    return await run(await buildPipeline(options, env, { screen }), options);
  } catch (err) {
    return fail(err);
  }
}

/** The modes that read the logs through one pipeline; `--metrics` serves beside any of them. */
async function run(p: Pipeline, options: Options): Promise<number> {
  // prom-client is imported only when metrics are served (~10 ms of every start otherwise).
  const metrics = options.metrics ? await (await import('./serve.js')).startMetrics(p.monitor, options) : null;
  try {
    if (options.mode === 'json') return await once(p, (m) => snapshotJson(m));
    if (options.mode === 'follow') return await (await import('./follow.js')).follow(p);
    if (options.mode === 'serve') return await serve(p);
    if (options.mode === 'mcp') return await mcp(p);
    if (!process.stdout.isTTY) return await plain(p);
    return await (await importScreen()).interactive(p, options);
  } finally {
    await metrics?.close();
  }
}

/**
 * Loads the screen (ink and react). ink's layout engine, yoga, loads its embedded WebAssembly
 * through fetch() when there is one: Node's fetch costs ~35 ms of every start (loading undici,
 * decoding a data: URL), and without it yoga decodes the same bytes itself. cctop never fetches.
 *
 * A terminal is being watched, so the CI variables are hidden while ink loads: with CI set, ink
 * draws only the last frame (on exit), and chalk's colour detection, which treats any CI
 * variable (even CI=0) as a CI run, turns colour off. Both read the environment once, on import;
 * the variables are back for the child processes (ssh) afterwards. --no-color and NO_COLOR
 * still decide colour (settings/options.ts).
 */
async function importScreen(): Promise<typeof import('./screen.js')> {
  const { fetch } = globalThis;
  Reflect.deleteProperty(globalThis, 'fetch');
  const hidden = hideEnv(['CI', 'CONTINUOUS_INTEGRATION']);
  try {
    return await import('./screen.js');
  } finally {
    globalThis.fetch = fetch;
    Object.assign(process.env, hidden);
  }
}

/** Removes these variables from the environment; returns the ones that were set. */
function hideEnv(names: readonly string[]): Record<string, string> {
  const hidden: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value === undefined) continue;
    hidden[name] = value;
    delete process.env[name];
  }
  return hidden;
}

/**
 * One snapshot of the whole history, then exit: every problem it carries also said on stderr.
 * Status 1 when a remote could not be read (the snapshot lacks a machine that was asked for).
 */
async function once(p: Pipeline, render: (m: ReturnType<Pipeline['monitor']['metrics']>) => string): Promise<number> {
  await p.readOfficial();
  await p.monitor.load();
  await p.monitor.remotesSynced();
  p.monitor.checkAlerts();
  const metrics = p.monitor.metrics();
  p.warn();
  await writeOut(render(metrics) + '\n');
  await p.close();
  return metrics.machines.some((m) => m.state === 'failed') ? 1 : 0;
}

/** The plain snapshot for a pipe; with no logs at all nothing but the reason, status 1 (the demo is for the screen). */
async function plain(p: Pipeline): Promise<number> {
  if (p.noLogs) {
    process.stderr.write(`cctop: ${p.noLogsMessage}, or --demo for made-up usage\n`);
    await p.close();
    return 1;
  }
  const { renderPlainText } = await import('../ui/views/plain-text.js');
  return once(p, (m) => renderPlainText(m, process.stdout.columns || 80));
}

/** `cctop serve`: no screen, the logs followed and `/metrics` served until a signal. */
async function serve(p: Pipeline): Promise<number> {
  const signalled = untilSignal();
  void p.live({ onFirstFrame: () => p.warn() });
  await signalled;
  await p.close();
  return 0;
}

/** `cctop mcp`: the read-only tools over stdio until the client closes it. */
async function mcp(p: Pipeline): Promise<number> {
  await (await import('./mcp.js')).runMcp(p);
  return 0;
}

async function store(options: Options, env: Env): Promise<number> {
  const [{ storeCommand }, { Monitor }, startup, { readPriceTable }] = await Promise.all([
    import('./store-command.js'), import('./monitor.js'), import('./startup.js'), import('../settings/price-file.js'),
  ]);
  const table = readPriceTable(options.pricingFile);
  const now = options.now ?? Date.now();
  return storeCommand(options, {
    write: writeOut,
    // A rebuild reads every file still on disk, whatever its age.
    monitorFor: (history) => new Monitor({
      roots: startup.rootsFor(options, env), settings: { ...startup.metricsSettings(options, table, now), historyStart: 0 },
      costMode: options.costMode, clock: () => now, history,
    }),
  });
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
