import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as inkRender, type Instance } from 'ink';

/** A stdout with settable size that keeps every frame ink writes. */
export class FakeStdout extends EventEmitter {
  /** Frames written, oldest first. */
  readonly frames: string[] = [];
  /** ink decides fullscreen rendering from this. */
  readonly isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  /** Change the size and emit `resize`, as a terminal does. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A stdin that ink's useInput can read from; `write` sends keys. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface RenderResult {
  stdout: FakeStdout;
  stdin: FakeStdin;
  instance: Instance;
  /** The newest frame. */
  lastFrame(): string;
  /** Wait for pending renders (input and effects are async). */
  settle(): Promise<void>;
  /** Wait until the last frame contains the text (or fail after `timeoutMs`). */
  waitForContent(text: string, timeoutMs?: number): Promise<string>;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Render into a fake terminal of the given size. */
export function renderAt(tree: ReactElement, columns = 100, rows = 40): RenderResult {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrame = () => stdout.frames.at(-1) ?? '';
  const settle = async () => {
    for (let i = 0; i < 5; i++) await tick();
  };
  const waitForContent = async (text: string, timeoutMs = 2000) => {
    const until = Date.now() + timeoutMs;
    while (!lastFrame().includes(text)) {
      if (Date.now() > until) throw new Error(`"${text}" never appeared; last frame:\n${lastFrame()}`);
      await tick();
    }
    return lastFrame();
  };
  return { stdout, stdin, instance, lastFrame, settle, waitForContent };
}

/** Strip ANSI escapes (to compare text when colour is on). */
export function plain(frame: string): string {
  // eslint-disable-next-line no-control-regex
  return frame.replace(/\x1b\[[0-9;]*m/g, '');
}
