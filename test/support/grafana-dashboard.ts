import { readFileSync } from 'node:fs';

/** The shipped Grafana dashboard (`grafana/cctop-dashboard.json`) and its PromQL. */

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { expr: string; datasource: { uid: string }; refId: string }[];
}

export interface Dashboard {
  __inputs: { name: string; type: string; pluginId: string }[];
  panels: DashboardPanel[];
  templating: { list: { name: string; query: { query: string } }[] };
  title: string;
  uid: string;
}

/** The parsed dashboard file. */
export function loadDashboard(): Dashboard {
  return JSON.parse(readFileSync(new URL('../../grafana/cctop-dashboard.json', import.meta.url), 'utf8')) as Dashboard;
}

/** Every panel query, with Grafana's variables replaced so that Prometheus can run it. */
export function dashboardQueries(dashboard: Dashboard): { panel: string; expr: string }[] {
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({
    panel: panel.title,
    expr: t.expr.replaceAll('$machine', '.*').replaceAll('$__rate_interval', '1m'),
  })));
}
