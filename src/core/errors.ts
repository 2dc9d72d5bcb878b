/**
 * Domain errors of Crossbench's analytics. Core code throws these; the custom-function layer
 * (src/functions/errors.ts) is the one place that turns them into Excel error values.
 */
/** The error values Crossbench returns; all four exist in CustomFunctionsRuntime 1.2. */
export type ExcelErrorKind = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!";

export class BenchError extends Error {
  constructor(
    readonly kind: ExcelErrorKind,
    message: string
  ) {
    super(message);
    this.name = "BenchError";
  }
}

export const valueError = (message: string): BenchError => new BenchError("#VALUE!", message);
export const numError = (message: string): BenchError => new BenchError("#NUM!", message);
export const notAvailable = (message: string): BenchError => new BenchError("#N/A", message);
export const divisionByZero = (message: string): BenchError => new BenchError("#DIV/0!", message);

export function isBenchError(error: unknown): error is BenchError {
  return error instanceof BenchError;
}
