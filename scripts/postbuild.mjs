// After tsc: makes the entry point executable (tsc keeps the shebang, not the mode bit), and
// bundles the statusline command into one file. It runs after every Claude Code response; as
// ~40 separate modules (zod's among them) it spent ~100 ms just loading them.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);

await build({
  entryPoints: [new URL('../src/statusline/statusline-cli.ts', import.meta.url).pathname],
  outfile: new URL('../dist/statusline/statusline-cli.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Only needed when the monitor left no burn cache: loaded from dist/ on demand.
  external: ['./transcript-burn.js', '../settings/price-file.js'],
  logLevel: 'warning',
});
