import { describe, expect, it } from 'vitest';
import { recordFeed } from '../../test/support/feed-recorder.js';
import { waitFor } from '../../test/support/remote-logs.js';

/** A stand-in for ssh: `sh -c SCRIPT --` followed by ssh's arguments, which the script ignores. */
const fakeSsh = (script: string) => `sh -c ${JSON.stringify(script)} --`;
const spec = { label: 'devbox', destination: 'devbox' };

// A one-shot report (--json, the plain snapshot) tries each remote once, within a bound.
describe('RemoteFeed for a one-shot report', () => {
  it('fails at once on a refused connection, without retrying', async () => {
    const refused = 'echo "ssh: connect to host devbox port 22: Connection refused" >&2; exit 255';
    const r = recordFeed({ spec, sshCommand: fakeSsh(refused), once: true, retry: { firstMs: 50 } });
    try {
      await waitFor(() => r.states.some((s) => s.state === 'failed'), 5000, 'the failure');
    } finally {
      await r.feed.close();
    }
    expect(r.states.map(({ state, message }) => ({ state, message }))).toEqual([
      { state: 'connecting', message: undefined },
      { state: 'failed', message: 'devbox: ssh: connect to host devbox port 22: Connection refused' },
    ]);
  });

  it('gives up a remote that does not answer within its bound', async () => {
    const r = recordFeed({ spec, sshCommand: fakeSsh('exec sleep 60'), once: true, answerMs: 1000, retry: { firstMs: 50 } });
    try {
      await waitFor(() => r.states.some((s) => s.state === 'failed'), 5000, 'the failure');
    } finally {
      await r.feed.close();
    }
    expect(r.states.map(({ state, message }) => ({ state, message }))).toEqual([
      { state: 'connecting', message: undefined },
      { state: 'failed', message: 'devbox: no answer within 1 s' },
    ]);
  });

  it('without once (the live monitor), the same refusal is retried', async () => {
    const refused = 'echo "ssh: connect to host devbox port 22: Connection refused" >&2; exit 255';
    const r = recordFeed({ spec, sshCommand: fakeSsh(refused), retry: { firstMs: 50 } });
    try {
      await waitFor(() => r.states.filter((s) => s.state === 'retrying').length >= 2, 5000, 'two retries');
    } finally {
      await r.feed.close();
    }
    expect(r.states.some((s) => s.state === 'failed')).toBe(false);
  });
});
