/**
 * `npm run bench`: generates Claude Code-shaped trees, then measures cctop on them and checks
 * every answer against the generator's own sums (a fast wrong answer fails the run):
 *   (1) full-history scan, (2) default start, (3) append latency, (4) idle CPU, (5) ccusage,
 *   (6) remote roots over a private sshd (bench/remote.ts; skipped, saying why, without sshd),
 *   (7) peak RSS of every mode on a 4 GB tree (issue 21's budget: < 150 MB);
 * each cold (`--no-store`, and a first run with a new store file) and warm (the store of a cold
 * run, after ~1 MB appended to the running sessions; the expected sums take the appends in).
 * The cold scans run beside ccusage and beside the same scan without worker threads
 * (CCTOP_SCAN_WORKERS=0) and with one whatever the load (=1), interleaved run by run: by
 * default cctop starts a worker only where a core is idle. Every run names its store; home and XDG
 * folders are temporary. The targets list every budget with its figure and ratio to ccusage.
 *
 *   npm run bench [-- --size 2GB] [--small 512MB|none] [--rss-size 4GB|none] [--quick] [--runs 5] [--seed 1]
 *                 [--grow 1MB] [--keep] [--remote (phase 6 alone)] [--remote-appends 30]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree, parseSize, type GeneratedTree } from './generate.js';
import { isolatedEnv, launcher, storeArgs, type FollowSession, type Launcher } from './lib/cctop.js';
import { ptyFirstFrame } from './lib/pty-frame.js';
import { appendLatency, idleCpu, uiIdleCpu, type FollowMark } from './lib/live.js';
import { loadNow, machine, printScan, printStartup, report, type TreeReport } from './lib/report.js';
import { printWarm } from './lib/report-store.js';
import { addCcusage, addScan, ccusageCommand, ccusageScan, fullScan, storeSize } from './lib/scan.js';
import { peakRssOf } from './lib/proc.js';
import { startups } from './lib/starts.js';
import { statuslineLatency } from './lib/statusline.js';
import { TreeGrower } from './tree/grow.js';
import { remoteBench } from './remote.js';
import { rssScale, rssScaleProblems, type RssScale } from './lib/rss-scale.js';
import { printRssScaleTargets } from './lib/targets.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Settings {
  size: number;
  small: number | null;
  /** The tree of phase (7), or null to skip it. */
  rssSize: number | null;
  runs: number;
  seed: number;
  keep: boolean;
  idleSeconds: number;
  appends: number;
  /** Bytes appended to the running sessions before each warm run. */
  growBytes: number;
  /** Only phase (6), and how many appends it makes per mode. */
  remoteOnly: boolean;
  remoteAppends: number;
}

function settings(): Settings {
  const { values: v } = parseArgs({
    options: {
      size: { type: 'string' }, small: { type: 'string' }, 'rss-size': { type: 'string' }, quick: { type: 'boolean' }, runs: { type: 'string' },
      seed: { type: 'string', default: '1' }, keep: { type: 'boolean' }, idle: { type: 'string' }, appends: { type: 'string' }, grow: { type: 'string' },
      remote: { type: 'boolean' }, 'remote-appends': { type: 'string' },
    },
  });
  const quick = v.quick ?? false;
  const small = v.small ?? (quick ? 'none' : '512MB');
  const rssSize = v['rss-size'] ?? (quick ? 'none' : '4GB');
  return {
    size: parseSize(v.size ?? (quick ? '64MB' : '2GB')),
    small: small === 'none' ? null : parseSize(small),
    rssSize: rssSize === 'none' ? null : parseSize(rssSize),
    runs: Number(v.runs ?? (quick ? 2 : 5)),
    seed: Number(v.seed),
    keep: v.keep ?? false,
    idleSeconds: Number(v.idle ?? (quick ? 10 : 30)),
    appends: Number(v.appends ?? 200),
    growBytes: parseSize(v.grow ?? '1MB'),
    remoteOnly: v.remote ?? false,
    remoteAppends: Number(v['remote-appends'] ?? (quick ? 10 : 30)),
  };
}

interface Bench {
  l: Launcher;
  ccusage: string | null;
  env: NodeJS.ProcessEnv;
  work: string;
  s: Settings;
}

async function main(): Promise<number> {
  const s = settings();
  const work = mkdtempSync(join(tmpdir(), 'cctop-bench-'));
  const l = launcher(REPO, work);
  const ccusage = ccusageCommand(REPO);
  const b: Bench = { l, ccusage, env: isolatedEnv(join(work, 'home')), work, s };
  process.stdout.write(`${machine()}\ncctop: ${l.label}${l.stale ? '  (WARNING: src/ is newer than dist/: run npm run build)' : ''}\n`);
  if (s.remoteOnly) return remoteOnly(b);
  process.stdout.write(`ccusage: ${ccusage ?? 'not installed (npm i --no-save ccusage@20.0.24 @ccusage/ccusage-linux-x64@20.0.24)'}\n\n`);
  const reports: TreeReport[] = [];
  let remote = 0;
  let scale: RssScale | null = null;
  try {
    reports.push(await benchTree(b, s.size, true));
    if (s.small !== null) reports.push(await benchTree({ ...b, s: { ...s, runs: Math.min(s.runs, 3) } }, s.small, false));
    const status = statuslineLatency(l, REPO, join(work, 'statusline-home'));
    process.stdout.write(`\ncctop statusline (30 calls, as after each response): p50 ${status.p50.toFixed(0)} ms, p95 ${status.p95.toFixed(0)} ms ` +
      `(node -e 0 alone: ${status.nodeP50.toFixed(0)} ms; target p95 < 100 ms: ${status.p95 < 100 ? 'met' : 'MISSED'}) · "${status.line}"\n`);
    remote = await remoteBench(l, REPO, work, s.remoteAppends);
    if (s.rssSize !== null) scale = await rssPhase(b, s.rssSize);
  } finally {
    cleanUp(b);
  }
  const scaleProblems = scale ? rssScaleProblems(scale) : [];
  for (const p of scaleProblems) process.stdout.write(`correctness: ${scale!.name} ${p}\n`);
  return report(reports) || remote || (scaleProblems.length > 0 ? 1 : 0);
}

/** (7) Peak RSS of every mode on one large tree, once each; the tree is removed after. */
async function rssPhase(b: Bench, size: number): Promise<RssScale> {
  const out = join(b.work, `tree-rss-${size}`);
  const tree = generate(out, size, b.s.seed);
  process.stdout.write(`\n(7) peak RSS at ${(tree.expected.bytes / 2 ** 20).toFixed(0)} MiB [load ${loadNow()}]\n`);
  const scale = await rssScale(b.l, tree, b.env, b.ccusage, b.work);
  printRssScaleTargets(scale);
  if (!b.s.keep) rmSync(out, { recursive: true, force: true });
  return scale;
}

async function remoteOnly(b: Bench): Promise<number> {
  try {
    return await remoteBench(b.l, REPO, b.work, b.s.remoteAppends);
  } finally {
    cleanUp(b);
  }
}

function cleanUp(b: Bench): void {
  if (!b.s.keep) rmSync(b.work, { recursive: true, force: true });
  else process.stdout.write(`kept ${b.work}\n`);
}

/** Cold runs (no store, then a fresh store), then warm ones (the store of a cold run, after appends); ccusage beside both. */
async function benchTree(b: Bench, size: number, live: boolean): Promise<TreeReport> {
  const tree = generate(join(b.work, `tree-${size}`), size, b.s.seed);
  const r: TreeReport = { name: `${(tree.expected.bytes / 2 ** 20).toFixed(0)} MiB`, tree, problems: [], loads: [] };
  const stores = join(b.work, `stores-${size}`);
  mkdirSync(stores);
  const grower = new TreeGrower(tree, b.s.seed + 1_000_000);
  await coldScans(b, r, stores);
  await coldStarts(b, r, stores, grower, live);
  await warmRuns(b, r, join(stores, `scan-fresh-${b.s.runs - 1}.sqlite`), grower);
  return r;
}

/**
 * (1) with `--no-store` (as before the store), with a new store file each run, and without
 * scan workers (CCTOP_SCAN_WORKERS=0), interleaved run by run with ccusage.
 */
async function coldScans(b: Bench, r: TreeReport, stores: string): Promise<void> {
  noteLoad(r, 'cold scans');
  for (let i = 0; i < b.s.runs; i++) {
    r.scan = addScan(r.scan, await fullScan(b.l, r.tree, b.env, 1, { store: () => null, first: i }));
    if (b.ccusage) r.ccusage = addCcusage(r.ccusage, await ccusageScan(b.ccusage, r.tree, b.env, 1));
    r.scanFresh = addScan(r.scanFresh, await fullScan(b.l, r.tree, b.env, 1, { store: () => join(stores, `scan-fresh-${i}.sqlite`), first: i }));
    r.scanNoWorkers = addScan(r.scanNoWorkers, await fullScan(b.l, r.tree, { ...b.env, CCTOP_SCAN_WORKERS: '0' }, 1, { store: () => null, first: i }));
    r.scanOneWorker = addScan(r.scanOneWorker, await fullScan(b.l, r.tree, { ...b.env, CCTOP_SCAN_WORKERS: '1' }, 1, { store: () => null, first: i }));
  }
  printScan(r, r.scan, '(1) cold full scan, --no-store');
  printScan(r, r.scanFresh, '(1) cold first run, a new store file');
  printScan(r, r.scanNoWorkers, '(1) cold full scan, --no-store, without scan workers (CCTOP_SCAN_WORKERS=0)');
  printScan(r, r.scanOneWorker, '(1) cold full scan, --no-store, one scan worker whatever the load (CCTOP_SCAN_WORKERS=1)');
}

/** (2) default start without a store and with a new one; the last store-less start serves (3) and (4). */
async function coldStarts(b: Bench, r: TreeReport, stores: string, grower: TreeGrower, live: boolean): Promise<void> {
  noteLoad(r, 'cold starts');
  const runs = startRuns(b.s);
  const liveFigures = async (session: FollowSession, mark: FollowMark) => {
    r.appends = await appendLatency(session, r.tree, grower, b.s.appends, mark);
    r.idle = await idleCpu(session, b.s.idleSeconds);
    r.livePeakRss = peakRssOf(session.pid);
  };
  r.startup = [];
  r.startupFresh = [];
  for (let i = 0; i < runs; i++) {
    r.startup.push(...await startups(b.l, r.tree, b.env, 1, { store: () => null, last: live && i === runs - 1 ? liveFigures : undefined }));
    r.startupFresh.push(...await startups(b.l, r.tree, b.env, 1, { store: () => join(stores, `start-fresh-${i}.sqlite`) }));
  }
  r.ptyFrames = [];
  for (let i = 0; i < runs; i++) r.ptyFrames.push(await ptyFirstFrame(b.l, r.tree, b.env, storeArgs(null)));
  if (live) {
    const settle = 2 * Math.max(...r.startup.map((x) => x.loadedMs)) + 3000;
    r.uiIdle = await uiIdleCpu(b.l, r.tree, b.env, settle, b.s.idleSeconds);
  }
  printStartup(r);
}

/** Warm: before each run ~`grow` bytes appended to the running sessions, then the store of a cold run resumes. */
async function warmRuns(b: Bench, r: TreeReport, store: string, grower: TreeGrower): Promise<void> {
  noteLoad(r, 'warm runs');
  const grow = () => grower.grow(b.s.growBytes);
  for (let i = 0; i < b.s.runs; i++) {
    r.scanWarm = addScan(r.scanWarm, await fullScan(b.l, r.tree, b.env, 1, { store: () => store, before: grow, first: i }));
    if (b.ccusage) r.ccusageWarm = addCcusage(r.ccusageWarm, await ccusageScan(b.ccusage, r.tree, b.env, 1));
  }
  printScan(r, r.scanWarm, '(1w) warm full scan, after appends');
  r.startupWarm = await startups(b.l, r.tree, b.env, startRuns(b.s), { store: () => store, before: grow });
  r.ptyFramesWarm = [];
  for (let i = 0; i < startRuns(b.s); i++) r.ptyFramesWarm.push(await ptyFirstFrame(b.l, r.tree, b.env, storeArgs(store)));
  r.startupWarmSame = await startups(b.l, r.tree, b.env, startRuns(b.s), { store: () => store });
  r.storeBytes = storeSize(store);
  noteLoad(r, 'done');
  printWarm(r);
}

function startRuns(s: Settings): number {
  return Math.max(1, Math.min(s.runs, 3));
}

function noteLoad(r: TreeReport, phase: string): void {
  const line = `${phase}: ${loadNow()}`;
  r.loads.push(line);
  process.stdout.write(`  [load ${line}]\n`);
}

function generate(out: string, size: number, seed: number): GeneratedTree {
  const started = performance.now();
  const tree = generateTree({ out, sizeBytes: size, seed, now: Date.now() });
  const { files, bytes, responses, firstDay, lastDay } = tree.expected;
  const took = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`tree ${(bytes / 2 ** 20).toFixed(0)} MiB (seed ${seed}): ${files} files, ${responses} responses, ${firstDay} … ${lastDay}, generated in ${took} s\n`);
  return tree;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
