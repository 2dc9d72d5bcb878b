/** A1 addresses: parsing and formatting, zero-based inclusive rectangles. */
import { ErrorCode, fail } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rectOf(r0: number, c0: number, rowCount: number, columnCount: number): Rect {
  return { r0, c0, r1: r0 + rowCount - 1, c1: c0 + columnCount - 1 };
}

export const rowCountOf = (rect: Rect): number => rect.r1 - rect.r0 + 1;
export const columnCountOf = (rect: Rect): number => rect.c1 - rect.c0 + 1;

export function isInsideSheet(rect: Rect): boolean {
  return (
    rect.r0 >= 0 &&
    rect.c0 >= 0 &&
    rect.r1 < MAX_ROWS &&
    rect.c1 < MAX_COLUMNS &&
    rect.r0 <= rect.r1 &&
    rect.c0 <= rect.c1
  );
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.r0, b.r0);
  const c0 = Math.max(a.c0, b.c0);
  const r1 = Math.min(a.r1, b.r1);
  const c1 = Math.min(a.c1, b.c1);
  return r0 <= r1 && c0 <= c1 ? { r0, c0, r1, c1 } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r0 >= outer.r0 && inner.c0 >= outer.c0 && inner.r1 <= outer.r1 && inner.c1 <= outer.c1
  );
}

export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function parsePart(part: string): { r: number | null; c: number | null } | null {
  let m = CELL.exec(part);
  if (m) return { r: Number(m[2]) - 1, c: columnIndex(m[1]) };
  m = COLUMN.exec(part);
  if (m) return { r: null, c: columnIndex(m[1]) };
  m = ROW.exec(part);
  if (m) return { r: Number(m[1]) - 1, c: null };
  return null;
}

/** Parses "A1", "$A$1:C3", "A:C", "2:5"; null when it is not an A1 reference. */
export function parseRect(text: string): Rect | null {
  const parts = text.trim().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  if (!a || !b) return null;
  const wholeColumns = a.r === null && b.r === null && a.c !== null && b.c !== null;
  const wholeRows = a.c === null && b.c === null && a.r !== null && b.r !== null;
  if (parts.length === 1 && (wholeColumns || wholeRows)) return null;
  if (!wholeColumns && !wholeRows && (a.r === null || a.c === null || b.r === null || b.c === null))
    return null;
  const r0 = wholeColumns ? 0 : Math.min(a.r!, b.r!);
  const r1 = wholeColumns ? MAX_ROWS - 1 : Math.max(a.r!, b.r!);
  const c0 = wholeRows ? 0 : Math.min(a.c!, b.c!);
  const c1 = wholeRows ? MAX_COLUMNS - 1 : Math.max(a.c!, b.c!);
  const rect = { r0, c0, r1, c1 };
  return isInsideSheet(rect) ? rect : null;
}

/** Splits "Sheet1!A1:B2" / "'My sheet'!A1" into sheet name (unquoted) and the A1 part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const text = address.trim().replace(/^=/, "");
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { local: text };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: text.slice(bang + 1) };
}

/** Parses an address or throws InvalidArgument (at sync, like Excel). */
export function parseAddressOrFail(address: string): { sheet?: string; rect: Rect } {
  if (typeof address !== "string") fail(ErrorCode.invalidArgument);
  const { sheet, local } = splitSheet(address);
  const rect = parseRect(local);
  if (!rect)
    fail(ErrorCode.invalidArgument, `The address '${address}' is not a valid A1 reference.`);
  return { sheet, rect };
}

export function formatCell(r: number, c: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(c)}${d}${r + 1}`;
}

export function formatRect(rect: Rect, absolute = false): string {
  const start = formatCell(rect.r0, rect.c0, absolute);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return start;
  return `${start}:${formatCell(rect.r1, rect.c1, absolute)}`;
}

/** Quotes a sheet name the way Excel writes it in addresses ('My Sheet'!A1, Sheet1!A1). */
export function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, rect: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect, absolute)}`;
}
