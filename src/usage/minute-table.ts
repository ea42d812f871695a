import type { ImageReader, ImageWriter } from './image-codec.js';
import { PagedArray } from './paged.js';
import { RowIndex } from './row-index.js';
import type { ModelTotals, PricedDelta, Tokens } from './types.js';

/** A minute row: its start, the exact times of its first and last response, its cost, and the cost and tokens of its fast-mode responses. */
const START = 0;
const FIRST = 1;
const LAST = 2;
const COST = 3;
const FAST_COST = 4;
const FAST_TOKENS = 5;
const MINUTE_WIDTH = 6;
/** A model row: its cost, then input, output, cache creation and cache read tokens. */
const MODEL_WIDTH = 5;
/** A model row's links: the next model row of its minute (-1 = none), the model's index in `names`, priced. */
const NEXT = 0;
const NAME = 1;
const PRICED = 2;

/**
 * The store's minutes as rows of typed arrays, in the order they were first seen: per minute its
 * start, exact first and last times and cost; per (minute, model) its cost and token kinds, in a
 * list threaded through model rows in the order the models came (as a Map keeps them). A minute's
 * tokens are its models' (integers: exact in any order); every cost is the same float the
 * per-minute objects held, summed in the same order.
 */
export class MinuteTable {
  // Not readonly: `adopt` takes another table's parts (the store's MinuteIndex keeps this table).
  private minutes = new PagedArray((n) => new Float64Array(n), MINUTE_WIDTH);
  private readonly rows = new RowIndex((row) => this.minutes.get(row, START));
  /** Per minute: its first model row, and 1 when some of its usage is known only from the history store. */
  private heads = new PagedArray((n) => new Int32Array(n), 1);
  private flags = new PagedArray((n) => new Uint8Array(n), 1);
  private models = new PagedArray((n) => new Float64Array(n), MODEL_WIDTH);
  private links = new PagedArray((n) => new Int32Array(n), 3);
  private names: string[] = [];
  private nameIds = new Map<string, number>();
  /** Cost per remote machine of the minutes that have any. */
  private remote = new Map<number, Map<string, number>>();
  private modelRows = 0;

  get size(): number {
    return this.rows.size;
  }

  /** The row of the minute starting at `start`; -1 when it has no usage. */
  rowOf(start: number): number {
    return this.rows.get(start);
  }

  /** Adds a priced delta to the minute starting at `start` (made on first use); returns its row. */
  add(start: number, delta: PricedDelta): number {
    let row = this.rows.get(start);
    if (row === -1) row = this.newRow(start, delta.timestamp);
    const m = this.minutes;
    m.set(row, FIRST, Math.min(m.get(row, FIRST), delta.timestamp));
    m.set(row, LAST, Math.max(m.get(row, LAST), delta.timestamp));
    m.add(row, COST, delta.costUSD);
    if (delta.fast) {
      m.add(row, FAST_COST, delta.costUSD);
      m.add(row, FAST_TOKENS, delta.tokens.total);
    }
    const r = this.modelRow(row, delta);
    const page = this.models.pageOf(r);
    const o = this.models.offsetOf(r);
    const { tokens } = delta;
    page[o] = page[o]! + delta.costUSD;
    page[o + 1] = page[o + 1]! + tokens.input;
    page[o + 2] = page[o + 2]! + tokens.output;
    page[o + 3] = page[o + 3]! + tokens.cacheCreation;
    page[o + 4] = page[o + 4]! + tokens.cacheRead;
    return row;
  }

  addRemote(row: number, machine: string, costUSD: number): void {
    let split = this.remote.get(row);
    if (!split) this.remote.set(row, (split = new Map()));
    split.set(machine, (split.get(machine) ?? 0) + costUSD);
  }

  /** Marks the row's usage as known only from the history store; false when it already was. */
  markFromStore(row: number): boolean {
    if (this.flags.get(row) === 1) return false;
    this.flags.set(row, 0, 1);
    return true;
  }

  start(row: number): number {
    return this.minutes.get(row, START);
  }

  first(row: number): number {
    return this.minutes.get(row, FIRST);
  }

  last(row: number): number {
    return this.minutes.get(row, LAST);
  }

  costUSD(row: number): number {
    return this.minutes.get(row, COST);
  }

  /** The cost of the minute's fast-mode responses: usage credits, not the plan's limits. */
  fastCostUSD(row: number): number {
    return this.minutes.get(row, FAST_COST);
  }

  fastTokens(row: number): number {
    return this.minutes.get(row, FAST_TOKENS);
  }

  tokens(row: number): Tokens {
    const sum: Tokens = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 };
    for (let r = this.heads.get(row); r !== -1; r = this.links.get(r, NEXT)) this.addTokens(sum, r);
    return sum;
  }

  fromStore(row: number): boolean {
    return this.flags.get(row) === 1;
  }

  remoteOf(row: number): ReadonlyMap<string, number> | undefined {
    return this.remote.size > 0 ? this.remote.get(row) : undefined;
  }

  /** Adds the minute's tokens into `sum` (no object made: the derived days and blocks add every minute). */
  addTokensTo(row: number, sum: Tokens): void {
    for (let r = this.heads.get(row); r !== -1; r = this.links.get(r, NEXT)) this.addTokens(sum, r);
  }

  /** Adds each model's tokens and cost of the minute into `into`, by model, as minute-sums.ts mergeModels adds a minute's models. */
  mergeModelsInto(row: number, into: Map<string, ModelTotals>): void {
    for (let r = this.heads.get(row); r !== -1; r = this.links.get(r, NEXT)) {
      const model = this.names[this.links.get(r, NAME)]!;
      let sum = into.get(model);
      if (!sum) {
        sum = { tokens: { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 }, costUSD: 0, priced: this.links.get(r, PRICED) === 1 };
        into.set(model, sum);
      }
      this.addTokens(sum.tokens, r);
      sum.costUSD += this.models.get(r, 0);
    }
  }

  /** Calls `visit` for each model of the minute, in the order they came. */
  forEachModel(row: number, visit: (model: string, tokens: Tokens, costUSD: number, priced: boolean) => void): void {
    for (let r = this.heads.get(row); r !== -1; r = this.links.get(r, NEXT)) {
      const tokens = this.addTokens({ input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 }, r);
      visit(this.names[this.links.get(r, NAME)]!, tokens, this.models.get(r, 0), this.links.get(r, PRICED) === 1);
    }
  }

  /**
   * Every row, ordered by minute start. The starts are sorted as numbers (a typed array's own
   * sort, with no comparator to call ~270,000 times for 19,000 minutes) and their rows looked up:
   * a start has one row.
   */
  rowsByStart(): Int32Array {
    const starts = new Float64Array(this.size);
    for (let row = 0; row < starts.length; row++) starts[row] = this.start(row);
    starts.sort();
    const order = new Int32Array(starts.length);
    for (let i = 0; i < order.length; i++) order[i] = this.rows.get(starts[i]!);
    return order;
  }

  writeImage(out: ImageWriter): void {
    out.int(this.size);
    out.int(this.modelRows);
    out.rows(this.minutes, this.size);
    out.rows(this.heads, this.size);
    out.rows(this.flags, this.size);
    out.rows(this.models, this.modelRows);
    out.rows(this.links, this.modelRows);
    out.int(this.names.length);
    for (const name of this.names) out.string(name);
    out.int(this.remote.size);
    for (const [row, split] of this.remote) {
      out.int(row);
      out.int(split.size);
      for (const [machine, costUSD] of split) {
        out.string(machine);
        out.float(costUSD);
      }
    }
  }

  /** Reads what `writeImage` wrote into this empty table; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    const size = from.count();
    this.modelRows = from.count();
    for (const column of [this.minutes, this.heads, this.flags]) from.rows(column, size);
    from.rows(this.models, this.modelRows);
    from.rows(this.links, this.modelRows);
    const names = from.count();
    for (let i = 0; i < names; i++) from.check(this.nameId(from.string()) === i, 'a model name held twice');
    const starts = new Float64Array(size);
    for (let row = 0; row < size; row++) {
      starts[row] = this.minutes.pageOf(row)[this.minutes.offsetOf(row) + START]!;
      from.check(this.flags.pageOf(row)[this.flags.offsetOf(row)]! <= 1, 'a minute\'s flag');
    }
    from.check(this.rows.fill(starts), 'a minute held twice');
    this.checkModelLists(from);
    this.readRemote(from);
  }

  /** Checks that each model row is in exactly one minute's list, once, with a known name, and each minute names a model once. */
  private checkModelLists(from: ImageReader): void {
    const listed = new Uint8Array(this.modelRows);
    const minuteOfName = new Int32Array(this.names.length).fill(-1);
    let count = 0;
    for (let row = 0; row < this.size; row++) {
      let r = this.heads.pageOf(row)[this.heads.offsetOf(row)]!;
      while (r !== -1) {
        from.check(r >= 0 && r < this.modelRows && listed[r] === 0, 'a model list');
        listed[r] = 1;
        count++;
        const links = this.links.pageOf(r);
        const o = this.links.offsetOf(r);
        const name = links[o + NAME]!;
        from.check(name >= 0 && name < this.names.length && minuteOfName[name] !== row, 'a model row\'s name');
        minuteOfName[name] = row;
        from.check(links[o + PRICED] === 0 || links[o + PRICED] === 1, 'a model row\'s priced flag');
        r = links[o + NEXT]!;
      }
    }
    from.check(count === this.modelRows, 'a model row in no minute');
  }

  private readRemote(from: ImageReader): void {
    const minutes = from.int(0, this.size);
    for (let i = 0; i < minutes; i++) {
      const row = from.int(0, this.size - 1);
      const split = new Map<string, number>();
      const machines = from.count();
      for (let j = 0; j < machines; j++) split.set(from.string(), from.float());
      from.check(!this.remote.has(row) && split.size === machines, 'a remote split held twice');
      this.remote.set(row, split);
    }
  }

  /** Takes the whole state of `other` (read from an image) as its own; this table is empty. */
  adopt(other: MinuteTable): void {
    this.minutes = other.minutes;
    this.rows.adopt(other.rows);
    this.heads = other.heads;
    this.flags = other.flags;
    this.models = other.models;
    this.links = other.links;
    this.names = other.names;
    this.nameIds = other.nameIds;
    this.remote = other.remote;
    this.modelRows = other.modelRows;
  }

  private addTokens(sum: Tokens, modelRow: number): Tokens {
    const page = this.models.pageOf(modelRow);
    const o = this.models.offsetOf(modelRow) + 1;
    sum.input += page[o]!;
    sum.output += page[o + 1]!;
    sum.cacheCreation += page[o + 2]!;
    sum.cacheRead += page[o + 3]!;
    sum.total += page[o]! + page[o + 1]! + page[o + 2]! + page[o + 3]!;
    return sum;
  }

  private newRow(start: number, time: number): number {
    const row = this.rows.size;
    for (const column of [this.minutes, this.heads, this.flags]) column.ensure(row);
    this.minutes.set(row, START, start);
    this.minutes.set(row, FIRST, time);
    this.minutes.set(row, LAST, time);
    this.heads.set(row, 0, -1);
    this.rows.add(start, row);
    return row;
  }

  /** The minute's row for the delta's model, appended (with the delta's `priced`) when new. */
  private modelRow(row: number, delta: PricedDelta): number {
    const id = this.nameId(delta.model);
    let last = -1;
    for (let r = this.heads.get(row); r !== -1; r = this.links.get(r, NEXT)) {
      if (this.links.get(r, NAME) === id) return r;
      last = r;
    }
    const r = this.modelRows++;
    this.models.ensure(r);
    this.links.ensure(r);
    this.links.set(r, NEXT, -1);
    this.links.set(r, NAME, id);
    this.links.set(r, PRICED, delta.priced ? 1 : 0);
    if (last === -1) this.heads.set(row, 0, r);
    else this.links.set(last, NEXT, r);
    return r;
  }

  private nameId(model: string): number {
    let id = this.nameIds.get(model);
    if (id === undefined) {
      id = this.names.push(model) - 1;
      this.nameIds.set(model, id);
    }
    return id;
  }
}
