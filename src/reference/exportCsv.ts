/**
 * Canonical CSV output (`crossbench reference convert`). Text that a spreadsheet could run as a formula
 * is prefixed with an apostrophe (OWASP CSV-injection rule); our importer removes that prefix again.
 */
import Papa from "papaparse";
import { CANONICAL_HEADERS, toCanonicalRow } from "./canonical";
import { ReferenceValue } from "./model";
import { neutraliseFormulaText } from "./textSafety";

export function toCanonicalCsv(values: readonly ReferenceValue[]): string {
  const rows = values.map((value) =>
    toCanonicalRow(value).map((cell) => {
      if (cell === null) return "";
      if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
      if (typeof cell === "number") return String(cell);
      return neutraliseFormulaText(cell);
    })
  );
  return Papa.unparse({ fields: [...CANONICAL_HEADERS], data: rows }, { newline: "\r\n" }) + "\r\n";
}
