import type { Options } from '../settings/options.js';
import { openStore } from '../store/index.js';
import { HistorySync } from './history-sync.js';

/** The machine name of the logs read from local folders (remotes are named by their host). */
export const LOCAL_MACHINE = 'local';

/**
 * The history store of a run: none with `--no-store` or when it cannot be opened (then the
 * run goes on in memory, and the notices say why).
 */
export function openHistory(options: Pick<Options, 'store'>): { history: HistorySync | null; notices: string[] } {
  if (options.store === null) return { history: null, notices: [] };
  const { store, notices } = openStore({ path: options.store });
  return { history: store ? new HistorySync(store, LOCAL_MACHINE) : null, notices };
}
