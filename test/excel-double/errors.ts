/**
 * Errors shaped like OfficeExtension.Error ("RichApi.Error"): `code`, `message`, `debugInfo` and
 * `traceMessages`, with the codes and English messages Excel uses, so production code that branches on
 * `error.code` behaves the same against the double.
 */
export const ErrorCode = {
  accessDenied: "AccessDenied",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  invalidRequestContext: "InvalidRequestContext",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
  undoNotSupported: "UndoNotSupported",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  rangeExceedsLimit: "RangeExceedsLimit",
  invalidSelection: "InvalidSelection",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Excel's own English messages for the codes (Excel localises them; code is what add-ins should test). */
export const defaultMessage: Record<string, string> = {
  AccessDenied: "The cell or chart you're trying to change is protected and therefore read-only.",
  GeneralException: "An internal error has occurred.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation is invalid for the object.",
  InvalidReference: "This reference is not valid for the current operation.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  UndoNotSupported:
    "This operation can't be grouped into one undo action: the API doesn't support undo (see the undo capabilities of the Excel JavaScript API).",
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  RangeExceedsLimit:
    "The cell count in the range has exceeded the maximum supported number. See the documentation: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.",
  InvalidSelection: "The current selection is invalid for this operation.",
  RequestPayloadSizeLimitExceeded:
    "The request payload size has exceeded the limit. See the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.",
  ResponsePayloadSizeLimitExceeded:
    "The response payload size has exceeded the limit. See the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.",
};

export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** The double's OfficeExtension.Error; `install()` exposes it as `OfficeExtension.Error`. */
export class ExcelDoubleError extends Error {
  readonly code: string;
  readonly debugInfo: DebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: Error | null = null;

  constructor(code: string, message?: string, errorLocation?: string) {
    const text = message ?? defaultMessage[code] ?? code;
    super(text);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message: text, ...(errorLocation ? { errorLocation } : {}) };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** Throws an Excel-like error; used inside queued operations, so it surfaces from `context.sync()`. */
export function fail(code: string, message?: string, errorLocation?: string): never {
  throw new ExcelDoubleError(code, message, errorLocation);
}

export function propertyNotLoaded(property: string): ExcelDoubleError {
  return new ExcelDoubleError(
    ErrorCode.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

export function valueNotLoaded(): ExcelDoubleError {
  return new ExcelDoubleError(
    ErrorCode.valueNotLoaded,
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.'
  );
}
