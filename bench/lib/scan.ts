import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedTree } from '../generate.js';
import { storeArgs, type Launcher, type Snapshot } from './cctop.js';
import { checkDays } from './expect.js';
import { runMeasured, type RunResult } from './proc.js';

export interface ScanFigures {
  runs: RunResult[];
  problems: string[];
  /** The store's bytes (file + WAL) after each run; null for a run without a store. */
  storeBytes: (number | null)[];
  /** What `before` appended ahead of each run, in bytes. */
  appendedBytes: number[];
  /** The tree's log bytes at each run. */
  treeBytes: number[];
  /** Log bytes each run says it read (`loading.bytesRead`): a warm run reads only what is new. */
  bytesRead: number[];
}

export interface ScanOptions {
  /** The store file of run `i`, or null for `--no-store`. */
  store: (run: number) => string | null;
  /** Runs before run `i` (appends to the tree) and returns the bytes it added; the run is checked against the sums after it. */
  before?: (run: number) => number;
  /** The number of the first run, for the messages (single runs interleaved with others). */
  first?: number;
}

/** Figure 1: `cctop --json --since <first day>` over the whole tree; every run checked day by day. */
export async function fullScan(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, runs: number, opts: ScanOptions): Promise<ScanFigures> {
  const args = [...l.args, '--json', '--since', tree.expected.firstDay, '--tz', 'UTC', '--dir', tree.root];
  const figures: ScanFigures = { runs: [], problems: [], storeBytes: [], appendedBytes: [], treeBytes: [], bytesRead: [] };
  for (let i = 0; i < runs; i++) {
    figures.appendedBytes.push(opts.before?.(i) ?? 0);
    const store = opts.store(i);
    const run = await runMeasured(l.cmd, [...args, ...storeArgs(store)], env);
    if (run.code !== 0) return { ...figures, problems: [`exit ${run.code}: ${run.stderr.slice(0, 500)}`] };
    const snapshot = JSON.parse(run.stdout) as Snapshot;
    figures.problems.push(...runProblems(snapshot, run, tree).map((p) => `run ${(opts.first ?? 0) + i + 1}: ${p}`));
    figures.bytesRead.push(snapshot.loading.bytesRead);
    figures.runs.push({ ...run, stdout: '' });
    figures.storeBytes.push(store === null ? null : storeSize(store));
    figures.treeBytes.push(tree.expected.bytes);
  }
  return figures;
}

/** A wrong day, or anything said on stderr (a store that could not be used would make a fast run meaningless). */
function runProblems(snapshot: Snapshot, run: RunResult, tree: GeneratedTree): string[] {
  const problems = checkDays(snapshot, tree.expected);
  if (run.stderr.trim() !== '') problems.push(`stderr: ${run.stderr.trim().slice(0, 300)}`);
  return problems;
}

/** Bytes of a store on disk: the database and its write-ahead log, if any. */
export function storeSize(path: string): number {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return size(path) + size(`${path}-wal`);
}

/**
 * The ccusage binary installed by `npm i --no-save ccusage @ccusage/ccusage-linux-x64`, if any;
 * else one installed elsewhere (`npm i --prefix DIR …`, then `CCTOP_BENCH_CCUSAGE=DIR`): an
 * `npm install` by anyone sharing the checkout prunes --no-save packages.
 */
export function ccusageCommand(repo: string): string | null {
  for (const root of [repo, process.env.CCTOP_BENCH_CCUSAGE].filter((x): x is string => !!x)) {
    const found = ccusageIn(root);
    if (found) return found;
  }
  return null;
}

function ccusageIn(root: string): string | null {
  const native = join(root, 'node_modules', '@ccusage', 'ccusage-linux-x64', 'bin', 'ccusage');
  if (existsSync(native)) {
    // ccusage's own launcher does the same: npm does not keep the mode bit of a package's non-bin file.
    try {
      accessSync(native, constants.X_OK);
    } catch {
      chmodSync(native, statSync(native).mode | 0o111);
    }
    return native;
  }
  const bin = join(root, 'node_modules', '.bin', 'ccusage');
  return existsSync(bin) ? bin : null;
}

export interface CcusageFigures {
  runs: RunResult[];
  /** Its `totals.totalTokens` per run, beside the tree's expected total then. */
  totals: { got: number; want: number }[];
}

/** Figure 5: `ccusage daily --json --offline` over the same tree (its config folder pointed at the tree, home empty). */
export async function ccusageScan(cmd: string, tree: GeneratedTree, env: NodeJS.ProcessEnv, runs: number): Promise<CcusageFigures> {
  const figures: CcusageFigures = { runs: [], totals: [] };
  for (let i = 0; i < runs; i++) {
    const run = await runMeasured(cmd, ['daily', '--json', '--offline'], { ...env, CLAUDE_CONFIG_DIR: tree.root });
    if (run.code !== 0) throw new Error(`ccusage exited ${run.code}: ${run.stderr.slice(0, 300)}`);
    const got = (JSON.parse(run.stdout) as { totals?: { totalTokens?: number } }).totals?.totalTokens ?? 0;
    if (got === 0) throw new Error('ccusage found no usage in the tree: its time would mean nothing');
    figures.totals.push({ got, want: totalOf(tree) });
    figures.runs.push({ ...run, stdout: '' });
  }
  return figures;
}

export function addCcusage(into: CcusageFigures | undefined, more: CcusageFigures): CcusageFigures {
  return into ? { runs: [...into.runs, ...more.runs], totals: [...into.totals, ...more.totals] } : more;
}

function totalOf(tree: GeneratedTree): number {
  return Object.values(tree.expected.days).reduce((a, d) => a + d.total, 0);
}

/** The runs of `more` after those of `into` (interleaved single runs, gathered). */
export function addScan(into: ScanFigures | undefined, more: ScanFigures): ScanFigures {
  if (!into) return more;
  return {
    runs: [...into.runs, ...more.runs], problems: [...into.problems, ...more.problems],
    storeBytes: [...into.storeBytes, ...more.storeBytes], appendedBytes: [...into.appendedBytes, ...more.appendedBytes],
    treeBytes: [...into.treeBytes, ...more.treeBytes], bytesRead: [...into.bytesRead, ...more.bytesRead],
  };
}
