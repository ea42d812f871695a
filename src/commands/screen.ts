import { render, type Instance } from 'ink';
import { createElement, type ReactElement } from 'react';
import type { Options } from '../settings/options.js';
import { onAlternateScreen, type AltScreenApp } from '../ui/kit/alt-screen.js';
import { App } from '../ui/views/App.js';
import { nextPlan } from '../usage/plans.js';
import { untilSignal } from '../engine/io.js';
import type { Pipeline } from '../engine/pipeline.js';
import { pollFor } from '../engine/poll-for.js';

/**
 * How long a start may take before the screen shows its loading frame. Drawn at once, that frame
 * costs ~0.1 s of the main thread (react's first render) before the logs are even listed.
 */
const LOADING_FRAME_AFTER_MS = 300;
/** How often the demo shown for want of logs looks for Claude Code's first log. */
const LOGS_POLL_MS = 2000;

/** A pipeline being shown, and its loading. */
interface Shown {
  p: Pipeline;
  loading: Promise<void>;
}

/**
 * The live screen in the terminal's alternate screen, until q, Ctrl-C or a signal. Loaded only
 * for the screen (ink and react come with it); main.ts turns ink's CI mode off before. The demo
 * shown for want of logs gives way to the user's logs as soon as Claude Code writes one.
 */
export async function interactive(first: Pipeline, options: Options): Promise<number> {
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const shown: Shown[] = [];
  const current = () => shown.at(-1)!;
  const actions = { cyclePlan: () => current().p.monitor.setPlan(nextPlan(current().p.monitor.plan)), quit: () => quit() };
  const app = () => createElement(App, { source: current().p.monitor, actions, color: options.color, banner: current().p.demo?.banner ?? null });
  const screen = drawnOnce(() => onAlternateScreen(process.stdout, () => render(app(), { exitOnCtrlC: false })));
  // The first frame is drawn with today and the active window in; a slow start shows its progress.
  const slowStart = setTimeout(screen.draw, LOADING_FRAME_AFTER_MS);
  shown.push(show(first, screen.draw));
  const stopPolling = first.whenLogs ? pollFor({
    probe: first.whenLogs, everyMs: LOGS_POLL_MS,
    // The demo stays on screen until the user's logs have their first frame.
    found: (real) => shown.push(show(real, () => {
      screen.rerender(app());
      void hide(shown.shift()!);
    })),
    tooLate: (real) => void real.close(),
  }) : () => {};
  await Promise.race([quitting, untilSignal()]);
  stopPolling();
  clearTimeout(slowStart);
  screen.leave();
  await Promise.allSettled(shown.map(hide));
  return 0;
}

/** Runs a pipeline live; `onFirstFrame` once today and the active window are in. */
function show(p: Pipeline, onFirstFrame: () => void): Shown {
  return { p, loading: p.live({ onFirstFrame }) };
}

async function hide({ p, loading }: Shown): Promise<void> {
  await Promise.allSettled([loading, p.close()]);
}

/** The screen, drawn on the first `draw` (later calls do nothing); `leave` restores the terminal if it was drawn. */
function drawnOnce(enter: () => AltScreenApp<Instance>): { draw: () => void; rerender: (node: ReactElement) => void; leave: () => void } {
  let app: AltScreenApp<Instance> | null = null;
  return {
    draw: () => {
      app ??= enter();
    },
    // Not drawn yet: the first draw renders what is current then.
    rerender: (node) => app?.instance.rerender(node),
    leave: () => app?.leave(),
  };
}
