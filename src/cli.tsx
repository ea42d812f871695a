#!/usr/bin/env node
// Dispatches before loading anything else: `cctop statusline` runs after every Claude Code
// response, so it loads only its own module (bundled into one file by the build).
import module from 'node:module';
import { MIN_NODE, supportedNode } from './settings/runtime.js';
import { compileCacheDir } from './settings/xdg.js';

if (!supportedNode(process.versions.node)) {
  process.stderr.write(`cctop: needs Node.js ${MIN_NODE} or later (node:sqlite); this is ${process.version}\n`);
  process.exit(1);
}
// React's development build costs the screen several times the CPU of the production one.
process.env.NODE_ENV ??= 'production';
enableCompileCache();
const argv = process.argv.slice(2);
const code = argv[0] === 'statusline'
  ? await (await import('./statusline/statusline-cli.js')).statuslineCommand(argv, process.env)
  : await (await import('./commands/main.js')).main(argv, process.env);
process.exit(code);

/**
 * Node keeps the bundles' compiled code on disk, so a start does not parse and compile
 * ink, react and zod again (`NODE_DISABLE_COMPILE_CACHE=1` turns it off). Only for the built
 * bundles: under tsx the sources are compiled by its loader. Failures are Node's to report
 * in the returned status, never thrown.
 */
function enableCompileCache(): void {
  if (import.meta.url.endsWith('.js')) module.enableCompileCache(compileCacheDir(process.env));
}
