/** What `pollFor` looks for, how often, and what becomes of what it finds. */
export interface Poll<T> {
  /** The thing, or null while it is not there. */
  probe(): Promise<T | null>;
  everyMs: number;
  /** Called once, with the first thing found; polling ends. */
  found(value: T): void;
  /** A thing found after `stop` (the probe was under way): for disposing of it. */
  tooLate(value: T): void;
}

/** Probes every `everyMs` (one probe at a time, never keeping the process up) until found; returns `stop`. */
export function pollFor<T>(poll: Poll<T>): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    timer = setTimeout(() => void probe(), poll.everyMs);
    timer.unref();
  };
  const probe = async () => {
    const value = await poll.probe().catch(() => null);
    if (value !== null && stopped) poll.tooLate(value);
    else if (value !== null) poll.found(value);
    else if (!stopped) next();
  };
  next();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
