import type { SnapshotView } from '../snapshot/view.js';

/** Label names and values of one sample. */
export type Labels = Record<string, string>;

/** One value of a metric, with its labels. */
export interface Sample {
  labels: Labels;
  value: number;
}

/** What every metric may use besides the snapshot. */
export interface MetricContext {
  /** The `machine` label: whose cctop this is (a host name by default). */
  machine: string;
  /** Opt-in labels that carry parts of file paths (`project`). */
  labels: readonly ExtraLabel[];
}

/** Labels that are off unless asked for, because they carry parts of paths. */
export type ExtraLabel = 'project';

/** A metric: its name, HELP text, type, label names and how its samples are read from a snapshot. */
export interface MetricDef {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  labelNames: readonly string[];
  /** Only exported when this opt-in label is set. */
  requires?: ExtraLabel;
  samples(view: SnapshotView, ctx: MetricContext): Sample[];
}

/** The labels every gauge carries. */
export const BASE_LABELS = ['machine', 'plan'] as const;

/** `machine` and `plan` of a snapshot. */
export function baseLabels(view: SnapshotView, ctx: MetricContext): Labels {
  return { machine: ctx.machine, plan: view.plan.name };
}

/** One sample, or none when the value is unknown (a snapshot's null). */
export function one(labels: Labels, value: number | null | undefined): Sample[] {
  return value === null || value === undefined || !Number.isFinite(value) ? [] : [{ labels, value }];
}

/** A gauge with the base labels and one value read from the snapshot. */
export function simpleGauge(name: string, help: string, read: (view: SnapshotView) => number | null): MetricDef {
  return {
    name, help, type: 'gauge', labelNames: BASE_LABELS,
    samples: (view, ctx) => one(baseLabels(view, ctx), read(view)),
  };
}
