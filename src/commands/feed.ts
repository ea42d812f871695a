import { existsSync } from 'node:fs';
import { defaultRoots } from '../logs/discover.js';
import { runFeed } from '../remote/feed-producer.js';
import type { Options } from '../settings/options.js';
import { home, type Env } from '../settings/user-files.js';

/** `cctop feed`: this machine's usage records as NDJSON, read over ssh by another cctop's --remote. */
export function feed(options: Options, env: Env): Promise<number> {
  const roots = options.roots ?? defaultRoots({ CLAUDE_CONFIG_DIR: env.CLAUDE_CONFIG_DIR, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, HOME: home(env) }, existsSync);
  return runFeed({ roots, explicit: options.roots !== null, cursor: options.cursor, timeZone: options.timeZone });
}
