#!/usr/bin/env node
// Dispatches before loading anything else: `cctop statusline` runs after every Claude Code
// response, so it loads only its own module (bundled into one file by the build).
import module from 'node:module';
import { compileCacheDir } from './settings/xdg.js';

// React's development build costs the screen several times the CPU of the production one.
process.env.NODE_ENV ??= 'production';
enableCompileCache();
const argv = process.argv.slice(2);
const code = argv[0] === 'statusline'
  ? await (await import('./statusline/statusline-cli.js')).statuslineCommand(argv, process.env)
  : await (await import('./monitor/main.js')).main(argv, process.env);
process.exit(code);

/**
 * Node ≥ 22.1 keeps the bundles' compiled code on disk, so a start does not parse and compile
 * ink, react and zod again (`NODE_DISABLE_COMPILE_CACHE=1` turns it off). Only for the built
 * bundles: under tsx the sources are compiled by its loader. Failures are Node's to report
 * in the returned status, never thrown.
 */
function enableCompileCache(): void {
  const enable = (module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (enable && import.meta.url.endsWith('.js')) enable(compileCacheDir(process.env));
}
