import { App } from '../../src/ui/views/App.js';
import type { Monitor } from '../../src/engine/monitor.js';
import { renderAt } from './render.js';

/** The keys of the screen's views: live, days, sessions, models, diagnostics, help. */
export const VIEW_KEYS = ['1', '2', '3', '4', 'd', '?'] as const;

/** The frame of each view of the screen over `monitor`, at this size, in colour or not. */
export async function screenFrames(monitor: Monitor, size: { columns: number; rows: number; color: boolean }): Promise<string[]> {
  const actions = { cyclePlan: () => {}, quit: () => {} };
  const r = renderAt(<App source={monitor} actions={actions} color={size.color} banner={null} />, size.columns, size.rows);
  // ink ends the app with the error a component threw (and draws it): that is a failure here.
  let thrown: unknown = null;
  r.instance.waitUntilExit().catch((err: unknown) => (thrown = err));
  try {
    await r.settle();
    const frames: string[] = [];
    for (const key of VIEW_KEYS) {
      r.stdin.write(key);
      await r.settle();
      frames.push(r.lastFrame());
    }
    if (thrown !== null) throw thrown;
    return frames;
  } finally {
    r.instance.unmount();
  }
}
