/** Layout maths: pure functions of the terminal size, tested without rendering. */

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 15;
/** Two columns from this width. */
const DOUBLE_FROM = 100;
/** Full single column from this width; below it the compact digest. */
const SINGLE_FROM = 60;
/** Blank columns between the two columns. */
export const GAP = 2;

type LayoutMode = 'too-small' | 'compact' | 'single' | 'double';

export interface Layout {
  mode: LayoutMode;
  columns: number;
  rows: number;
  /** Width of the left column (the whole width in single-column modes). */
  leftWidth: number;
  /** Width of the right column (0 in single-column modes). */
  rightWidth: number;
}

/** Breakpoints: two columns ≥ 100, one column 60–99, compact digest 40–59, else too small. */
export function layoutFor(columns: number, rows: number): Layout {
  const base = { columns, rows, leftWidth: columns, rightWidth: 0 };
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { ...base, mode: 'too-small' };
  if (columns < SINGLE_FROM) return { ...base, mode: 'compact' };
  if (columns < DOUBLE_FROM) return { ...base, mode: 'single' };
  const leftWidth = Math.floor((columns - GAP) / 2);
  return { ...base, mode: 'double', leftWidth, rightWidth: columns - GAP - leftWidth };
}

export type Slot = 'left' | 'right' | 'full';

/** A panel as the height budget sees it. */
export interface PanelSpec {
  id: string;
  /** Rows the panel wants. */
  lines: number;
  /** Rows it can be cut down to before it is dropped (= lines when it cannot shrink). */
  minLines: number;
  /** Higher is kept longer. */
  priority: number;
  /** Where it sits in the two-column layout (ignored in one column). */
  slot: Slot;
}

/** Total rows of a set of granted heights in a mode. */
function stackHeight(specs: PanelSpec[], granted: Record<string, number>, mode: LayoutMode): number {
  const sum = (slot?: Slot) =>
    specs.filter((s) => slot === undefined || s.slot === slot).reduce((n, s) => n + (granted[s.id] ?? 0), 0);
  if (mode !== 'double') return sum();
  return sum('full') + Math.max(sum('left'), sum('right'));
}

/**
 * Rows granted to each panel so the stack fits in `available`: the lowest priority panel whose
 * loss makes the stack shorter is cut down to its minimum, then dropped (0), until it fits.
 */
export function fitPanels(specs: PanelSpec[], mode: LayoutMode, available: number): Record<string, number> {
  const granted: Record<string, number> = Object.fromEntries(specs.map((s) => [s.id, s.lines]));
  const height = () => stackHeight(specs, granted, mode);
  const byPriority = [...specs].sort((a, b) => a.priority - b.priority);
  const shortens = (spec: PanelSpec): boolean => {
    const before = height();
    const kept = granted[spec.id] ?? 0;
    granted[spec.id] = 0;
    const shorter = height() < before;
    granted[spec.id] = kept;
    return shorter;
  };
  while (height() > available) {
    const spec = byPriority.find((s) => (granted[s.id] ?? 0) > 0 && shortens(s));
    if (spec === undefined) break;
    const before = height();
    const current = granted[spec.id] ?? 0;
    granted[spec.id] = Math.max(spec.minLines, current - (before - available));
    if (granted[spec.id] === current || height() > available) granted[spec.id] = 0;
  }
  return granted;
}
