import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Monitor } from '../../engine/monitor.js';
import { metricsSettings } from '../../engine/startup.js';
import { parseFlags, resolveOptions } from '../../settings/options.js';
import { bundledPriceTable } from '../../usage/pricing.js';
import { App } from './App.js';
import { renderAt, type RenderResult } from '../../../test/support/render.js';
import {
  BAD_FILE_SHOWN, DEAD_LINK_SHOWN, HOSTILE_MODEL_SHOWN, HOSTILE_NOW, HOSTILE_SESSIONS, INJECTING_SHOWN_START,
  forbiddenIn, hostileTree, withoutOwnColour,
} from '../../../test/support/hostile-logs.js';

const now = Date.parse(HOSTILE_NOW);
let monitor: Monitor;

beforeAll(async () => {
  const root = hostileTree();
  const options = resolveOptions(parseFlags(['--tz', 'UTC', '--since', '2026-11-01']), {}, {}, 'UTC');
  monitor = new Monitor({
    roots: [root, join(root, 'gone\x1b]0;root\x07')], settings: metricsSettings(options, bundledPriceTable, now),
    costMode: 'calculate', clock: () => now,
  });
  await monitor.load();
});

const rendered: RenderResult[] = [];
afterEach(() => rendered.splice(0).forEach((r) => r.instance.unmount()));

async function screen(color: boolean, columns = 120, rows = 50): Promise<RenderResult> {
  const actions = { cyclePlan: () => {}, quit: () => {} };
  const r = renderAt(<App source={monitor} actions={actions} color={color} banner={null} />, columns, rows);
  rendered.push(r);
  await r.settle();
  return r;
}

/** The frame after pressing `key` (a view switch). */
async function view(r: RenderResult, key: string): Promise<string> {
  r.stdin.write(key);
  await r.settle();
  return r.lastFrame();
}

describe('the screen on the hostile tree', () => {
  it('shows the live view with every project escaped and nothing raw', async () => {
    const frame = (await screen(false)).lastFrame();
    expect(forbiddenIn(frame)).toEqual([]);
    // Whole cells where they fit, the start of the ones a narrow column cuts.
    expect(frame).toMatch(/^ +me\/\\x1b\]0;pwned\\x07 /m);
    expect(frame).toMatch(/^ +me\/a\\nb\\tc /m);
    for (const { project } of HOSTILE_SESSIONS) expect(frame).toContain(project.slice(0, 16));
    expect(frame).toContain(INJECTING_SHOWN_START);
  });

  it('shows the sessions, models, days and diagnostics views with nothing raw', async () => {
    const r = await screen(false);
    const sessions = await view(r, '3');
    expect(forbiddenIn(sessions)).toEqual([]);
    expect(sessions).toContain(HOSTILE_SESSIONS[3].project.slice(0, 16));
    const models = await view(r, '4');
    expect(forbiddenIn(models)).toEqual([]);
    // Shown without its `claude-` prefix, as every model is.
    expect(models).toContain(`${HOSTILE_MODEL_SHOWN.slice('claude-'.length)} (unpriced)`);
    expect(forbiddenIn(await view(r, '2'))).toEqual([]);
    const diagnostics = await view(r, 'd');
    expect(forbiddenIn(diagnostics)).toEqual([]);
    expect(diagnostics).toContain(BAD_FILE_SHOWN);
    expect(diagnostics).toContain(DEAD_LINK_SHOWN);
    expect(diagnostics).toContain('gone\\x1b]0;root\\x07: does not exist');
  });

  it('in colour, carries only its own SGR codes: no hostile sequence, raw or as colour', async () => {
    const r = await screen(true);
    for (const frame of [r.lastFrame(), await view(r, '3'), await view(r, 'd')]) {
      expect(frame).not.toContain('\x1b[31mred');
      expect(frame).not.toContain('\x1b[5mblink');
      expect(forbiddenIn(withoutOwnColour(frame))).toEqual([]);
    }
  });

  it('stays clean at a narrow width, where names are cut', async () => {
    const r = await screen(false, 50, 30);
    expect(forbiddenIn(r.lastFrame())).toEqual([]);
    expect(forbiddenIn(await view(r, 'd'))).toEqual([]);
  });
});
