import { untilSignal } from '../engine/io.js';
import type { Pipeline } from '../engine/pipeline.js';

/** `cctop serve`: no screen, the logs followed and `/metrics` served until a signal. */
export async function serve(p: Pipeline): Promise<number> {
  const signalled = untilSignal();
  void p.live({ onFirstFrame: () => p.warn() });
  await signalled;
  await p.close();
  return 0;
}

