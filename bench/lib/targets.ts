import { maxOf, mb, s, treeName, wallOf } from './format.js';
import type { TreeReport } from './report.js';
import { rssModes, type RssScale } from './rss-scale.js';
import { warmStoreShare } from './store-share.js';
import type { StartupRun } from './starts.js';
import { median, MiB, percentile } from './stats.js';

const RSS_BUDGET = 150 * MiB;

/**
 * Every budget of DESIGN §6 and issues 11/12/21 the run measured, met or missed: each line
 * gives the figure, the budget and, where ccusage ran beside it, the figure's ratio to ccusage's.
 */
export function printTargets(reports: TreeReport[]): void {
  const lines = reports.flatMap((r) => [...coldTargets(r), ...warmTargets(r), ...liveTargets(r), ...rssTargets(r)]
    .map((t) => `${t.met ? 'met   ' : 'MISSED'} ${treeName(r)} ${t.name}: ${t.value}`));
  process.stdout.write(`\ntargets:\n  ${lines.join('\n  ')}\n`);
}

/** Issue 21's cold budgets against ccusage: the scan (goal 0.5×), and what a store may add. */
const COLD_SCAN_BUDGET = 0.75;
const COLD_SCAN_GOAL = 0.5;

function coldTargets(r: TreeReport): Target[] {
  const cc = r.ccusage?.runs.length ? wallOf(r.ccusage) : null;
  const scan = wallOf(r.scan);
  const fresh = wallOf(r.scanFresh);
  const first = firstFrame(r.startup);
  const loaded = median(r.startup?.map((x) => x.loadedMs) ?? []);
  const vsCc = (ms: number) => (cc === null ? '' : `; ${(ms / cc).toFixed(2)}× ccusage (${s(cc)})`);
  const lines: Target[] = [];
  if (cc !== null) {
    const ratio = scan / cc;
    const by = ratio <= COLD_SCAN_BUDGET ? '' : `, over by ${(ratio - COLD_SCAN_BUDGET).toFixed(2)}× (${s(scan - COLD_SCAN_BUDGET * cc)})`;
    lines.push(target(`(1) cold --json full scan, --no-store ≤ ${COLD_SCAN_BUDGET}× ccusage (goal ${COLD_SCAN_GOAL}×)`, ratio <= COLD_SCAN_BUDGET,
      `${s(scan)} = ${ratio.toFixed(2)}× ccusage (${s(cc)})${by}${ratio <= COLD_SCAN_GOAL ? ', goal met' : ''}`));
  }
  if (r.scanFresh) lines.push(target('(1) cold first run with a new store ≤ 1.10× --no-store', fresh <= 1.1 * scan, `${(fresh / scan).toFixed(2)}× (${s(fresh)} vs ${s(scan)})${vsCc(fresh)}`));
  if (r.scanNoWorkers?.runs.length) {
    const none = wallOf(r.scanNoWorkers);
    lines.push(target('(1) cold scan, the default (scan workers) ≤ without them (CCTOP_SCAN_WORKERS=0)', scan <= none,
      `${s(scan)} vs ${s(none)} = ${(scan / none).toFixed(2)}×${cc === null ? '' : `; without them ${(none / cc).toFixed(2)}× ccusage`}`));
  }
  if (r.scanOneWorker?.runs.length && cc !== null) {
    const one = wallOf(r.scanOneWorker);
    lines.push(target(`(1) cold --json full scan, one worker forced ≤ ${COLD_SCAN_BUDGET}× ccusage`, one <= COLD_SCAN_BUDGET * cc, `${s(one)} = ${(one / cc).toFixed(2)}× ccusage`));
  }
  lines.push(target('(2) cold first frame (--no-store) < 0.5 s', first < 500, `${s(first)}${vsCc(first)}`));
  if (r.startupFresh?.length) {
    const f = firstFrame(r.startupFresh);
    lines.push(target('(2) cold first frame with a new store ≤ 1.10× --no-store', f <= 1.1 * first, `${(f / first).toFixed(2)}× (${s(f)})`));
  }
  const pty = r.ptyFrames?.filter((f): f is number => f !== null) ?? [];
  if (pty.length) lines.push(target('(2s) cold screen first frame in a pty < 0.5 s', median(pty) < 0.5, `${median(pty).toFixed(2)} s${vsCc(median(pty) * 1000)}`));
  if (cc !== null) lines.push(target('(2) cold whole default history (--no-store) < ccusage', loaded < cc, `${(loaded / cc).toFixed(2)}×`));
  return lines;
}

/** Issue 21: warm `--json` after appends within 0.1× of ccusage's time at 2 GB, 0.25× at 256 MB. */
function warmScanBudget(r: TreeReport): number {
  return r.tree.expected.bytes >= 2 ** 30 ? 0.1 : 0.25;
}

function warmTargets(r: TreeReport): Target[] {
  const lines: Target[] = [];
  const cc = r.ccusageWarm?.runs.length ? wallOf(r.ccusageWarm) : null;
  const warm = wallOf(r.scanWarm);
  const budget = warmScanBudget(r);
  if (cc !== null && r.scanWarm) {
    // The first warm run of a store leaves the image the others restore (once per quarter day in use).
    const building = r.scanWarm.runs[0]?.wallMs;
    const first = building === undefined ? '' : `; the first, which leaves the image, ${s(building)}`;
    lines.push(target(`(1w) warm scan after appends ≤ ${budget}× ccusage`, warm <= budget * cc, `${(warm / cc).toFixed(2)}× (${s(warm)} vs ${s(cc)}${first})`));
  }
  for (const [label, runs] of [['after appends', r.startupWarm], ['nothing new', r.startupWarmSame]] as const) {
    if (!runs?.length) continue;
    const first = firstFrame(runs);
    lines.push(target(`(2w) warm first frame (${label}) < 0.3 s`, first < 300, s(first)));
  }
  const pty = r.ptyFramesWarm?.filter((f): f is number => f !== null) ?? [];
  if (pty.length) lines.push(target('(2s) warm screen first frame in a pty < 0.25 s', median(pty) < 0.25, `${median(pty).toFixed(2)} s`));
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
  const cc = r.ccusage?.runs.length ? maxOf(r.ccusage.runs.map((x) => x.peakRss)) : null;
  const cold = maxOf([...scans(r.scan), ...scans(r.scanFresh), ...starts(r.startup), ...starts(r.startupFresh)]);
  const warm = maxOf([...scans(r.scanWarm), ...starts(r.startupWarm), ...starts(r.startupWarmSame)]);
  const lines = [rssTarget('peak RSS < 150 MB, cold runs (scans and starts, no store / new store)', cold, cc)];
  if (r.scanWarm || r.startupWarm) lines.push(rssTarget('peak RSS < 150 MB, warm runs', warm, cc));
  if (r.livePeakRss) lines.push(rssTarget('peak RSS < 150 MB, the --follow that served (3) and (4)', r.livePeakRss, cc));
  return lines;
}

/** (7): every mode's peak RSS on the large tree, against the budget and ccusage's on the same tree. */
export function printRssScaleTargets(r: RssScale): void {
  const cc = r.ccusage?.runs.length ? maxOf(r.ccusage.runs.map((x) => x.peakRss)) : null;
  const lines = rssModes(r).map(({ mode, peakRss }) => (peakRss === null
    ? `MISSED ${r.name} (7) peak RSS < 150 MB, ${mode}: the run failed`
    : (({ met, name, value }) => `${met ? 'met   ' : 'MISSED'} ${r.name} ${name}: ${value}`)(rssTarget(`(7) peak RSS < 150 MB, ${mode}`, peakRss, cc))));
  process.stdout.write(`\ntargets, peak RSS at scale:\n  ${lines.join('\n  ')}\n`);
}

function rssTarget(name: string, peak: number, ccusage: number | null): Target {
  const over = peak < RSS_BUDGET ? '' : `, over by ${mb(peak - RSS_BUDGET)}`;
  return target(name, peak < RSS_BUDGET, `${mb(peak)}${over}${ccusage ? `; ${(peak / ccusage).toFixed(2)}× ccusage (${mb(ccusage)})` : ''}`);
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
