import { render } from 'ink';
import { createElement } from 'react';
import type { Options } from '../settings/options.js';
import { onAlternateScreen } from '../ui/kit/alt-screen.js';
import { App } from '../ui/views/App.js';
import { nextPlan } from '../usage/plans.js';
import { untilSignal } from './io.js';
import { connectOfficial } from './official-feed.js';
import type { Pipeline } from './pipeline.js';

/**
 * The live screen in the terminal's alternate screen, until q, Ctrl-C or a signal. Loaded only
 * for the screen (ink and react come with it); main.ts turns ink's CI mode off before.
 */
export async function interactive(p: Pipeline, options: Options): Promise<number> {
  const { monitor, demo } = p;
  // The screen and the logs come first; the statusline's state file joins when its watcher is ready.
  const dir = p.officialDir;
  const connecting = dir ? connectOfficial(monitor, dir, { burnCache: options.now === null }) : Promise.resolve(null);
  const loading = monitor.load({ watch: true, onFirstFrame: () => void connecting.then((official) => official?.startBurnCache()) });
  const timer = setInterval(() => monitor.tick(), 1000);
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const actions = { cyclePlan: () => monitor.setPlan(nextPlan(monitor.plan)), quit: () => quit() };
  const screen = onAlternateScreen(process.stdout, () =>
    render(createElement(App, { source: monitor, actions, color: options.color, banner: demo?.banner ?? null }), { exitOnCtrlC: false }));
  await Promise.race([quitting, untilSignal()]);
  clearInterval(timer);
  screen.leave();
  await Promise.allSettled([loading, p.close(), connecting.then((official) => official?.close())]);
  return 0;
}
