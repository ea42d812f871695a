import { describe, expect, it } from 'vitest';
import { FIXTURES, startCli } from './support/cli.js';
import { freePort } from './support/prometheus.js';

const ARGS = ['--dir', FIXTURES, '--now', '2026-02-10T23:00:00Z', '--tz', 'UTC', '--no-store'];

/** Runs `cctop serve` on `host`, scrapes it once over loopback, stops it; its stderr. */
async function serveOnce(host: string, extra: string[] = []): Promise<{ status: number; stderr: string }> {
  const port = await freePort();
  const child = startCli(['serve', '--metrics', `${host}:${port}`, ...ARGS, ...extra]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise((done) => child.on('close', done));
  let status = 0;
  for (const deadline = Date.now() + 20_000; status === 0 && Date.now() < deadline;) {
    status = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.status, () => 0);
    if (status === 0) await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  await closed;
  return { status, stderr: stderr.replace(String(port), 'PORT') };
}

describe('the metrics port', () => {
  it('warns once on stderr when /metrics listens where other machines can reach it', async () => {
    expect(await serveOnce('0.0.0.0')).toEqual({
      status: 200,
      stderr: 'cctop: warning: /metrics listens on 0.0.0.0:PORT, which other machines can reach (no authentication); --metrics :PORT keeps it on this machine, --metrics-public says you mean it\n',
    });
  }, 30_000);

  it('says nothing on loopback, or with --metrics-public', async () => {
    expect(await serveOnce('127.0.0.1')).toEqual({ status: 200, stderr: '' });
    expect(await serveOnce('0.0.0.0', ['--metrics-public'])).toEqual({ status: 200, stderr: '' });
  }, 60_000);
});
