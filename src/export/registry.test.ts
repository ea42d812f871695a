import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../test/support/prom-text.js';
import { officialSnapshot, plainSnapshot } from '../../test/support/snapshots.js';
import { ultraSnapshot } from '../../test/support/ultra-snapshot.js';
import { createMetricsRegistry, METRIC_DEFS } from './registry.js';

const L = 'machine="laptop",plan="max"';
const OFF = `${L},source="official"`;

async function scrape(snapshot: unknown, labels: ['project'] | [] = []): Promise<ReturnType<typeof parseExposition> & { text: string }> {
  const text = await createMetricsRegistry(() => snapshot, { machine: 'laptop', labels }).metrics();
  return { ...parseExposition(text), text };
}

describe('the metrics of a snapshot with a current official reading', () => {
  it('are every number of the snapshot, exactly', async () => {
    const { samples } = await scrape(officialSnapshot());
    expect(samples).toEqual({
      [`cctop_window_used_ratio{${OFF}}`]: 0.125,
      [`cctop_window_used{${OFF},basis="cost"}`]: 1.0538701,
      [`cctop_window_limit{${OFF},basis="cost"}`]: 7.3256168,
      [`cctop_window_reset_seconds{${OFF}}`]: 10800,
      [`cctop_window_projected_ratio{${OFF}}`]: 0.7007586173494633, // projectedUsed 5.133489099999999 / limit 7.3256168
      [`cctop_week_used_ratio{${OFF}}`]: 0.41200000000000003,
      [`cctop_week_used{${OFF},basis="cost"}`]: 1.0538701,
      [`cctop_week_limit{${OFF},basis="cost"}`]: 2.222577912621359,
      [`cctop_week_reset_seconds{${OFF}}`]: 298800,
      [`cctop_week_limit_eta_seconds{${OFF}}`]: 3093.927,
      // Every key of official.windows; no $/% is measured yet (null), so none is exported.
      [`cctop_official_window_used_ratio{${L},window="five_hour"}`]: 0.125,
      [`cctop_official_window_used_ratio{${L},window="seven_day"}`]: 0.41200000000000003, // 41.2 / 100
      [`cctop_official_window_reset_seconds{${L},window="five_hour"}`]: 10800,
      [`cctop_official_window_reset_seconds{${L},window="seven_day"}`]: 298800,
      [`cctop_official_window_age_seconds{${L},window="five_hour"}`]: 120,
      [`cctop_official_window_age_seconds{${L},window="seven_day"}`]: 120,
      [`cctop_usage_credits_usd{${L},kind="fast_mode"}`]: 0,
      [`cctop_usage_credits_usd{${L},kind="past_limit"}`]: 0,
      [`cctop_usage_credits_usd{${L},kind="total"}`]: 0,
      [`cctop_burn_tokens_per_minute{${L}}`]: 10619.3,
      [`cctop_burn_usd_per_hour{${L}}`]: 1.3598729999999999,
      [`cctop_month_cost_usd{${L}}`]: 1.0538701,
      [`cctop_month_projected_cost_usd{${L}}`]: 3.7700948220238093,
      [`cctop_plan_fee_usd{${L}}`]: 100,
      [`cctop_month_value_multiplier{${L}}`]: 0.010538701,
      [`cctop_model_family_month_cost_usd{${L},family="Opus"}`]: 0.8906860000000001,
      [`cctop_model_family_month_cost_usd{${L},family="Haiku"}`]: 0.1631841,
      [`cctop_model_family_month_tokens{${L},family="Opus"}`]: 587849,
      [`cctop_model_family_month_tokens{${L},family="Haiku"}`]: 607202,
      [`cctop_week_cost_usd{${L},scope="all"}`]: 1.0538701,
      [`cctop_week_cost_usd{${L},scope="opus"}`]: 0.8906860000000001,
      [`cctop_week_cost_usd{${L},scope="sonnet"}`]: 0,
      [`cctop_sessions_active{${L}}`]: 1,
      [`cctop_sessions_spiking{${L}}`]: 0,
      [`cctop_snapshot_timestamp_seconds{${L}}`]: 1770764400,
      [`cctop_last_event_timestamp_seconds{${L}}`]: 1770764376.157,
      [`cctop_history_loaded{${L}}`]: 1,
      // 2025-09-03 (911 + 52886 + 150674 + 3751073) + 2025-09-07 (129 + 3629 + 47747 + 324259) of Sonnet 4.
      'cctop_tokens_total{machine="laptop",kind="input",model="claude-sonnet-4-20250514"}': 1040,
      'cctop_tokens_total{machine="laptop",kind="output",model="claude-sonnet-4-20250514"}': 56515,
      'cctop_tokens_total{machine="laptop",kind="cache_creation",model="claude-sonnet-4-20250514"}': 198421,
      'cctop_tokens_total{machine="laptop",kind="cache_read",model="claude-sonnet-4-20250514"}': 4075332,
      'cctop_tokens_total{machine="laptop",kind="input",model="claude-opus-4-6"}': 1633,
      'cctop_tokens_total{machine="laptop",kind="output",model="claude-opus-4-6"}': 1811,
      'cctop_tokens_total{machine="laptop",kind="cache_creation",model="claude-opus-4-6"}': 57373,
      'cctop_tokens_total{machine="laptop",kind="cache_read",model="claude-opus-4-6"}': 527032,
      'cctop_tokens_total{machine="laptop",kind="input",model="claude-haiku-4-5-20251001"}': 243,
      'cctop_tokens_total{machine="laptop",kind="output",model="claude-haiku-4-5-20251001"}': 35,
      'cctop_tokens_total{machine="laptop",kind="cache_creation",model="claude-haiku-4-5-20251001"}': 53723,
      'cctop_tokens_total{machine="laptop",kind="cache_read",model="claude-haiku-4-5-20251001"}': 553201,
      'cctop_limit_hits_total{machine="laptop",kind="five_hour"}': 1,
      'cctop_limit_hits_total{machine="laptop",kind="weekly"}': 0,
      'cctop_limit_hits_total{machine="laptop",kind="unknown"}': 0,
    });
  });

  it('document every metric with HELP and TYPE lines', async () => {
    const { help, type, text } = await scrape(officialSnapshot(), ['project']);
    expect(Object.keys(help)).toEqual(METRIC_DEFS.map((d) => d.name));
    expect(Object.values(help).every((h) => h.length > 30)).toBe(true);
    expect(type.cctop_tokens_total).toBe('counter');
    expect(type.cctop_limit_hits_total).toBe('counter');
    expect(type.cctop_window_used_ratio).toBe('gauge');
    expect(text).toContain('# TYPE cctop_month_cost_usd gauge\ncctop_month_cost_usd{machine="laptop",plan="max"} 1.0538701\n');
  });
});

describe('the metrics of an Ultra account (no 5-hour window)', () => {
  const U = 'machine="laptop",plan="ultra"';
  const windowish = (samples: Record<string, number>) =>
    Object.fromEntries(Object.entries(samples).filter(([k]) => /^cctop_(window|week|official|usage_credits)_/.test(k)));

  it('have no 5-hour series, the weekly window first, every official key, $/% and usage credits, exactly', async () => {
    const { samples, text } = await scrape(ultraSnapshot());
    expect(windowish(samples)).toEqual({
      [`cctop_week_used_ratio{${U},source="official"}`]: 0.41200000000000003,
      [`cctop_week_used{${U},source="official",basis="cost"}`]: 1.0538701,
      [`cctop_week_limit{${U},source="official",basis="cost"}`]: 2.222577912621359,
      [`cctop_week_reset_seconds{${U},source="official"}`]: 298800, // 23:00 to 2026-02-14T10:00Z: 83 h
      [`cctop_week_limit_eta_seconds{${U},source="official"}`]: 12360.981, // to 2026-02-11T02:26:00.981Z
      [`cctop_official_window_used_ratio{${U},window="seven_day"}`]: 0.41200000000000003,
      [`cctop_official_window_used_ratio{${U},window="seven_day_opus"}`]: 0.635,
      [`cctop_official_window_reset_seconds{${U},window="seven_day"}`]: 298800,
      [`cctop_official_window_reset_seconds{${U},window="seven_day_opus"}`]: 298800,
      [`cctop_official_window_age_seconds{${U},window="seven_day"}`]: 120,
      [`cctop_official_window_age_seconds{${U},window="seven_day_opus"}`]: 120,
      // $0.9157021 of local spend over 11.2 and 13.5 points.
      [`cctop_window_cost_per_percent_usd{${U},window="seven_day"}`]: 0.08175911607142855,
      [`cctop_window_cost_per_percent_usd{${U},window="seven_day_opus"}`]: 0.06782978518518518,
      [`cctop_usage_credits_usd{${U},kind="fast_mode"}`]: 12.5,
      [`cctop_usage_credits_usd{${U},kind="past_limit"}`]: 3.25,
      [`cctop_usage_credits_usd{${U},kind="total"}`]: 15.75,
      [`cctop_week_cost_usd{${U},scope="all"}`]: 1.0538701,
      [`cctop_week_cost_usd{${U},scope="opus"}`]: 0.8906860000000001,
      [`cctop_week_cost_usd{${U},scope="sonnet"}`]: 0,
    });
    expect(samples[`cctop_plan_fee_usd{${U}}`]).toBe(200);
    const firstSample = text.split('\n').find((line) => line !== '' && !line.startsWith('#'));
    expect(firstSample).toBe(`cctop_week_used_ratio{${U},source="official"} 0.41200000000000003`);
  });

  it('list the account\'s windows first, then the other keys', async () => {
    const snapshot = ultraSnapshot();
    snapshot.official.windows = { seven_day_opus: snapshot.official.windows.seven_day_opus!, seven_day: snapshot.official.windows.seven_day! };
    snapshot.plan.windows = ['seven_day'];
    const { text } = await scrape(snapshot);
    const ratios = text.split('\n').filter((line) => line.startsWith('cctop_official_window_used_ratio{'));
    expect(ratios).toEqual([
      `cctop_official_window_used_ratio{${U},window="seven_day"} 0.41200000000000003`,
      `cctop_official_window_used_ratio{${U},window="seven_day_opus"} 0.635`,
    ]);
  });

  it('leave out a window whose $/% is not measured', async () => {
    const snapshot = ultraSnapshot();
    snapshot.limits.costPerPercent.seven_day_opus!.current = null;
    const { samples } = await scrape(snapshot);
    expect(Object.keys(samples).filter((k) => k.startsWith('cctop_window_cost_per_percent_usd'))).toEqual([
      `cctop_window_cost_per_percent_usd{${U},window="seven_day"}`,
    ]);
  });

  it('say in HELP that the $ are local spend on the machines cctop reads', async () => {
    const { help } = await scrape(ultraSnapshot());
    for (const name of ['cctop_window_cost_per_percent_usd', 'cctop_usage_credits_usd']) {
      expect([name, help[name]]).toEqual([name, expect.stringContaining('Local spend covers only the machines this cctop reads')]);
    }
    expect(help.cctop_window_used_ratio).toContain('absent for an account without a 5-hour limit');
  });
});

describe('the metrics of a snapshot without an official reading', () => {
  it('are the local estimates, labelled source="estimate"', async () => {
    const { samples } = await scrape(plainSnapshot());
    const EST = `${L},source="estimate"`;
    expect(samples[`cctop_window_used_ratio{${EST}}`]).toBe(0.030110574285714283);
    expect(samples[`cctop_window_limit{${EST},basis="cost"}`]).toBe(35);
    expect(samples[`cctop_window_reset_seconds{${EST}}`]).toBe(10800);
    expect(samples[`cctop_window_projected_ratio{${EST}}`]).toBe(0.14667111714285713);
    expect(samples[`cctop_week_used{${EST},basis="cost"}`]).toBe(1.0538701);
    // No weekly limit is set and the local 7-day window is rolling: no ratio, limit or reset.
    expect(Object.keys(samples).filter((k) => /^cctop_week_(used_ratio|limit|reset_seconds)/.test(k))).toEqual([]);
    expect(samples['cctop_limit_hits_total{machine="laptop",kind="five_hour"}']).toBe(0);
  });

  it('label the window source="estimate" when usage/ put the estimate in force over a stale reading', async () => {
    const snapshot = officialSnapshot();
    snapshot.official.fiveHour!.stale = true;
    // As usage/readouts.ts decides it: the local estimate's figures, the local window's end.
    snapshot.inForce.fiveHour = {
      source: 'stale', usedPercent: 14.386093741621866, fraction: 0.14386093741621866,
      resetsAt: snapshot.activeBlock!.end, limitAt: null, limitReached: false,
    };
    const { samples } = await scrape(snapshot);
    expect(samples[`cctop_window_used_ratio{${L},source="estimate"}`]).toBe(0.14386093741621866);
    expect(samples[`cctop_window_reset_seconds{${L},source="estimate"}`]).toBe(10800);
    expect(samples[`cctop_week_used_ratio{${OFF}}`]).toBe(0.41200000000000003);
  });

  it('count nothing used and no reset without an active window', async () => {
    const snapshot = plainSnapshot();
    snapshot.activeBlock = null;
    snapshot.inForce.fiveHour = { source: 'estimate', usedPercent: null, fraction: null, resetsAt: null, limitAt: null, limitReached: false };
    const { samples } = await scrape(snapshot);
    expect(samples[`cctop_window_used_ratio{${L},source="estimate"}`]).toBe(0);
    expect(samples[`cctop_window_used{${L},source="estimate",basis="cost"}`]).toBe(0);
    expect(Object.keys(samples).filter((k) => /^cctop_window_(reset|projected|limit_eta)/.test(k))).toEqual([]);
  });

  it('leave out the value multiplier of the api plan (null in the snapshot)', async () => {
    const snapshot = plainSnapshot();
    Object.assign(snapshot.plan, { name: 'api', feeUSD: 0 });
    snapshot.month.valueMultiplier = null;
    const { samples } = await scrape(snapshot);
    expect(samples['cctop_plan_fee_usd{machine="laptop",plan="api"}']).toBe(0);
    expect(Object.keys(samples).some((k) => k.startsWith('cctop_month_value_multiplier'))).toBe(false);
  });
});

describe('paths in labels', () => {
  it('never appear unless the project label is asked for', async () => {
    const { text } = await scrape(officialSnapshot());
    expect(text).not.toMatch(/home|projects\/|spotter|Demo|project=/);
  });

  it('with labels: ["project"] add a per-project cost gauge, without the cwd', async () => {
    const { samples, text } = await scrape(officialSnapshot(), ['project']);
    // Sessions d6e0bada ($0.2266455), 491e126e ($0.5577563) and 55604662 ($0.1444475).
    expect(samples[`cctop_project_cost_usd{${L},project="projects/spotter"}`]).toBe(0.9288493);
    expect(samples[`cctop_project_cost_usd{${L},project="spotter-worktrees/spotter-0rt"}`]).toBe(0.1250208);
    expect(samples[`cctop_project_cost_usd{${L},project="to/Demo"}`]).toBe(2.817523349999999);
    expect(text).not.toContain('/home/');
  });
});

describe('a scrape', () => {
  it('takes one snapshot for all its metrics', async () => {
    let calls = 0;
    const registry = createMetricsRegistry(() => { calls += 1; return officialSnapshot(); }, { machine: 'm' });
    await registry.metrics();
    expect(calls).toBe(1);
    await registry.metrics();
    expect(calls).toBe(2);
  });

  it('fails with the bad field of an invalid snapshot', async () => {
    const registry = createMetricsRegistry(() => ({ now: 1 }), { machine: 'm' });
    await expect(registry.metrics()).rejects.toThrow('invalid snapshot: now: ');
  });

  it('needs a machine name', () => {
    expect(() => createMetricsRegistry(() => ({}), { machine: ' ' })).toThrow('machine label');
  });
});
