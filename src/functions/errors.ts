/**
 * The one place where domain errors become Excel errors. Every custom function runs its body through
 * `excelResult`, so a JavaScript exception can never surface as a bare #VALUE! without a message.
 *
 * Excel shows a custom message only with #VALUE! and #N/A
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors). So src/core reports a
 * user's input mistake as #VALUE! (or #N/A for something not found) with its reason, and keeps #NUM! /
 * #DIV/0! where Excel's own analogue (IRR, XNPV, a division) returns that code; those reach the cell
 * without a message, and "Explain this cell" in the pane shows the core's full reason.
 */
import { BenchError, ExcelErrorKind } from "../core/errors";

/**
 * The codes as the strings they are. The `CustomFunctions.ErrorCode` enum object is CustomFunctionsRuntime
 * 1.3 while the manifest asks for 1.2 (scripts/check-api-sets.ts reports it); `new CustomFunctions.Error`
 * (1.2) takes the code's string, so reading the enum at run time would only add a way to fail.
 */
const errorCodeFor = (kind: ExcelErrorKind): CustomFunctions.ErrorCode =>
  kind as CustomFunctions.ErrorCode;

/** The error kinds whose custom message Excel shows (in the cell's error indicator). */
export const KINDS_WITH_MESSAGES: readonly ExcelErrorKind[] = ["#VALUE!", "#N/A"];

/** An error as a cell shows it: the code, and the message Crossbench attaches (which Excel may drop). */
export interface BenchErrorValue {
  error: string;
  message: string;
}

/** An Excel error value, as the runtime or the Excel double passes one in (`code` is "#…"). */
export function hasErrorCode(value: unknown): value is { code: string; message?: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    (value as { code: string }).code.startsWith("#")
  );
}

/**
 * The error and full message a thrown value becomes. Free of the CustomFunctions runtime, so "Explain
 * this cell" and the self-check (in the pane) map errors exactly as the cell does (`toExcelError`).
 */
export function errorValueOf(thrown: unknown): BenchErrorValue {
  if (thrown instanceof BenchError) return { error: thrown.kind, message: thrown.message };
  if (hasErrorCode(thrown)) return { error: thrown.code, message: thrown.message ?? "" };
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return {
    error: "#VALUE!",
    message: `Crossbench could not compute this: ${detail}`.slice(0, 255),
  };
}

/** Converts anything thrown into a CustomFunctions.Error, with a message where Excel shows one. */
export function toExcelError(thrown: unknown): CustomFunctions.Error {
  if (thrown instanceof CustomFunctions.Error) return thrown;
  const { error, message } = errorValueOf(thrown);
  const code = errorCodeFor(error as ExcelErrorKind);
  return KINDS_WITH_MESSAGES.includes(error as ExcelErrorKind)
    ? new CustomFunctions.Error(code, message.slice(0, 255))
    : new CustomFunctions.Error(code);
}

/** Runs a function body and returns its value, or the matching Excel error when it throws. */
export function excelResult<T>(body: () => T): T | CustomFunctions.Error {
  try {
    return body();
  } catch (error) {
    return toExcelError(error);
  }
}

/** Async variant for functions that must read the workbook (e.g. the reference table). */
export async function excelResultAsync<T>(
  body: () => Promise<T>
): Promise<T | CustomFunctions.Error> {
  try {
    return await body();
  } catch (error) {
    return toExcelError(error);
  }
}

/**
 * Runs a spilling body: an Error in a cell becomes that cell's Excel error, and a failure of the whole
 * body a single error cell, which Excel shows with its message.
 */
export function excelSpill(body: () => unknown[][]): any[][] {
  const result = excelResult(() =>
    body().map((row) => row.map((cell) => (cell instanceof Error ? toExcelError(cell) : cell)))
  );
  return result instanceof CustomFunctions.Error ? [[result]] : result;
}

/** Async variant: the failure is thrown, as a returned error would not match the matrix result type. */
export async function excelSpillAsync(body: () => Promise<unknown[][]>): Promise<unknown[][]> {
  const result = await excelResultAsync(body);
  if (result instanceof CustomFunctions.Error) throw result;
  return result;
}
