/** A row-by-row builder for sheets laid out top to bottom, so formulas can refer to rows by variable. */
import { note as noteCell, purpose as purposeCell, title as titleCell } from "./cells";
import type { PlanCell } from "./plan";
import { columnLetter } from "./plan";

export class SheetRows {
  readonly rows: (PlanCell | null)[][] = [];
  /** The purpose line written by `header`, for the plan (and the Summary's list of sheets). */
  purpose = "";

  /** Appends a row and returns its 1-based Excel row number. */
  add(cells: (PlanCell | null)[] = []): number {
    this.rows.push(cells);
    return this.rows.length;
  }

  /** The row number the next `add` will get. */
  get next(): number {
    return this.rows.length + 1;
  }

  /**
   * The three rows every template starts with (title, what the sheet is for, how to use it) and a blank
   * row; `note` is a plain note or a styled cell (e.g. a warning).
   */
  header(title: string, purpose: string, note: string | PlanCell): void {
    this.add([titleCell(title)]);
    this.add([purposeCell(purpose)]);
    this.add([typeof note === "string" ? noteCell(note) : note]);
    this.add();
    this.purpose = purpose;
  }
}

/** "B12" from a zero-based column and a 1-based row. */
export const at = (column: number, row: number): string => `${columnLetter(column)}${row}`;
/** "$B$12". */
export const abs = (column: number, row: number): string => `$${columnLetter(column)}$${row}`;
