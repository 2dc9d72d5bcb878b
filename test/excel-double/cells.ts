/**
 * What a cell holds, and how Excel turns what an add-in writes (range.values / range.formulas) into that:
 * the Office.js setters behave like typing, so "=..." becomes a formula, "123" a number, "'text" text.
 */
import { ErrorCode, fail } from "./errors";

export type CellValue = string | number | boolean;

export interface CellFormat {
  fillColor?: string;
  fontBold?: boolean;
  fontItalic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fontUnderline?: string;
  fontStrikethrough?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  /** Excel's default is locked. */
  locked?: boolean;
  formulaHidden?: boolean;
  /** Recorded border settings per edge, e.g. { EdgeBottom: { style: "Continuous" } }. */
  borders?: Record<string, Record<string, unknown>>;
}

/** Cells are immutable: every change replaces the object, so a sync can be rolled back cheaply. */
export interface Cell {
  readonly value: CellValue;
  readonly formula?: string;
  readonly numberFormat: string;
  readonly format: Readonly<CellFormat>;
  /** A leading apostrophe was typed: the text is kept as text ("'=1+1" shows =1+1). */
  readonly quotePrefix?: boolean;
}

export const GENERAL = "General";
export const EMPTY_CELL: Cell = Object.freeze({
  value: "",
  numberFormat: GENERAL,
  format: Object.freeze({}),
});

export const EXCEL_ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];

export function isEmptyCell(cell: Cell): boolean {
  return (
    cell.value === "" &&
    cell.formula === undefined &&
    cell.numberFormat === GENERAL &&
    !cell.quotePrefix &&
    (cell.format === EMPTY_CELL.format || Object.keys(cell.format).length === 0)
  );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel's serial date (1900 system) for a calendar date. */
export function excelSerial(year: number, month: number, day: number): number {
  const utc = Date.UTC(year, month - 1, day);
  return Math.round(utc / 86_400_000) + 25_569;
}

function checkScalar(raw: unknown): asserts raw is CellValue | null | undefined {
  if (raw === null || raw === undefined || typeof raw === "string" || typeof raw === "boolean")
    return;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw))
      fail(
        ErrorCode.invalidArgument,
        `Cannot write ${raw} to a cell: only finite numbers are valid cell values.`
      );
    return;
  }
  fail(
    ErrorCode.invalidArgument,
    `Cannot write a value of type ${typeof raw === "object" ? Object.prototype.toString.call(raw) : typeof raw} to a cell.`
  );
}

function withContent(previous: Cell, content: Partial<Cell>): Cell {
  const next: { -readonly [K in keyof Cell]: Cell[K] } = {
    value: content.value ?? "",
    numberFormat: content.numberFormat ?? previous.numberFormat,
    format: previous.format,
  };
  if (content.formula !== undefined) next.formula = content.formula;
  if (content.quotePrefix) next.quotePrefix = true;
  return next;
}

/** Text whose first character cannot start a number, formula, boolean, error or date is plain text. */
function isPlainText(text: string): boolean {
  const first = text.charCodeAt(0);
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first > 127;
  return (
    letter && first !== 84 && first !== 116 && first !== 70 && first !== 102 && !text.endsWith("%")
  );
}

/**
 * Applies one written value to a cell as Excel does for `range.values` (typed-input semantics).
 * null/undefined leaves the cell unchanged (Office.js skips nulls in a values array).
 */
export function writeValue(previous: Cell, raw: unknown): Cell {
  checkScalar(raw);
  if (raw === null || raw === undefined) return previous;
  // Excel has no negative zero.
  if (typeof raw === "number") return withContent(previous, { value: raw === 0 ? 0 : raw });
  if (typeof raw === "boolean") return withContent(previous, { value: raw });
  const text = raw;
  if (previous.numberFormat === "@") return withContent(previous, { value: text });
  if (text === "") return withContent(previous, { value: "" });
  if (isPlainText(text)) return withContent(previous, { value: text });
  if (text.startsWith("'"))
    return withContent(previous, { value: text.slice(1), quotePrefix: true });
  if (text.startsWith("=") && text.length > 1)
    return withContent(previous, { value: "", formula: text });
  if (NUMBER.test(text.trim())) return withContent(previous, { value: Number(text.trim()) });
  if (PERCENT.test(text.trim())) {
    const n = Number(text.trim().slice(0, -1)) / 100;
    const format =
      previous.numberFormat === GENERAL
        ? Number.isInteger(n * 100)
          ? "0%"
          : "0.00%"
        : previous.numberFormat;
    return withContent(previous, { value: n, numberFormat: format });
  }
  // Typed like this, Excel reads a formula: "+1+1" and "-1+1" become "=+1+1", "@SUM(1)" becomes "=SUM(1)".
  if ((text.startsWith("+") || text.startsWith("-")) && text.length > 1)
    return withContent(previous, { value: "", formula: `=${text}` });
  if (text.startsWith("@") && text.length > 1)
    return withContent(previous, { value: "", formula: `=${text.slice(1)}` });
  const upper = text.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE")
    return withContent(previous, { value: upper === "TRUE" });
  if (EXCEL_ERRORS.includes(upper)) return withContent(previous, { value: upper });
  const date = ISO_DATE.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d && y >= 1900) {
      const format = previous.numberFormat === GENERAL ? "yyyy-mm-dd" : previous.numberFormat;
      return withContent(previous, { value: excelSerial(y, m, d), numberFormat: format });
    }
  }
  return withContent(previous, { value: text });
}

/** `range.formulas` setter: a formula string becomes a formula, anything else is written as a value. */
export function writeFormula(previous: Cell, raw: unknown): Cell {
  checkScalar(raw);
  if (
    typeof raw === "string" &&
    raw.startsWith("=") &&
    raw.length > 1 &&
    previous.numberFormat !== "@"
  ) {
    return withContent(previous, { value: "", formula: raw });
  }
  return writeValue(previous, raw);
}

export function writeNumberFormat(previous: Cell, raw: unknown): Cell {
  if (raw === null || raw === undefined) return previous;
  if (typeof raw !== "string") fail(ErrorCode.invalidArgument, "A number format must be a string.");
  return { ...previous, numberFormat: raw === "" ? GENERAL : raw };
}

export function valueTypeOf(cell: Cell): string {
  const v = cell.value;
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (v === "") return cell.formula === undefined ? "Empty" : "String";
  if (!cell.quotePrefix && EXCEL_ERRORS.includes(v)) return "Error";
  return "String";
}

/** What `range.formulas` returns: the formula, or the constant as Excel shows it in the formula bar. */
export function formulaOf(cell: Cell): CellValue {
  return cell.formula ?? cell.value;
}

/** `range.text`: the double does not apply number formats; numbers print as JavaScript does. */
export function textOf(cell: Cell): string {
  const v = cell.value;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}
