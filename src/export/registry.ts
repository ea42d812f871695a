import { Counter, Gauge, Registry } from 'prom-client';
import { counterMetrics } from './counter-metrics.js';
import { officialMetrics } from './official-metrics.js';
import type { ExtraLabel, MetricContext, MetricDef, Sample } from './metric-def.js';
import { parseSnapshot, type SnapshotSource, type SnapshotView } from '../snapshot/view.js';
import { usageMetrics } from './usage-metrics.js';
import { windowMetrics } from './window-metrics.js';

/** Options of the exporter: whose machine this is, and the opt-in labels. */
export interface MetricsOptions {
  /** The `machine` label on every series (the caller defaults it to the host name). */
  machine: string;
  /** Opt-in labels carrying parts of paths; `['project']` adds `cctop_project_cost_usd`. */
  labels?: readonly ExtraLabel[];
}

/** Every metric cctop exports, in exposition order. */
export const METRIC_DEFS: readonly MetricDef[] = [...windowMetrics, ...officialMetrics, ...usageMetrics, ...counterMetrics];

/**
 * A snapshot taken once per scrape: the first metric collected takes it, the others of the
 * same scrape (prom-client collects them all in one synchronous pass) reuse it, so every
 * value of a scrape comes from the same moment.
 */
function perScrape(source: SnapshotSource): () => SnapshotView {
  let cached: SnapshotView | undefined;
  return () => {
    if (cached) return cached;
    const view = parseSnapshot(source());
    cached = view;
    queueMicrotask(() => { cached = undefined; });
    return view;
  };
}

function fill(metric: Gauge | Counter, samples: Sample[]): void {
  metric.reset();
  for (const { labels, value } of samples) {
    if (metric instanceof Gauge) metric.set(labels, value);
    else metric.inc(labels, value);
  }
}

function register(def: MetricDef, registry: Registry, view: () => SnapshotView, ctx: MetricContext): void {
  const config = {
    name: def.name, help: def.help, labelNames: def.labelNames, registers: [registry],
  };
  if (def.type === 'gauge') {
    new Gauge({ ...config, collect(this: Gauge) { fill(this, def.samples(view(), ctx)); } });
  } else {
    new Counter({ ...config, collect(this: Counter) { fill(this, def.samples(view(), ctx)); } });
  }
}

/** A prom-client Registry (not the global one) whose metrics read `getSnapshot()` at each scrape. */
export function createMetricsRegistry(getSnapshot: SnapshotSource, options: MetricsOptions): Registry {
  const machine = options.machine.trim();
  if (!machine) throw new Error('metrics: the machine label must not be empty');
  const ctx: MetricContext = { machine, labels: options.labels ?? [] };
  const registry = new Registry();
  const view = perScrape(getSnapshot);
  for (const def of METRIC_DEFS) {
    if (def.requires && !ctx.labels.includes(def.requires)) continue;
    register(def, registry, view, ctx);
  }
  return registry;
}
