/**
 * The terminal's alternate screen, as top and htop use it: the monitor draws on a screen of its
 * own, and leaving restores what was there. ink 6 has no option for it, so the escape sequences
 * go around ink's `render`.
 */

/** Switch to the alternate screen (saving the cursor), cursor home. */
const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
/** Back to the normal screen, cursor restored. */
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/** Clear the whole screen, cursor home: a resize leaves no rewrapped rows of the old frame. */
const CLEAR_SCREEN = '\x1b[2J\x1b[H';

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- process's own listener type
type Listener = (...args: any[]) => void;

/** The terminal written to: process.stdout, or a fake in tests. */
interface ScreenStream {
  write(text: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/** What of `process` the screen listens to (a fake in tests). */
interface ScreenProcess {
  pid: number;
  on(event: string, listener: Listener): unknown;
  prependListener(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal: string): unknown;
}

/** An app drawn on the alternate screen. */
export interface AltScreenApp<T> {
  /** What `draw` returned (ink's instance). */
  instance: T;
  /** Unmount the app (its last frame stays on the alternate screen) and restore the normal screen; safe to call again. */
  leave(): void;
}

/** The screen's listeners: each restores the normal screen, whatever ends the program. */
class Screen<T extends { unmount(): void }> {
  private left = false;
  instance: T | null = null;

  constructor(
    private readonly stdout: ScreenStream,
    private readonly proc: ScreenProcess,
  ) {}

  /** Switch screens and listen; the resize listener goes before ink's (added by `draw`). */
  enter(): void {
    this.stdout.write(ENTER_ALT_SCREEN);
    this.stdout.on('resize', this.clear);
    this.proc.on('exit', this.leaveQuietly);
    this.proc.on('uncaughtExceptionMonitor', this.leaveQuietly);
    for (const s of SIGNALS) this.proc.prependListener(s, this.onSignal);
  }

  /** Unmount, stop listening, switch back; once. */
  leave = (): void => {
    if (this.left) return;
    this.left = true;
    try {
      this.instance?.unmount();
    } finally {
      this.stdout.off('resize', this.clear);
      this.proc.off('exit', this.leaveQuietly);
      this.proc.off('uncaughtExceptionMonitor', this.leaveQuietly);
      for (const s of SIGNALS) this.proc.off(s, this.onSignal);
      this.stdout.write(LEAVE_ALT_SCREEN);
    }
  };

  /** On exit and on a crash the screen comes back even if the app fails to unmount. */
  private leaveQuietly = (): void => {
    try {
      this.leave();
    } catch {
      // The normal screen is back (leave's finally); the app's error is not actionable now.
    }
  };

  /** Listening first (prepended): alone, no one else acts on the signal, so its default action is restored. */
  private onSignal = (signal: string): void => {
    const alone = this.proc.listenerCount(signal) === 1;
    this.leaveQuietly();
    if (alone) this.proc.kill(this.proc.pid, signal);
  };

  private clear = (): void => {
    this.stdout.write(CLEAR_SCREEN);
  };
}

/**
 * Enter the alternate screen, then draw (`() => render(…)`). The normal screen comes back on
 * `leave()`, on process exit, before a crash's error is printed, and on SIGTERM, SIGHUP and SIGINT
 * (the signal's default action still happens when nothing else listens to it).
 */
export function onAlternateScreen<T extends { unmount(): void }>(stdout: ScreenStream, draw: () => T, proc: ScreenProcess = process): AltScreenApp<T> {
  const screen = new Screen<T>(stdout, proc);
  screen.enter();
  try {
    screen.instance = draw();
  } catch (err) {
    screen.leave();
    throw err;
  }
  return { instance: screen.instance, leave: screen.leave };
}
