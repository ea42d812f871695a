import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { spawnChild } from '../../../test/support/isolation.js';
import { onAlternateScreen } from './alt-screen.js';

/** The alternate screen on, cursor home. */
const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
/** Back to the normal screen. */
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
/** The whole screen cleared, cursor home. */
const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/** A terminal that records what is written to it. */
class FakeTerminal extends EventEmitter {
  written = '';
  write(text: string): boolean {
    this.written += text;
    return true;
  }
}

/** What of `process` the screen listens to. */
type ScreenProcess = NonNullable<Parameters<typeof onAlternateScreen>[2]>;

function fakeProcess(): ScreenProcess & EventEmitter & { kill: ReturnType<typeof vi.fn> } {
  return Object.assign(new EventEmitter(), { pid: 42, kill: vi.fn() });
}

function start() {
  const stdout = new FakeTerminal();
  const proc = fakeProcess();
  const screen = onAlternateScreen(stdout, () => ({ unmount: () => stdout.write('[unmounted]') }), proc);
  stdout.write('[frame]');
  return { stdout, proc, screen };
}

describe('onAlternateScreen', () => {
  it('draws on the alternate screen and leaves it once, after the app unmounts', () => {
    const { stdout, screen } = start();
    screen.leave();
    screen.leave();
    expect(stdout.written).toBe(`${ENTER_ALT_SCREEN}[frame][unmounted]${LEAVE_ALT_SCREEN}`);
  });

  it('clears the screen on resize, before ink draws the new frame', () => {
    const { stdout, screen } = start();
    stdout.emit('resize');
    screen.leave();
    stdout.emit('resize');
    expect(stdout.written).toBe(`${ENTER_ALT_SCREEN}[frame]${CLEAR_SCREEN}[unmounted]${LEAVE_ALT_SCREEN}`);
  });

  it.each(['exit', 'uncaughtExceptionMonitor'])('leaves on %s', (event) => {
    const { stdout, proc } = start();
    proc.emit(event);
    expect(stdout.written.endsWith(`[unmounted]${LEAVE_ALT_SCREEN}`)).toBe(true);
  });

  it('leaves on SIGTERM and re-raises it when no one else listens', () => {
    const { stdout, proc } = start();
    proc.emit('SIGTERM', 'SIGTERM');
    expect(stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(proc.kill).toHaveBeenCalledWith(42, 'SIGTERM');
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('leaves on SIGHUP and lets the program handle it when it listens', () => {
    const { stdout, proc } = start();
    const own = vi.fn();
    proc.on('SIGHUP', own);
    proc.emit('SIGHUP', 'SIGHUP');
    expect(stdout.written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(own).toHaveBeenCalledTimes(1);
    expect(proc.kill).not.toHaveBeenCalled();
  });
});

/** Run the child until it is ready, signal it (or let it crash), and collect what it wrote. */
function runChild(mode: string, signal?: NodeJS.Signals): Promise<{ stdout: string; stderr: string; code: number | null; signal: string | null }> {
  const script = resolve(import.meta.dirname, '../../../test/support/alt-screen-child.ts');
  const child = spawnChild(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (signal && !signalled && stdout.includes('[ready]')) {
      signalled = true;
      child.kill(signal);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code, sig) => done({ stdout, stderr, code, signal: sig })));
}

describe('onAlternateScreen in a real process', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)('restores the screen on %s and still dies of it', async (signal) => {
    const out = await runChild('signal', signal);
    expect(out.stdout).toBe(`${ENTER_ALT_SCREEN}[ready][unmounted]${LEAVE_ALT_SCREEN}`);
    expect(out.signal).toBe(signal);
  });

  it('leaves the program its own SIGTERM handler', async () => {
    const out = await runChild('listen', 'SIGTERM');
    expect(out.stdout).toBe(`${ENTER_ALT_SCREEN}[ready][unmounted]${LEAVE_ALT_SCREEN}`);
    expect(out.code).toBe(0);
  });

  it('restores the screen before a crash prints its error', async () => {
    const out = await runChild('crash');
    expect(out.stdout).toBe(`${ENTER_ALT_SCREEN}[ready][unmounted]${LEAVE_ALT_SCREEN}`);
    expect(out.stderr).toContain('Error: boom');
    expect(out.code).toBe(1);
  });
});

describe('onAlternateScreen when the app fails', () => {
  it('restores the screen on a crash even if unmounting throws', () => {
    const stdout = new FakeTerminal();
    const proc = fakeProcess();
    onAlternateScreen(stdout, () => ({ unmount: () => { throw new Error('render failed'); } }), proc);
    proc.emit('uncaughtExceptionMonitor', new Error('boom'));
    expect(stdout.written).toBe(`${ENTER_ALT_SCREEN}${LEAVE_ALT_SCREEN}`);
  });

  it('leaves the screen when drawing throws', () => {
    const stdout = new FakeTerminal();
    expect(() => onAlternateScreen(stdout, () => { throw new Error('no tty'); }, fakeProcess())).toThrow('no tty');
    expect(stdout.written).toBe(`${ENTER_ALT_SCREEN}${LEAVE_ALT_SCREEN}`);
  });
});
