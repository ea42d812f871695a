import type { LimitHit, UsageEvent } from '../logs/events.js';
import type { TailBatch } from '../logs/tail.js';
import type { BadLines } from './feed-check.js';
import type { RemoteSpec } from './spec.js';
import type { RemoteMode } from './stream.js';

/** connecting → live; retrying (with backoff) after a drop; failed when only the user can fix it. */
export type FeedStateName = 'connecting' | 'live' | 'retrying' | 'failed';

/** Where a feed stands. `lagMs`: how long ago the remote last spoke (it beats every few seconds). */
export interface FeedState {
  state: FeedStateName;
  lagMs?: number;
  message?: string;
  /** While retrying: when the next attempt starts. */
  retryInMs?: number;
  /** While live: the remote has sent everything past the offsets it started from. */
  synced?: boolean;
  /** While live: which program answers, `cctop feed` or the sh script. */
  mode?: RemoteMode;
}

/** Mode 2: the complete lines of bytes [from, to) of a remote file that hold a prefilter marker. */
export interface RemoteRead {
  file: string;
  lines: Buffer[];
  from: number;
  to: number;
  /** Whether the file was read again from 0, and why. */
  reset: TailBatch['reset'];
  /** What the script knows the file by (protocol.ts): stored with the offset, handed back on reconnect. */
  id: string;
}

export type LinesHandler = (read: RemoteRead) => void;

/**
 * Mode 1: one batch of records `cctop feed` parsed (`file` of each is the remote path), the
 * lines it read and the bad ones per remote file, and the whole cursor after it (to store with
 * them, and to resume from).
 */
export interface FedBatch {
  events: UsageEvent[];
  hits: LimitHit[];
  lines: number;
  bad: ReadonlyMap<string, BadLines>;
  cursor: string;
}

export type EventsHandler = (batch: FedBatch) => void;

/** What a RemoteFeed follows and whom it tells. */
export interface RemoteFeedOptions {
  spec: RemoteSpec;
  /** Replaces `ssh` and its options (split like sh), as rsync's `-e`. */
  sshCommand?: string;
  /** Known offsets per remote file (from the store): nothing before them is sent again. */
  offsets?: ReadonlyMap<string, number>;
  /** The id per remote file that goes with its offset (an earlier read's): a file with another is read from 0. */
  ids?: ReadonlyMap<string, string>;
  /** Mode 1's cursor to resume from (the store's, saved from an earlier `onEvents`); '' or none for the start. */
  cursor?: string;
  onLines: LinesHandler;
  onEvents: EventsHandler;
  onState: (state: FeedState) => void;
  /** Bad frames and other oddities from the remote (sanitized), each naming the machine. */
  onWarning?: (message: string) => void;
  retry?: { firstMs?: number; maxMs?: number; stableMs?: number };
  /** Silence after which the connection is given up as dead and made again. */
  stallMs?: number;
  /**
   * A one-shot report's feed: one connection, no retry; the remote must answer within `answerMs`
   * (default 10 s); any failure, or a connection lost before the remote sent all it had, is final.
   */
  once?: boolean;
  answerMs?: number;
  /** Script tuning (tests): passes between full listings, passes between heartbeats. */
  fullEvery?: number;
  heartbeatEvery?: number;
}
