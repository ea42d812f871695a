import fs, { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualPollTimer } from '../../test/support/poll-timer.js';
import type { BurnRate } from '../usage/metrics-types.js';
import { officialRecordLine, type OfficialReading } from '../state/official-record.js';
import { connectOfficial, followOfficialReadings, readOfficialReadings, startBurnCache, StateFileFollower } from './official-feed.js';

const reading = (at: number, usedPercent = 10): OfficialReading => ({
  at, sessionId: 's', model: 'm', fiveHour: { usedPercent, resetsAt: at + 3_600_000 }, sevenDay: null, sessionCostUSD: null,
});

function stateDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'cctop-feed-')), 'cctop');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('official feed', () => {
  it('reads the rotated file first, then the current one, skipping damaged lines', async () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'limits.jsonl.1'), officialRecordLine(reading(1)) + 'garbage\n');
    writeFileSync(join(dir, 'limits.jsonl'), officialRecordLine(reading(2)) + '{"at": "no"}\n' + officialRecordLine(reading(3)));
    expect((await readOfficialReadings(dir)).map((r) => r.at)).toEqual([1, 2, 3]);
    expect(await readOfficialReadings(join(dir, 'missing'))).toEqual([]);
  });

  it('follows appends (holding a half line) and rereads everything after a rotation', async () => {
    const dir = stateDir();
    const file = join(dir, 'limits.jsonl');
    const follower = new StateFileFollower(dir);
    expect(await follower.refresh()).toBe(false);
    writeFileSync(file, officialRecordLine(reading(1)));
    expect(await follower.refresh()).toBe(true);
    const line = officialRecordLine(reading(2));
    appendFileSync(file, line.slice(0, 10));
    expect(await follower.refresh()).toBe(false);
    appendFileSync(file, line.slice(10));
    expect(await follower.refresh()).toBe(true);
    expect(follower.all.map((r) => r.at)).toEqual([1, 2]);
    renameSync(file, `${file}.1`);
    writeFileSync(file, officialRecordLine(reading(3)));
    expect(await follower.refresh()).toBe(true);
    expect(follower.all.map((r) => r.at)).toEqual([1, 2, 3]);
  });

  it('passes the readings to the monitor at once and after each append, and writes burn.json when asked', async () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'limits.jsonl'), officialRecordLine(reading(1)));
    let seen: readonly OfficialReading[] = [];
    const burnRate = { costPerHour: 38.5, tokensPerMinute: 51_000 } as BurnRate;
    const notices: string[] = [];
    const sink = { setOfficialReadings: (r: readonly OfficialReading[]) => (seen = r), burnRate: () => burnRate, notice: (t: string) => notices.push(t), now: () => 1_234_000 };
    const connection = await connectOfficial(sink, dir, { burnCache: true });
    try {
      expect(seen.map((r) => r.at)).toEqual([1]);
      appendFileSync(join(dir, 'limits.jsonl'), officialRecordLine(reading(2)));
      await until(() => seen.length === 2);
      connection.startBurnCache();
      const cache = JSON.parse(readFileSync(join(dir, 'burn.json'), 'utf8'));
      expect(cache).toMatchObject({ costPerHour: 38.5, tokensPerMinute: 51_000 });
      // The monitor's (injected) clock, not the wall clock.
      expect(cache.at).toBe(1_234_000);
      expect(notices).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it('creates the state folder and rewrites burn.json on its interval', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cctop-feed-')), 'state', 'cctop');
    let costPerHour = 1;
    const cache = startBurnCache(dir, () => ({ costPerHour, tokensPerMinute: 2 }) as BurnRate, () => 1000, () => {}, 20);
    try {
      expect(JSON.parse(readFileSync(join(dir, 'burn.json'), 'utf8'))).toEqual({ at: 1000, costPerHour: 1, tokensPerMinute: 2 });
      costPerHour = 7;
      await until(() => JSON.parse(readFileSync(join(dir, 'burn.json'), 'utf8')).costPerHour === 7);
    } finally {
      await cache.close();
    }
  });

  it('reports a failed burn.json write as a notice and keeps going', () => {
    const notices: string[] = [];
    const failing = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const cache = startBurnCache(stateDir(), () => { throw failing(); }, () => 1000, (t) => notices.push(t), 20);
    void cache.close();
    expect(notices).toEqual(['burn rate for the statusline (burn.json): ENOSPC: no space left on device']);
  });

  it('reports a state file it cannot read, keeping the readings it can', async () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'limits.jsonl.1'), officialRecordLine(reading(1)));
    mkdirSync(join(dir, 'limits.jsonl'));
    const notices: string[] = [];
    expect((await readOfficialReadings(dir, (t) => notices.push(t))).map((r) => r.at)).toEqual([1]);
    expect(notices).toEqual(['official readings (limits.jsonl): is a folder']);
  });

  it('connects anyway when the state folder cannot be followed, saying why', async () => {
    const notices: string[] = [];
    const sink = { setOfficialReadings: () => {}, burnRate: () => ({}) as BurnRate, notice: (t: string) => notices.push(t), now: () => 0 };
    const blocked = join(mkdtempSync(join(tmpdir(), 'cctop-feed-')), 'file');
    writeFileSync(blocked, '');
    const connection = await connectOfficial(sink, join(blocked, 'cctop'), { burnCache: false });
    await connection.close();
    expect(notices).toEqual(['official readings (limits.jsonl): not a folder']);

    const unreadable = stateDir();
    mkdirSync(join(unreadable, 'limits.jsonl'));
    const watching = await connectOfficial(sink, unreadable, { burnCache: false });
    await watching.close();
    expect(notices.slice(1)).toEqual(['official readings (limits.jsonl): is a folder']);
  });

  it('polls the state folder when the OS has no watches left, saying so in the words the log watcher uses', async () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'limits.jsonl'), officialRecordLine(reading(1)));
    vi.spyOn(fs, 'watch').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    });
    const timer = new ManualPollTimer();
    let seen: readonly OfficialReading[] = [];
    const problems: string[] = [];
    const following = await followOfficialReadings(dir, (r) => (seen = r), (t) => problems.push(t), { poll: { timer, now: timer.now }, maxUserWatches: () => 8192 });
    try {
      expect(seen.map((r) => r.at)).toEqual([1]);
      expect(problems).toEqual([
        'file watching limit reached (ENOSPC): polling every 1–10 s instead; raise it with sudo sysctl fs.inotify.max_user_watches=524288 (now 8192) and restart cctop',
      ]);
      await timer.whenScheduled();
      appendFileSync(join(dir, 'limits.jsonl'), officialRecordLine(reading(2)));
      timer.fire();
      await until(() => seen.length === 2);
      expect(seen.map((r) => r.at)).toEqual([1, 2]);
    } finally {
      vi.restoreAllMocks();
      await following.close();
    }
  });
});
