import type { Metrics } from '../../engine/types.js';

/** What the UI reads: a store of Metrics that re-emits every second and on every file event. */
export interface MonitorSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Metrics;
}

/** What the UI asks the rest of the app to do. */
export interface MonitorActions {
  cyclePlan(): void;
  quit(): void;
}
