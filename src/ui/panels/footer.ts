import { plural } from '../kit/format.js';
import { row, span, type Line } from '../kit/Lines.js';
import { displayWidth, truncate } from '../kit/width.js';
import type { Diagnostics } from '../../engine/types.js';

interface FooterInput {
  /** Read problems and notices. */
  diagnostics: Diagnostics;
  /** Width in columns. */
  width: number;
  /** Colour on or off. */
  color: boolean;
}

const KEYS = [
  '1 live 2 days 3 sessions 4 models 5 windows d diag p plan ? help q quit',
  '1-5 views d diag p plan ? help q quit',
  '1-5 views d p ? q',
];

/** The longest key help that fits. */
function keyHelp(width: number): string {
  return KEYS.find((k) => k.length <= width) ?? KEYS[KEYS.length - 1]!;
}

/** "3 bad lines · 1 unpriced model · 1 unreadable root", '' when all is well. */
function diagnosticsSummary(d: Diagnostics): string {
  const parts = [
    d.badLines > 0 ? plural(d.badLines, 'bad line') : '',
    d.unpricedModels.length > 0 ? plural(d.unpricedModels.length, 'unpriced model') : '',
    d.unreadableRoots.length > 0 ? plural(d.unreadableRoots.length, 'unreadable root') : '',
    d.unreadableFiles.length > 0 ? plural(d.unreadableFiles.length, 'unreadable file') : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Key help, then problems and notices on one row when any. */
export function footerLines({ diagnostics, width, color }: FooterInput): Line[] {
  const lines = [row(span(keyHelp(width), 'dim', color))];
  const problems = truncate(diagnosticsSummary(diagnostics), width);
  const sep = problems && diagnostics.notices.length > 0 ? ' · ' : '';
  // Notices can name paths of any width: cut to what is left of the row.
  const notices = truncate(diagnostics.notices.join(' · '), width - displayWidth(problems + sep));
  if (problems || notices) lines.push(row(span(problems, 'warn', color), notices ? sep : '', notices));
  return lines;
}
