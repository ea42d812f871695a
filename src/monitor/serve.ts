import { hostname } from 'node:os';
import { createMetricsRegistry, serveMetrics, type MetricsServer } from '../export/index.js';
import type { Options } from '../settings/options.js';
import type { Monitor } from './monitor.js';
import { toSnapshot } from './snapshot.js';

/**
 * Serves `/metrics` from a running monitor (`--metrics ADDR`, or `cctop serve`): every value is
 * the `--json` snapshot's at the moment of the scrape. Bound only where the user said.
 */
export async function startMetrics(monitor: Monitor, options: Pick<Options, 'metrics' | 'metricsLabels'>): Promise<MetricsServer | null> {
  if (!options.metrics) return null;
  const registry = createMetricsRegistry(() => toSnapshot(monitor.metrics()), { machine: hostname() || 'local', labels: options.metricsLabels });
  return serveMetrics({ ...options.metrics, registry, onError: (err) => monitor.notice(`metrics: ${(err as Error).message}`) });
}
