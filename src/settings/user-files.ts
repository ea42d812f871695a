import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig, type ConfigFile } from './config.js';
import { home, xdgBase, type XdgEnv } from './xdg.js';

export { home };

// The user's files, kept apart from startup.ts so that `cctop statusline` loads no more than it needs.

export interface Env extends XdgEnv {
  CLAUDE_CONFIG_DIR?: string;
  NO_COLOR?: string;
  /** The zone the user set for the system (days and months default to it). */
  TZ?: string;
  /** Set inside tmux (`--notify` wraps terminal notifications for it and uses its message line). */
  TMUX?: string;
  PATH?: string;
}

/** `$XDG_CONFIG_HOME/cctop/config.json`, else `~/.config/cctop/config.json`. */
export function defaultConfigPath(env: Env): string {
  return join(xdgBase(env.XDG_CONFIG_HOME, env, '.config'), 'cctop', 'config.json');
}

/** `$XDG_STATE_HOME/cctop`, else `~/.local/state/cctop`: cctop's own state. */
export function stateDir(env: Env): string {
  return join(xdgBase(env.XDG_STATE_HOME, env, '.local', 'state'), 'cctop');
}

/** `$XDG_DATA_HOME/cctop/history.sqlite`, else `~/.local/share/cctop/history.sqlite`: the history store. */
export function defaultStorePath(env: Env): string {
  return join(xdgBase(env.XDG_DATA_HOME, env, '.local', 'share'), 'cctop', 'history.sqlite');
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
