/**
 * `npm run bench`: generates Claude Code-shaped trees, then measures cctop on them and checks
 * every answer against the generator's own sums (a fast wrong answer fails the run):
 *   (1) full-history scan, (2) default start, (3) append latency, (4) idle CPU, (5) ccusage.
 *
 *   npm run bench [-- --size 1GB] [--small 256MB|none] [--quick] [--runs 5] [--seed 1] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree, parseSize, type GeneratedTree } from './generate.js';
import { isolatedEnv, launcher, type Launcher } from './lib/cctop.js';
import { appendLatency, idleCpu, startup, uiIdleCpu } from './lib/live.js';
import { machine, printScan, printStartup, report, type TreeReport } from './lib/report.js';
import { ccusageCommand, ccusageScan, fullScan } from './lib/scan.js';
import { peakRssOf } from './lib/proc.js';
import { statuslineLatency } from './lib/statusline.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Settings {
  size: number;
  small: number | null;
  runs: number;
  seed: number;
  keep: boolean;
  idleSeconds: number;
  appends: number;
}

function settings(): Settings {
  const { values: v } = parseArgs({
    options: {
      size: { type: 'string' }, small: { type: 'string' }, quick: { type: 'boolean' }, runs: { type: 'string' },
      seed: { type: 'string', default: '1' }, keep: { type: 'boolean' }, idle: { type: 'string' }, appends: { type: 'string' },
    },
  });
  const quick = v.quick ?? false;
  const small = v.small ?? (quick ? 'none' : '256MB');
  return {
    size: parseSize(v.size ?? (quick ? '64MB' : '1GB')),
    small: small === 'none' ? null : parseSize(small),
    runs: Number(v.runs ?? (quick ? 2 : 5)),
    seed: Number(v.seed),
    keep: v.keep ?? false,
    idleSeconds: Number(v.idle ?? (quick ? 10 : 30)),
    appends: Number(v.appends ?? 200),
  };
}

async function main(): Promise<number> {
  const s = settings();
  const l = launcher(REPO);
  const ccusage = ccusageCommand(REPO);
  const work = mkdtempSync(join(tmpdir(), 'cctop-bench-'));
  const env = isolatedEnv(join(work, 'home'));
  process.stdout.write(`${machine()}\ncctop: ${l.label}${l.stale ? '  (WARNING: src/ is newer than dist/: run npm run build)' : ''}\n`);
  process.stdout.write(`ccusage: ${ccusage ?? 'not installed (npm i --no-save ccusage@20.0.24 @ccusage/ccusage-linux-x64@20.0.24)'}\n\n`);
  const reports: TreeReport[] = [];
  try {
    reports.push(await benchTree(l, ccusage, env, work, s, s.size, true));
    if (s.small !== null) reports.push(await benchTree(l, ccusage, env, work, { ...s, runs: Math.min(s.runs, 3) }, s.small, false));
    const status = statuslineLatency(l, REPO, join(work, 'statusline-home'));
    process.stdout.write(`\ncctop statusline (30 calls, as after each response): p50 ${status.p50.toFixed(0)} ms, p95 ${status.p95.toFixed(0)} ms ` +
      `(node -e 0 alone: ${status.nodeP50.toFixed(0)} ms; target p95 < 100 ms: ${status.p95 < 100 ? 'met' : 'MISSED'}) · "${status.line}"\n`);
  } finally {
    if (!s.keep) rmSync(work, { recursive: true, force: true });
    else process.stdout.write(`kept ${work}\n`);
  }
  return report(reports);
}

async function benchTree(l: Launcher, ccusage: string | null, env: NodeJS.ProcessEnv, work: string, s: Settings, size: number, live: boolean): Promise<TreeReport> {
  const tree = generate(join(work, `tree-${size}`), size, s.seed);
  const r: TreeReport = { tree, problems: [] };
  r.scan = await fullScan(l, tree, env, s.runs);
  printScan(r);
  if (live) {
    r.scanWorkers = await fullScan(l, tree, { ...env, CCTOP_SCAN_WORKERS: '2' }, s.runs);
    printScan(r, r.scanWorkers, '(1) the same with two scan workers (CCTOP_SCAN_WORKERS=2):');
  }
  r.startup = [];
  for (let i = 0; i < Math.max(1, Math.min(s.runs, 3)); i++) {
    const last = i === Math.min(s.runs, 3) - 1 || s.runs <= 1;
    const { figures, session, mark } = await startup(l, tree, env);
    r.startup.push(figures);
    if (last && live) {
      r.appends = await appendLatency(session, tree, s.appends, mark);
      r.idle = await idleCpu(session, s.idleSeconds);
      r.livePeakRss = peakRssOf(session.pid);
    }
    await session.stop();
  }
  if (live) {
    const settle = 2 * Math.max(...r.startup.map((x) => x.loadedMs)) + 3000;
    r.uiIdle = await uiIdleCpu(l, tree, env, settle, s.idleSeconds);
  }
  printStartup(r);
  if (ccusage) r.ccusage = await ccusageScan(ccusage, tree, env, s.runs);
  return r;
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
