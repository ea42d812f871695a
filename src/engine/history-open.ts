import type { Options } from '../settings/options.js';
import { openStore } from '../store/index.js';
import { HistorySync } from './history-sync.js';

/** The machine name of the logs read from local folders (remotes are named by their host). */
export const LOCAL_MACHINE = 'local';

/**
 * The store's full check (store/verify.ts) starts this long after the open, once the first frame
 * is drawn, in every mode but a `--json` report, which would only pay for it.
 */
const VERIFY_AFTER_MS = 1000;

/**
 * The history store of a run: none with `--no-store` or when it cannot be opened (then the
 * run goes on in memory, and the notices say why).
 */
export function openHistory(options: Pick<Options, 'store' | 'mode'>): { history: HistorySync | null; notices: string[] } {
  if (options.store === null) return { history: null, notices: [] };
  const verifyAfterMs = options.mode === 'json' ? undefined : VERIFY_AFTER_MS;
  const { store, notices } = openStore({ path: options.store, verifyAfterMs });
  return { history: store ? new HistorySync(store, LOCAL_MACHINE) : null, notices };
}
