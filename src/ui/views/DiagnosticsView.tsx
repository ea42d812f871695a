import type { ReactElement } from 'react';
import { formatCount, formatTokens } from '../kit/format.js';
import { cutRow, row, span, titleRow, type Line } from '../kit/Lines.js';
import { ScrollLines } from '../kit/ScrollLines.js';
import type { Diagnostics } from '../../engine/types.js';

interface DiagnosticsViewProps {
  /** Read problems and notices. */
  diagnostics: Diagnostics;
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

function section(title: string, items: string[], width: number, color: boolean): Line[] {
  if (items.length === 0) return [];
  return [row(span(title, 'warn', color)), ...items.map((i) => cutRow(`  ${i}`, width))];
}

/** The problems as titled sections of plain text (shared with the non-TTY snapshot). */
export function diagnosticsSections(d: Diagnostics): { title: string; items: string[] }[] {
  const files = d.files.flatMap((f) => [`${f.file}: ${f.badLines} bad of ${f.lines}`, ...f.samples.map((s) => `  ${s}`)]);
  return [
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
function bodyLines({ diagnostics: d, width, color }: DiagnosticsViewProps): Line[] {
  const body = diagnosticsSections(d).flatMap(({ title, items }) => section(title, items, width, color));
  return body.length > 0 ? body : [row(span('no problems', 'ok', color))];
}

/** Bad lines per file with samples, unpriced models, unreadable roots and files, notices; the rows scroll. */
export function DiagnosticsView(props: DiagnosticsViewProps): ReactElement {
  return <ScrollLines head={headLines(props)} body={bodyLines(props)} height={props.height} color={props.color} />;
}
