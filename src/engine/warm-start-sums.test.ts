import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { responseLines, type ResponseSpec } from '../demo/lines.js';
import { HistorySync } from './history-sync.js';
import type { Monitor } from './monitor.js';
import { openStore } from '../store/index.js';
import { snapshotJson } from '../snapshot/snapshot.js';
import { append, monitorOf, NOW, tempDir } from '../../test/support/faults.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

const DAY = 86_400_000;
const OLD = NOW - 5 * DAY;

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const root = join(dir, 'claude');
  const project = join(root, 'projects', '-home-me-src-app');
  return { root, file: (name: string) => join(project, `${name}.jsonl`), storePath: join(dir, 'data', 'history.sqlite') };
}

/** One response's lines, with usage fields the demo's lines leave out (`speed`, `inference_geo`, the 5m/1h split). */
function lines(n: number, time: number, opts: Partial<ResponseSpec> & { usage?: Record<string, unknown> } = {}): string {
  const { usage, ...spec } = opts;
  const base: ResponseSpec = {
    sessionId: 'session-1', cwd: '/home/me/src/app', model: 'claude-sonnet-4-5-20250929', time, messageId: `msg_${n}`,
    requestId: `req_${n}`, input: 10 * n, output: 1000 * n, cacheWrite: 100, cacheRead: 1000, blocks: 2, ...spec,
  };
  return responseLines(base).map((line) => {
    const record = JSON.parse(line) as { message: { usage: Record<string, unknown> } };
    Object.assign(record.message.usage, usage);
    return JSON.stringify(record) + '\n';
  }).join('');
}

/** Old history of every pricing kind a sum must keep apart, and a recent hour. */
function writeHistory(file: (name: string) => string): void {
  append(file('a'), [
    lines(1, OLD),
    lines(2, OLD + 20_000),
    // Past 200k of prompt: the long-context tier, per response, in the same minute as two short ones.
    lines(3, OLD + 40_000, { input: 150_000, cacheRead: 60_000 }),
    lines(4, OLD + 3 * 60_000, { usage: { speed: 'fast' } }),
    lines(5, OLD + 4 * 60_000, { usage: { inference_geo: 'us' } }),
    lines(6, OLD + 5 * 60_000, { cacheWrite: 700, usage: { cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 100 } } }),
    lines(7, OLD + 6 * 60_000, { model: 'claude-opus-4-1-20250805' }),
    lines(8, OLD + DAY, { model: 'some-unknown-model' }),
  ].join(''));
  append(file('b'), lines(9, OLD + 2 * DAY, { sessionId: 'session-2', cwd: '/home/me/src/other' }) + lines(10, NOW - 3_600_000, { sessionId: 'session-2' }));
}

/** Every figure of the snapshot but the read counters (a warm start reads fewer bytes), costs to 12 significant digits. */
function figures(monitor: Monitor): unknown {
  const snapshot = JSON.parse(snapshotJson(monitor.metrics())) as Record<string, unknown>;
  delete snapshot.diagnostics;
  delete snapshot.loading;
  return JSON.parse(JSON.stringify(snapshot, (_key, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(12)) : value)));
}

async function inMemory(root: string): Promise<unknown> {
  const monitor = monitorOf([root]);
  await monitor.load();
  const result = figures(monitor);
  await monitor.close();
  return result;
}

async function stored(root: string, storePath: string): Promise<{ figures: unknown; history: HistorySync }> {
  const { store } = openStore({ path: storePath });
  const history = new HistorySync(store!, 'local');
  const monitor = monitorOf([root], { history });
  await monitor.load();
  const result = figures(monitor);
  await monitor.close();
  store!.close();
  return { figures: result, history };
}

describe('a warm start from the store\'s sums', () => {
  it('shows every figure a cold start and a run without a store show', async () => {
    const { root, file, storePath } = setup();
    writeHistory(file);
    const truth = await inMemory(root);
    expect((await stored(root, storePath)).figures).toEqual(truth);
    expect((await stored(root, storePath)).figures).toEqual(truth);
  });

  it('counts the growth of an old response copied by a resumed session once, and keeps it in the store', async () => {
    const { root, file, storePath } = setup();
    writeHistory(file);
    await stored(root, storePath);
    // A resumed session copies response 2 (5 days old) with more output, and response 3 as it was.
    append(file('c'), lines(2, OLD + 20_000, { sessionId: 'session-3', output: 9000 }) + lines(3, OLD + 40_000, { input: 150_000, cacheRead: 60_000 }));
    // Which session a copied response belongs to follows the read order (a cold read takes the newest log first), so the days are compared.
    const truth = (await inMemory(root)) as { days: unknown[] };
    const first = (await stored(root, storePath)).figures as { days: unknown[] };
    expect(first.days).toEqual(truth.days);
    expect((await stored(root, storePath)).figures).toEqual(first);
  });

  it('counts nothing twice when a log of old responses is replaced and read again from its start', async () => {
    const { root, file, storePath } = setup();
    writeHistory(file);
    await stored(root, storePath);
    // The union the store should hold: the first history and one more old response.
    const union = setup();
    writeHistory(union.file);
    append(union.file('d'), lines(11, OLD + 7 * 60_000));
    const truth = (await inMemory(union.root)) as { days: { tokens: unknown; costUSD: number }[] };
    // Log a is replaced (a new inode) by responses 1 and 2 again and response 11: it is read from its start.
    writeFileSync(`${file('a')}.new`, lines(1, OLD) + lines(2, OLD + 20_000) + lines(11, OLD + 7 * 60_000));
    renameSync(`${file('a')}.new`, file('a'));
    for (let run = 0; run < 2; run++) {
      const warm = (await stored(root, storePath)).figures as typeof truth;
      expect(warm.days.map((d) => [d.tokens, d.costUSD])).toEqual(truth.days.map((d) => [d.tokens, d.costUSD]));
    }
  });
});
