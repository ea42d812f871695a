import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listInWorker } from '../logs/list-roots.js';
import { imageCut, pricesKey } from './warm-image.js';
import { bundledPriceTable } from '../usage/pricing.js';
import { responseLines } from '../demo/lines.js';
import { append, NOW, response, runWithStore, tempDir, tokensOf, totalTokens } from '../../test/support/faults.js';

const DAY = 86_400_000;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

/** Two sessions with responses 2–5 days old (before the image's cut) and two of the last minutes. */
function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const root = join(dir, 'claude');
  const project = join(root, 'projects', '-home-me-src-app');
  const a = join(project, 'session-1.jsonl');
  const b = join(project, 'session-2.jsonl');
  for (const n of [1, 2, 3]) append(a, response(n, { time: NOW - (n + 1) * DAY }));
  append(b, response(4, { session: 'session-2', time: NOW - 4 * DAY }));
  append(a, response(5));
  append(b, response(6, { session: 'session-2' }));
  return { root, a, b, storePath: join(dir, 'data', 'history.sqlite') };
}

const run = runWithStore;

/** What the views read of the history: days, sessions, models and the month, whole. */
function views(monitor: Awaited<ReturnType<typeof run>>['monitor']) {
  const m = monitor.metrics();
  return { days: m.days, sessions: m.sessions, models: m.models, month: m.month };
}

function imageFile(storePath: string): string {
  const name = readdirSync(dirname(storePath)).find((n) => n.includes('.image-'));
  if (!name) throw new Error('no image file');
  return join(dirname(storePath), name);
}

const ALL = tokensOf(1, 2, 3, 4, 5, 6);

describe('warm starts from the image', () => {
  it('restores the image the start before left and shows exactly what replaying the rows showed', async () => {
    const { root, storePath } = setup();
    await (await run(root, storePath)).stop();
    const replayed = await run(root, storePath);
    expect(replayed.load).toEqual({ restored: false, replayed: 4, saved: true });
    const before = views(replayed.monitor);
    await replayed.stop();
    const restored = await run(root, storePath);
    expect(restored.load).toEqual({ restored: true, replayed: 0, saved: false });
    expect(totalTokens(restored.monitor)).toBe(ALL);
    expect(views(restored.monitor)).toEqual(before);
    await restored.stop();
  });

  it('replays the rows instead when one before the cut changed: a copy of an old response with more output', async () => {
    const { root, a, storePath } = setup();
    await (await run(root, storePath)).stop();
    await (await run(root, storePath)).stop();
    // Session 1 resumed: Claude Code copies response 2 into the file again, its output grown by 500.
    append(a, responseLines({
      sessionId: 'session-1', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time: NOW - 3 * DAY,
      messageId: 'msg_2', requestId: 'req_2', input: 10, output: 2500, cacheWrite: 100, cacheRead: 1000, blocks: 1,
    }).join(''));
    const grown = await run(root, storePath);
    expect(grown.load?.restored).toBe(true);
    expect(totalTokens(grown.monitor)).toBe(ALL + 500);
    await grown.stop();
    const after = await run(root, storePath);
    expect(after.load).toEqual({ restored: false, replayed: 4, saved: true });
    expect(totalTokens(after.monitor)).toBe(ALL + 500);
    await after.stop();
  });

  it('replays the rows when the image file is damaged or gone, and counts the same', async () => {
    const { root, storePath } = setup();
    await (await run(root, storePath)).stop();
    await (await run(root, storePath)).stop();
    const file = imageFile(storePath);
    const bytes = readFileSync(file);
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x10, middle);
    writeFileSync(file, bytes);
    const damaged = await run(root, storePath);
    expect([damaged.load?.restored, totalTokens(damaged.monitor)]).toEqual([false, ALL]);
    await damaged.stop();
    rmSync(imageFile(storePath));
    const missing = await run(root, storePath);
    expect([missing.load?.restored, totalTokens(missing.monitor)]).toEqual([false, ALL]);
    await missing.stop();
  });

  it('marks the days of a log file deleted after the image was built as known from the store alone', async () => {
    const { root, b, storePath } = setup();
    await (await run(root, storePath)).stop();
    await (await run(root, storePath)).stop();
    rmSync(b);
    const again = await run(root, storePath);
    expect(again.load?.restored).toBe(true);
    expect(totalTokens(again.monitor)).toBe(ALL);
    const days = again.monitor.metrics().days.map((d) => [d.date, d.fromStore]);
    expect(days).toEqual([['2026-11-16', true], ['2026-11-17', false], ['2026-11-18', false], ['2026-11-20', true]]);
    await again.stop();
  });
});

describe('warm starts that load the image while the logs are listed', () => {
  it('show with the listing of a worker thread what they show with their own', async () => {
    const { root, storePath } = setup();
    await (await run(root, storePath)).stop();
    await (await run(root, storePath)).stop();
    const here = await run(root, storePath);
    const before = views(here.monitor);
    await here.stop();
    const aside = await run(root, storePath, listInWorker([root]));
    expect(aside.load).toEqual({ restored: true, replayed: 0, saved: false });
    expect(views(aside.monitor)).toEqual(before);
    await aside.stop();
  });

  it('load as without the image when a log file gone at its build is back, and count it once', async () => {
    const { root, b, storePath } = setup();
    await (await run(root, storePath)).stop();
    copyFileSync(b, `${b}.kept`);
    rmSync(b);
    const built = await run(root, storePath);
    expect(built.load).toEqual({ restored: false, replayed: 4, saved: true });
    await built.stop();
    copyFileSync(`${b}.kept`, b);
    rmSync(`${b}.kept`);
    const back = await run(root, storePath);
    expect(back.load).toEqual({ restored: false, replayed: 4, saved: true });
    expect(totalTokens(back.monitor)).toBe(ALL);
    expect(back.monitor.metrics().days.map((d) => [d.date, d.fromStore])).toEqual([
      ['2026-11-16', false], ['2026-11-17', false], ['2026-11-18', false], ['2026-11-20', false],
    ]);
    await back.stop();
  });
});

describe('the ledger of a warm start (issue 21): two days before the image\'s cut in memory, older responses looked up', () => {
  /** Response `n` (as `response` writes it) in another session, at another time, its output grown by `more`. */
  function copyOf(n: number, time: number, more = 0): string {
    return responseLines({
      sessionId: 'session-3', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time,
      messageId: `msg_${n}`, requestId: `req_${n}`, input: 10, output: n * 1000 + more, cacheWrite: 100, cacheRead: 1000, blocks: 1,
    }).join('');
  }

  it('takes a row another process stored after the load for that process\'s: the response counts here once read', async () => {
    const { root, a, storePath } = setup();
    await (await run(root, storePath)).stop();
    await (await run(root, storePath)).stop();
    const warm = await run(root, storePath);
    expect([warm.load?.restored, warm.monitor.ingest.ledger.forgottenBefore]).toEqual([true, imageCut(NOW, Date.parse('2026-11-01')) - 2 * DAY]);
    // Another process reads a resumed session with a copy of response 7 (four days old) first, and stores it.
    const resumed = join(dirname(a), 'session-3.jsonl');
    append(resumed, copyOf(7, NOW - 4 * DAY));
    const other = await run(root, storePath);
    expect(totalTokens(other.monitor)).toBe(ALL + tokensOf(7));
    await other.stop();
    await warm.monitor.reader.readFile(resumed);
    expect(totalTokens(warm.monitor)).toBe(ALL + tokensOf(7));
    await warm.stop();
  });

  it('a warm start restores an image of the last two days\' responses, and counts copies of older ones once', async () => {
    const { root, a, storePath } = setup();
    await (await run(root, storePath)).stop();
    const built = await run(root, storePath);
    // The image's cut is 06:00 today: it holds response 1 (12:00 two days ago), and 5 and 6 come after it.
    expect([built.load?.saved, built.monitor.ingest.ledger.size]).toEqual([true, 3]);
    await built.stop();
    // Copies of 3 as written then, of 4 stamped now (a copy's time is not its response's), of 2 with 700 more output.
    append(join(dirname(a), 'session-3.jsonl'), copyOf(3, NOW - 4 * DAY) + copyOf(4, NOW - 60_000) + copyOf(2, NOW - 3 * DAY, 700));
    const warm = await run(root, storePath);
    expect(warm.load).toEqual({ restored: true, replayed: 0, saved: false });
    expect(totalTokens(warm.monitor)).toBe(ALL + 700);
    await warm.stop();
  });
});

describe('imageCut', () => {
  it('is the UTC quarter day at least an hour back, never before the history', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(imageCut(at('2026-11-20T12:00:00Z'), 0)).toBe(at('2026-11-20T06:00:00Z'));
    expect(imageCut(at('2026-11-20T12:59:59Z'), 0)).toBe(at('2026-11-20T06:00:00Z'));
    expect(imageCut(at('2026-11-20T13:00:00Z'), 0)).toBe(at('2026-11-20T12:00:00Z'));
    expect(imageCut(at('2026-11-20T00:30:00Z'), 0)).toBe(at('2026-11-19T18:00:00Z'));
    expect(imageCut(at('2026-11-20T12:00:00Z'), at('2026-11-20T09:00:00Z'))).toBe(at('2026-11-20T09:00:00Z'));
  });
});

describe('pricesKey', () => {
  it('differs whenever a cost in an image would: another table, multiplier or cost mode', () => {
    const base = { table: bundledPriceTable, priceMultiplier: 1, costMode: 'calculate' as const };
    const keys = [
      base, { ...base, priceMultiplier: 1.1 }, { ...base, costMode: 'auto' as const },
      { ...base, table: { ...bundledPriceTable, models: {} } },
    ].map(pricesKey);
    expect(new Set(keys).size).toBe(4);
    expect(pricesKey({ ...base })).toBe(keys[0]);
  });
});
