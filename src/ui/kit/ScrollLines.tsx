import type { ReactElement } from 'react';
import { Lines, row, span, type Line } from './Lines.js';
import { viewport, type Viewport } from './scroll.js';
import { useScroll } from './useScroll.js';

/** Props of ScrollLines. */
interface ScrollLinesProps {
  /** Rows that stay on top (title, column header). */
  head: Line[];
  /** The rows that scroll. */
  body: Line[];
  /** Rows available, head included. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

/** "… N more ↑" above and "… N more ↓" below the shown part, when cut there. */
export function withMarks(shown: Line[], v: Viewport, color: boolean): Line[] {
  return [
    ...(v.above > 0 ? [row(span(`… ${v.above} more ↑`, 'dim', color))] : []),
    ...shown,
    ...(v.below > 0 ? [row(span(`… ${v.below} more ↓`, 'dim', color))] : []),
  ];
}

/** A head, then the body scrolled by ↑/↓ j/k PgUp/PgDn Home/End within the height. */
export function ScrollLines({ head, body, height, color }: ScrollLinesProps): ReactElement {
  const room = Math.max(0, height - head.length);
  const v = viewport(body.length, useScroll(body.length, room), room);
  return <Lines lines={[...head, ...withMarks(body.slice(v.start, v.end), v, color)]} maxLines={height} />;
}
