import { describe, expect, it } from 'vitest';
import type { LogFile } from '../logs/discover.js';
import { scanWorkersFor } from './scan-workers.js';

const MiB = 2 ** 20;
const files = (mib: number): LogFile[] => [{ path: '/a.jsonl', size: mib * MiB, mtimeMs: 0, dev: 1, ino: 1, birthtimeMs: 0 }];

describe('scanWorkersFor', () => {
  it('starts workers only for a large backfill with a third core, one less than the cores, at most four', () => {
    expect(scanWorkersFor(files(1024), 'auto', {}, 2)).toBe(0);
    expect(scanWorkersFor(files(255), 'auto', {}, 8)).toBe(0);
    expect(scanWorkersFor(files(256), 'auto', {}, 3)).toBe(2);
    expect(scanWorkersFor(files(4096), 'auto', {}, 16)).toBe(4);
  });

  it('follows the mode and CCTOP_SCAN_WORKERS', () => {
    expect(scanWorkersFor(files(1), 'always', {}, 2)).toBe(1);
    expect(scanWorkersFor(files(4096), 'off', {}, 16)).toBe(0);
    expect(scanWorkersFor(files(1), 'auto', { CCTOP_SCAN_WORKERS: '2' }, 2)).toBe(2);
    expect(scanWorkersFor(files(4096), 'always', { CCTOP_SCAN_WORKERS: '0' }, 16)).toBe(0);
    expect(scanWorkersFor([], 'always', {}, 16)).toBe(0);
  });
});
