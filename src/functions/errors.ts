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

/** Converts anything thrown into a CustomFunctions.Error, with a message where Excel shows one. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof BenchError) {
    const code = errorCodeFor(error.kind);
    return KINDS_WITH_MESSAGES.includes(error.kind)
      ? new CustomFunctions.Error(code, error.message.slice(0, 255))
      : new CustomFunctions.Error(code);
  }
  if (error instanceof CustomFunctions.Error) {
    return error;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    errorCodeFor("#VALUE!"),
    `Crossbench could not compute this: ${detail}`.slice(0, 255)
  );
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
