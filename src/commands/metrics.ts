import { hostname } from 'node:os';
import { createMetricsRegistry, formatListenAddress, serveMetrics, type MetricsServer } from '../export/index.js';
import { isLoopbackHost } from '../settings/address.js';
import type { Options } from '../settings/options.js';
import type { Monitor } from '../engine/monitor.js';
import { toSnapshot } from '../snapshot/snapshot.js';

/**
 * Serves `/metrics` from a running monitor (`--metrics ADDR`, or `cctop serve`): every value is
 * the `--json` snapshot's at the moment of the scrape. Bound only where the user said; an address
 * other machines can reach is said on stderr (there is no authentication) unless `--metrics-public`.
 */
export async function startMetrics(
  monitor: Monitor, options: Pick<Options, 'metrics' | 'metricsLabels' | 'metricsPublic'>,
  warn: (text: string) => void = (text) => process.stderr.write(`cctop: warning: ${text}\n`),
): Promise<MetricsServer | null> {
  if (!options.metrics) return null;
  const registry = createMetricsRegistry(() => toSnapshot(monitor.metrics()), { machine: hostname() || 'local', labels: options.metricsLabels });
  const server = await serveMetrics({ ...options.metrics, registry, onError: (err) => monitor.notice(`metrics: ${(err as Error).message}`) });
  if (!isLoopbackHost(options.metrics.host) && !options.metricsPublic) {
    warn(`/metrics listens on ${formatListenAddress(server.address)}, which other machines can reach (no authentication); --metrics :PORT keeps it on this machine, --metrics-public says you mean it`);
  }
  return server;
}
