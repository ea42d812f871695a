import { describe, expect, it } from 'vitest';
import type { LogFile } from '../logs/discover.js';
import { scanWorkersFor } from './scan-workers.js';

const MiB = 2 ** 20;
const files = (mib: number): LogFile[] => [{ path: '/a.jsonl', size: mib * MiB, mtimeMs: 0, dev: 1, ino: 1, birthtimeMs: 0 }];
const machine = (cores: number, freeMiB = 8192) => ({ cores, freeBytes: freeMiB * MiB });

describe('scanWorkersFor', () => {
  it('gives a backfill of 64 MiB or more one worker per spare core (the main thread parses too), at most four', () => {
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(2))).toBe(1);
    expect(scanWorkersFor(files(64), 'auto', {}, machine(2))).toBe(1);
    expect(scanWorkersFor(files(63), 'auto', {}, machine(8))).toBe(0);
    expect(scanWorkersFor(files(256), 'auto', {}, machine(3))).toBe(2);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(16))).toBe(4);
  });

  it('starts none on one core or when memory is short', () => {
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(1))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(4, 255))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(4, 256))).toBe(3);
  });

  it('follows the mode and CCTOP_SCAN_WORKERS', () => {
    expect(scanWorkersFor(files(1), 'always', {}, machine(2))).toBe(1);
    expect(scanWorkersFor(files(1), 'always', {}, machine(1))).toBe(1);
    expect(scanWorkersFor(files(4096), 'off', {}, machine(16))).toBe(0);
    expect(scanWorkersFor(files(1), 'auto', { CCTOP_SCAN_WORKERS: '2' }, machine(2))).toBe(2);
    expect(scanWorkersFor(files(4096), 'always', { CCTOP_SCAN_WORKERS: '0' }, machine(16))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', { CCTOP_SCAN_WORKERS: 'many' }, machine(2))).toBe(1);
    expect(scanWorkersFor([], 'always', {}, machine(16))).toBe(0);
  });
});
