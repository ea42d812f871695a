import { join } from 'node:path';
import type { GeneratedTree } from '../generate.js';
import type { Launcher } from './cctop.js';
import { maxOf } from './format.js';
import { ccusageScan, fullScan, type CcusageFigures, type ScanFigures } from './scan.js';
import { startups, type StartupRun } from './starts.js';

/**
 * Peak RSS on one large tree (issue 21: < 150 MB at 4 GB in every mode), each mode once:
 * cold `--json` without a store and with a new one, warm `--json` on that store, a cold
 * `--json --follow` start that loads the whole default history, and ccusage beside them.
 */
export interface RssScale {
  name: string;
  tree: GeneratedTree;
  scan: ScanFigures;
  scanFresh: ScanFigures;
  scanWarm: ScanFigures;
  follow: StartupRun[];
  ccusage: CcusageFigures | null;
}

export async function rssScale(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, ccusage: string | null, work: string): Promise<RssScale> {
  const store = join(work, 'rss-scale.sqlite');
  return {
    name: `${(tree.expected.bytes / 2 ** 20).toFixed(0)} MiB`,
    tree,
    scan: await fullScan(l, tree, env, 1, { store: () => null }),
    scanFresh: await fullScan(l, tree, env, 1, { store: () => store }),
    scanWarm: await fullScan(l, tree, env, 1, { store: () => store }),
    follow: await startups(l, tree, env, 1, { store: () => null }),
    ccusage: ccusage ? await ccusageScan(ccusage, tree, env, 1) : null,
  };
}

/** Each mode's peak RSS, by name (null: the run failed). */
export function rssModes(r: RssScale): { mode: string; peakRss: number | null }[] {
  const scan = (x: ScanFigures) => (x.runs.length ? maxOf(x.runs.map((run) => run.peakRss)) : null);
  return [
    { mode: 'cold --json, --no-store', peakRss: scan(r.scan) },
    { mode: 'cold --json, a new store', peakRss: scan(r.scanFresh) },
    { mode: 'warm --json, that store', peakRss: scan(r.scanWarm) },
    { mode: 'cold --json --follow, whole default history', peakRss: r.follow.length ? maxOf(r.follow.map((x) => x.peakRss)) : null },
  ];
}

export function rssScaleProblems(r: RssScale): string[] {
  const scans: [string, ScanFigures][] = [['no store', r.scan], ['new store', r.scanFresh], ['warm', r.scanWarm]];
  return [
    ...scans.flatMap(([name, x]) => x.problems.map((p) => `(7, ${name}): ${p}`)),
    ...r.follow.flatMap((run) => run.problems.map((p) => `(7, follow): ${p}`)),
  ];
}
