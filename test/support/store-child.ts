/**
 * A separate process that uses the history store, for the store's multi-process tests. Run with
 * `node --import tsx test/support/store-child.ts MODE PATH [ARGS]`; prints one JSON line.
 *   write PATH MACHINE COUNT BATCH [PEER…]: commits COUNT events (keys prefixed by MACHINE) in
 *     batches of BATCH, each with its file's position; with PEERs, first waits until each peer
 *     child is ready too, so that their writes overlap.
 *   open PATH: opens the store and tries one commit.
 *   warnings: loads the driver, emits an unrelated ExperimentalWarning, reports the warnings seen.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadDriver } from '../../src/store/driver.js';
import { openStore } from '../../src/store/open.js';
import { historyEvents, position } from './store-fixtures.js';

const [mode, path, machine = 'local', count = '0', batch = '100', ...peers] = process.argv.slice(2);

/** Marks this child ready, then waits (up to 20 s) for its peers' marks. */
function barrier(): void {
  writeFileSync(`${path}.${machine}.ready`, '');
  const deadline = Date.now() + 20_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!peers.every((peer) => existsSync(`${path}.${peer}.ready`)) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 2);
}

function write(): object {
  const { store, notices } = openStore({ path: path! });
  if (!store) return { ok: false, notices };
  const events = historyEvents(Number(count), undefined, machine);
  barrier();
  const started = Date.now();
  let failed = 0;
  for (let i = 0; i < events.length; i += Number(batch)) {
    const part = events.slice(i, i + Number(batch));
    const positions = [position({ path: `/${machine}.jsonl`, machine, offset: i + part.length })];
    if (!store.commit({ events: part, positions, machine })) failed++;
  }
  const finished = Date.now();
  const result = { ok: failed === 0, started, finished, notices: [...notices, ...store.takeNotices()] };
  store.close();
  return result;
}

function open(): object {
  const { store, notices } = openStore({ path: path! });
  const committed = store?.commit({ events: historyEvents(1), machine: 'local' }) ?? null;
  const result = { opened: store !== null, committed, notices: [...notices, ...(store?.takeNotices() ?? [])] };
  store?.close();
  return result;
}

function warnings(): void {
  const seen: string[] = [];
  let loaded = false;
  process.on('warning', (warning) => {
    seen.push(`${warning.name}: ${warning.message}`);
    // Warnings arrive in the order they were emitted: the one emitted last closes the list.
    if (warning.message === LAST) process.stdout.write(`${JSON.stringify({ loaded, seen })}\n`);
  });
  loaded = loadDriver().open !== null;
  process.emitWarning(LAST, 'ExperimentalWarning');
}

const LAST = 'another feature';

if (mode === 'warnings') warnings();
else process.stdout.write(`${JSON.stringify(mode === 'write' ? write() : open())}\n`);
