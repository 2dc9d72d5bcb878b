/**
 * Merge planning for the workbook's reference table, pure so it is tested without Excel: which
 * incoming rows are new, which would change an existing row (old -> new, unit changes flagged), which
 * are already there, and what the user's keep-or-replace choice does with the differences. src/excel
 * only queues what the plan says; chunkByBytes cuts the queue into requests under Excel's size limit.
 */
import { CellValue, toCanonicalRow } from "./canonical";
import { ReferenceValue, referenceKey } from "./model";

/** What to do with an incoming row whose key exists with different figures. */
export type ConflictPolicy = "keep" | "replace";

/** A row already in the table: its key, its position (0-based in the body) and its canonical cells. */
export interface ExistingRow {
  key: string;
  index: number;
  cells: readonly CellValue[];
}

export interface RowDifference {
  key: string;
  index: number;
  value: ReferenceValue;
  before: CellValue[];
  after: CellValue[];
  /** The unit differs: the figures are not comparable, so the preview flags it. */
  unitChanged: boolean;
}

export interface MergePlan {
  policy: ConflictPolicy;
  adds: ReferenceValue[];
  /** Existing rows the import overwrites (policy "replace"). */
  updates: RowDifference[];
  /** Existing rows whose figures differ but stay as they are (policy "keep"). */
  conflicts: RowDifference[];
  unchanged: number;
}

const UNIT_COLUMN = 3;

/** Excel keeps 15 significant digits: 0.41200000000000003 is read back as 0.412, the same figure. */
const sameCell = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  typeof a === "number" && typeof b === "number"
    ? a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15))
    : (a ?? "") === (b ?? "");

const sameCells = (a: readonly CellValue[], b: readonly CellValue[]): boolean =>
  a.length === b.length && a.every((cell, i) => sameCell(cell, b[i]));

/** How people read a row's key: "Bakeries × Gross margin × 2025 × all regions". */
export function rowLabel(value: ReferenceValue): string {
  return [
    value.industry,
    value.metric,
    value.year ?? "no year",
    value.region || "all regions",
  ].join(" × ");
}

/** Blank cells as null, so a table cell "" and an absent value compare equal. */
const normalised = (cells: readonly CellValue[]): CellValue[] =>
  cells.map((cell) => (cell === "" || cell === undefined ? null : cell));

export function planMerge(
  existing: readonly ExistingRow[],
  incoming: readonly ReferenceValue[],
  policy: ConflictPolicy
): MergePlan {
  const byKey = new Map(existing.map((row) => [row.key, row]));
  const plan: MergePlan = { policy, adds: [], updates: [], conflicts: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const value of incoming) {
    const key = referenceKey(value);
    if (seen.has(key))
      throw new Error(
        `The rows to import contain ${value.industry} × ${value.metric} × ${value.year ?? "no year"} × ${value.region || "all regions"} twice; validate the source first.`
      );
    seen.add(key);
    const current = byKey.get(key);
    if (!current) {
      plan.adds.push(value);
      continue;
    }
    const after = toCanonicalRow(value);
    const before = normalised(current.cells);
    if (sameCells(before, after)) {
      plan.unchanged++;
      continue;
    }
    const difference: RowDifference = {
      key,
      index: current.index,
      value,
      before,
      after,
      unitChanged: (before[UNIT_COLUMN] ?? "") !== (after[UNIT_COLUMN] ?? ""),
    };
    (policy === "replace" ? plan.updates : plan.conflicts).push(difference);
  }
  return plan;
}

/**
 * Splits items into consecutive chunks whose summed sizes stay within maxBytes (an item larger than
 * the budget travels alone; the caller's retry-on-too-large halving handles it).
 */
export function chunkByBytes<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxBytes: number
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** What reading the table back found for the rows a write must have left there (see checkWritten). */
export interface WrittenCheck {
  /** Keys that are not in the table at all (an appended row lost, or overwritten by a stale write). */
  missing: string[];
  /** Extra copies of a key, to delete: every copy but the one kept. */
  duplicated: { key: string; index: number }[];
  /** The kept copy of a key holds other cells than intended (a value written to the wrong row). */
  wrong: { key: string; index: number; found: CellValue[] }[];
}

/**
 * Compares the rows a write intended (key -> canonical cells) with the table as read back afterwards.
 * Positions go stale whenever the user sorts or inserts rows between two requests, and a request can
 * stop half-way, so a write is only trusted once every key it touched is found exactly once, holding
 * exactly its cells. Of several copies the first holding the intended cells is kept. Rows whose keys
 * are not expected are not looked at.
 */
export function checkWritten(
  expected: ReadonlyMap<string, readonly CellValue[]>,
  readBack: readonly ExistingRow[]
): WrittenCheck {
  const copies = new Map<string, ExistingRow[]>();
  for (const row of readBack) {
    if (!expected.has(row.key)) continue;
    const list = copies.get(row.key);
    if (list) list.push(row);
    else copies.set(row.key, [row]);
  }
  const check: WrittenCheck = { missing: [], duplicated: [], wrong: [] };
  for (const [key, cells] of expected) {
    const found = copies.get(key);
    if (!found) {
      check.missing.push(key);
      continue;
    }
    const intended = normalised(cells);
    const keep = found.find((row) => sameCells(normalised(row.cells), intended)) ?? found[0];
    for (const row of found) if (row !== keep) check.duplicated.push({ key, index: row.index });
    if (!sameCells(normalised(keep.cells), intended))
      check.wrong.push({ key, index: keep.index, found: normalised(keep.cells) });
  }
  return check;
}

/** True when the table holds every intended row exactly once with its cells. */
export const writtenCorrectly = (check: WrittenCheck): boolean =>
  check.missing.length === 0 && check.duplicated.length === 0 && check.wrong.length === 0;
