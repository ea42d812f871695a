import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollingNotice, readMaxUserWatches } from './watch-limit.js';

describe('the notice of the polling fallback', () => {
  it('names the sysctl that raises the inotify watch limit, with the limit now when known', () => {
    expect(pollingNotice('ENOSPC', 8192)).toBe(
      'file watching limit reached (ENOSPC): polling every 1–10 s instead; raise it with sudo sysctl fs.inotify.max_user_watches=524288 (now 8192) and restart cctop',
    );
    expect(pollingNotice('ENOSPC', null)).toBe(
      'file watching limit reached (ENOSPC): polling every 1–10 s instead; raise it with sudo sysctl fs.inotify.max_user_watches=524288 and restart cctop',
    );
  });

  it('asks for twice a limit that is already at the usual suggestion', () => {
    expect(pollingNotice('ENOSPC', 524_288)).toContain('sudo sysctl fs.inotify.max_user_watches=1048576 (now 524288)');
  });

  it('names the other limits when out of file descriptors', () => {
    expect(pollingNotice('EMFILE', 8192)).toBe(
      'file watching failed (EMFILE: too many open files): polling every 1–10 s instead; raise ulimit -n or fs.inotify.max_user_instances and restart cctop',
    );
  });

  it('reads the limit from its /proc file, and nothing from a file that is missing or not a count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctop-limit-'));
    writeFileSync(join(dir, 'good'), '65536\n');
    writeFileSync(join(dir, 'bad'), 'lots\n');
    expect(readMaxUserWatches(join(dir, 'good'))).toBe(65_536);
    expect(readMaxUserWatches(join(dir, 'bad'))).toBeNull();
    expect(readMaxUserWatches(join(dir, 'missing'))).toBeNull();
  });
});
