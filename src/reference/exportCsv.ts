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

export function canonicalCsvLine(value: ReferenceValue): string {
  // A loop, not map + join: a million-row conversion calls this once per row.
  const cells = toCanonicalRow(value);
  let line = csvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += "," + csvCell(cells[i]);
  return line + CSV_NEWLINE;
}

export function toCanonicalCsv(values: readonly ReferenceValue[]): string {
  let csv = canonicalCsvHeader();
  for (const value of values) csv += canonicalCsvLine(value);
  return csv;
}
