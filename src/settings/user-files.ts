import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError, parseConfig, type ConfigFile } from './config.js';

// The user's files, kept apart from startup.ts so that `cctop statusline` loads no more than it needs.

export interface Env {
  HOME?: string;
  XDG_CONFIG_HOME?: string;
  XDG_STATE_HOME?: string;
  XDG_DATA_HOME?: string;
  CLAUDE_CONFIG_DIR?: string;
  NO_COLOR?: string;
  /** The zone the user set for the system (days and months default to it). */
  TZ?: string;
}

/** `$HOME`, else the OS's idea of it. */
export function home(env: Env): string {
  return env.HOME ?? homedir();
}

/** An XDG base folder: the variable when it holds an absolute path (the spec ignores others), else the default below home. */
function xdgBase(value: string | undefined, env: Env, ...fallback: string[]): string {
  return value && isAbsolute(value) ? value : join(home(env), ...fallback);
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
