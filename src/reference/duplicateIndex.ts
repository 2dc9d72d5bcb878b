/**
 * The first row of each duplicate key (industry × metric × year × region, names compared as
 * normaliseName does) for one file. A million-row file has a million keys: as strings in a Map they
 * cost seconds and a hundred megabytes, so each name becomes a small number once and the keys are
 * four numbers in an open-addressing table of typed arrays.
 */
import { normaliseName } from "./model";

const EMPTY = 0;
/** Names remembered by their raw text; beyond this a name is normalised again each time. */
const RAW_CACHE = 10_000;

export class DuplicateIndex {
  /** normalised name -> id (from 1). */
  private readonly nameIds = new Map<string, number>();
  /** raw name -> id, so a repeated spelling is not normalised again. */
  private readonly rawIds = new Map<string, number>();
  private readonly yearIds = new Map<number | undefined, number>();
  /** Four ids per slot (industry, metric, year, region); industry id 0 marks an empty slot. */
  private keys = new Int32Array(4 * 1024);
  private rows = new Float64Array(1024);
  private mask = 1023;
  private size = 0;

  private nameId(name: string): number {
    let id = this.rawIds.get(name);
    if (id !== undefined) return id;
    const normalised = normaliseName(name);
    id = this.nameIds.get(normalised);
    if (id === undefined) {
      id = this.nameIds.size + 1;
      this.nameIds.set(normalised, id);
    }
    if (this.rawIds.size < RAW_CACHE) this.rawIds.set(name, id);
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
    const a = this.nameId(industry);
    const b = this.nameId(metric);
    const c = this.yearId(year);
    const d = this.nameId(region);
    const keys = this.keys;
    let slot = hash(a, b, c, d) & this.mask;
    for (;;) {
      const at = slot * 4;
      const stored = keys[at];
      if (stored === EMPTY) break;
      if (stored === a && keys[at + 1] === b && keys[at + 2] === c && keys[at + 3] === d)
        return this.rows[slot];
      slot = (slot + 1) & this.mask;
    }
    const at = slot * 4;
    keys[at] = a;
    keys[at + 1] = b;
    keys[at + 2] = c;
    keys[at + 3] = d;
    this.rows[slot] = row;
    if (++this.size * 2 > this.mask) this.grow();
    return undefined;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Int32Array(4 * capacity);
    this.rows = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < oldRows.length; slot++) {
      const from = slot * 4;
      if (oldKeys[from] === EMPTY) continue;
      let to = hash(oldKeys[from], oldKeys[from + 1], oldKeys[from + 2], oldKeys[from + 3]);
      to &= this.mask;
      while (this.keys[to * 4] !== EMPTY) to = (to + 1) & this.mask;
      this.keys.set(oldKeys.subarray(from, from + 4), to * 4);
      this.rows[to] = oldRows[slot];
    }
  }
}

function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca6b) ^ (h >>> 13);
  h = Math.imul(h ^ c, 0xc2b2ae35) ^ (h >>> 16);
  h = Math.imul(h ^ d, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}
