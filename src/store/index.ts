/** The SQLite history store: open it, write batches, read history back, export. */
export { openStore, type OpenStoreOptions, type OpenStoreResult } from './open.js';
export { HistoryStore } from './history.js';
export { csvLines, csvField, ndjsonLines } from './export.js';
export { SCHEMA_VERSION } from './schema.js';
export type { StoredReading } from './readings.js';
export type { ImageMeta, NewImage, StoredImage } from './images.js';
export type { CommitBatch, FilePosition, KeyedEvent, MachineCount, StoredResponse, StoreInfo } from './types.js';
