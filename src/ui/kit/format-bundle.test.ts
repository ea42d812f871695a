import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The statusline's line module bundled as scripts/postbuild.mjs bundles the statusline. */
async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [resolve(import.meta.dirname, entry)], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

describe('the shared format module', () => {
  it('keeps the statusline bundle free of date-fns, ink and the width libraries', async () => {
    const text = await bundle('../../statusline/statusline-line.ts');
    // The monitor's own formatting is in it...
    expect(text).toContain('function formatUSD(');
    expect(text).toContain('function progressBar(');
    // ...and nothing the statusline does not use.
    for (const marker of ['date-fns', 'TZDate', 'node_modules/ink', 'string-width', 'cli-truncate', 'Intl.Segmenter']) expect(text).not.toContain(marker);
    expect(text.length).toBeLessThan(12_000);
  });
});
