import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from './demo.js';

describe('the demo folder', () => {
  let demo: Demo | null = null;
  afterEach(async () => demo?.stop());

  it('goes with the process however it ends (a closed pane kills it without a stop)', async () => {
    const before = process.listeners('exit');
    demo = await startDemo({ clock: () => Date.parse('2026-12-02T12:00:00Z'), lookedIn: [], explicit: true });
    expect(existsSync(demo.root)).toBe(true);
    const added = process.listeners('exit').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    added[0]!.call(process, 0);
    expect(existsSync(demo.root)).toBe(false);
  });

  it('stop removes it and leaves no exit or signal listener behind', async () => {
    const signals = ['exit', 'SIGHUP', 'SIGTERM', 'SIGINT'] as const;
    const counts = signals.map((s) => process.listenerCount(s));
    demo = await startDemo({ clock: () => Date.parse('2026-12-02T12:00:00Z'), lookedIn: [], explicit: true });
    await demo.stop();
    expect(existsSync(demo.root)).toBe(false);
    expect(signals.map((s) => process.listenerCount(s))).toEqual(counts);
    demo = null;
  });

  it.each(['SIGHUP', 'SIGTERM', 'SIGINT'] as const)('goes at once on %s (a closed pane may send a second one that kills the process)', async (signal) => {
    // Someone else listens too (the screen, --follow): the signal is theirs to act on, not raised again.
    const theirs = () => {};
    process.on(signal, theirs);
    try {
      const before = process.listeners(signal);
      demo = await startDemo({ clock: () => Date.parse('2026-12-02T12:00:00Z'), lookedIn: [], explicit: true });
      const added = process.listeners(signal).filter((l) => !before.includes(l));
      expect(added).toHaveLength(1);
      added[0]!.call(process, signal);
      expect(existsSync(demo.root)).toBe(false);
    } finally {
      process.off(signal, theirs);
    }
  });
});
