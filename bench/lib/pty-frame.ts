import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { formatTokens } from '../../src/ui/kit/format.js';
import type { GeneratedTree } from '../generate.js';
import type { Launcher } from './cctop.js';
import { liveAt } from './expect.js';
import { stop } from './proc.js';

const TIMEOUT_MS = 30_000;

/**
 * The screen's first frame with data, in a pseudo-terminal (`script`): seconds from the spawn
 * until the 5-hour window panel shows the active block's tokens as the tree's sums say
 * (`used 20.1M tok`). Null without `script`, or when that never appears.
 */
export async function ptyFirstFrame(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, storeArgs: string[]): Promise<number | null> {
  if (!existsSync('/usr/bin/script')) return null;
  const command = [l.cmd, ...l.args, '--tz', 'UTC', '--dir', tree.root, ...storeArgs].map((a) => `'${a}'`).join(' ');
  const started = performance.now();
  const child = spawn('/usr/bin/script', ['-qfc', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
    env: { ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'ignore'],
  });
  let screen = '';
  try {
    return await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        screen += chunk.toString('utf8');
        const block = liveAt(tree.expected, Date.now()).block;
        if (block && stripVTControlCharacters(screen).includes(`used ${formatTokens(block.total)} tok`)) {
          clearTimeout(timer);
          resolve((performance.now() - started) / 1000);
        }
      });
      child.on('exit', () => resolve(null));
    });
  } finally {
    child.stdin!.end('q');
    await stop(child);
  }
}
