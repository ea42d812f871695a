/** The process edges every entry point shares: writing stdout to the end, and waiting for a signal. */

/**
 * Writes and waits until the text is out: stdout to a pipe is asynchronous, and cli.tsx exits
 * as soon as the command returns (a 1.7 MB snapshot piped to `jq` was cut at 64 KB).
 */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** Resolves on SIGINT, SIGTERM or SIGHUP (the pane closed): every mode exits 0 on them. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGHUP', resolve);
  });
}
