#!/usr/bin/env node
// Dispatches before loading anything else: `cctop statusline` runs after every Claude Code
// response, so it loads only its own module (bundled into one file by the build).
// React's development build costs the screen several times the CPU of the production one.
process.env.NODE_ENV ??= 'production';
const argv = process.argv.slice(2);
const code = argv[0] === 'statusline'
  ? await (await import('./statusline/statusline-cli.js')).statuslineCommand(argv, process.env)
  : await (await import('./monitor/main.js')).main(argv, process.env);
process.exit(code);
