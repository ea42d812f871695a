import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, isolatedEnv } from './support/cli.js';
import { runChildSync } from './support/isolation.js';
import { hasTmux, privateTmux, type TmuxServer } from './support/tmux.js';

// The built screen in a real terminal, with the environment CI runs in (CI=true) and no
// FORCE_COLOR: chalk must still see a colour terminal. The bundle is built into a temp folder,
// since the order in which ink and chalk read the environment is the bundle's.

/** SGR sequences that set a foreground colour (30–37, 90–97, 38;…). */
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38)(?:;[0-9;]*)?m/g;
const NOW = '2026-02-12T20:40:00Z';

describe.skipIf(!hasTmux())('the built screen in a terminal', () => {
  let dist: string;
  let tmux: TmuxServer;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'cctop-dist-'));
    runChildSync(process.execPath, [join(REPO, 'scripts', 'postbuild.mjs')], { env: { ...process.env, CCTOP_DIST: dist } });
    tmux = privateTmux();
  }, 60_000);
  afterAll(() => {
    tmux?.kill();
    rmSync(dist, { recursive: true, force: true });
  });

  const screenAt = async (session: string, flags: string[], env: NodeJS.ProcessEnv) => {
    tmux.start(session, [process.execPath, join(dist, 'cli.js'), '--dir', FIXTURES, '--now', NOW, '--tz', 'UTC', ...flags], {
      env, cwd: REPO, width: 80, height: 24,
    });
    await tmux.waitForScreen(session, '5-hour window', 30_000);
    const coloured = tmux.tmux('capture-pane', '-p', '-e', '-t', session);
    tmux.tmux('send-keys', '-t', session, 'q');
    expect(await tmux.exitStatus(session)).toBe(0);
    return coloured.match(COLOUR) ?? [];
  };

  it('is in colour with CI set and no FORCE_COLOR', async () => {
    const env: NodeJS.ProcessEnv = { ...isolatedEnv(), CI: 'true' };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    expect((await screenAt('colour', [], env)).length).toBeGreaterThan(5);
  }, 60_000);

  // Emscripten's loader fetches an inlined data: URL, and loading Node's fetch (undici) cost the
  // screen's start ~55 ms: the build hands yoga its wasm from dist/yoga.wasm instead.
  it("lays out with yoga's wasm read from beside the chunks, without loading fetch", () => {
    const chunk = readdirSync(dist).find((name) => name.endsWith('.js') && readFileSync(join(dist, name), 'utf8').includes('yoga.wasm'));
    expect(chunk).toBeDefined();
    const probe = `await import(${JSON.stringify(pathToFileURL(join(dist, chunk!)).href)});
      process.stdout.write(String(process.moduleLoadList.filter((name) => name.includes('undici')).length));`;
    expect(runChildSync(process.execPath, ['--input-type=module', '-e', probe], { env: isolatedEnv() })).toBe('0');
  });

  // terminal-size, ink's fallback for an output that is no terminal, runs `tput` only then: the
  // build loads child_process (with net and dgram, ~5 ms) on that call, not with the chunk.
  it('loads ink without child_process', () => {
    const chunk = readdirSync(dist).find((name) => name.endsWith('.js') && readFileSync(join(dist, name), 'utf8').includes('yoga.wasm'));
    const probe = `await import(${JSON.stringify(pathToFileURL(join(dist, chunk!)).href)});
      process.stdout.write(String(process.moduleLoadList.includes('NativeModule child_process')));`;
    expect(runChildSync(process.execPath, ['--input-type=module', '-e', probe], { env: isolatedEnv() })).toBe('false');
  });

  it('has no colour with --no-color or NO_COLOR', async () => {
    const env: NodeJS.ProcessEnv = { ...isolatedEnv(), CI: 'true' };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    expect(await screenAt('flag', ['--no-color'], env)).toEqual([]);
    expect(await screenAt('env', [], { ...env, NO_COLOR: '1' })).toEqual([]);
  }, 90_000);
});
