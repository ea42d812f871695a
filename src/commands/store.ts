import { existsSync } from 'node:fs';
import { commandName } from '../settings/commands.js';
import type { Options } from '../settings/options.js';
import type { Env } from '../settings/user-files.js';
import { writeOut } from '../engine/io.js';
import { csvLines, ndjsonLines, openStore, type HistoryStore, type StoreInfo } from '../store/index.js';
import { Calendar } from '../usage/calendar.js';
import { HistorySync } from '../engine/history-sync.js';
import { LOCAL_MACHINE } from '../engine/history-open.js';
import type { Monitor } from '../engine/monitor.js';

/** What `cctop store …` needs from the entry point: the lines out, and a monitor over the logs. */
export interface StoreCommandIo {
  write(text: string): Promise<void>;
  /** A monitor reading every log file still on disk into `history`, from its first byte. */
  monitorFor(history: HistorySync): Monitor;
}

/**
 * `cctop store info|rebuild|export|prune`: exit status 0, or 1 when the store cannot be opened —
 * a newer cctop's store included, which every subcommand leaves exactly as it is.
 */
export async function storeCommand(options: Options, io: StoreCommandIo): Promise<number> {
  // A rebuild checks the whole file first, and recovers it when it finds it damaged.
  const check = options.mode === 'store-rebuild' ? 'full' : 'open';
  const { store, notices, newer } = openStore({ path: options.store!, check });
  if (newer) {
    process.stderr.write(`cctop: ${commandName(options.mode)}: ${newer.text}\n`);
    return 1;
  }
  for (const notice of notices) process.stderr.write(`cctop: ${notice}\n`);
  if (!store) return 1;
  try {
    if (options.mode === 'store-info') await io.write(infoText(store.info(), store));
    if (options.mode === 'store-export') await exportRows(store, options.exportFormat ?? 'json', io);
    if (options.mode === 'store-prune') await prune(store, options, io);
    if (options.mode === 'store-rebuild') await rebuild(store, io);
    for (const notice of store.takeNotices()) process.stderr.write(`cctop: ${notice}\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** The store at a glance, for people (`sqlite3` reads the file for anything deeper). */
export function infoText(info: StoreInfo | null, store: HistoryStore): string {
  if (!info) return `store ${store.path}: could not be read\n`;
  const machines = info.machines.map((m) => `${m.machine} ${m.responses.toLocaleString('en-US')}`).join(' · ') || 'none';
  const span = info.firstDay ? `${info.firstDay} to ${info.lastDay}` : 'none yet';
  return [
    `store      ${info.path} (SQLite ${info.sqliteVersion})`,
    `size       ${(info.sizeBytes / 2 ** 20).toFixed(1)} MiB`,
    `responses  ${info.responses.toLocaleString('en-US')} · ${span} (UTC days)`,
    `log files  ${info.files.toLocaleString('en-US')} with a stored position`,
    `machines   ${machines}`,
    `images     ${imagesText(info.images)}`,
  ].join('\n') + '\n';
}

/** The warm-start images: a cache beside the store (deleting them costs one slower start). */
function imagesText({ count, bytes, cut }: StoreInfo['images']): string {
  if (count === 0 || cut === null) return 'none yet (the next warm start leaves one)';
  const to = new Date(cut).toISOString().slice(0, 16).replace('T', ' ');
  return `${count} · ${(bytes / 2 ** 20).toFixed(1)} MiB · the newest to ${to} UTC (warm starts)`;
}

async function exportRows(store: HistoryStore, format: 'csv' | 'json', io: StoreCommandIo): Promise<void> {
  const lines = format === 'csv' ? csvLines(store.exportRows()) : ndjsonLines(store.exportRows());
  // Each line ends in its newline; written a thousand at a time.
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 1000) {
      await io.write(chunk.join(''));
      chunk = [];
    }
  }
  if (chunk.length > 0) await io.write(chunk.join(''));
}

async function prune(store: HistoryStore, options: Options, io: StoreCommandIo): Promise<void> {
  const before = Calendar.for(options.timeZone).parseDay(options.pruneBefore!);
  const deleted = store.prune(before);
  await io.write(`pruned ${deleted.toLocaleString('en-US')} responses before ${options.pruneBefore} (${options.timeZone})\n`);
}

/** Rebuilds the indexes and reads every log still on disk again from its start; rows whose logs are gone stay. */
async function rebuild(store: HistoryStore, io: StoreCommandIo): Promise<void> {
  const before = store.info()?.responses ?? 0;
  store.clearPositions(LOCAL_MACHINE);
  // Lines without ids whose files are still there are read again, and keyed as this version keys them.
  store.dropIdlessRows(LOCAL_MACHINE, (file) => existsSync(file));
  store.reindex();
  const monitor = io.monitorFor(new HistorySync(store, LOCAL_MACHINE));
  await monitor.load();
  await monitor.close();
  const after = store.info()?.responses ?? 0;
  const files = monitor.reader.loading.filesRead;
  await io.write(`rebuilt from ${files.toLocaleString('en-US')} log files: ${after.toLocaleString('en-US')} responses stored (${before.toLocaleString('en-US')} before)\n`);
}

/** `cctop store …`: the command over the store, with a monitor for `rebuild` that reads every log on disk. */
export async function store(options: Options, env: Env): Promise<number> {
  const [{ Monitor }, startup, { readPriceTable }] = await Promise.all([
    import('../engine/monitor.js'), import('../engine/startup.js'), import('../settings/price-file.js'),
  ]);
  const table = readPriceTable(options.pricingFile);
  const now = options.now ?? Date.now();
  return storeCommand(options, {
    write: writeOut,
    // A rebuild reads every file still on disk, whatever its age.
    monitorFor: (history) => new Monitor({
      roots: startup.rootsFor(options, env), settings: { ...startup.metricsSettings(options, table, now), historyStart: 0 },
      costMode: options.costMode, clock: () => now, history,
    }),
  });
}
