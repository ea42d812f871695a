import { availableParallelism, cpus, freemem, loadavg, release, totalmem } from 'node:os';
import type { GeneratedTree } from '../generate.js';
import type { AppendFigures, UiIdle } from './live.js';
import type { CcusageFigures, ScanFigures } from './scan.js';
import type { StartupRun } from './starts.js';
import { median, MiB, percentile } from './stats.js';
import { maxOf, mb, s, treeName, wallOf } from './format.js';
import { printTargets } from './targets.js';

export interface TreeReport {
  /** The tree's size as generated (appends add a few MB). */
  name: string;
  tree: GeneratedTree;
  problems: string[];
  /** The load average at each phase's start (the VM is shared). */
  loads: string[];
  /** Cold, `--no-store` (as before the store). */
  scan?: ScanFigures;
  /** Cold, the first run with a new store file (the store is written during the run). */
  scanFresh?: ScanFigures;
  /** Cold, `--no-store`, without scan workers (CCTOP_SCAN_WORKERS=0): what the workers gain. */
  scanNoWorkers?: ScanFigures;
  /** Cold, `--no-store`, one scan worker whatever the load (CCTOP_SCAN_WORKERS=1). */
  scanOneWorker?: ScanFigures;
  /** Warm: a cold run's store, after appends. */
  scanWarm?: ScanFigures;
  startup?: StartupRun[];
  startupFresh?: StartupRun[];
  startupWarm?: StartupRun[];
  /** Warm, nothing new since the last run. */
  startupWarmSame?: StartupRun[];
  appends?: AppendFigures;
  idle?: { cpuSeconds: number; percentOfCore: number } | null;
  uiIdle?: UiIdle | null;
  /** The screen's first frame with the window exact, in a pty (seconds; null: not measured), cold and warm. */
  ptyFrames?: (number | null)[];
  ptyFramesWarm?: (number | null)[];
  livePeakRss?: number | null;
  /** ccusage interleaved with the cold scans, and with the warm ones. */
  ccusage?: CcusageFigures;
  ccusageWarm?: CcusageFigures;
  /** The warm store's bytes after every warm run. */
  storeBytes?: number;
}

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const mem = `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free)`;
  return `machine: ${cpu}, ${availableParallelism()} cores, ${mem}, Linux ${release()}, node ${process.version}, load ${loadNow()}`;
}

/** The 1, 5 and 15-minute load averages, as `uptime` prints them. */
export function loadNow(): string {
  return loadavg().map((x) => x.toFixed(2)).join(', ');
}

export function printScan(r: TreeReport, scan: ScanFigures | undefined, label: string): void {
  const runs = scan?.runs ?? [];
  if (runs.length === 0) return void process.stdout.write(`  ${label} failed: ${scan?.problems.join('; ')}\n`);
  const wall = median(runs.map((x) => x.wallMs));
  const rate = median(scan!.treeBytes) / MiB / (wall / 1000);
  const appended = median(scan!.appendedBytes);
  process.stdout.write(`  ${label}${appended > 0 ? ` (${(appended / MiB).toFixed(2)} MB appended before each)` : ''}: ${s(wall)} wall ` +
    `(median of ${runs.length}, min ${s(Math.min(...runs.map((x) => x.wallMs)))}), ${rate.toFixed(0)} MB/s, ` +
    `CPU ${median(runs.map((x) => x.cpuSeconds ?? 0)).toFixed(2)} s, peak RSS ${mb(maxOf(runs.map((x) => x.peakRss)))}, ` +
    `read ${(median(scan!.bytesRead) / MiB).toFixed(1)} MB of logs ` +
    `${scan!.problems.length === 0 ? `✓ every day exact in every run` : '✗ WRONG'}\n`);
}

export function printStarts(label: string, runs: readonly StartupRun[]): void {
  if (runs.length === 0) return;
  const ok = runs.every((x) => x.problems.length === 0);
  process.stdout.write(`  ${label}: first frame ${s(median(runs.map((x) => x.firstFrameMs)))}${runs.every((x) => x.firstWasPartial) ? ' (history still loading)' : ''}, ` +
    `whole default history ${s(median(runs.map((x) => x.loadedMs)))} (median of ${runs.length}), peak RSS ${mb(maxOf(runs.map((x) => x.peakRss)))} ` +
    `${ok ? '✓ window, today, burn rate and days exact' : '✗ WRONG'}\n`);
}

/** The pty first frames: their median, or what kept them from being measured. */
export function printPtyFrames(label: string, frames: readonly (number | null)[] | undefined): void {
  if (!frames?.length) return;
  const got = frames.filter((f): f is number => f !== null);
  process.stdout.write(got.length === frames.length
    ? `  ${label}: ${median(got).toFixed(2)} s from the spawn to the frame showing the active window's tokens (median of ${got.length}) ✓\n`
    : `  ${label}: n/a (${frames.length - got.length} of ${frames.length} never showed the window; no script(1)?)\n`);
}

export function printStartup(r: TreeReport): void {
  printStarts('(2) cold default start, --no-store', r.startup ?? []);
  printPtyFrames('(2s) cold screen first frame in a pty, --no-store', r.ptyFrames);
  printStarts('(2) cold default start, a new store file', r.startupFresh ?? []);
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
    problems.push(...problemsOf(r).map((p) => `${treeName(r)} ${p}`));
    printCcusage(r);
  }
  printTargets(reports);
  for (const r of reports) process.stdout.write(`\n${treeName(r)} load averages (1, 5, 15 min): ${r.loads.join(' · ')}\n`);
  if (problems.length === 0) {
    process.stdout.write('\ncorrectness: OK — every figure came with exact totals\n');
    return 0;
  }
  process.stdout.write(`\ncorrectness: FAILED\n  ${problems.join('\n  ')}\n`);
  return 1;
}

function problemsOf(r: TreeReport): string[] {
  const scans: [string, ScanFigures | undefined][] = [['(1)', r.scan], ['(1, new store)', r.scanFresh], ['(1, no workers)', r.scanNoWorkers], ['(1, one worker)', r.scanOneWorker], ['(1w)', r.scanWarm]];
  const starts: [string, StartupRun[] | undefined][] = [['(2)', r.startup], ['(2, new store)', r.startupFresh], ['(2w)', r.startupWarm], ['(2w, nothing new)', r.startupWarmSame]];
  return [
    ...scans.flatMap(([name, scan]) => (scan?.problems ?? []).map((p) => `${name}: ${p}`)),
    ...starts.flatMap(([name, runs]) => (runs ?? []).flatMap((run) => run.problems.map((p) => `${name}: ${p}`))),
    ...(r.appends?.problems ?? []).map((p) => `(3): ${p}`),
  ];
}

function printCcusage(r: TreeReport): void {
  for (const [label, cc, scans] of [['cold', r.ccusage, [r.scan, r.scanFresh]], ['warm', r.ccusageWarm, [r.scanWarm]]] as const) {
    if (!cc?.runs.length) continue;
    const wall = wallOf(cc);
    const exact = cc.totals.every((t) => t.got === t.want) ? 'its totals equal the tree\'s' : `its totals differ from the tree's (${cc.totals.map((t) => `${t.got} vs ${t.want}`).join(', ')})`;
    const ratios = scans.map((x) => `${(wallOf(x) / wall).toFixed(2)}×`).join(' / ');
    process.stdout.write(`\n${treeName(r)}: (5) ccusage daily --json --offline, interleaved with the ${label} scans: ${s(wall)} wall (median of ${cc.runs.length}), ` +
      `CPU ${median(cc.runs.map((x) => x.cpuSeconds ?? 0)).toFixed(2)} s, peak RSS ${mb(maxOf(cc.runs.map((x) => x.peakRss)))}, ${exact}; ` +
      `cctop ${label} scan${scans.length > 1 ? 's (no store / new store)' : ''} = ${ratios} ccusage\n`);
  }
}
