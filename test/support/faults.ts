import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { responseLines } from '../../src/demo/lines.js';
import { HistorySync } from '../../src/engine/history-sync.js';
import { Monitor } from '../../src/engine/monitor.js';
import { parseFlags, resolveOptions } from '../../src/settings/options.js';
import { metricsSettings } from '../../src/engine/startup.js';
import { bundledPriceTable } from '../../src/usage/pricing.js';
import type { RootsListing } from '../../src/logs/list-roots.js';
import { openStore } from '../../src/store/index.js';

/** The fixed clock of the fault suite: every response is timed before it. */
export const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const SINCE = '2026-11-01';

/** A temp folder for one test; `cleanup` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-faults-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A monitor over explicit roots with the fixed clock (history from 2026-11-01, UTC); `report`: as `--now` runs it. */
export function monitorOf(roots: string[], opts: { forcePolling?: boolean; report?: boolean; history?: HistorySync; listing?: Promise<RootsListing> } = {}): Monitor {
  const { report, ...rest } = opts;
  const at = report ? ['--now', new Date(NOW).toISOString()] : [];
  const options = resolveOptions(parseFlags(['--since', SINCE, '--tz', 'UTC', ...at]), {}, {}, 'UTC');
  return new Monitor({
    roots, settings: metricsSettings(options, bundledPriceTable, NOW), costMode: 'calculate', clock: () => NOW, ...rest,
  });
}

/** One run of cctop with the store at `storePath`: open it, load; `stop` closes both. */
export async function runWithStore(root: string, storePath: string, listing?: Promise<RootsListing>) {
  const { store } = openStore({ path: storePath });
  if (!store) throw new Error('no store');
  const monitor = monitorOf([root], { history: new HistorySync(store, 'local'), listing });
  await monitor.load();
  return { monitor, store, load: monitor.reader.imageLoad, stop: async () => { await monitor.close(); store.close(); } };
}

/** Σ of every day's total tokens, as the snapshot shows them. */
export function totalTokens(monitor: Monitor): number {
  return monitor.metrics().days.reduce((a, d) => a + d.tokens.total, 0);
}

/**
 * The lines of one response (streamed in `blocks` lines), `n` picking its ids and time.
 * Tokens: 10 in, `n`×1,000 out, 100 cache write, 1,000 cache read → `tokensOf(n)`.
 */
export function response(n: number, opts: { session?: string; blocks?: number; time?: number } = {}): string {
  return responseLines({
    sessionId: opts.session ?? 'session-1', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929',
    time: opts.time ?? NOW - (1 + n) * 60_000, messageId: `msg_${n}`, requestId: `req_${n}`,
    input: 10, output: n * 1000, cacheWrite: 100, cacheRead: 1000, blocks: opts.blocks ?? 2,
  }).join('');
}

export function tokensOf(...ns: number[]): number {
  return ns.reduce((a, n) => a + 10 + n * 1000 + 100 + 1000, 0);
}

export function append(file: string, text: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, text);
}

/** Polls `probe` until it returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts watching and waits until the watcher delivers events: a probe line without usage is
 * written to `probeFile` until the monitor has read it (the watcher's initial scan may still be
 * running when `load` returns).
 */
export async function loadWatching(monitor: Monitor, probeFile: string): Promise<void> {
  await monitor.load({ watch: true });
  const known = monitor.reader.filesKnown;
  const deadline = Date.now() + 10_000;
  while (monitor.reader.filesKnown === known) {
    if (Date.now() > deadline) throw new Error('the watcher never reported the probe file');
    append(probeFile, '{"type":"user","message":{"content":"probe"}}\n');
    await new Promise((r) => setTimeout(r, 100));
  }
}
