// The build: one minified ESM bundle, split by mode. cli.tsx dispatches with dynamic imports,
// so each mode loads only its own chunks: the statusline (after every Claude Code response)
// neither ink nor react nor zod's full build; `--json` no ink; the screen what it draws.
// Unbundled, ~40 modules cost the statusline ~100 ms and ink + react the screen ~0.35 s.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// CCTOP_DIST builds elsewhere (the tests build a bundle of their own in a temp folder).
const dist = process.env.CCTOP_DIST ? `${process.env.CCTOP_DIST.replace(/\/$/, '')}/` : new URL('../dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });

// ink and the libraries it measures text with (widest-line, slice-ansi, cli-truncate) import
// string-width 8; they get src/ui/kit/string-width.ts, its fast path for one-column text, which
// itself imports the real one. (wrap-ansi's own string-width 7 is left alone.)
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const own = new URL('../src/ui/kit/string-width.ts', import.meta.url).pathname;
    const real = new URL('../node_modules/string-width/index.js', import.meta.url).pathname;
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      return found.path === real && args.importer !== own ? { path: own } : found;
    });
  },
};

const common = {
  plugins: [fastStringWidth],
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
