type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;

const SHIFT = 10;
/** Rows per page: growing adds a page, never copies the rows already stored. */
const PAGE_ROWS = 1 << SHIFT;
const MASK = PAGE_ROWS - 1;

/**
 * Rows of `width` numbers in pages of typed arrays: memory follows the rows used (no doubling,
 * no copy on growth) and holds no objects for the garbage collector to trace.
 */
export class PagedArray<T extends Typed> {
  private readonly pages: T[] = [];

  constructor(private readonly make: (length: number) => T, readonly width: number) {}

  /** Makes room for `row` (rows are added in order, so at most one page at a time). */
  ensure(row: number): void {
    while (row >> SHIFT >= this.pages.length) this.pages.push(this.make(PAGE_ROWS * this.width));
  }

  get(row: number, column = 0): number {
    return this.pages[row >> SHIFT]![(row & MASK) * this.width + column]!;
  }

  set(row: number, column: number, value: number): void {
    this.pages[row >> SHIFT]![(row & MASK) * this.width + column] = value;
  }

  add(row: number, column: number, value: number): void {
    const page = this.pages[row >> SHIFT]!;
    const at = (row & MASK) * this.width + column;
    page[at] = page[at]! + value;
  }

  /** The page holding `row` and the row's first index in it, for loops over a row's columns. */
  pageOf(row: number): T {
    return this.pages[row >> SHIFT]!;
  }

  offsetOf(row: number): number {
    return (row & MASK) * this.width;
  }
}
