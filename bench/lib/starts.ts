import type { GeneratedTree } from '../generate.js';
import { storeArgs, type FollowSession, type Launcher } from './cctop.js';
import { startup, type FollowMark, type StartupFigures } from './live.js';
import { storeSize } from './scan.js';

export interface StartupRun extends StartupFigures {
  /** What `before` appended ahead of the run, in bytes. */
  appendedBytes: number;
  /** The store's bytes after the run; null without a store. */
  storeBytes: number | null;
}

export interface StartupOptions {
  /** The store file of run `i`, or null for `--no-store`. */
  store: (run: number) => string | null;
  /** Runs before run `i` (appends to the tree) and returns the bytes it added. */
  before?: (run: number) => number;
  /** Runs with the last run's session before it stops (the append and idle figures). */
  last?: (session: FollowSession, mark: FollowMark) => Promise<void>;
}

/** Figure 2, `runs` times: each start timed from its spawn and checked, then stopped. */
export async function startups(l: Launcher, tree: GeneratedTree, env: NodeJS.ProcessEnv, runs: number, opts: StartupOptions): Promise<StartupRun[]> {
  const out: StartupRun[] = [];
  for (let i = 0; i < runs; i++) {
    const appendedBytes = opts.before?.(i) ?? 0;
    const store = opts.store(i);
    const { figures, session, mark } = await startup(l, tree, env, storeArgs(store));
    try {
      if (i === runs - 1) await opts.last?.(session, mark);
    } finally {
      await session.stop();
    }
    out.push({ ...figures, appendedBytes, storeBytes: store === null ? null : storeSize(store) });
  }
  return out;
}
