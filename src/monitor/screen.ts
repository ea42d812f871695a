import { render } from 'ink';
import { createElement } from 'react';
import type { Options } from '../settings/options.js';
import { onAlternateScreen, type AltScreenApp } from '../ui/kit/alt-screen.js';
import { App } from '../ui/views/App.js';
import { nextPlan } from '../usage/plans.js';
import { untilSignal } from './io.js';
import { connectOfficial } from './official-feed.js';
import type { Pipeline } from './pipeline.js';

/**
 * How long a start may take before the screen shows its loading frame. Drawn at once, that frame
 * costs ~0.1 s of the main thread (react's first render) before the logs are even listed.
 */
const LOADING_FRAME_AFTER_MS = 300;

/**
 * The live screen in the terminal's alternate screen, until q, Ctrl-C or a signal. Loaded only
 * for the screen (ink and react come with it); main.ts turns ink's CI mode off before.
 */
export async function interactive(p: Pipeline, options: Options): Promise<number> {
  const { monitor, demo } = p;
  // The screen and the logs come first; the statusline's state file joins when its watcher is ready.
  const dir = p.officialDir;
  const connecting = dir ? connectOfficial(monitor, dir, { burnCache: options.now === null }) : Promise.resolve(null);
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const actions = { cyclePlan: () => monitor.setPlan(nextPlan(monitor.plan)), quit: () => quit() };
  const screen = drawnOnce(() => onAlternateScreen(process.stdout, () =>
    render(createElement(App, { source: monitor, actions, color: options.color, banner: demo?.banner ?? null }), { exitOnCtrlC: false })));
  // The first frame is drawn with today and the active window in; a slow start shows its progress.
  const slowStart = setTimeout(screen.draw, LOADING_FRAME_AFTER_MS);
  const loading = monitor.load({
    watch: true,
    onFirstFrame: () => {
      screen.draw();
      void connecting.then((official) => official?.startBurnCache());
    },
  });
  const timer = setInterval(() => monitor.tick(), 1000);
  await Promise.race([quitting, untilSignal()]);
  clearTimeout(slowStart);
  clearInterval(timer);
  screen.leave();
  await Promise.allSettled([loading, p.close(), connecting.then((official) => official?.close())]);
  return 0;
}

/** The screen, drawn on the first `draw` (later calls do nothing); `leave` restores the terminal if it was drawn. */
function drawnOnce(enter: () => AltScreenApp<unknown>): { draw: () => void; leave: () => void } {
  let app: AltScreenApp<unknown> | null = null;
  return {
    draw: () => {
      app ??= enter();
    },
    leave: () => app?.leave(),
  };
}
