import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

// The XDG base folders, kept free of imports so that cli.tsx can name the compile cache's folder
// before it loads anything else.

export interface XdgEnv {
  HOME?: string;
  XDG_CONFIG_HOME?: string;
  XDG_STATE_HOME?: string;
  XDG_DATA_HOME?: string;
  XDG_CACHE_HOME?: string;
}

/** `$HOME`, else the OS's idea of it. */
export function home(env: XdgEnv): string {
  return env.HOME ?? homedir();
}

/** An XDG base folder: the variable when it holds an absolute path (the spec ignores others), else the default below home. */
export function xdgBase(value: string | undefined, env: XdgEnv, ...fallback: string[]): string {
  return value && isAbsolute(value) ? value : join(home(env), ...fallback);
}

/** `$XDG_CACHE_HOME/cctop/compile`, else `~/.cache/cctop/compile`: Node's cache of cctop's compiled code. */
export function compileCacheDir(env: XdgEnv): string {
  return join(xdgBase(env.XDG_CACHE_HOME, env, '.cache'), 'cctop', 'compile');
}
