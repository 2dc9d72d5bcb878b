/**
 * The first row of each duplicate key (industry × metric × year × region, names compared as
 * normaliseName does) for one file. A million-row file has a million keys: as strings in a Map they
 * cost seconds and a hundred megabytes, so each name becomes a small number once and the keys are
 * four numbers in an open-addressing table of typed arrays.
 */
import { normaliseName } from "./model";

const EMPTY = 0;
const SLOT = 5;
/** Names remembered by their raw text; beyond this a name is normalised again each time. */
const RAW_CACHE = 10_000;

/** An index's keys in a form that crosses a worker boundary (structured clone). */
export interface DuplicateKeys {
  /** Normalised names by id - 1. */
  names: string[];
  /** Years by id - 1. */
  years: (number | undefined)[];
  /** The slot table (see DuplicateIndex.slots). */
  slots: Int32Array;
  size: number;
}

export class DuplicateIndex {
  /** normalised name -> id (from 1). */
  private readonly nameIds = new Map<string, number>();
  /** raw name -> id, so a repeated spelling is not normalised again. */
  private readonly rawIds = new Map<string, number>();
  private readonly yearIds = new Map<number | undefined, number>();
  /** Per slot the four ids (industry, metric, year, region) and the first row, side by side so a
   * probe touches one cache line; industry id 0 marks an empty slot. */
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(SLOT * 4096);
  private mask = 4095;
  private size = 0;

  /** The last name and id at each key position: a sorted file repeats metric and region row after row. */
  private readonly lastName: string[] = ["", "", ""];
  private readonly lastId: number[] = [0, 0, 0];

  private nameIdAt(position: number, name: string): number {
    if (name === this.lastName[position] && this.lastId[position] !== 0)
      return this.lastId[position];
    const id = this.nameId(name);
    this.lastName[position] = name;
    this.lastId[position] = id;
    return id;
  }

  private nameId(name: string): number {
    let id = this.rawIds.get(name);
    if (id !== undefined) return id;
    id = this.normalisedId(normaliseName(name));
    if (this.rawIds.size < RAW_CACHE) this.rawIds.set(name, id);
    return id;
  }

  private normalisedId(normalised: string): number {
    let id = this.nameIds.get(normalised);
    if (id === undefined) {
      id = this.nameIds.size + 1;
      this.nameIds.set(normalised, id);
    }
    return id;
  }

  private yearId(year: number | undefined): number {
    let id = this.yearIds.get(year);
    if (id === undefined) {
      id = this.yearIds.size + 1;
      this.yearIds.set(year, id);
    }
    return id;
  }

  /**
   * The row that first used this key; when the key is new, `row` is recorded as its first row and
   * undefined is returned.
   */
  firstRow(
    industry: string,
    metric: string,
    year: number | undefined,
    region: string,
    row: number
  ): number | undefined {
    const a = this.nameIdAt(0, industry);
    const b = this.nameIdAt(1, metric);
    const c = this.yearId(year);
    const d = this.nameIdAt(2, region);
    return this.insert(a, b, c, d, row);
  }

  /** The first row of the key (a, b, c, d), or undefined after recording `row` as its first. */
  private insert(a: number, b: number, c: number, d: number, row: number): number | undefined {
    const slots = this.slots;
    const at = this.slotOf(a, b, c, d);
    if (slots[at] !== EMPTY) return slots[at + 4];
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = c;
    slots[at + 3] = d;
    slots[at + 4] = row;
    if (++this.size * 2 > this.mask) this.grow();
    return undefined;
  }

  /** Where the key (a, b, c, d) is, or the empty slot where it would go (linear probing). */
  private slotOf(a: number, b: number, c: number, d: number): number {
    const slots = this.slots;
    let at = (hash(a, b, c, d) & this.mask) * SLOT;
    for (;;) {
      const stored = slots[at];
      if (stored === EMPTY) return at;
      if (stored === a && slots[at + 1] === b && slots[at + 2] === c && slots[at + 3] === d)
        return at;
      at = at + SLOT === slots.length ? 0 : at + SLOT;
    }
  }

  keys(): DuplicateKeys {
    return {
      names: [...this.nameIds.keys()],
      years: [...this.yearIds.keys()],
      slots: this.slots,
      size: this.size,
    };
  }

  /** An index over another's keys that takes over their slot table (no key is inserted again). */
  static fromKeys(keys: DuplicateKeys): DuplicateIndex {
    const index = new DuplicateIndex();
    keys.names.forEach((name) => index.normalisedId(name));
    keys.years.forEach((year) => index.yearId(year));
    index.slots = keys.slots;
    index.mask = keys.slots.length / SLOT - 1;
    index.size = keys.size;
    return index;
  }

  /** Whether another part of the same file (checked apart, in a worker) used one of these keys too. */
  sharesKeyWith(other: DuplicateKeys): boolean {
    let shared = false;
    eachKey(
      other,
      (name) => this.nameIds.get(name),
      (year) => this.yearIds.get(year),
      (a, b, c, d) => (shared ||= this.slots[this.slotOf(a, b, c, d)] !== EMPTY)
    );
    return shared;
  }

  /** Takes in another part's keys (their rows as that part recorded them). */
  addKeys(other: DuplicateKeys): void {
    eachKey(
      other,
      (name) => this.normalisedId(name),
      (year) => this.yearId(year),
      (a, b, c, d, row) => void this.insert(a, b, c, d, row)
    );
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(SLOT * capacity);
    this.mask = capacity - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from] === EMPTY) continue;
      let to = (hash(old[from], old[from + 1], old[from + 2], old[from + 3]) & this.mask) * SLOT;
      while (slots[to] !== EMPTY) to = to + SLOT === slots.length ? 0 : to + SLOT;
      for (let k = 0; k < SLOT; k++) slots[to + k] = old[from + k];
    }
    this.slots = slots;
  }
}

/**
 * Each key of `keys` in another index's ids (`nameId`, `yearId`); keys with a name or year that index
 * does not know are passed over. Stops when `visit` returns true.
 */
function eachKey(
  keys: DuplicateKeys,
  nameId: (name: string) => number | undefined,
  yearId: (year: number | undefined) => number | undefined,
  visit: (a: number, b: number, c: number, d: number, row: number) => boolean | void
): void {
  const names = keys.names.map(nameId);
  const years = keys.years.map(yearId);
  const { slots } = keys;
  for (let from = 0; from < slots.length; from += SLOT) {
    if (slots[from] === EMPTY) continue;
    const a = names[slots[from] - 1];
    const b = names[slots[from + 1] - 1];
    const c = years[slots[from + 2] - 1];
    const d = names[slots[from + 3] - 1];
    if (a === undefined || b === undefined || c === undefined || d === undefined) continue;
    if (visit(a, b, c, d, slots[from + 4])) return;
  }
}

function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca6b) ^ (h >>> 13);
  h = Math.imul(h ^ c, 0xc2b2ae35) ^ (h >>> 16);
  h = Math.imul(h ^ d, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}
