import { describe, expect, it } from 'vitest';
import { Monitor } from './monitor.js';
import { metricsSettings } from './startup.js';
import { parseFlags, resolveOptions } from '../settings/options.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { renderPlainText } from '../ui/views/plain-text.js';
import { appendResponse, tempRoot } from '../../test/support/logs.js';

const T0 = Date.parse('2026-11-25T14:30:10Z');
// A stand-in for ssh that says hello, then sends a frame longer than its byte range: a drop the feed retries (after 1 s, its first wait).
const BROKEN = `printf 'CCTOP 1\\nF = 10 1 /p/a.jsonl\\n"usage"\\n. 17\\n'; exit 0`;

describe('a remote machine that retries', () => {
  it('carries when its next try is, on the engine clock, to the plain snapshot: "next try in 1s", then "now"', async () => {
    const { root, file } = tempRoot();
    appendResponse(file, 1, T0 - 60_000);
    let now = T0;
    const options = resolveOptions(parseFlags(['--dir', root, '--tz', 'UTC']), {}, {}, 'UTC');
    const monitor = new Monitor({
      roots: [root], settings: metricsSettings(options, bundledPriceTable, now), costMode: 'calculate', clock: () => now,
      remotes: { remotes: ['devbox'], sshCommand: `sh -c ${JSON.stringify(BROKEN)} --` },
    });
    const retrying = new Promise<void>((resolve) => monitor.subscribe(() => monitor.metrics().machines[0]?.state === 'retrying' && resolve()));
    try {
      await monitor.load();
      await retrying;
      const message = 'devbox: bad data from the remote (payload longer than its byte range (/p/a.jsonl))';
      expect(monitor.metrics().machines).toEqual([{ machine: 'devbox', state: 'retrying', lagMs: null, message, retryAt: T0 + 1000 }]);
      now = T0 + 200;
      expect(diagnosticsOf(renderPlainText(monitor.metrics(), 80))).toEqual([
        'diagnostics:',
        '  remote machines:',
        '    devbox: retrying (next try in 1s) · devbox: bad data from the remote',
        '      (payload longer than its byte range (/p/a.jsonl))',
        '  notices:',
        '    devbox: bad data from the remote: payload longer than its byte range',
        '      (/p/a.jsonl)',
      ]);
      now = T0 + 1000;
      expect(diagnosticsOf(renderPlainText(monitor.metrics(), 80))[2]).toBe('    devbox: retrying (next try now) · devbox: bad data from the remote (payload');
    } finally {
      await monitor.close();
    }
  });
});

/** The plain snapshot's diagnostics rows, up to the closing hint. */
function diagnosticsOf(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.slice(lines.indexOf('diagnostics:'), -1);
}
