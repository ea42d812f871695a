/** Scrolling a list in a fixed number of rows: pure, tested without rendering. */

/** The part of a list that is shown, and how many items are cut above and below it. */
export interface Viewport {
  /** Index of the first item shown. */
  start: number;
  /** Index after the last item shown. */
  end: number;
  /** Items cut above (a "… N more ↑" row is shown when > 0). */
  above: number;
  /** Items cut below (a "… N more ↓" row is shown when > 0). */
  below: number;
}

/** The largest useful offset: the last items fill the rows after the "above" mark. */
export function maxOffset(total: number, room: number): number {
  return total <= room ? 0 : Math.max(0, total - Math.max(0, room - 1));
}

/** Items of a `total`-item list shown in `room` rows from `offset`; each cut side takes one row for its mark. */
export function viewport(total: number, offset: number, room: number): Viewport {
  if (room <= 0) return { start: 0, end: 0, above: 0, below: total };
  const start = Math.min(Math.max(0, Math.floor(offset)), maxOffset(total, room));
  const space = room - (start > 0 ? 1 : 0);
  const end = total - start <= space ? total : start + Math.max(0, space - 1);
  return { start, end, above: start, below: total - end };
}

/** What a key does to a list. */
type ScrollAction = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

/** The keys ink reports that scroll (a subset of ink's Key). */
interface ScrollKeys {
  /** ↑: a row up. */
  upArrow: boolean;
  /** ↓: a row down. */
  downArrow: boolean;
  /** PgUp: a page up. */
  pageUp: boolean;
  /** PgDn: a page down. */
  pageDown: boolean;
  /** Home: the first row. */
  home: boolean;
  /** End: the last rows. */
  end: boolean;
}

/** ↑/↓ and k/j move a row, PgUp/PgDn a page, Home/End to either end; null for other keys. */
export function scrollAction(input: string, key: ScrollKeys): ScrollAction | null {
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  return null;
}

/** The offset after an action, kept within the list. */
export function scrollTo(offset: number, action: ScrollAction, total: number, room: number): number {
  const last = maxOffset(total, room);
  const page = Math.max(1, room - 2);
  const next: Record<ScrollAction, number> = {
    up: offset - 1,
    down: offset + 1,
    pageUp: offset - page,
    pageDown: offset + page,
    home: 0,
    end: last,
  };
  return Math.min(last, Math.max(0, next[action]));
}
