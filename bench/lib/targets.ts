import { maxOf, mb, s, treeName, wallOf } from './format.js';
import type { TreeReport } from './report.js';
import { warmStoreShare } from './store-share.js';
import type { StartupRun } from './starts.js';
import { median, MiB, percentile } from './stats.js';

const RSS_BUDGET = 150 * MiB;

/** Every budget of DESIGN §6 and issues 11/12 the run measured, met or missed, with the figure. */
export function printTargets(reports: TreeReport[]): void {
  const lines = reports.flatMap((r) => [...coldTargets(r), ...warmTargets(r), ...liveTargets(r), ...rssTargets(r)]
    .map((t) => `${t.met ? 'met   ' : 'MISSED'} ${treeName(r)} ${t.name}: ${t.value}`));
  process.stdout.write(`\ntargets:\n  ${lines.join('\n  ')}\n`);
}

function coldTargets(r: TreeReport): Target[] {
  const cc = r.ccusage?.runs.length ? wallOf(r.ccusage) : null;
  const scan = wallOf(r.scan);
  const fresh = wallOf(r.scanFresh);
  const first = firstFrame(r.startup);
  const loaded = median(r.startup?.map((x) => x.loadedMs) ?? []);
  const lines: Target[] = [];
  if (cc !== null) lines.push(target('(1) cold scan (--no-store) ≤ 0.5× ccusage', scan <= 0.5 * cc, `${(scan / cc).toFixed(2)}×`));
  if (r.scanFresh) lines.push(target('(1) cold first run with a new store ≤ 1.10× --no-store', fresh <= 1.1 * scan, `${(fresh / scan).toFixed(2)}× (${s(fresh)} vs ${s(scan)})`));
  lines.push(target('(2) cold first frame (--no-store) < 0.5 s', first < 500, s(first)));
  if (r.startupFresh?.length) {
    const f = firstFrame(r.startupFresh);
    lines.push(target('(2) cold first frame with a new store ≤ 1.10× --no-store', f <= 1.1 * first, `${(f / first).toFixed(2)}× (${s(f)})`));
  }
  const pty = r.ptyFrames?.filter((f): f is number => f !== null) ?? [];
  if (pty.length) lines.push(target('(2s) cold screen first frame in a pty < 0.5 s', median(pty) < 0.5, `${median(pty).toFixed(2)} s`));
  if (cc !== null) lines.push(target('(2) cold whole default history (--no-store) < ccusage', loaded < cc, `${(loaded / cc).toFixed(2)}×`));
  return lines;
}

function warmTargets(r: TreeReport): Target[] {
  const lines: Target[] = [];
  const cc = r.ccusageWarm?.runs.length ? wallOf(r.ccusageWarm) : null;
  const warm = wallOf(r.scanWarm);
  if (cc !== null && r.scanWarm) lines.push(target('(1w) warm scan after appends ≤ 0.1× ccusage', warm <= 0.1 * cc, `${(warm / cc).toFixed(2)}× (${s(warm)} vs ${s(cc)})`));
  for (const [label, runs] of [['after appends', r.startupWarm], ['nothing new', r.startupWarmSame]] as const) {
    if (!runs?.length) continue;
    const first = firstFrame(runs);
    lines.push(target(`(2w) warm first frame (${label}) < 0.3 s`, first < 300, s(first)));
  }
  const pty = r.ptyFramesWarm?.filter((f): f is number => f !== null) ?? [];
  if (pty.length) lines.push(target('(2s) warm screen first frame in a pty < 0.3 s', median(pty) < 0.3, `${median(pty).toFixed(2)} s`));
  const share = warmStoreShare(r);
  if (share) lines.push(target('store ≤ 2 % of the log bytes', share.percent <= 2, `${share.percent.toFixed(2)} % (${mb(share.storeBytes)})`));
  return lines;
}

function liveTargets(r: TreeReport): Target[] {
  const lines: Target[] = [];
  if (r.appends) lines.push(target('(3) append p95 < 100 ms', percentile(r.appends.latenciesMs, 95) < 100, `${percentile(r.appends.latenciesMs, 95).toFixed(0)} ms`));
  if (r.idle) lines.push(target('(4) idle (--follow) < 0.5 % of a core', r.idle.percentOfCore < 0.5, `${r.idle.percentOfCore.toFixed(2)} %`));
  if (r.uiIdle) lines.push(target('(4) idle (screen, a minute after the last write) < 0.5 % of a core', r.uiIdle.quiet.percentOfCore < 0.5, `${r.uiIdle.quiet.percentOfCore.toFixed(2)} %`));
  return lines;
}

function rssTargets(r: TreeReport): Target[] {
  const starts = (runs: StartupRun[] | undefined) => runs?.map((x) => x.peakRss) ?? [];
  const scans = (x: TreeReport['scan']) => x?.runs.map((run) => run.peakRss) ?? [];
  const cold = maxOf([...scans(r.scan), ...scans(r.scanFresh), ...starts(r.startup), ...starts(r.startupFresh)]);
  const warm = maxOf([...scans(r.scanWarm), ...starts(r.startupWarm), ...starts(r.startupWarmSame)]);
  const lines = [target('peak RSS < 150 MB, cold runs (scans and starts, no store / new store)', cold < RSS_BUDGET, mb(cold))];
  if (r.scanWarm || r.startupWarm) lines.push(target('peak RSS < 150 MB, warm runs', warm < RSS_BUDGET, mb(warm)));
  if (r.livePeakRss) lines.push(target('peak RSS < 150 MB, the --follow that served (3) and (4)', r.livePeakRss < RSS_BUDGET, mb(r.livePeakRss)));
  return lines;
}

function firstFrame(runs: StartupRun[] | undefined): number {
  return median(runs?.map((x) => x.firstFrameMs) ?? []);
}

interface Target {
  name: string;
  met: boolean;
  value: string;
}

function target(name: string, met: boolean, value: string): Target {
  return { name, met, value };
}
