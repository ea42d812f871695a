import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, REPO } from './cli.js';

/** The folders of a remote session's PATH besides cctop's. */
const SESSION_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * A folder holding a `cctop` that runs this checkout (node with tsx, no build), and the session
 * PATH that puts it first, for `startSshd({ pathEnv })`.
 */
export function cctopOnPath(dir: string): { bin: string; pathEnv: string } {
  const bin = path.join(dir, 'cctop-bin');
  fs.mkdirSync(bin, { recursive: true });
  const loader = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  fs.writeFileSync(path.join(bin, 'cctop'), `#!/bin/sh\nexec '${process.execPath}' --import '${loader}' '${CLI}' "$@"\n`, { mode: 0o755 });
  return { bin, pathEnv: `${bin}:${SESSION_PATH}` };
}

/** The middle value. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
