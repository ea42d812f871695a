/** A listing worker: lists the roots it is given (list-roots.ts) and posts the listing. */
import { parentPort, workerData } from 'node:worker_threads';
import { listRoots, packListing } from './list-roots.js';

const packed = packListing(await listRoots(workerData as string[]));
parentPort?.postMessage(packed, [packed.numbers.buffer]);
