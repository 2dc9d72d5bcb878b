/**
 * A `CustomFunctions` global for tests, shaped like the one Excel's shared runtime provides:
 * `Error` with `code` and `message`, the `ErrorCode` values as Excel shows them, and an `associate`
 * that records what was registered (see `registeredFunctions`).
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

class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
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

export function createCustomFunctionsGlobal() {
  return { Error: CustomFunctionsError, ErrorCode, associate };
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions =
  createCustomFunctionsGlobal();
