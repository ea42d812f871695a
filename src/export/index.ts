/** Prometheus exporter: a registry over the `--json` snapshot and the `/metrics` endpoint. */
export { createMetricsRegistry, METRIC_DEFS, type MetricsOptions } from './registry.js';
export { formatListenAddress, serveMetrics, type MetricsServer, type ServeMetricsOptions } from './server.js';
export type { ExtraLabel } from './metric-def.js';
export { parseSnapshot, type SnapshotSource, type SnapshotView } from '../snapshot/view.js';
