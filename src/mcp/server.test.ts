import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { officialSnapshot, plainSnapshot } from '../../test/support/snapshots.js';
import { ultraSnapshot } from '../../test/support/ultra-snapshot.js';
import { createMcpServer } from './server.js';

let clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});

async function connect(getSnapshot: () => unknown): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(getSnapshot).connect(serverSide);
  const client = new Client({ name: 'cctop-test', version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const result = await client.callTool({ name, arguments: args }) as CallToolResult;
  if (!result.isError) expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  return result;
}

async function structured(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await call(client, name, args);
  expect(result.isError).toBeFalsy();
  return result.structuredContent;
}

describe('the MCP tools', () => {
  it('are listed read-only, with input and output schemas', async () => {
    const { tools } = await (await connect(officialSnapshot)).listTools();
    expect(tools.map((t) => t.name)).toEqual(['window_status', 'window_history', 'burn_rate', 'month_summary', 'days', 'sessions']);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description!.length).toBeGreaterThan(150);
    }
    expect(Object.keys(tools[1]!.inputSchema.properties!)).toEqual(['key', 'limit']);
    expect(Object.keys(tools[4]!.inputSchema.properties!)).toEqual(['from', 'to']);
    expect(tools[0]!.description).toContain('How much of my Claude usage limits is used and left');
  });

  it('window_status: official 5-hour and 7-day readings, resets and time to the limit', async () => {
    const snapshot = officialSnapshot();
    const status = await structured(await connect(() => snapshot), 'window_status');
    expect(status.summary).toBe("5-hour window: 12.5% used, 87.5% left (Anthropic's reading from 2m ago); resets in 3h 0m "
      + '(2026-02-11T02:00:00.000Z); at the current rate the limit is not reached before the reset. 7-day window: 41.2% used, '
      + "58.8% left (Anthropic's reading from 2m ago); resets in 3d 11h (2026-02-14T10:00:00.000Z); at the current rate the "
      + 'limit is reached in 51m (2026-02-10T23:51:33.927Z). Burn rate: 10,619 tokens/min, $1.36/h over the last 10 minutes.');
    expect(status.fiveHour).toEqual({
      source: 'official', usedPercent: 12.5, leftPercent: 87.5,
      resetsAt: '2026-02-11T02:00:00.000Z', msToReset: 10_800_000, limitReachedAt: null, msToLimit: null,
      official: snapshot.official.fiveHour,
      estimate: {
        active: true, start: '2026-02-10T21:00:00.000Z', end: '2026-02-11T02:00:00.000Z', msToReset: 10_800_000,
        usage: { basis: 'cost', used: 1.0538701, limit: 7.3256168, fraction: 0.14386093741621866 },
        projectedUsed: 5.133489099999999, limitReachedAt: null,
        limit: { basis: 'cost', value: 7.3256168, source: 'calibrated', label: 'calibrated from the official reading' },
      },
      costPerPercent: { current: null, median: null, peak: null, offPeak: null, windows: 0 }, drift: null,
    });
    expect(status.plan).toEqual({ name: 'max', label: 'Max', windows: ['five_hour', 'seven_day'] });
    expect(status.windows).toEqual([
      {
        key: 'five_hour', name: '5-hour', official: snapshot.official.windows.five_hour, msToReset: 10_800_000,
        costPerPercent: snapshot.limits.costPerPercent.five_hour, drift: null,
      },
      {
        key: 'seven_day', name: '7-day', official: snapshot.official.windows.seven_day, msToReset: 298_800_000,
        costPerPercent: snapshot.limits.costPerPercent.seven_day, drift: null,
      },
    ]);
    expect(status.sevenDay).toMatchObject({
      source: 'official', usedPercent: 41.2, leftPercent: 58.8, resetsAt: '2026-02-14T10:00:00.000Z', msToReset: 298_800_000,
      limitReachedAt: '2026-02-10T23:51:33.927Z', msToLimit: 3_093_927, official: snapshot.official.sevenDay,
    });
    expect(status.sevenDay.estimate).toEqual({
      start: snapshot.week.start, end: snapshot.week.end, usage: snapshot.week.usage, limit: snapshot.week.limit,
      all: snapshot.week.all, opus: snapshot.week.opus, sonnet: snapshot.week.sonnet,
    });
    expect(status.burnRate).toEqual({ windowMinutes: 10, tokensPerMinute: 10619.3, costPerHour: 1.3598729999999999 });
  });

  it('window_status: the local estimate without an official reading', async () => {
    const status = await structured(await connect(plainSnapshot), 'window_status');
    expect(status.fiveHour).toMatchObject({
      source: 'estimate', usedPercent: 3.011057428571428, leftPercent: 96.98894257142857,
      resetsAt: '2026-02-11T02:00:00.000Z', msToReset: 10_800_000, official: null,
    });
    expect(status.sevenDay).toMatchObject({
      source: 'estimate', usedPercent: null, leftPercent: null, resetsAt: null, official: null, costPerPercent: null, drift: null,
    });
    // No reading yet: the plan's windows, nothing official or measured.
    expect(status.windows).toEqual([
      { key: 'five_hour', name: '5-hour', official: null, msToReset: null, costPerPercent: null, drift: null },
      { key: 'seven_day', name: '7-day', official: null, msToReset: null, costPerPercent: null, drift: null },
    ]);
    expect(status.summary).toBe("5-hour window: 3.0% used, 97.0% left (cctop's local estimate, $1.05 of $35.00); resets in 3h 0m "
      + '(2026-02-11T02:00:00.000Z); at the current rate the limit is not reached before the reset. 7-day window: $1.05 used; '
      + 'no limit is known. Burn rate: 10,619 tokens/min, $1.36/h over the last 10 minutes.');
  });

  it('window_status: an Ultra account has no 5-hour window, its 7-day window first, then the Opus one, with $/% and drift', async () => {
    const snapshot = ultraSnapshot();
    const status = await structured(await connect(() => snapshot), 'window_status');
    expect(status.summary).toBe("Plan Ultra: no 5-hour window. 7-day window: 41.2% used, 58.8% left (Anthropic's reading from "
      + '2m ago); resets in 3d 11h (2026-02-14T10:00:00.000Z); at the current rate the limit is reached in 3h 26m '
      + "(2026-02-11T02:26:00.981Z). 7-day Opus window: 63.5% used, 36.5% left (Anthropic's reading from 2m ago); resets in "
      + '3d 11h (2026-02-14T10:00:00.000Z). What a percentage point buys in local spend: 7-day $0.08 (median $0.08 over 7 '
      + 'windows; peak hours $0.09, off-peak $0.07); 7-day Opus $0.07 (median $0.07 over 1 window; off-peak $0.07). Drift: '
      + 'a 7-day window bought $10.00 (Dec 27–Jan 17), $6.50 since Jan 17 (−35%). Local spend covers only the machines '
      + 'cctop reads. Burn rate: 10,619 tokens/min, $1.36/h over the last 10 minutes.');
    expect(status.fiveHour).toBeNull();
    expect(status.plan).toEqual({ name: 'ultra', label: 'Ultra', windows: ['seven_day', 'seven_day_opus'] });
    const sevenDayDrift = {
      before: 0.1, after: 0.065, changePercent: -35, since: '2026-01-17T10:00:00.000Z',
      beforeFrom: '2025-12-27T10:00:00.000Z', beforeTo: '2026-01-17T10:00:00.000Z',
    };
    const weekCpp = { current: 0.08175911607142855, median: 0.08175911607142855, peak: 0.09, offPeak: 0.07, windows: 7 };
    expect(status.windows).toEqual([
      {
        key: 'seven_day', name: '7-day', msToReset: 298_800_000, costPerPercent: weekCpp, drift: sevenDayDrift,
        official: { usedPercent: 41.2, resetsAt: '2026-02-14T10:00:00.000Z', recordedAt: '2026-02-10T22:58:00.000Z', ageMs: 120_000, stale: false },
      },
      {
        key: 'seven_day_opus', name: '7-day Opus', msToReset: 298_800_000, drift: null,
        costPerPercent: { current: 0.06782978518518518, median: 0.06782978518518518, peak: null, offPeak: 0.06782978518518518, windows: 1 },
        official: { usedPercent: 63.5, resetsAt: '2026-02-14T10:00:00.000Z', recordedAt: '2026-02-10T22:58:00.000Z', ageMs: 120_000, stale: false },
      },
    ]);
    expect(status.sevenDay).toMatchObject({
      source: 'official', usedPercent: 41.2, leftPercent: 58.8, msToReset: 298_800_000,
      limitReachedAt: '2026-02-11T02:26:00.981Z', msToLimit: 12_360_981, costPerPercent: weekCpp, drift: sevenDayDrift,
    });
  });

  it('window_status: says when a reading is stale; the api plan (no official windows) keeps the local estimates', async () => {
    const ultra = ultraSnapshot();
    Object.assign(ultra.official.windows.seven_day_opus!, { ageMs: 900_000, stale: true });
    const stale = await structured(await connect(() => ultra), 'window_status');
    expect(stale.summary).toContain("7-day Opus window: 63.5% used, 36.5% left (Anthropic's stale reading from 15m ago); resets in 3d 11h");
    const api = plainSnapshot();
    Object.assign(api.plan, { name: 'api', label: 'API (metered)', feeUSD: 0, windows: [] });
    const status = await structured(await connect(() => api), 'window_status');
    expect([status.fiveHour?.source, status.sevenDay?.source, status.windows.map((w: { key: string }) => w.key)]).toEqual(['estimate', 'estimate', ['five_hour', 'seven_day']]);
    expect(status.summary).toMatch(/^5-hour window: .*7-day window: .*Burn rate: 10,619 tokens\/min, \$1\.36\/h over the last 10 minutes\.$/);
  });

  it('window_history: every recorded window newest first, by key in the account\'s order, with the drift', async () => {
    const snapshot = ultraSnapshot();
    const history = await structured(await connect(() => snapshot), 'window_history');
    expect(history).toEqual({
      now: '2026-02-10T23:00:00.000Z', timeZone: 'UTC', key: null, total: 8, windows: snapshot.windows,
      costPerPercent: snapshot.limits.costPerPercent, drift: snapshot.limits.drift,
      summary: 'seven_day windows, newest first: Feb 7 10:00–Feb 14 10:00 peak 41.2% $1.05 $0.08/% (open); Jan 31 10:00–Feb 7 '
        + '10:00 peak 100% $7.00 $0.07/% hit at Feb 6 17:05; Jan 24 10:00–Jan 31 10:00 peak 80% $5.20 $0.07/%; Jan 17 '
        + '10:00–Jan 24 10:00 peak 90% $5.40 $0.06/%; Jan 10 10:00–Jan 17 10:00 peak 70% $7.00 $0.10/%; Jan 3 10:00–Jan 10 '
        + '10:00 peak 60% $6.60 $0.11/%; Dec 27 10:00–Jan 3 10:00 peak 50% $4.50 $0.09/%. seven_day_opus windows, newest '
        + 'first: Feb 7 10:00–Feb 14 10:00 peak 63.5% $1.05 $0.07/% (open). Drift: a 7-day window bought $10.00 (Dec 27–Jan '
        + '17), $6.50 since Jan 17 (−35%). Times in UTC; $ are API-equivalent USD counted toward the plan (fast mode '
        + 'excluded). Local spend covers only the machines cctop reads.',
    });
  });

  it('window_history: one key, at most limit windows', async () => {
    const snapshot = ultraSnapshot();
    const history = await structured(await connect(() => snapshot), 'window_history', { key: 'seven_day', limit: 2 });
    expect({ ...history, summary: undefined }).toEqual({
      now: '2026-02-10T23:00:00.000Z', timeZone: 'UTC', key: 'seven_day', total: 7, windows: [snapshot.windows[0], snapshot.windows[2]],
      costPerPercent: { seven_day: snapshot.limits.costPerPercent.seven_day }, drift: { seven_day: snapshot.limits.drift.seven_day },
      summary: undefined,
    });
    expect(history.summary).toBe('seven_day windows, newest first: Feb 7 10:00–Feb 14 10:00 peak 41.2% $1.05 $0.08/% (open); '
      + 'Jan 31 10:00–Feb 7 10:00 peak 100% $7.00 $0.07/% hit at Feb 6 17:05. Drift: a 7-day window bought $10.00 (Dec 27–Jan '
      + '17), $6.50 since Jan 17 (−35%). Times in UTC; $ are API-equivalent USD counted toward the plan (fast mode excluded). '
      + 'Local spend covers only the machines cctop reads.');
  });

  it('window_history: 5-hour windows in the monitor\'s time zone, a drift within a month', async () => {
    const snapshot = officialSnapshot();
    snapshot.timeZone = 'America/Los_Angeles';
    snapshot.windows = [{
      key: 'five_hour', start: '2025-12-01T14:00:00.000Z', end: '2025-12-01T19:00:00.000Z', firstPercent: 0, lastPercent: 100,
      peakPercent: 100, costUSD: 43, tokens: 40_000_000, hit: true, hitAt: '2025-12-01T17:05:00.000Z', costPerPercent: 0.43, open: false,
    }];
    snapshot.limits.drift.five_hour = {
      before: 0.41, after: 0.29, changePercent: -29.3, since: '2025-12-03T17:00:00.000Z',
      beforeFrom: '2025-11-20T16:00:00.000Z', beforeTo: '2025-11-30T21:00:00.000Z',
    };
    const history = await structured(await connect(() => snapshot), 'window_history', { key: 'five_hour' });
    // 14:00–19:00 UTC is 06:00–11:00 PST (UTC−8); the hit at 17:05 UTC is 09:05.
    expect(history.summary).toBe('five_hour windows, newest first: Dec 1 06:00–11:00 peak 100% $43.00 $0.43/% hit at 09:05. '
      + 'Drift: a 5-hour window bought $41.00 (Nov 20–30), $29.00 since Dec 3 (−29.3%). Times in America/Los_Angeles; $ are '
      + 'API-equivalent USD counted toward the plan (fast mode excluded). Local spend covers only the machines cctop reads.');
  });

  it('window_history: says when nothing is recorded, and rejects a bad key or limit', async () => {
    const client = await connect(plainSnapshot);
    const none = await structured(client, 'window_history', { key: 'seven_day_opus' });
    expect(none).toEqual({
      now: '2026-02-10T23:00:00.000Z', timeZone: 'UTC', key: 'seven_day_opus', total: 0, windows: [], costPerPercent: {}, drift: {},
      summary: 'No seven_day_opus windows recorded yet: cctop records them from the readings `cctop statusline` '
        + 'takes from Claude Code (2.1.80 or later), kept 98 days.',
    });
    const bad = await call(client, 'window_history', { key: 'five hour; drop' });
    expect(bad.isError).toBe(true);
    expect((bad.content[0] as { text: string }).text).toContain('a window key such as five_hour');
    for (const limit of [0, 201, 2.5]) expect([limit, (await call(client, 'window_history', { limit })).isError]).toEqual([limit, true]);
  });

  it('burn_rate: the snapshot\'s burn rate, the window projection and who burns', async () => {
    const snapshot = officialSnapshot();
    expect(await structured(await connect(() => snapshot), 'burn_rate')).toEqual({
      now: '2026-02-10T23:00:00.000Z',
      burnRate: snapshot.burnRate,
      projection: {
        end: '2026-02-11T02:00:00.000Z', projectedTokens: 3106525, projectedCostUSD: 5.1334891,
        projectedUsed: 5.133489099999999, basis: 'cost',
      },
      sessions: [{
        sessionId: 'd6e0bada-1959-4eec-a9d2-0bfade768d8f', project: 'projects/spotter',
        tokensPerMinute: 10619.3, costPerHour: 1.3598729999999999, spiking: false,
      }],
    });
  });

  it('month_summary: month, plan value and model mix as in the snapshot', async () => {
    const snapshot = officialSnapshot();
    const month = await structured(await connect(() => snapshot), 'month_summary');
    expect(month).toEqual({
      plan: snapshot.plan, month: snapshot.month, value: snapshot.value,
      families: snapshot.models.month, models: snapshot.models.monthByModel,
    });
    expect([month.month.costUSD, month.month.projectedCostUSD, month.month.valueMultiplier])
      .toEqual([1.0538701, 3.7700948220238093, 0.010538701]);
  });

  it('days: a range of days with its total', async () => {
    const snapshot = officialSnapshot();
    const client = await connect(() => snapshot);
    const september = await structured(client, 'days', { from: '2025-09-01', to: '2025-09-30' });
    expect(september).toEqual({
      timeZone: 'UTC', since: '2025-09-01', from: '2025-09-01', to: '2025-09-30',
      days: [snapshot.days[0], snapshot.days[1]],
      total: {
        tokens: { input: 1040, output: 56515, cacheCreation: 198421, cacheRead: 4075332, total: 4331308 },
        costUSD: 2.81752335, // 2.4863724 + 0.33115094999999994
      },
    });
    const all = await structured(client, 'days');
    expect(all.days.map((d: { date: string }) => d.date)).toEqual(['2025-09-03', '2025-09-07', '2026-02-10']);
    expect((await structured(client, 'days', { from: '2026-02-10' })).days).toEqual([snapshot.days[2]]);
  });

  it('days: rejects a malformed date, a non-date and a reversed range', async () => {
    const client = await connect(officialSnapshot);
    const bad = await call(client, 'days', { from: '2025-9-1' });
    expect(bad.isError).toBe(true);
    expect((bad.content[0] as { text: string }).text).toContain('expected YYYY-MM-DD');
    const invalid = await call(client, 'days', { to: '2026-02-30' });
    expect((invalid.content[0] as { text: string }).text).toContain('not a calendar date');
    const reversed = await call(client, 'days', { from: '2026-02-10', to: '2026-02-01' });
    expect(reversed).toMatchObject({ isError: true, content: [{ type: 'text', text: '"from" (2026-02-10) is after "to" (2026-02-01)' }] });
  });

  it('sessions: counts, then at most limit sessions; active or spiking only', async () => {
    const snapshot = officialSnapshot();
    const client = await connect(() => snapshot);
    const two = await structured(client, 'sessions', { limit: 2 });
    expect(two).toEqual({
      now: '2026-02-10T23:00:00.000Z', total: 7, active: 1, spiking: 0,
      sessions: snapshot.sessions.slice(0, 2), spikes: [],
    });
    expect((await structured(client, 'sessions')).sessions).toEqual(snapshot.sessions);
    const active = await structured(client, 'sessions', { only: 'active' });
    expect(active.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(['d6e0bada-1959-4eec-a9d2-0bfade768d8f']);
    expect((await call(client, 'sessions', { limit: 0 })).isError).toBe(true);
  });

  it('sessions: spiking sessions and their spikes', async () => {
    const snapshot = officialSnapshot();
    snapshot.sessions[0]!.spiking = true;
    snapshot.spikes = [{
      sessionId: snapshot.sessions[0]!.sessionId, project: 'projects/spotter', since: '2026-02-10T22:58:00.000Z',
      tokensPerMinute: 10619.3, baselinePerMinute: 1200, threshold: 5000,
    }];
    const spiking = await structured(await connect(() => snapshot), 'sessions', { only: 'spiking' });
    expect(spiking).toMatchObject({ spiking: 1, spikes: snapshot.spikes, sessions: [snapshot.sessions[0]] });
  });

  it('answer with a tool error when the snapshot cannot be read', async () => {
    const client = await connect(() => ({ now: 'x' }));
    const result = await call(client, 'window_status');
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/^invalid snapshot: /);
  });
});
