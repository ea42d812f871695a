import type { LimitHit, UsageEvent } from '../logs/events.js';

/** A usage event as stored: always keyed (the caller keys id-less lines `file:lineOffset`). */
export type KeyedEvent = UsageEvent & { key: string };

/** A stored response: the event as first seen (largest token counts) and the machine it came from. */
export type StoredResponse = KeyedEvent & { machine: string };

/** Where the next read of one log file starts, and what identifies the file. */
export interface FilePosition {
  path: string;
  /** The machine (or ssh host) the file lives on. */
  machine: string;
  device: number;
  inode: number;
  size: number;
  mtimeMs: number;
  /** The byte where the next read starts: the start of the held partial line, if any. */
  offset: number;
  /** The number of lines before `offset`. */
  line: number;
  /** The caller's hash of the file's first bytes (a changed head means a replaced file). */
  headHash: string;
  /** The bad lines read before `offset` and the first of them quoted, so a warm start still shows them; absent when none. */
  bad?: { lines: number; samples: string[] };
}

/** What one write transaction stores: rows, the positions that cover them, limit hits. */
export interface CommitBatch {
  events?: readonly KeyedEvent[];
  /** The machine the events and hits came from. */
  machine?: string;
  positions?: readonly FilePosition[];
  hits?: readonly LimitHit[];
}

/** A per-machine count of stored responses. */
export interface MachineCount {
  machine: string;
  responses: number;
}

/** What `cctop store info` shows. */
export interface StoreInfo {
  path: string;
  /** The SQLite library's version (node:sqlite's). */
  sqliteVersion: string;
  /** The database file plus its write-ahead log, in bytes. */
  sizeBytes: number;
  responses: number;
  /** Log files with a stored position. */
  files: number;
  /** UTC dates (YYYY-MM-DD) of the first and last stored response; null when none. */
  firstDay: string | null;
  lastDay: string | null;
  machines: MachineCount[];
  /** The warm-start images beside the store (images.ts): how many, their files' bytes, the newest cut (epoch ms). */
  images: { count: number; bytes: number; cut: number | null };
}
