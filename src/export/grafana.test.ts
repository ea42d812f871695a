import { describe, expect, it } from 'vitest';
import { dashboardQueries, loadDashboard } from '../../test/support/grafana-dashboard.js';
import { METRIC_DEFS } from './registry.js';

describe('grafana/cctop-dashboard.json', () => {
  const dashboard = loadDashboard();

  it('asks for a Prometheus data source on import', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, '${DS_PROMETHEUS}']);
      for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe('${DS_PROMETHEUS}');
    }
  });

  it('has unique panel ids, a layout and a machine variable', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { gridPos } of dashboard.panels) expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
    expect(dashboard.templating.list[0]).toMatchObject({ name: 'machine', query: { query: 'label_values(cctop_month_cost_usd, machine)' } });
  });

  it('shows windows, official windows, $/%, usage credits, burn, month vs fee and model mix with cctop\'s own metric names', () => {
    const names = new Set(METRIC_DEFS.map((d) => d.name));
    const used = dashboardQueries(dashboard).flatMap(({ expr }) => expr.match(/cctop_[a-z_]+/g) ?? []);
    expect(used.filter((name) => !names.has(name))).toEqual([]);
    for (const name of ['cctop_window_used_ratio', 'cctop_week_used_ratio', 'cctop_burn_tokens_per_minute', 'cctop_burn_usd_per_hour',
      'cctop_month_cost_usd', 'cctop_plan_fee_usd', 'cctop_model_family_month_cost_usd', 'cctop_tokens_total',
      'cctop_official_window_used_ratio', 'cctop_window_cost_per_percent_usd', 'cctop_usage_credits_usd']) {
      expect(used).toContain(name);
    }
  });
});
