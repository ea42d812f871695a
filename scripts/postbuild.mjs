// The build: one minified ESM bundle, split by mode. cli.tsx dispatches with dynamic imports,
// so each mode loads only its own chunks: the statusline (after every Claude Code response)
// neither ink nor react nor zod's full build; `--json` no ink; the screen what it draws.
// Unbundled, ~40 modules cost the statusline ~100 ms and ink + react the screen ~0.35 s.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// CCTOP_DIST builds elsewhere (the tests build a bundle of their own in a temp folder).
const dist = process.env.CCTOP_DIST ? `${process.env.CCTOP_DIST.replace(/\/$/, '')}/` : new URL('../dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  splitting: true,
  minify: !process.env.CCTOP_NO_MINIFY,
  platform: 'node',
  format: 'esm',
  target: 'node22.13',
  // CommonJS dependencies (prom-client, …) call require() for Node's own modules.
  banner: { js: "import { createRequire as __cctopCreateRequire } from 'node:module'; const require = __cctopCreateRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
};

// Every command but the statusline: the monitor, --json, store, serve, mcp.
await build({
  ...common,
  entryPoints: {
    cli: new URL('../src/cli.tsx', import.meta.url).pathname,
    // Workers, started by path from the chunks that run them: they must sit beside the chunks.
    'scan-worker': new URL('../src/logs/scan-worker.ts', import.meta.url).pathname,
    'list-worker': new URL('../src/logs/list-worker.ts', import.meta.url).pathname,
  },
  outdir: dist,
  // ink's devtools, loaded only with DEV=true;
  // the statusline, built apart so that it shares no chunk (zod's full build) with the monitor.
  external: ['react-devtools-core', './statusline/statusline-cli.js'],
});

// The statusline on its own, one file with zod/mini and its formatting; what it needs only
// when the monitor left no burn cache (a transcript's tail, the price table) in two more,
// loaded on demand at the paths its imports name.
const src = (path) => new URL(`../src/${path}`, import.meta.url).pathname;
const single = { ...common, splitting: false };
await build({
  ...single, entryPoints: [src('statusline/statusline-cli.ts')], outfile: `${dist}statusline/statusline-cli.js`,
  external: ['./transcript-burn.js', '../settings/price-file.js'],
});
await build({ ...single, entryPoints: [src('statusline/transcript-burn.ts')], outfile: `${dist}statusline/transcript-burn.js` });
await build({ ...single, entryPoints: [src('settings/price-file.ts')], outfile: `${dist}settings/price-file.js` });
chmodSync(`${dist}cli.js`, 0o755);
