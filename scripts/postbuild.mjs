// The build: one minified ESM bundle, split by mode. cli.tsx dispatches with dynamic imports,
// so each mode loads only its own chunks: the statusline (after every Claude Code response)
// neither ink nor react nor zod's full build; `--json` no ink; the screen what it draws.
// Unbundled, ~40 modules cost the statusline ~100 ms and ink + react the screen ~0.35 s.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// CCTOP_DIST builds elsewhere (the tests build a bundle of their own in a temp folder).
const dist = process.env.CCTOP_DIST ? `${process.env.CCTOP_DIST.replace(/\/$/, '')}/` : new URL('../dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });

// ink and the libraries it measures text with (widest-line, slice-ansi, cli-truncate, and wrap-ansi,
// whose string-width 7 would load emoji-regex and a segmenter of its own) import string-width; they
// get src/ui/kit/string-width.ts, its fast path for one-column text, which itself imports the real
// one, string-width 8. Its module builds /^\p{RGI_Emoji}$/v as it loads, ~19 ms of the screen's
// start for a test that only text beyond the fast path reaches: the bundle builds it on first use.
const stringWidthDir = new URL('../node_modules/string-width/', import.meta.url).pathname;
const EAGER_EMOJI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const LAZY_EMOJI = 'let rgiEmojiMade;\nconst rgiEmojiRegex = {test: (text) => (rgiEmojiMade ??= /^\\p{RGI_Emoji}$/v).test(text)};';
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const own = new URL('../src/ui/kit/string-width.ts', import.meta.url).pathname;
    const real = `${stringWidthDir}index.js`;
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      return args.importer === own ? found : { path: own };
    });
    b.onLoad({ filter: /string-width[\\/]index\.js$/ }, (args) => {
      if (args.path !== real) return undefined;
      const contents = readFileSync(real, 'utf8');
      if (!contents.includes(EAGER_EMOJI)) throw new Error(`string-width: "${EAGER_EMOJI}" not found; the fast-string-width plugin needs a look`);
      return { contents: contents.replace(EAGER_EMOJI, LAZY_EMOJI), resolveDir: stringWidthDir };
    });
  },
};

// yoga-layout (ink's layout engine) is wasm inlined as a data: URL, which Emscripten's loader
// reads with fetch(): loading undici, Node's fetch, costs the screen's start ~55 ms of its ~70 ms
// import. The build writes the wasm beside the chunks, and yoga's entry hands it over as
// `wasmBinary`, which the loader takes instead (or fetches as before when the file is missing).
const yogaDir = new URL('../node_modules/yoga-layout/dist/', import.meta.url).pathname;
const yogaWasm = {
  name: 'yoga-wasm-file',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, () => ({
      resolveDir: `${yogaDir}src`,
      contents: `import { readFileSync } from 'node:fs';
import loadYoga from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
let wasmBinary;
try { wasmBinary = readFileSync(new URL('./yoga.wasm', import.meta.url)); } catch {}
const Yoga = wrapAssembly(await loadYoga(wasmBinary ? { wasmBinary } : {}));
export default Yoga;
export * from './generated/YGEnums.js';
`,
    }));
  },
};
function writeYogaWasm() {
  const emscripten = readFileSync(`${yogaDir}binaries/yoga-wasm-base64-esm.js`, 'utf8');
  const base64 = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(emscripten)?.[1];
  if (!base64) throw new Error('yoga-layout: no inlined wasm found; the yoga-wasm-file plugin needs a look');
  writeFileSync(`${dist}yoga.wasm`, Buffer.from(base64, 'base64'));
}

// terminal-size (ink's fallback when stdout is no terminal) imports child_process for a `tput`
// it runs only then; the import alone (child_process with net and dgram) costs the screen's start
// ~5 ms. The bundle loads it on that call.
const EAGER_EXEC = "import {execFileSync} from 'node:child_process';";
const LAZY_EXEC = "const execFileSync = (...args) => process.getBuiltinModule('node:child_process').execFileSync(...args);";
const lazyTerminalSizeExec = {
  name: 'lazy-terminal-size-exec',
  setup(b) {
    b.onLoad({ filter: /terminal-size[\\/]index\.js$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      if (!contents.includes(EAGER_EXEC)) throw new Error(`terminal-size: "${EAGER_EXEC}" not found; the lazy-terminal-size-exec plugin needs a look`);
      return { contents: contents.replace(EAGER_EXEC, LAZY_EXEC) };
    });
  },
};

const common = {
  plugins: [fastStringWidth, yogaWasm, lazyTerminalSizeExec],
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
writeYogaWasm();
chmodSync(`${dist}cli.js`, 0o755);
