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
  /** Bytes per row. */
  readonly rowBytes: number;

  constructor(private readonly make: (length: number) => T, readonly width: number) {
    this.rowBytes = width * make(0).BYTES_PER_ELEMENT;
  }

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

  /** The first `rows` rows as raw bytes, page by page (views of the pages, not copies). */
  *bytesOf(rows: number): Generator<Uint8Array> {
    for (let first = 0; first < rows; first += PAGE_ROWS) {
      const page = this.pages[first >> SHIFT]!;
      yield new Uint8Array(page.buffer, page.byteOffset, Math.min(PAGE_ROWS, rows - first) * this.rowBytes);
    }
  }

  /** Fills this empty array with `rows` rows copied from raw bytes (as `bytesOf` gives them, one after the other). */
  load(rows: number, bytes: Uint8Array): void {
    for (let first = 0; first < rows; first += PAGE_ROWS) {
      const page = this.make(PAGE_ROWS * this.width);
      const from = first * this.rowBytes;
      const length = Math.min(PAGE_ROWS, rows - first) * this.rowBytes;
      new Uint8Array(page.buffer, page.byteOffset, length).set(bytes.subarray(from, from + length));
      this.pages.push(page);
    }
  }
}
