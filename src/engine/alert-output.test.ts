import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../test/support/fixture-metrics.js';
import { deliverAlerts } from './alert-output.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-alert-log-'));
  made.push(dir);
  return dir;
}

const ALERT = { id: 'window80:0', kind: 'window80' as const, firedAt: Date.parse('2026-11-25T14:30:00Z') };

function deliver(alertLog: string): string[] {
  const errors: string[] = [];
  deliverAlerts([ALERT], fixtureMetrics(), { bell: false, alertLog, write: () => {}, onError: (m) => errors.push(m) });
  return errors;
}

describe('the alert log', () => {
  it('is created 0600 whatever the umask', () => {
    const log = join(tempDir(), 'alerts.log');
    const before = process.umask(0);
    try {
      expect(deliver(log)).toEqual([]);
    } finally {
      process.umask(before);
    }
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toMatch(/^2026-11-25T14:30:00\.000Z\twindow80\t/);
  });

  it('is refused, with a message, when a symbolic link stands at its path; the link target is not written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'target'), 'theirs\n');
    const log = join(dir, 'alerts.log');
    symlinkSync(join(dir, 'target'), log);
    expect(deliver(log)).toEqual([`alert log ${log}: a symbolic link; cctop will not follow it`]);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('theirs\n');
  });
});
