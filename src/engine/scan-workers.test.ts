import { describe, expect, it } from 'vitest';
import type { LogFile } from '../logs/discover.js';
import { idleCores, scanWorkersFor, type CpuTimes } from './scan-workers.js';

const MiB = 2 ** 20;
const files = (mib: number): LogFile[] => [{ path: '/a.jsonl', size: mib * MiB, mtimeMs: 0, dev: 1, ino: 1, birthtimeMs: 0 }];
const machine = (cores: number, { freeMiB = 8192, idle = null as number | null } = {}) => ({ cores, freeBytes: freeMiB * MiB, idleCores: idle });

describe('scanWorkersFor', () => {
  it('gives a backfill of 64 MiB or more one worker per spare core (the main thread parses too), at most four', () => {
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(2))).toBe(1);
    expect(scanWorkersFor(files(64), 'auto', {}, machine(2))).toBe(1);
    expect(scanWorkersFor(files(63), 'auto', {}, machine(8))).toBe(0);
    expect(scanWorkersFor(files(256), 'auto', {}, machine(3))).toBe(2);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(16))).toBe(4);
  });

  it('starts one only where a core sat idle while the logs were listed', () => {
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(2, { idle: 0.9 }))).toBe(1);
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(2, { idle: 0.4 }))).toBe(0);
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(8, { idle: 2.6 }))).toBe(3);
    expect(scanWorkersFor(files(1024), 'auto', {}, machine(8, { idle: 7.5 }))).toBe(4);
  });

  it('starts none on one core or when memory is short', () => {
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(1))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(4, { freeMiB: 255 }))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', {}, machine(4, { freeMiB: 256 }))).toBe(3);
  });

  it('follows the mode and CCTOP_SCAN_WORKERS', () => {
    expect(scanWorkersFor(files(1), 'always', {}, machine(2, { idle: 0 }))).toBe(1);
    expect(scanWorkersFor(files(1), 'always', {}, machine(1))).toBe(1);
    expect(scanWorkersFor(files(4096), 'off', {}, machine(16))).toBe(0);
    expect(scanWorkersFor(files(1), 'auto', { CCTOP_SCAN_WORKERS: '2' }, machine(2, { idle: 0 }))).toBe(2);
    expect(scanWorkersFor(files(4096), 'always', { CCTOP_SCAN_WORKERS: '0' }, machine(16))).toBe(0);
    expect(scanWorkersFor(files(4096), 'auto', { CCTOP_SCAN_WORKERS: 'many' }, machine(2))).toBe(1);
    expect(scanWorkersFor([], 'always', {}, machine(16))).toBe(0);
  });
});

describe('idleCores', () => {
  const at = (own: number, ...cores: [idle: number, total: number][]): CpuTimes => ({ cores: cores.map(([idle, total]) => ({ idle, total })), own });

  it('is the idle time of all cores over the time that passed', () => {
    // 100 ms passed: core 0 busy all along (ours), core 1 idle 90 ms of it.
    expect(idleCores(at(0, [1000, 5000], [2000, 5000]), at(100, [1000, 5100], [2090, 5100]))).toBeCloseTo(0.9, 10);
    expect(idleCores(at(0, [0, 0], [0, 0]), at(0, [50, 200], [200, 200]))).toBeCloseTo(1.25, 10);
  });

  it('counts as idle what this process\'s other threads (a listing worker) took beyond the time itself', () => {
    // 100 ms: both cores busy, 190 ms of it ours (this thread and a listing worker): one core is ours to have.
    expect(idleCores(at(0, [0, 0], [0, 0]), at(190, [0, 100], [0, 100]))).toBeCloseTo(0.9, 10);
    // Both busy, only 100 ms of it ours: another process holds the second core.
    expect(idleCores(at(0, [0, 0], [0, 0]), at(100, [0, 100], [0, 100]))).toBe(0);
    // Never more than the cores there are.
    expect(idleCores(at(0, [0, 0]), at(300, [100, 100]))).toBe(1);
  });

  it('cannot tell from less than 20 ms, or from samples that do not match', () => {
    expect(idleCores(at(0, [0, 0], [0, 0]), at(0, [0, 10], [10, 10]))).toBeNull();
    expect(idleCores(at(0, [0, 0]), at(0, [0, 100], [100, 100]))).toBeNull();
    expect(idleCores(at(0), at(0))).toBeNull();
  });
});
