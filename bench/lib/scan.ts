import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedTree } from '../generate.js';
import type { Launcher, Snapshot } from './cctop.js';
import { checkDays } from './expect.js';
import { runMeasured, type RunResult } from './proc.js';

export interface ScanFigures {
  runs: RunResult[];
  problems: string[];
}

/** Figure 1: `cctop --json --since <first day>` over the whole tree, checked day by day. */
export async function fullScan(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, runs: number): Promise<ScanFigures> {
  const args = [...l.args, '--json', '--since', tree.expected.firstDay, '--tz', 'UTC', '--dir', tree.root];
  const results: RunResult[] = [];
  let problems: string[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runMeasured(l.cmd, args, env);
    if (run.code !== 0) return { runs: results, problems: [`exit ${run.code}: ${run.stderr.slice(0, 500)}`] };
    if (i === 0) problems = checkDays(JSON.parse(run.stdout) as Snapshot, tree.expected);
    results.push({ ...run, stdout: '' });
  }
  return { runs: results, problems };
}

/** The ccusage binary installed by `npm i --no-save ccusage @ccusage/ccusage-linux-x64`, if any. */
export function ccusageCommand(repo: string): string | null {
  const native = join(repo, 'node_modules', '@ccusage', 'ccusage-linux-x64', 'bin', 'ccusage');
  if (existsSync(native)) {
    // ccusage's own launcher does the same: npm does not keep the mode bit of a package's non-bin file.
    try {
      accessSync(native, constants.X_OK);
    } catch {
      chmodSync(native, statSync(native).mode | 0o111);
    }
    return native;
  }
  const bin = join(repo, 'node_modules', '.bin', 'ccusage');
  return existsSync(bin) ? bin : null;
}

/** Figure 5: `ccusage daily --json --offline` over the same tree. */
export async function ccusageScan(cmd: string, tree: GeneratedTree, env: NodeJS.ProcessEnv, runs: number): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runMeasured(cmd, ['daily', '--json', '--offline'], { ...env, CLAUDE_CONFIG_DIR: tree.root });
    if (run.code !== 0) throw new Error(`ccusage exited ${run.code}: ${run.stderr.slice(0, 300)}`);
    results.push({ ...run, stdout: '' });
  }
  return results;
}
