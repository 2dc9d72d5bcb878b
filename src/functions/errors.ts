/**
 * The one place where domain errors become Excel errors. Every custom function runs its body through
 * `excelResult`, so a JavaScript exception can never surface as a bare #VALUE! without a message.
 */
import { BenchError, ExcelErrorKind } from "../core/errors";

function errorCodeFor(kind: ExcelErrorKind): CustomFunctions.ErrorCode {
  switch (kind) {
    case "#VALUE!":
      return CustomFunctions.ErrorCode.invalidValue;
    case "#NUM!":
      return CustomFunctions.ErrorCode.invalidNumber;
    case "#N/A":
      return CustomFunctions.ErrorCode.notAvailable;
    case "#DIV/0!":
      return CustomFunctions.ErrorCode.divisionByZero;
  }
}

/** Converts anything thrown into a CustomFunctions.Error that carries a message for the user. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof BenchError) {
    return new CustomFunctions.Error(errorCodeFor(error.kind), error.message);
  }
  if (error instanceof CustomFunctions.Error) {
    return error;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
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
