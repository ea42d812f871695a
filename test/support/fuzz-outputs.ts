import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMetricsRegistry } from '../../src/export/index.js';
import { createMcpServer } from '../../src/mcp/index.js';
import { deliverAlerts } from '../../src/engine/alert-output.js';
import { Monitor } from '../../src/engine/monitor.js';
import { snapshotJson, toSnapshot } from '../../src/snapshot/snapshot.js';
import { metricsSettings } from '../../src/engine/startup.js';
import { parseFlags, resolveOptions, type Options } from '../../src/settings/options.js';
import { parseOfficialRecords, type OfficialReading } from '../../src/state/official-record.js';
import { parseStatuslineInput, readingOf } from '../../src/statusline/statusline-input.js';
import { statuslineText } from '../../src/statusline/statusline-line.js';
import { transcriptBurn } from '../../src/statusline/transcript-burn.js';
import { renderPlainText } from '../../src/ui/views/plain-text.js';
import { bundledPriceTable } from '../../src/usage/pricing.js';
import type { LogTree } from './fuzz-lines.js';
import type { Metrics } from '../../src/engine/types.js';

/**
 * The outputs of cctop driven in-process for the fuzz suite, each through its public function:
 * the monitor over a log tree (the pipeline the commands use), the `--json` snapshot, the plain
 * snapshot, the alert log, `/metrics`, the MCP tools and the statusline line. Every import of
 * src/ the fuzz suite makes is here (the screen's are in fuzz-screen.tsx), so a moved module
 * is a change of one line.
 */

/** A log tree on disk, in a fresh temp folder; `remove()` when done. */
export interface TreeOnDisk {
  root: string;
  /** The first file (a transcript for the statusline). */
  firstFile: string;
  remove(): void;
}

/** Writes `tree` as `<root>/projects/<folder>/<name>-<n>.jsonl`. */
export function writeTree(tree: LogTree): TreeOnDisk {
  const root = mkdtempSync(join(tmpdir(), 'cctop-fuzz-'));
  const folder = join(root, 'projects', tree.folder);
  mkdirSync(folder, { recursive: true });
  const files = tree.files.map(({ name, lines }, n) => {
    const file = join(folder, `${name}-${n}.jsonl`);
    writeFileSync(file, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
    return file;
  });
  return { root, firstFile: files[0]!, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The options of a run: these flags at the fuzz clock. */
export function fuzzOptions(flags: readonly string[], now: number): Options {
  return resolveOptions(parseFlags([...flags, '--now', new Date(now).toISOString()]), {}, {}, 'UTC');
}

/** A statusline call: the line it prints (with colour or without), and the reading it records. */
export function statusline(input: string, options: Options, color: boolean): { line: string; reading: OfficialReading | null } {
  const parsed = parseStatuslineInput(input);
  if (!parsed) return { line: 'cctop', reading: null };
  const now = options.now!;
  const reading = readingOf(parsed, now);
  const pricing = { table: bundledPriceTable, priceMultiplier: options.priceMultiplier, costMode: options.costMode };
  const burn = parsed.transcript_path ? transcriptBurn(parsed.transcript_path, now, options.burnWindowMinutes, pricing) : null;
  return { line: statuslineText({ reading, costPerHour: burn?.costPerHour ?? null, now, color }), reading };
}

/** The monitor over one tree, loaded, its alerts fired into an alert log beside the tree. */
export interface LoadedRun {
  monitor: Monitor;
  metrics: Metrics;
  /** The alert log's text (empty when nothing fired). */
  alertLog(): string;
  close(): Promise<void>;
}

/** The readings of state-file lines, as the monitor reads them from limits.jsonl. */
export function stateReadings(lines: readonly string[]): OfficialReading[] {
  return parseOfficialRecords(lines.map((line) => `${line}\n`).join(''));
}

export async function loadRun(tree: TreeOnDisk, options: Options, readings: readonly OfficialReading[]): Promise<LoadedRun> {
  const now = options.now!;
  const log = join(tree.root, 'alerts.log');
  const out = { bell: false, alertLog: log, write: () => {}, onError: (message: string) => { throw new Error(message); } };
  const monitor = new Monitor({
    roots: [tree.root], settings: metricsSettings(options, bundledPriceTable, now), costMode: options.costMode, clock: () => now,
    onAlerts: (alerts, metrics) => deliverAlerts(alerts, metrics, out),
  });
  monitor.setOfficialReadings(readings);
  await monitor.load();
  monitor.checkAlerts();
  const alertLog = () => {
    try {
      return readFileSync(log, 'utf8');
    } catch {
      return '';
    }
  };
  return { monitor, metrics: monitor.metrics(), alertLog, close: () => monitor.close() };
}

/** The `--json` snapshot, pretty (as printed) and compact (as `--follow` writes it). */
export function jsonOutputs(metrics: Metrics): string[] {
  return [snapshotJson(metrics), snapshotJson(metrics, false)];
}

/** The plain snapshot at `width` columns. */
export function plainOutput(metrics: Metrics, width: number): string {
  return renderPlainText(metrics, width);
}

/** `/metrics` as one scrape serves it (with the opt-in project label). */
export function metricsOutput(metrics: Metrics): Promise<string> {
  return createMetricsRegistry(() => toSnapshot(metrics), { machine: 'fuzz', labels: ['project'] }).metrics();
}

/** Every MCP tool's answer (text and whether it is an error), over an in-memory client. */
export async function mcpOutputs(metrics: Metrics, days: { from?: string; to?: string }, sessions: { limit?: number; only?: 'active' | 'spiking' }): Promise<CallToolResult[]> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const snapshot = toSnapshot(metrics);
  await createMcpServer(() => snapshot).connect(serverSide);
  const client = new Client({ name: 'cctop-fuzz', version: '1.0.0' });
  await client.connect(clientSide);
  try {
    const calls: [string, Record<string, unknown>][] = [['window_status', {}], ['window_history', {}], ['burn_rate', {}], ['month_summary', {}], ['days', days], ['sessions', sessions]];
    const results: CallToolResult[] = [];
    for (const [name, args] of calls) results.push(await client.callTool({ name, arguments: args }) as CallToolResult);
    return results;
  } finally {
    await client.close();
  }
}
