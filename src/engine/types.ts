import type { UsageMetrics } from '../usage/metrics-types.js';

// The engine's own state, carried beside usage's figures in every output (the screen, --json,
// /metrics, MCP): how far the history is read, what could not be read, the remote machines.

export interface LoadingState {
  /** True once the whole history window is read. */
  done: boolean;
  filesRead: number;
  filesTotal: number;
  bytesRead: number;
  bytesTotal: number;
}

/** One remote machine's feed, as the header shows it ("devbox ● 2s"). */
export interface MachineStatus {
  machine: string;
  state: 'connecting' | 'live' | 'retrying' | 'failed';
  /** Time since the remote last sent anything (ms), while connected. */
  lagMs: number | null;
  /** Why it is retrying or failed, for people. */
  message: string | null;
  /** While retrying: when the next try starts (epoch ms, on the engine's clock); absent otherwise. */
  retryAt?: number;
}

/** Per-file read problems, reported in diagnostics. */
export interface FileDiagnostics {
  file: string;
  lines: number;
  /** Lines that were not JSON, or JSON of the wrong shape, among those with usage. */
  badLines: number;
  /** The first few reasons, for the `d` view. */
  samples: string[];
}

export interface Diagnostics {
  filesRead: number;
  linesRead: number;
  badLines: number;
  /** Only the files with bad lines or read errors. */
  files: FileDiagnostics[];
  /** Models priced at 0 because the table does not know them (never `<synthetic>`). */
  unpricedModels: { model: string; tokens: number }[];
  /** Roots that do not exist or cannot be read, with the reason. */
  unreadableRoots: { path: string; reason: string }[];
  /** Files or folders that could not be read during the run. */
  unreadableFiles: { path: string; reason: string }[];
  /** Notices for the user (e.g. "watching by polling: inotify limit reached"). */
  notices: string[];
  /** Responses dated after a report's fixed clock (`--now`), not counted. */
  afterClock: number;
}

/** What the engine knows of its own reading. */
export interface EngineState {
  loading: LoadingState;
  /** Log files known. */
  filesWatched: number;
  diagnostics: Diagnostics;
  /** The ssh remotes read (`--remote`), each with its connection state; empty without remotes. */
  machines: MachineStatus[];
}

/** Everything an output shows: usage's figures (pure functions of the store, the clock and the settings) and the engine's state. */
export type Metrics = UsageMetrics & EngineState;
