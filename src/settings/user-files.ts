import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig, type ConfigFile } from './config.js';

// The user's files, kept apart from startup.ts so that `cctop statusline` loads no more than it needs.

export interface Env {
  HOME?: string;
  XDG_CONFIG_HOME?: string;
  XDG_STATE_HOME?: string;
  CLAUDE_CONFIG_DIR?: string;
  NO_COLOR?: string;
}

export function home(env: Env): string {
  return env.HOME ?? homedir();
}

/** `$XDG_CONFIG_HOME/cctop/config.json`, else `~/.config/cctop/config.json`. */
export function defaultConfigPath(env: Env): string {
  return join(env.XDG_CONFIG_HOME ?? join(home(env), '.config'), 'cctop', 'config.json');
}

/** `$XDG_STATE_HOME/cctop`, else `~/.local/state/cctop`: cctop's own state. */
export function stateDir(env: Env): string {
  return join(env.XDG_STATE_HOME ?? join(home(env), '.local', 'state'), 'cctop');
}

/** Reads the config file: the named one must exist; the default one may be absent. */
export function readConfig(path: string | null, env: Env): ConfigFile {
  const file = path ?? defaultConfigPath(env);
  if (!path && !existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  return parseConfig(json, file);
}
