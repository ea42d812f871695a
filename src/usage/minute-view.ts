import type { MinuteTable } from './minute-table.js';
import type { MinuteBucket, ModelTotals, Tokens } from './types.js';

/** One row of a MinuteTable seen as a MinuteBucket: its numbers are read when asked for (live, never copied). */
export class MinuteView implements MinuteBucket {
  constructor(private readonly table: MinuteTable, private readonly row: number) {}

  get start(): number {
    return this.table.start(this.row);
  }

  get first(): number {
    return this.table.first(this.row);
  }

  get last(): number {
    return this.table.last(this.row);
  }

  /** A fresh object on every read: add it into totals, it is never the store's own. */
  get tokens(): Tokens {
    return this.table.tokens(this.row);
  }

  get costUSD(): number {
    return this.table.costUSD(this.row);
  }

  get fastCostUSD(): number {
    return this.table.fastCostUSD(this.row);
  }

  get fastTokens(): number {
    return this.table.fastTokens(this.row);
  }

  get models(): ReadonlyMap<string, ModelTotals> {
    const models = new Map<string, ModelTotals>();
    this.table.forEachModel(this.row, (model, tokens, costUSD, priced) => models.set(model, { tokens, costUSD, priced }));
    return models;
  }

  addTokensTo(sum: Tokens): void {
    this.table.addTokensTo(this.row, sum);
  }

  mergeModelsInto(into: Map<string, ModelTotals>): void {
    this.table.mergeModelsInto(this.row, into);
  }

  get fromStore(): true | undefined {
    return this.table.fromStore(this.row) ? true : undefined;
  }

  get remote(): ReadonlyMap<string, number> | undefined {
    return this.table.remoteOf(this.row);
  }
}

/** The minutes by start, as the read-only Map the burn rate and the tests read (views made once per row). */
export class MinuteIndex implements ReadonlyMap<number, MinuteBucket> {
  private readonly views: MinuteView[] = [];

  constructor(private readonly table: MinuteTable) {}

  get size(): number {
    return this.table.size;
  }

  get(start: number): MinuteBucket | undefined {
    const row = this.table.rowOf(start);
    return row === -1 ? undefined : this.view(row);
  }

  has(start: number): boolean {
    return this.table.rowOf(start) !== -1;
  }

  view(row: number): MinuteView {
    return (this.views[row] ??= new MinuteView(this.table, row));
  }

  *entries(): MapIterator<[number, MinuteBucket]> {
    for (let row = 0; row < this.table.size; row++) yield [this.table.start(row), this.view(row)];
  }

  *keys(): MapIterator<number> {
    for (const [start] of this.entries()) yield start;
  }

  *values(): MapIterator<MinuteBucket> {
    for (const [, view] of this.entries()) yield view;
  }

  [Symbol.iterator](): MapIterator<[number, MinuteBucket]> {
    return this.entries();
  }

  forEach(visit: (value: MinuteBucket, key: number, map: ReadonlyMap<number, MinuteBucket>) => void): void {
    for (const [start, view] of this.entries()) visit(view, start, this);
  }
}
