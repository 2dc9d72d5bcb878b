/**
 * Coercion of the values Excel hands to custom functions into plain numbers, with messages that tell a
 * finance user what to fix. Excel passes a range as a 2-D array (row-major), a blank cell as `null`
 * (desktop) or `""` (some platforms), an omitted optional argument as `null` or `undefined`, and an
 * error cell as a CustomFunctions.Error. Everything here throws BenchError (or rethrows the incoming
 * Excel error) so wrappers can run it inside `excelResult`.
 *
 * Data types: functions.json declares `allowCustomDataForDataTypeAny` (CustomFunctionsRuntime 1.4), so
 * on current hosts a cell holding a data type reaches an `any` parameter as its JSON object
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts). Every
 * reader here first takes such a cell's basic value: a formatted number is its number, a string or
 * boolean data type its value, an error data type the error; an entity or linked data type (a stock, a
 * geography) has no single number, so it gets a message that says to refer to one of its fields.
 */
import { valueError } from "../core/errors";
import type { Direction } from "../core/finance";

export type { Direction };

/** What a single cell can hold when Excel passes it to a custom function. */
export type ExcelCell = number | string | boolean | null | undefined;

/** What to do with a blank cell in a range of numbers. */
export type BlankPolicy =
  /** count it as 0 (cash flows: a blank period is a period with no flow) */
  | "zero"
  /** leave it out (samples, peer values) */
  | "skip"
  /** refuse it with #VALUE! (matrices, where every cell matters) */
  | "error";

export interface NumberListOptions {
  /** Argument name as the user sees it in Excel, used in messages, e.g. "cashflows". */
  argName: string;
  /** Blank handling; default "skip". */
  blank?: BlankPolicy;
}

export function isBlank(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/** The cell-value JSON Excel passes for a data type (Excel.CellValue): `type` plus `basicValue`. */
interface DataTypeCell {
  type: string;
  basicValue?: unknown;
  text?: unknown;
}

function isDataType(value: unknown): value is DataTypeCell {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !isExcelError(value) &&
    typeof (value as { type?: unknown }).type === "string"
  );
}

const ENTITY_TYPES = new Set(["Entity", "LinkedEntity", "WebImage", "Array", "Reference"]);

/**
 * A data-type cell's basic value (a plain cell is returned as it is). `FormattedNumber` / `Double` →
 * the number, `String` / `Boolean` → the value, `Empty` → blank, `Error` → that Excel error; an entity,
 * linked entity, image or array is refused with a message naming the argument.
 */
export function basicValueOf(value: unknown, argName: string): unknown {
  if (!isDataType(value)) return value;
  if (value.type === "Error") {
    const code = typeof value.basicValue === "string" ? value.basicValue : "#VALUE!";
    return new CustomFunctions.Error(code as CustomFunctions.ErrorCode);
  }
  if (value.type === "Empty") return null;
  if (ENTITY_TYPES.has(value.type)) {
    const name = typeof value.text === "string" && value.text !== "" ? ` "${value.text}"` : "";
    throw valueError(
      `${argName} holds a data type${name} (${value.type}), which has no single value; refer to one of its fields instead, for example =A2.Price.`
    );
  }
  return value.basicValue;
}

/** True for the error objects Excel passes for error cells (and our own CustomFunctions.Error). */
function isExcelError(value: unknown): value is CustomFunctions.Error {
  return typeof CustomFunctions !== "undefined" && value instanceof CustomFunctions.Error;
}

/** Describes a cell value for a message without dumping megabytes of text into Excel's 255-char box. */
function describe(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > 30 ? `${value.slice(0, 27)}...` : value;
    return `text "${shown}"`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return "a range";
  return typeof value;
}

/**
 * Converts one non-blank cell to a finite number or throws a message naming the argument.
 * Text is refused even when it looks numeric: a number stored as text is usually an import error
 * that the user should see rather than have silently reinterpreted.
 */
export function cellToNumber(cell: unknown, argName: string): number {
  const value = basicValueOf(cell, argName);
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw valueError(`${argName} contains ${String(value)}, which is not a finite number.`);
  }
  if (isExcelError(value)) throw value;
  if (typeof value === "string") {
    const looksNumeric = value.trim() !== "" && Number.isFinite(Number(value));
    throw valueError(
      looksNumeric
        ? `${argName} contains the number ${value} stored as text; convert it to a number.`
        : `${argName} contains ${describe(value)} where a number is needed.`
    );
  }
  if (typeof value === "boolean") {
    throw valueError(`${argName} contains ${describe(value)} where a number is needed.`);
  }
  throw valueError(`${argName} contains ${describe(value)} where a number is needed.`);
}

/** Visits every cell of a scalar, 1-D or 2-D argument in row-major order. */
export function forEachCell(range: unknown, visit: (cell: unknown) => void): void {
  if (!Array.isArray(range)) {
    visit(range);
    return;
  }
  for (const row of range) {
    if (Array.isArray(row)) {
      for (const cell of row) visit(cell);
    } else {
      visit(row);
    }
  }
}

/** Number of cells in a scalar, 1-D or 2-D argument (a scalar counts as one cell). */
export function cellCount(range: unknown): number {
  let count = 0;
  forEachCell(range, () => count++);
  return count;
}

/**
 * Flattens a range (or single value) row by row into numbers, applying the blank policy.
 * `flattenNumbers([[1, null], ["", 4]], { argName: "x", blank: "zero" })` is `[1, 0, 0, 4]`.
 */
export function flattenNumbers(range: unknown, options: NumberListOptions): number[] {
  const numbers: number[] = [];
  // Plain loops rather than forEachCell: this runs for every cell of every range on every recalculation.
  if (!Array.isArray(range)) {
    appendNumber(numbers, range, options);
    return numbers;
  }
  for (let i = 0; i < range.length; i++) {
    const row: unknown = range[i];
    if (!Array.isArray(row)) {
      appendNumber(numbers, row, options);
      continue;
    }
    for (let j = 0; j < row.length; j++) {
      const cell: unknown = row[j];
      // Finite numbers are nearly every cell: take them without a call.
      if (typeof cell === "number" && cell - cell === 0) numbers.push(cell);
      else appendNumber(numbers, cell, options);
    }
  }
  return numbers;
}

function appendNumber(numbers: number[], raw: unknown, options: NumberListOptions): void {
  const cell = basicValueOf(raw, options.argName);
  if (isBlank(cell)) {
    const blank = options.blank ?? "skip";
    if (blank === "zero") numbers.push(0);
    else if (blank === "error")
      throw valueError(`${options.argName} has a blank cell; every cell needs a number.`);
    return;
  }
  numbers.push(cellToNumber(cell, options.argName));
}

/**
 * Flattens a range keeping blanks as `null` in their positions, for arguments whose cells pair up with
 * another range (e.g. ratings against weights).
 */
export function flattenNumbersKeepingBlanks(range: unknown, argName: string): (number | null)[] {
  const cells: (number | null)[] = [];
  forEachCell(range, (raw) => {
    const cell = basicValueOf(raw, argName);
    cells.push(isBlank(cell) ? null : cellToNumber(cell, argName));
  });
  return cells;
}

/** A 2-D block of numbers with the shape kept (blanks refused), e.g. a pairwise comparison matrix. */
export function numberMatrix(range: unknown, argName: string): number[][] {
  if (!Array.isArray(range)) return [[requiredNumber(range, argName)]];
  const rows = range.every((row) => Array.isArray(row))
    ? (range as unknown[][])
    : [range as unknown[]];
  const width = rows[0]?.length ?? 0;
  return rows.map((row) => {
    if (row.length !== width) throw valueError(`${argName} must be a rectangular block of cells.`);
    return row.map((raw) => {
      const cell = basicValueOf(raw, argName);
      if (isBlank(cell))
        throw valueError(`${argName} has a blank cell; every cell needs a number.`);
      return cellToNumber(cell, argName);
    });
  });
}

/** Unwraps a single-cell range ([[x]]) to its value, so scalar arguments also accept a one-cell reference. */
function singleCell(value: unknown, argName: string): unknown {
  if (!Array.isArray(value)) return basicValueOf(value, argName);
  if (cellCount(value) !== 1)
    throw valueError(`${argName} must be a single value, not a range of cells.`);
  let only: unknown;
  forEachCell(value, (cell) => (only = cell));
  return basicValueOf(only, argName);
}

/** A required single number; a blank counts as missing. */
export function requiredNumber(value: unknown, argName: string): number {
  const cell = singleCell(value, argName);
  if (isBlank(cell)) throw valueError(`${argName} is required.`);
  return cellToNumber(cell, argName);
}

/** An optional single number: omitted or blank gives `fallback`. */
export function optionalNumber(value: unknown, argName: string, fallback: number): number {
  const cell = singleCell(value, argName);
  return isBlank(cell) ? fallback : cellToNumber(cell, argName);
}

/** An optional single number that has no default: omitted or blank gives `undefined`. */
export function numberIfGiven(value: unknown, argName: string): number | undefined {
  const cell = singleCell(value, argName);
  return isBlank(cell) ? undefined : cellToNumber(cell, argName);
}

/** An optional whole number (e.g. a trial count); fractions are refused rather than silently truncated. */
export function optionalInteger(value: unknown, argName: string, fallback: number): number {
  const number = optionalNumber(value, argName, fallback);
  if (!Number.isInteger(number))
    throw valueError(`${argName} must be a whole number; got ${number}.`);
  return number;
}

/** An optional range of numbers: omitted or entirely blank gives `undefined`. */
export function optionalNumbers(range: unknown, options: NumberListOptions): number[] | undefined {
  let anyValue = false;
  forEachCell(range, (cell) => {
    if (!isBlank(basicValueOf(cell, options.argName))) anyValue = true;
  });
  return anyValue ? flattenNumbers(range, options) : undefined;
}

/** An optional piece of text as the user wrote it, trimmed; omitted or blank gives `undefined`. */
export function optionalText(value: unknown, argName: string): string | undefined {
  const cell = singleCell(value, argName);
  if (isBlank(cell)) return undefined;
  if (isExcelError(cell)) throw cell;
  if (typeof cell !== "string") throw valueError(`${argName} must be text; got ${describe(cell)}.`);
  return cell.trim();
}

/** An optional piece of text, trimmed and lower-cased; omitted or blank gives `undefined`. */
export function optionalWord(value: unknown, argName: string): string | undefined {
  return optionalText(value, argName)?.toLowerCase();
}

/** The "higher"/"lower" argument saying whether a bigger KPI value is better; default "higher". */
export function directionArg(value: unknown, argName = "direction"): Direction {
  const word = optionalWord(value, argName);
  if (word === undefined || word === "higher") return "higher";
  if (word === "lower") return "lower";
  throw valueError(
    `${argName} must be "higher" (bigger is better) or "lower" (smaller is better); got "${word}".`
  );
}
