import type { Options } from '../settings/options.js';
import { nextPlan } from '../usage/plans.js';
import { untilSignal } from './io.js';
import { connectOfficial } from './official-feed.js';
import type { Pipeline } from './pipeline.js';

/** The live screen in the terminal's alternate screen, until q, Ctrl-C or a signal. */
export async function interactive(p: Pipeline, options: Options): Promise<number> {
  const { monitor, demo } = p;
  // A terminal is being watched: ink's CI mode (it draws only the last frame, on exit) would
  // leave the screen blank when CI is set in the environment. ink reads it when first imported.
  process.env.CI = '0';
  process.env.CONTINUOUS_INTEGRATION = '0';
  // No JSX in this file: it would import react's runtime up front, for every command.
  const [{ render }, { createElement }, { App }, { onAlternateScreen }] = await Promise.all([
    import('ink'), import('react'), import('../ui/views/App.js'), import('../ui/kit/alt-screen.js'),
  ]);
  // The screen and the logs come first; the statusline's state file joins when its watcher is ready.
  const dir = p.officialDir;
  const connecting = dir ? connectOfficial(monitor, dir, { burnCache: options.now === null }).catch(() => null) : Promise.resolve(null);
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
