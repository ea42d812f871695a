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

  it('stop removes it and leaves no exit listener behind', async () => {
    const count = process.listenerCount('exit');
    demo = await startDemo({ clock: () => Date.parse('2026-12-02T12:00:00Z'), lookedIn: [], explicit: true });
    await demo.stop();
    expect(existsSync(demo.root)).toBe(false);
    expect(process.listenerCount('exit')).toBe(count);
    demo = null;
  });
});
