/** A row-by-row builder for sheets laid out top to bottom, so formulas can refer to rows by variable. */
import type { PlanCell } from "./plan";
import { columnLetter } from "./plan";

export class SheetRows {
  readonly rows: (PlanCell | null)[][] = [];

  /** Appends a row and returns its 1-based Excel row number. */
  add(cells: (PlanCell | null)[] = []): number {
    this.rows.push(cells);
    return this.rows.length;
  }

  /** The row number the next `add` will get. */
  get next(): number {
    return this.rows.length + 1;
  }
}

/** "B12" from a zero-based column and a 1-based row. */
export const at = (column: number, row: number): string => `${columnLetter(column)}${row}`;
/** "$B$12". */
export const abs = (column: number, row: number): string => `$${columnLetter(column)}$${row}`;
