/**
 * The one shape of a problem found in a user's reference data (a file, a pasted table, the workbook's
 * own table) and the one way a column is named in it. Dependency-free: the import pipeline, the
 * workbook-table reader in the functions bundle and (by the same shape, see paneActions.ts) the pane
 * all use it.
 */

export interface ImportProblem {
  /** File name, "pasted table", a range address or the reference sheet. */
  file: string;
  sheet?: string;
  /** 1-based row in the source as the user sees it (header = row 1 for files); 0 for the whole file. */
  row: number;
  /** columnLabel(...), e.g. "C (median)"; "" for whole-row or whole-file problems. */
  column: string;
  message: string;
  /** Errors keep the row out; warnings are shown but do not. */
  severity: "error" | "warning";
}

/** Column letters as Excel shows them: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Headers are shown up to this length in a label (a header cell can hold 32,767 characters). */
const HEADER_SHOWN = 40;

/** The one way a column is named in messages: its letter and (a bounded prefix of) its header. */
export function columnLabel(
  index: number,
  header: string | number | boolean | null | undefined
): string {
  const text = header === null || header === undefined ? "" : String(header).trim();
  if (!text) return columnLetter(index);
  const shown = text.length > HEADER_SHOWN ? `${text.slice(0, HEADER_SHOWN - 3)}...` : text;
  return `${columnLetter(index)} (${shown})`;
}
