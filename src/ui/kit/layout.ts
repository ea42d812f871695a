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
  /** Takes the rows its column leaves empty once everything fits (a chart drawn to any height). */
  grow?: boolean;
}

/** Rows granted to the panels in the slots (all of them when none is named). */
function rowsIn(specs: PanelSpec[], granted: Record<string, number>, slots?: Slot[]): number {
  return specs.filter((s) => slots === undefined || slots.includes(s.slot)).reduce((n, s) => n + (granted[s.id] ?? 0), 0);
}

/** Total rows of a set of granted heights in a mode. */
function stackHeight(specs: PanelSpec[], granted: Record<string, number>, mode: LayoutMode): number {
  if (mode !== 'double') return rowsIn(specs, granted);
  return rowsIn(specs, granted, ['full']) + Math.max(rowsIn(specs, granted, ['left']), rowsIn(specs, granted, ['right']));
}

/** Rows a panel in `slot` can add before the stack passes `available`: in two columns, its own column's empty rows. */
function spareRows(specs: PanelSpec[], granted: Record<string, number>, mode: LayoutMode, slot: Slot, available: number): number {
  if (mode !== 'double' || slot === 'full') return available - stackHeight(specs, granted, mode);
  return available - rowsIn(specs, granted, ['full', slot]);
}

/** The growing panels still shown share their column's empty rows evenly (the higher priority takes the odd row). */
function growIntoSpare(specs: PanelSpec[], granted: Record<string, number>, mode: LayoutMode, available: number): void {
  const growing = specs.filter((s) => s.grow && (granted[s.id] ?? 0) > 0).sort((a, b) => b.priority - a.priority);
  const columns: (Slot | null)[] = mode === 'double' ? ['left', 'right', 'full'] : [null];
  for (const slot of columns) {
    const group = growing.filter((s) => slot === null || s.slot === slot);
    const spare = spareRows(specs, granted, mode, slot ?? 'full', available);
    if (group.length === 0 || spare <= 0) continue;
    group.forEach((s, i) => {
      granted[s.id] = (granted[s.id] ?? 0) + Math.floor(spare / group.length) + (i < spare % group.length ? 1 : 0);
    });
  }
}

/**
 * Rows granted to each panel so the stack fits in `available`: the lowest priority panel whose
 * loss makes the stack shorter is cut down to its minimum, then dropped (0), until it fits. Then
 * the panels that grow take the rows left empty.
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
  growIntoSpare(specs, granted, mode, available);
  return granted;
}
