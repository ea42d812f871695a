import type { Metrics } from './types.js';

/** What the local roots came to: the no-logs message when there are none, how many roots and readable projects folders. */
export interface LocalRoots {
  noLogs: string | null;
  roots: number;
  projectsDirs: number;
}

/**
 * What stderr says after a one-shot output (and with the first line of `--follow` and `serve`):
 * every problem the snapshot carries, once each — roots and files that could not be read, the
 * notices (history store, watching, alert log, remote warnings) and the remotes that failed.
 * The lines go out as `cctop: <line>`.
 */
export function warningLines(m: Metrics, local: LocalRoots): string[] {
  const lines = local.noLogs === null ? rootLines(m, local) : [`warning: ${local.noLogs}`];
  for (const { path, reason } of m.diagnostics.unreadableFiles) lines.push(`warning: cannot read ${path}: ${reason}`);
  lines.push(...m.diagnostics.notices);
  for (const machine of m.machines) if (machine.state === 'failed') lines.push(machine.message ?? `${machine.machine}: not reachable`);
  return lines;
}

function rootLines(m: Metrics, local: LocalRoots): string[] {
  const lines = m.diagnostics.unreadableRoots.map(({ path, reason }) => `warning: cannot read ${path}: ${reason}`);
  if (local.roots > 0 && local.projectsDirs === 0) lines.push('warning: none of the log folders could be read: there is no usage to show');
  return lines;
}
