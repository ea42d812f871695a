/** A scan worker: reads whole files with its own tailer and posts each file's batch and end state. */
import { parentPort } from 'node:worker_threads';
import { mergeCopies } from './merge-copies.js';
import { packBatch, transferablesOf, type ScannedFile } from './scan-packing.js';
import { READY, type ScanReply, type ScanRequest } from './scan-protocol.js';
import { LogTailer } from './tail.js';

let tailer: LogTailer | null = null;

parentPort?.on('message', (request: ScanRequest) => {
  tailer ??= new LogTailer({ timeZone: request.timeZone, limits: request.limits });
  const results: ScannedFile[] = request.files.map((file) => {
    const read = tailer!.readSync(file);
    read.events = mergeCopies(read.events, request.window.from, request.window.to);
    const batch = packBatch(read);
    const state = tailer!.stateOf(file);
    tailer!.forget(file);
    return { batch, state };
  });
  parentPort!.postMessage({ id: request.id, results } satisfies ScanReply, results.flatMap((r) => transferablesOf(r.batch.events)));
});
parentPort?.postMessage(READY);
