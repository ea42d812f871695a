// Dispatch: each command (one file each beside this one) loads on demand, with only the modules it uses.
import { ConfigError } from '../settings/config.js';
import { parseFlags, resolveOptions, UsageError, type Options } from '../settings/options.js';
import { readConfig, type Env } from '../settings/user-files.js';
import { systemTimeZone } from '../settings/system-zone.js';
import type { Pipeline } from '../engine/pipeline.js';

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
  if (options.mode === 'feed') return (await import('./feed.js')).feed(options, env);
  try {
    const startup = await import('../engine/startup.js');
    startup.quietOnClosedPipe(process.stdout);
    if (options.mode.startsWith('store-')) return await (await import('./store.js')).store(options, env);
    const listing = startup.listAhead(options, env);
    const { buildPipeline } = await import('../engine/pipeline.js');
    const screen = options.mode === 'monitor' && process.stdout.isTTY === true;
    return await run(await buildPipeline(options, env, { screen, listing }), options);
  } catch (err) {
    return fail(err);
  }
}

/** The modes that read the logs through one pipeline; `--metrics` serves beside any of them. */
async function run(p: Pipeline, options: Options): Promise<number> {
  // prom-client is imported only when metrics are served (~10 ms of every start otherwise).
  const metrics = options.metrics ? await (await import('./metrics.js')).startMetrics(p.monitor, options) : null;
  try {
    if (options.mode === 'json') return await (await import('./report.js')).json(p);
    if (options.mode === 'follow') return await (await import('./follow.js')).follow(p);
    if (options.mode === 'serve') return await (await import('./serve.js')).serve(p);
    if (options.mode === 'mcp') return await (await import('./mcp.js')).mcp(p);
    if (!process.stdout.isTTY) return await (await import('./report.js')).plain(p);
    return await (await (await import('./load-screen.js')).importScreen()).interactive(p, options);
  } finally {
    await metrics?.close();
  }
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
