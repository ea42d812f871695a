/**
 * Measures the history store (not a timed test): upsert and read rates, bytes per response.
 * Run: npx tsx test/support/store-bench.ts [COUNT]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';
import type { KeyedEvent } from '../../src/store/types.js';
import { historyEvents, removeTempDirs, tempDir } from './store-fixtures.js';

const count = Number(process.argv[2] ?? 200_000);
const path = join(tempDir(), 'history.sqlite');
const { store, notices } = openStore({ path });
if (!store) throw new Error(notices.join('; '));
const events = historyEvents(count);

/** Wall and CPU seconds of `run`: on a shared machine the CPU time is the steadier figure. */
function seconds(run: () => void): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

function upsertAll(list: KeyedEvent[], batch: number): void {
  for (let i = 0; i < list.length; i += batch) store!.upsert(list.slice(i, i + batch), 'local');
}

const perSecond = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} rows/s`;
function report(label: string, n: number, s: { wall: number; cpu: number }): void {
  console.log(`${label.padEnd(34)} wall ${s.wall.toFixed(3)} s (${perSecond(n, s.wall)}), cpu ${s.cpu.toFixed(3)} s (${perSecond(n, s.cpu)})`);
}

console.log(`${count.toLocaleString('en')} responses`);
report('upsert new, batches of 50,000', count, seconds(() => upsertAll(events, 50_000)));
report('upsert copies, batches of 50,000', count, seconds(() => upsertAll(events, 50_000)));
report('upsert copies, batches of 5,000', count, seconds(() => upsertAll(events, 5_000)));
const live = historyEvents(10_000, Date.UTC(2027, 0, 1), 'live');
report('live: 1,000 commits of 10 new rows', live.length, seconds(() => upsertAll(live, 10)));
let read = 0;
report('forEachResponse, all rows', count, seconds(() => (read = store.forEachResponse(0, Date.UTC(2026, 11, 31), () => {}))));
if (read !== count) throw new Error(`read ${read} of ${count}`);
store.close();
const bytes = statSync(path).size;
console.log(`file: ${bytes.toLocaleString('en')} bytes, ${(bytes / (count + live.length)).toFixed(1)} bytes/response`);
removeTempDirs();
