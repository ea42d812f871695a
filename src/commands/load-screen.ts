// Loads the screen's modules (ink, react) as the screen needs them loaded.
/**
 * Loads the screen (ink and react). ink's layout engine, yoga, loads its embedded WebAssembly
 * through fetch() when there is one: Node's fetch costs ~35 ms of every start (loading undici,
 * decoding a data: URL), and without it yoga decodes the same bytes itself. cctop never fetches.
 *
 * A terminal is being watched, so the CI variables are hidden while ink loads: with CI set, ink
 * draws only the last frame (on exit), and chalk's colour detection, which treats any CI
 * variable (even CI=0) as a CI run, turns colour off. Both read the environment once, on import;
 * the variables are back for the child processes (ssh) afterwards. --no-color and NO_COLOR
 * still decide colour (settings/options.ts).
 */
export async function importScreen(): Promise<typeof import('./screen.js')> {
  const { fetch } = globalThis;
  Reflect.deleteProperty(globalThis, 'fetch');
  const hidden = hideEnv(['CI', 'CONTINUOUS_INTEGRATION']);
  try {
    return await import('./screen.js');
  } finally {
    globalThis.fetch = fetch;
    Object.assign(process.env, hidden);
  }
}

/** Removes these variables from the environment; returns the ones that were set. */
function hideEnv(names: readonly string[]): Record<string, string> {
  const hidden: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value === undefined) continue;
    hidden[name] = value;
    delete process.env[name];
  }
  return hidden;
}

