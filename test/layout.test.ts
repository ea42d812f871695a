import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/cli.js';
import { spawnChildSync } from './support/isolation.js';

const CRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Violation[] {
  const run = spawnChildSync(process.execPath, [CRUISE, 'src', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd, encoding: 'utf8',
  });
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cctop-layout-'));
  copyFileSync(join(REPO, 'tsconfig.json'), join(root, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the layout of src/ (dependency-cruiser)', () => {
  it('has no import against the arrows', () => {
    expect(cruise(REPO).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('catches a wrong arrow: logs importing usage, the UI importing the engine, the engine importing an exporter, src importing a test helper', () => {
    const root = tree({
      'src/usage/price.ts': 'export const price = 1;\n',
      'src/logs/parse.ts': "import { price } from '../usage/price.js';\nexport const p = price;\n",
      'src/engine/monitor.ts': 'export const m = 1;\n',
      'src/ui/views/App.tsx': "import { m } from '../../engine/monitor.js';\nexport const a = m;\n",
      'src/export/registry.ts': 'export const r = 1;\n',
      'src/engine/serve.ts': "import { r } from '../export/registry.js';\nexport const s = r;\n",
      'test/support/helper.ts': 'export const h = 1;\n',
      'src/usage/days.ts': "import { h } from '../../test/support/helper.js';\nexport const d = h;\n",
    });
    const found = cruise(root).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'engine-arrows: src/engine/serve.ts → src/export/registry.ts',
      'logs-arrows: src/logs/parse.ts → src/usage/price.ts',
      'no-test-helpers-in-src: src/usage/days.ts → test/support/helper.ts',
      'ui-views-arrows: src/ui/views/App.tsx → src/engine/monitor.ts',
    ]);
  });
});
