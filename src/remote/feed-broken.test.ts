import { describe, expect, it } from 'vitest';
import { recordFeed } from '../../test/support/feed-recorder.js';
import { waitFor } from '../../test/support/remote-logs.js';

// A stand-in for ssh that prints a broken stream: the feed's own checks, no sshd needed.
describe('RemoteFeed against a broken remote', () => {
  it('reports a bad frame, drops that connection and retries with backoff, never crashing', async () => {
    const garbage = `printf 'CCTOP 1\\nF = 10 1 /p/a.jsonl\\n"usage"\\n. 17\\n'; exit 0`;
    const r = recordFeed({ spec: { label: 'devbox', destination: 'devbox' }, sshCommand: `sh -c ${JSON.stringify(garbage)} --`, retry: { firstMs: 100, maxMs: 400 } });
    try {
      await waitFor(() => r.states.filter((s) => s.state === 'retrying').length >= 4, 5000, 'four retries');
    } finally {
      await r.feed.close();
    }
    expect(r.warnings[0]).toBe('devbox: bad data from the remote: payload longer than its byte range (/p/a.jsonl)');
    expect(r.states.filter((s) => s.state === 'retrying').map((s) => s.retryInMs).slice(0, 4)).toEqual([100, 200, 400, 400]);
    expect(r.deliveries).toEqual([]);
  });
});
