import type { ReactElement } from 'react';
import { formatCount, formatDuration, formatTokens } from '../kit/format.js';
import { row, span, titleRow, type Line } from '../kit/Lines.js';
import { wrapAll } from '../kit/width.js';
import { ScrollLines } from '../kit/ScrollLines.js';
import type { Diagnostics, MachineStatus } from '../../engine/types.js';

interface DiagnosticsViewProps {
  /** Read problems and notices. */
  diagnostics: Diagnostics;
  /** The remote machines: one not live is a problem too. */
  machines?: readonly MachineStatus[];
  /** The clock, for when a retrying machine tries next (not said without it). */
  now?: number;
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

/** A titled list; each item wraps (which file, and why, stays readable in a narrow pane), its rows after the first indented. */
function section(title: string, items: string[], width: number, color: boolean): Line[] {
  if (items.length === 0) return [];
  return [row(span(title, 'warn', color)), ...items.flatMap((i) => wrapAll(`  ${i}`, width, '  ').map((text) => row(text)))];
}

/** A machine that is not live: its state, when it tries next (while retrying), and why. */
function machineText(m: MachineStatus, now: number | undefined): string {
  const next = m.retryAt !== undefined && now !== undefined ? ` (${nextTryText(m.retryAt - now)})` : '';
  return `${m.machine}: ${m.state}${next}${m.message ? ` · ${m.message}` : ''}`;
}

/** "next try in 12s" (whole seconds, rounded up), "next try now" once it is due. */
function nextTryText(inMs: number): string {
  return inMs <= 0 ? 'next try now' : `next try in ${formatDuration(Math.ceil(inMs / 1000) * 1000)}`;
}

/** The problems as titled sections of plain text (shared with the non-TTY snapshot). */
export function diagnosticsSections(d: Diagnostics, machines: readonly MachineStatus[] = [], now?: number): { title: string; items: string[] }[] {
  const files = d.files.flatMap((f) => [`${f.file}: ${f.badLines} bad of ${f.lines}`, ...f.samples.map((s) => `  ${s}`)]);
  const remotes = machines.filter((m) => m.state !== 'live').map((m) => machineText(m, now));
  return [
    { title: 'remote machines', items: remotes },
    { title: 'bad lines', items: files },
    { title: 'unpriced models (cost 0)', items: d.unpricedModels.map((m) => `${m.model} · ${formatTokens(m.tokens)} tok`) },
    { title: 'unreadable roots', items: d.unreadableRoots.map((r) => `${r.path}: ${r.reason}`) },
    { title: 'unreadable files', items: d.unreadableFiles.map((r) => `${r.path}: ${r.reason}`) },
    { title: 'notices', items: d.notices },
  ].filter((s) => s.items.length > 0);
}

/** The rows that stay on top: title and totals. */
function headLines({ diagnostics: d, width, color }: DiagnosticsViewProps): Line[] {
  return [titleRow('Diagnostics', width, color), row(`${formatCount(d.filesRead)} files · ${formatCount(d.linesRead)} lines read · ${d.badLines} bad`)];
}

/** Every problem, one row each, with the sample reasons of bad lines. */
function bodyLines({ diagnostics: d, machines, now, width, color }: DiagnosticsViewProps): Line[] {
  const body = diagnosticsSections(d, machines, now).flatMap(({ title, items }) => section(title, items, width, color));
  return body.length > 0 ? body : [row(span('no problems', 'ok', color))];
}

/** Bad lines per file with samples, unpriced models, unreadable roots and files, notices; the rows scroll. */
export function DiagnosticsView(props: DiagnosticsViewProps): ReactElement {
  return <ScrollLines head={headLines(props)} body={bodyLines(props)} height={props.height} color={props.color} />;
}
