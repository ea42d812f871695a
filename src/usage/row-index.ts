const FIRST_SLOTS = 1024;

/**
 * Rows by a numeric key (a minute's start), as an open-addressing table of row numbers: ~4-8
 * bytes a row, where a Map takes ~40. The keys are not stored twice: `keyOf` reads a row's key
 * back from the table that owns the rows. Keys compare as a Map's do (NaN equals NaN).
 */
export class RowIndex {
  private slots = new Int32Array(FIRST_SLOTS);
  private count = 0;

  constructor(private readonly keyOf: (row: number) => number) {}

  get size(): number {
    return this.count;
  }

  /** The row of `key`; -1 when none. */
  get(key: number): number {
    const mask = this.slots.length - 1;
    for (let at = hashOf(key) & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at]!;
      if (slot === 0) return -1;
      if (sameKey(this.keyOf(slot - 1), key)) return slot - 1;
    }
  }

  /** Files `row` under `key` (not in the index yet). */
  add(key: number, row: number): void {
    this.place(this.slots, key, row);
    if (++this.count * 4 > this.slots.length * 3) this.grow();
  }

  /** Files rows 0, 1, … under `keys` (the index is empty); false when two rows have one key. */
  fill(keys: Float64Array): boolean {
    let length = FIRST_SLOTS;
    while (keys.length * 4 > length * 3) length *= 2;
    const slots = new Int32Array(length);
    const mask = length - 1;
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row]!;
      let at = hashOf(key) & mask;
      for (; slots[at] !== 0; at = (at + 1) & mask) if (sameKey(keys[slots[at]! - 1]!, key)) return false;
      slots[at] = row + 1;
    }
    this.slots = slots;
    this.count = keys.length;
    return true;
  }

  /** Takes the rows of `other` (an index over the same keys) as its own. */
  adopt(other: RowIndex): void {
    this.slots = other.slots;
    this.count = other.count;
  }

  private place(slots: Int32Array, key: number, row: number): void {
    const mask = slots.length - 1;
    let at = hashOf(key) & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = row + 1;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    for (const slot of this.slots) if (slot !== 0) this.place(slots, this.keyOf(slot - 1), slot - 1);
    this.slots = slots;
  }
}

function sameKey(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

function hashOf(key: number): number {
  const minutes = key / 60_000;
  return Math.imul(minutes | 0, 0x9e3779b1) ^ Math.imul((minutes / 4_294_967_296) | 0, 0x85ebca6b) ^ (minutes >>> 16);
}
