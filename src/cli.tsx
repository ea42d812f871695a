#!/usr/bin/env node
import { render } from 'ink';
import { ConfigError } from './app/config.js';
import { startDemo, type Demo } from './app/demo.js';
import { deliverAlerts } from './app/alert-output.js';
import { Monitor } from './app/monitor.js';
import { parseFlags, resolveOptions, UsageError, type Options } from './app/options.js';
import { candidateRoots, metricsSettings, readConfig, readPriceTable, rootsFor, type Env } from './app/startup.js';
import { PriceTableError } from './usage/pricing.js';
import { systemTimeZone } from './usage/calendar.js';
import { nextPlan } from './usage/plans.js';
import { snapshotJson } from './snapshot.js';
import { App } from './ui/App.js';
import { renderPlainText } from './ui/plain-text.js';
import { HELP_TEXT, VERSION } from './app/help.js';

async function main(argv: string[], env: Env): Promise<number> {
  let options: Options;
  try {
    const flags = parseFlags(argv);
    const config = readConfig(flags.values.config ?? null, env);
    options = resolveOptions(flags, config, env, systemTimeZone());
  } catch (err) {
    return fail(err);
  }
  if (options.mode === 'help') return print(HELP_TEXT);
  if (options.mode === 'version') return print(VERSION);
  if (options.mode === 'statusline') return fail(new UsageError('statusline: not built yet'));
  try {
    return await run(options, env);
  } catch (err) {
    return fail(err);
  }
}

async function run(options: Options, env: Env): Promise<number> {
  const table = readPriceTable(options.pricingFile);
  const fixed = options.now;
  const clock = fixed === null ? () => Date.now() : () => fixed;
  let roots = rootsFor(options, env);
  let demo: Demo | null = null;
  if (options.demo || (options.mode === 'monitor' && !options.roots && !(await hasLogs(roots)))) {
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
  if (options.mode === 'json') {
    await monitor.load();
    process.stdout.write(snapshotJson(monitor.metrics()) + '\n');
    return 0;
  }
  if (options.mode === 'follow') return follow(monitor);
  if (!process.stdout.isTTY) {
    await monitor.load();
    process.stdout.write(renderPlainText(monitor.metrics(), process.stdout.columns || 80) + '\n');
    await demo?.stop();
    return 0;
  }
  return interactive(monitor, options, demo);
}

/**
 * One compact JSON snapshot per line: the first as soon as today and the active window are
 * read (`loading.done` false while older history fills in), then at once on every change and
 * once a second otherwise.
 */
async function follow(monitor: Monitor): Promise<number> {
  let last = '';
  const emit = () => {
    const line = snapshotJson(monitor.metrics(), false);
    if (line !== last) process.stdout.write(line + '\n');
    last = line;
  };
  const timer = setInterval(() => monitor.tick(), 1000);
  await monitor.load({
    watch: true,
    onFirstFrame: () => {
      emit();
      monitor.subscribe(emit);
    },
  });
  await untilSignal();
  clearInterval(timer);
  await monitor.close();
  return 0;
}

async function interactive(monitor: Monitor, options: Options, demo: Demo | null): Promise<number> {
  const loading = monitor.load({ watch: true });
  const timer = setInterval(() => monitor.tick(), 1000);
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const actions = {
    cyclePlan: () => monitor.setPlan(nextPlan(monitor.plan)),
    quit: () => quit(),
  };
  const app = render(<App source={monitor} actions={actions} color={options.color} banner={demo?.banner ?? null} />, {
    exitOnCtrlC: false,
  });
  await Promise.race([quitting, untilSignal()]);
  clearInterval(timer);
  app.unmount();
  await Promise.allSettled([loading, monitor.close(), demo?.stop()]);
  return 0;
}

async function hasLogs(roots: readonly string[]): Promise<boolean> {
  const { resolveProjectsDirs, hasJsonlBelow } = await import('./logs/discover.js');
  const { dirs } = await resolveProjectsDirs([...roots]);
  for (const dir of dirs) if (await hasJsonlBelow(dir)) return true;
  return false;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}

function fail(err: unknown): number {
  const known = err instanceof UsageError || err instanceof ConfigError || err instanceof PriceTableError;
  process.stderr.write(`cctop: ${(err as Error).message}\n`);
  if (err instanceof UsageError) process.stderr.write('Try cctop --help\n');
  return known ? 2 : 1;
}

main(process.argv.slice(2), process.env).then((code) => process.exit(code));
