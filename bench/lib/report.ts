import { availableParallelism, cpus, freemem, release, totalmem } from 'node:os';
import type { GeneratedTree } from '../generate.js';
import type { AppendFigures, StartupFigures } from './live.js';
import type { RunResult } from './proc.js';
import type { ScanFigures } from './scan.js';
import { median, MiB, percentile } from './stats.js';

export interface TreeReport {
  tree: GeneratedTree;
  problems: string[];
  scan?: ScanFigures;
  /** The same scan with two scan workers forced (CCTOP_SCAN_WORKERS=2). */
  scanWorkers?: ScanFigures;
  startup?: StartupFigures[];
  appends?: AppendFigures;
  idle?: { cpuSeconds: number; percentOfCore: number } | null;
  uiIdle?: import('./live.js').UiIdle | null;
  livePeakRss?: number | null;
  ccusage?: RunResult[];
}

const RSS_BUDGET = 150 * MiB;

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const mem = `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free)`;
  return `machine: ${cpu}, ${availableParallelism()} cores, ${mem}, Linux ${release()}, node ${process.version}`;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number | null | undefined) => (bytes == null ? 'n/a' : `${(bytes / MiB).toFixed(0)} MB`);
const maxOf = (values: (number | null | undefined)[]) => Math.max(...values.map((v) => v ?? 0));

export function printScan(r: TreeReport, scan = r.scan, label = '(1) full scan'): void {
  const runs = scan?.runs ?? [];
  if (runs.length === 0) return void process.stdout.write(`  ${label} failed: ${scan?.problems.join('; ')}\n`);
  const wall = median(runs.map((x) => x.wallMs));
  const rate = r.tree.expected.bytes / MiB / (wall / 1000);
  process.stdout.write(`  ${label} --json --since ${r.tree.expected.firstDay}: ${s(wall)} wall (median of ${runs.length}, min ${s(Math.min(...runs.map((x) => x.wallMs)))}), ` +
    `${rate.toFixed(0)} MB/s, CPU ${median(runs.map((x) => x.cpuSeconds ?? 0)).toFixed(2)} s, peak RSS ${mb(maxOf(runs.map((x) => x.peakRss)))} ` +
    `${scan!.problems.length === 0 ? '✓ every day exact' : '✗ WRONG'}\n`);
}

export function printStartup(r: TreeReport): void {
  const runs = r.startup ?? [];
  const first = median(runs.map((x) => x.firstFrameMs));
  const loaded = median(runs.map((x) => x.loadedMs));
  const ok = runs.every((x) => x.problems.length === 0);
  process.stdout.write(`  (2) default start: first frame ${s(first)}${runs.every((x) => x.firstWasPartial) ? ' (history still loading)' : ''}, ` +
    `whole default history ${s(loaded)} (median of ${runs.length}), peak RSS ${mb(maxOf(runs.map((x) => x.peakRss)))} ${ok ? '✓ window, today, burn rate and days exact' : '✗ WRONG'}\n`);
  if (r.appends) {
    const l = r.appends.latenciesMs;
    process.stdout.write(`  (3) append latency, ${l.length} lines to ${r.tree.liveFiles.length} files: p50 ${percentile(l, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(l, 95).toFixed(0)} ms, max ${Math.max(...l).toFixed(0)} ms ${r.appends.problems.length === 0 ? '✓ totals exact' : '✗ WRONG'}\n`);
  }
  if (r.idle !== undefined) {
    process.stdout.write(r.idle ? `  (4) idle, --json --follow: ${r.idle.cpuSeconds.toFixed(2)} s CPU in the window = ${r.idle.percentOfCore.toFixed(2)} % of a core; peak RSS of the live process ${mb(r.livePeakRss)}\n` : '  (4) idle: n/a (no /proc)\n');
  }
  if (r.uiIdle !== undefined) {
    const u = r.uiIdle;
    process.stdout.write(u
      ? `  (4) idle, the screen (in a pty): right after start ${u.first.percentOfCore.toFixed(2)} % of a core (live: redraws every second); ` +
        `a minute after the last write ${u.quiet.cpuSeconds.toFixed(2)} s CPU in the window = ${u.quiet.percentOfCore.toFixed(2)} % of a core\n`
      : '  (4) idle, the screen: n/a (no script(1) or /proc)\n');
  }
}

/** Prints ccusage, the ratios, the targets and the correctness verdict; returns the exit code. */
export function report(reports: TreeReport[]): number {
  const problems: string[] = [];
  for (const r of reports) {
    const name = `${(r.tree.expected.bytes / MiB).toFixed(0)} MiB`;
    problems.push(...(r.scan?.problems ?? []).map((p) => `${name} (1): ${p}`));
    problems.push(...(r.scanWorkers?.problems ?? []).map((p) => `${name} (1, workers): ${p}`));
    for (const run of r.startup ?? []) problems.push(...run.problems.map((p) => `${name} (2): ${p}`));
    problems.push(...(r.appends?.problems ?? []).map((p) => `${name} (3): ${p}`));
    printCcusage(r, name);
  }
  printTargets(reports);
  if (problems.length === 0) {
    process.stdout.write('\ncorrectness: OK — every figure came with exact totals\n');
    return 0;
  }
  process.stdout.write(`\ncorrectness: FAILED\n  ${problems.join('\n  ')}\n`);
  return 1;
}

function printCcusage(r: TreeReport, name: string): void {
  if (!r.ccusage?.length) return;
  const cc = median(r.ccusage.map((x) => x.wallMs));
  const scan = median(r.scan?.runs.map((x) => x.wallMs) ?? []);
  const loaded = median(r.startup?.map((x) => x.loadedMs) ?? []);
  process.stdout.write(`\n${name}: (5) ccusage daily --json --offline: ${s(cc)} wall (median of ${r.ccusage.length}), CPU ${median(r.ccusage.map((x) => x.cpuSeconds ?? 0)).toFixed(2)} s, ` +
    `peak RSS ${mb(maxOf(r.ccusage.map((x) => x.peakRss)))}; cctop (1) = ${(scan / cc).toFixed(2)}× ccusage` +
    `${r.scanWorkers ? ` (${(median(r.scanWorkers.runs.map((x) => x.wallMs)) / cc).toFixed(2)}× with two scan workers)` : ''}, ` +
    `(2) whole history = ${(loaded / cc).toFixed(2)}×, first frame = ${(median(r.startup?.map((x) => x.firstFrameMs) ?? []) / cc).toFixed(2)}×\n`);
}

function printTargets(reports: TreeReport[]): void {
  const lines: string[] = [];
  for (const r of reports) {
    const name = `${(r.tree.expected.bytes / MiB).toFixed(0)} MiB`;
    const cc = r.ccusage?.length ? median(r.ccusage.map((x) => x.wallMs)) : null;
    const scan = median(r.scan?.runs.map((x) => x.wallMs) ?? []);
    const first = median(r.startup?.map((x) => x.firstFrameMs) ?? []);
    const loaded = median(r.startup?.map((x) => x.loadedMs) ?? []);
    if (cc !== null) lines.push(target(`${name} (1) scan ≤ 0.5× ccusage`, scan <= 0.5 * cc, `${(scan / cc).toFixed(2)}×`));
    lines.push(target(`${name} (2) first frame < 0.5 s`, first < 500, s(first)));
    if (cc !== null) lines.push(target(`${name} (2) whole history < ccusage`, loaded < cc, `${(loaded / cc).toFixed(2)}×`));
    if (r.appends) lines.push(target(`${name} (3) append p95 < 100 ms`, percentile(r.appends.latenciesMs, 95) < 100, `${percentile(r.appends.latenciesMs, 95).toFixed(0)} ms`));
    if (r.idle) lines.push(target(`${name} (4) idle (--follow) < 0.5 % of a core`, r.idle.percentOfCore < 0.5, `${r.idle.percentOfCore.toFixed(2)} %`));
    if (r.uiIdle) lines.push(target(`${name} (4) idle (screen, a minute after the last write) < 0.5 % of a core`, r.uiIdle.quiet.percentOfCore < 0.5, `${r.uiIdle.quiet.percentOfCore.toFixed(2)} %`));
    const rss = maxOf([...(r.scan?.runs.map((x) => x.peakRss) ?? []), ...(r.startup?.map((x) => x.peakRss) ?? []), r.livePeakRss]);
    lines.push(target(`${name} peak RSS < 150 MB`, rss < RSS_BUDGET, mb(rss)));
  }
  process.stdout.write(`\ntargets:\n  ${lines.join('\n  ')}\n`);
}

function target(name: string, met: boolean, value: string): string {
  return `${met ? 'met   ' : 'MISSED'} ${name}: ${value}`;
}
