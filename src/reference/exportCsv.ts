/**
 * Canonical CSV output (`crossbench reference convert`). Text that a spreadsheet could run as a formula
 * is prefixed with an apostrophe (OWASP CSV-injection rule); our importer removes that prefix again.
 * Numbers are written in JavaScript's shortest round-trip form. Line by line, so a converter can stream.
 */
import { CANONICAL_HEADERS, CellValue, toCanonicalRow } from "./canonical";
import { ReferenceValue } from "./model";
import { neutraliseFormulaText } from "./textSafety";

export const CSV_NEWLINE = "\r\n";

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting, only where needed (delimiter, quote, line break, or edge spaces). */
function csvField(text: string): string {
  const quoted = NEEDS_QUOTES.test(text) || text[0] === " " || text[text.length - 1] === " ";
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(cell: CellValue): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (typeof cell === "number") return String(cell);
  return csvField(neutraliseFormulaText(cell));
}

export function canonicalCsvHeader(): string {
  return CANONICAL_HEADERS.map(csvField).join(",") + CSV_NEWLINE;
}

// Each column's last text cell and its field: a large file repeats most columns' text row after row.
const lastText: CellValue[] = [];
const lastField: string[] = [];

export function canonicalCsvLine(value: ReferenceValue): string {
  // The fields replace the cells in place and join makes one flat string (a chain of += would leave
  // a rope that the UTF-8 encoder has to flatten): a million-row conversion calls this once per row.
  const cells = toCanonicalRow(value);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell !== "string") cells[i] = csvCell(cell);
    else if (cell === lastText[i]) cells[i] = lastField[i];
    else {
      lastText[i] = cell;
      cells[i] = lastField[i] = csvCell(cell);
    }
  }
  return cells.join(",") + CSV_NEWLINE;
}

export function toCanonicalCsv(values: readonly ReferenceValue[]): string {
  let csv = canonicalCsvHeader();
  for (const value of values) csv += canonicalCsvLine(value);
  return csv;
}
