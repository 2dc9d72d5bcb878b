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

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** "Mar 2025", "March 2025", "Mar-25", "5 Mar 2025", "Mar 5, 2025": Excel (en-US) reads a date. */
const MONTH_YEAR = /^([a-z]{3,9})[\s\-/]+(\d{2}|\d{4})$/i;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\s+(\d{1,2}),?\s+(\d{4})$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})[\s-]+([a-z]{3,9})[\s-]+(\d{2}|\d{4})$/i;
/** 1,234.5 and 1,234,567 (en-US thousands separators, groups of three). */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
/** $120, $1,234.50, -$5 */
const CURRENCY = /^(-)?\$(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(:(\d{2}))?(\s?([ap])m?)?$/i;

function monthIndex(word: string): number {
  const lower = word.toLowerCase();
  const index = MONTHS.indexOf(lower.slice(0, 3));
  if (index < 0) return -1;
  const full = new Date(Date.UTC(2000, index, 1))
    .toLocaleString("en-US", { month: "long", timeZone: "UTC" })
    .toLowerCase();
  return lower.length === 3 || full === lower || (index === 8 && lower === "sept") ? index : -1;
}

function fullYear(text: string): number {
  const year = Number(text);
  // Excel's two-digit-year rule: 00-29 is 2000-2029, 30-99 is 1930-1999.
  return text.length === 2 ? (year < 30 ? 2000 + year : 1900 + year) : year;
}

function validDate(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * Text Excel (en-US) reads as a number, date or time when typed, with the number format it applies;
 * null when the text stays text. Covers what the Microsoft documentation and Excel's typing rules name:
 * grouped thousands, currency, year-month, month names, US dates, times.
 */
export function typedNumber(text: string): { value: number; numberFormat: string } | null {
  const t = text.trim();
  if (NUMBER.test(t)) return { value: Number(t), numberFormat: GENERAL };
  if (GROUPED.test(t))
    return {
      value: Number(t.replace(/,/g, "")),
      numberFormat: t.includes(".") ? "#,##0.00" : "#,##0",
    };
  const currency = CURRENCY.exec(t);
  if (currency) {
    const amount = Number(`${currency[2].replace(/,/g, "")}${currency[4] ?? ""}`);
    return {
      value: currency[1] ? -amount : amount,
      numberFormat: currency[4] ? '"$"#,##0.00' : '"$"#,##0',
    };
  }
  const yearMonth = YEAR_MONTH.exec(t);
  if (yearMonth) {
    const [y, m] = [Number(yearMonth[1]), Number(yearMonth[2])];
    if (validDate(y, m, 1)) return { value: excelSerial(y, m, 1), numberFormat: "mmm-yy" };
  }
  const us = US_DATE.exec(t);
  if (us) {
    const [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (validDate(y, m, d)) return { value: excelSerial(y, m, d), numberFormat: "m/d/yyyy" };
  }
  const monthYear = MONTH_YEAR.exec(t);
  if (monthYear && monthIndex(monthYear[1]) >= 0) {
    const m = monthIndex(monthYear[1]) + 1;
    return { value: excelSerial(fullYear(monthYear[2]), m, 1), numberFormat: "mmm-yy" };
  }
  const monthDayYear = MONTH_DAY_YEAR.exec(t);
  if (monthDayYear && monthIndex(monthDayYear[1]) >= 0) {
    const [m, d, y] = [
      monthIndex(monthDayYear[1]) + 1,
      Number(monthDayYear[2]),
      Number(monthDayYear[3]),
    ];
    if (validDate(y, m, d)) return { value: excelSerial(y, m, d), numberFormat: "d-mmm-yy" };
  }
  const dayMonthYear = DAY_MONTH_YEAR.exec(t);
  if (dayMonthYear && monthIndex(dayMonthYear[2]) >= 0) {
    const [d, m, y] = [
      Number(dayMonthYear[1]),
      monthIndex(dayMonthYear[2]) + 1,
      fullYear(dayMonthYear[3]),
    ];
    if (validDate(y, m, d)) return { value: excelSerial(y, m, d), numberFormat: "d-mmm-yy" };
  }
  const time = TIME.exec(t);
  if (time) {
    let hours = Number(time[1]);
    const minutes = Number(time[2]);
    const seconds = Number(time[4] ?? 0);
    const half = time[6]?.toLowerCase();
    if (half && (hours < 1 || hours > 12)) return null;
    if (half === "p" && hours < 12) hours += 12;
    if (half === "a" && hours === 12) hours = 0;
    if (hours < 24 && minutes < 60 && seconds < 60)
      return {
        value: (hours * 3600 + minutes * 60 + seconds) / 86_400,
        numberFormat: half ? "h:mm AM/PM" : time[4] ? "h:mm:ss" : "h:mm",
      };
  }
  return null;
}

/** Fast path: text starting with a letter that cannot begin a boolean or a month name stays text. */
function isPlainText(text: string): boolean {
  const first = text.charCodeAt(0);
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first > 127;
  if (!letter || text.endsWith("%")) return false;
  const head = text.slice(0, 3).toLowerCase();
  return !/^[tf]/.test(head) && !MONTHS.includes(head);
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
  const typed = typedNumber(text);
  if (typed) {
    const format = previous.numberFormat === GENERAL ? typed.numberFormat : previous.numberFormat;
    return withContent(previous, {
      value: typed.value === 0 ? 0 : typed.value,
      numberFormat: format,
    });
  }
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
    if (validDate(y, m, d)) {
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
