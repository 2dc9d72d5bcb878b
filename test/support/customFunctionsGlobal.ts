/**
 * A `CustomFunctions` global for tests, shaped like the one Excel's shared runtime provides:
 * `Error` with `code` and `message`, the `ErrorCode` values as Excel shows them, and an `associate`
 * that records what was registered (see `registeredFunctions`).
 *
 * As strict as Excel about messages: "You can only return a custom error message with the #VALUE! and
 * #N/A errors" (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors), so an
 * error with any other code keeps no message here either: a test that expects the user to read a
 * reason on #NUM! or #DIV/0! fails, as the user would find no reason in Excel.
 */
export const registeredFunctions = new Map<string, (...args: unknown[]) => unknown>();

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** The codes whose custom message Excel shows in the cell's error indicator. */
export const CODES_WITH_MESSAGES: readonly string[] = [
  ErrorCode.invalidValue,
  ErrorCode.notAvailable,
];

class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(CODES_WITH_MESSAGES.includes(code) ? (message ?? "") : "");
    this.code = code;
    this.name = "CustomFunctions.Error";
  }
}

function associate(
  idOrMappings: string | Record<string, (...args: unknown[]) => unknown>,
  fn?: (...args: unknown[]) => unknown
): void {
  if (typeof idOrMappings === "string") {
    if (typeof fn !== "function")
      throw new TypeError(`associate(${idOrMappings}) needs a function`);
    registeredFunctions.set(idOrMappings.toUpperCase(), fn);
  } else {
    for (const [id, f] of Object.entries(idOrMappings))
      registeredFunctions.set(id.toUpperCase(), f);
  }
}

/** Calls a function as Excel does: by the id it was associated under (any case). */
export function callRegistered(id: string, ...args: unknown[]): unknown {
  const fn = registeredFunctions.get(id.toUpperCase());
  if (!fn) throw new Error(`${id} is not registered`);
  return fn(...args);
}

export function createCustomFunctionsGlobal() {
  return { Error: CustomFunctionsError, ErrorCode, associate };
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions =
  createCustomFunctionsGlobal();
