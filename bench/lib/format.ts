import type { RunResult } from './proc.js';
import type { TreeReport } from './report.js';
import { median, MiB } from './stats.js';

export const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mb = (bytes: number | null | undefined) => (bytes == null ? 'n/a' : `${(bytes / MiB).toFixed(0)} MB`);
export const maxOf = (values: (number | null | undefined)[]) => Math.max(...values.map((v) => v ?? 0));
/** The median wall time of a set of runs. */
export const wallOf = (set: { runs: RunResult[] } | undefined) => median(set?.runs.map((x) => x.wallMs) ?? []);
export const treeName = (r: TreeReport) => r.name;
