/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- this module implements the proxies; its cells and records are plain objects, not Office proxies */
/**
 * An in-memory Excel for tests: the subset of the Excel JavaScript API that Crossbench uses, with the
 * real API's proxy semantics (queue, load, sync), Excel's validation rules and error codes, and
 * instrumentation (syncs, request bytes, the 5 MB payload limit of Excel on the web).
 *
 *   const double = createExcelDouble();
 *   double.install();                      // globalThis.Excel / OfficeExtension
 *   await codeUnderTest();                  // uses Excel.run(...)
 *   expect(double.stats.syncCount).toBeLessThanOrEqual(3);
 *   expect(double.state.values("Sheet1", "A1:B2")).toEqual(...);
 *   double.uninstall();
 *
 * See docs/excel-double.md for the API and its known differences from Excel.
 */
import {
  Rect,
  columnCountOf,
  formatAddress,
  formatRect,
  intersect,
  parseAddressOrFail,
  rowCountOf,
} from "./address";
import {
  Cell,
  CellFormat,
  CellValue,
  EXCEL_ERRORS,
  formulaOf,
  valueTypeOf,
  writeFormula,
  writeNumberFormat,
  writeValue,
} from "./cells";
import {
  ClientObject,
  ClientResultDouble,
  Engine,
  EventHandler,
  EventHandlerResultDouble,
  EventHandlersDouble,
  Exec,
  Op,
  RequestContextDouble,
  clone,
} from "./client";
import { excelEnums } from "./enums.generated";
import { ErrorCode, ExcelDoubleError } from "./errors";
import { WorkbookDouble } from "./objects";
import { Change, DEFAULT_COLUMN_WIDTH, RecordedCall, WorkbookStore } from "./store";

export { ExcelDoubleError, ErrorCode } from "./errors";
export { startBrowserCustomFunctionsHost, startCustomFunctionsHost } from "./customFunctionsHost";
export type { Cell, CellFormat, CellValue } from "./cells";

export const DEFAULT_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface ExcelDoubleOptions {
  /** Worksheets of the new workbook, in order (default ["Sheet1"]). */
  sheets?: readonly string[];
  /** Request payload limit; Excel on the web rejects larger requests (default 5 MB). */
  payloadLimitBytes?: number;
  /** Response payload limit for loaded data (default 5 MB; Infinity to switch off). */
  responsePayloadLimitBytes?: number;
  /**
   * false (default): a failing request changes nothing (atomic per sync, simpler to reason about).
   * true: like Excel, the operations queued before the failing one stay applied; use it to test clean-up.
   */
  partialFailures?: boolean;
  /**
   * Largest range whose cells one load may read (values, formulas, number formats, text, value types).
   * Excel's documented limit is 5,000,000 cells; a larger read fails with RangeExceedsLimit.
   */
  readCellLimit?: number;
}

/**
 * APIs that the undo-capabilities table of the Excel JavaScript API lists as unsupported (on the web,
 * Windows and Mac) among those the double models. Inside `Excel.run({ mergeUndoGroup: true }, ...)` such a
 * call fails with UndoNotSupported (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 */
export const UNDO_UNSUPPORTED_OPERATIONS: readonly string[] = [
  "WorksheetProtection.protect",
  "WorksheetProtection.unprotect",
  "Worksheet.delete",
  "Chart.categoryLabelLevel",
  "Chart.seriesNameLevel",
];

export const DEFAULT_READ_CELL_LIMIT = 5_000_000;

export interface RequestRecord {
  /** UTF-8 bytes of the JSON of the request's queued operations (writes, method calls, loads). */
  bytes: number;
  operations: number;
  /** UTF-8 bytes of the JSON of the data the request loaded. */
  responseBytes: number;
  /** Error code when the request failed (and changed nothing). */
  error?: string;
  /**
   * Where the request asked for `suspendScreenUpdatingUntilNextSync`: the number of changing operations
   * queued before it (0 = it covers every write of the request). Absent when the request did not ask.
   */
  writesBeforeScreenSuspension?: number;
  /**
   * The request called an API without undo support outside an undo group: "the user's undo stack is
   * cleared from that API call" (Microsoft's undo-capabilities page), so nothing before it can be undone.
   */
  clearsUndoStack?: true;
}

export interface ExcelDoubleStats {
  /** Requests sent to the workbook: `context.sync()` calls with queued operations, plus Excel.run's final flush. */
  syncCount: number;
  /** Every `context.sync()` call, including ones with nothing queued (those cost no round trip in Excel). */
  syncCalls: number;
  requests: RequestRecord[];
  maxRequestBytes: number;
  totalRequestBytes: number;
  totalOperations: number;
  runs: { options: Record<string, unknown> }[];
  reset(): void;
}

export interface CellInfo extends Cell {
  valueType: string;
}

export interface TableInfo {
  id: string;
  name: string;
  sheet: string;
  /** Whole table, with sheet prefix ("Sheet1!A1:C4"). */
  address: string;
  headerAddress: string | null;
  dataAddress: string;
  headers: string[];
  /** Data body values. */
  rows: CellValue[][];
  showTotals: boolean;
  style: string;
  settings: Record<string, unknown>;
}

export interface ChangeEventRecord {
  type: "TableChanged" | "WorksheetChanged";
  changeType: string;
  /** Excel.EventSource: "Local" for this session (the add-in or the user), "Remote" for a co-author. */
  source: "Local" | "Remote";
  /** Excel.EventTriggerSource (ExcelApi 1.14): "ThisLocalAddin" for the add-in's own writes. */
  triggerSource: "ThisLocalAddin" | "Unknown";
  worksheetId: string;
  tableId?: string;
  address: string;
}

/** Operations that change the workbook (not navigation such as getItem / getRange, and not loads). */
function isChangingOp(op: Op): boolean {
  const method = op.payload.op.slice(op.payload.op.lastIndexOf(".") + 1);
  return method !== "load" && !method.startsWith("get") && !method.startsWith("suspend");
}

const encoder = new TextEncoder();
const utf8Length = (value: unknown): number => encoder.encode(JSON.stringify(value) ?? "").length;

class DoubleEngine implements Engine {
  readonly store: WorkbookStore;
  readonly stats: ExcelDoubleStats;
  readonly eventLog: ChangeEventRecord[] = [];
  readonly eventErrors: unknown[] = [];
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private eventChain: Promise<void> = Promise.resolve();
  /** The user is typing in a cell: requests fail, or wait when the run asked for delayForCellEdit. */
  cellEditMode = false;
  private cellEditEnded: Array<() => void> = [];

  setCellEditMode(editing: boolean): void {
    this.cellEditMode = editing;
    if (!editing) for (const resume of this.cellEditEnded.splice(0)) resume();
  }

  constructor(private readonly options: ExcelDoubleOptions) {
    this.store = new WorkbookStore(options.sheets ?? ["Sheet1"]);
    this.store.readCellLimit = options.readCellLimit ?? DEFAULT_READ_CELL_LIMIT;
    const stats: ExcelDoubleStats = {
      syncCount: 0,
      syncCalls: 0,
      requests: [],
      maxRequestBytes: 0,
      totalRequestBytes: 0,
      totalOperations: 0,
      runs: [],
      reset() {
        stats.syncCount = 0;
        stats.syncCalls = 0;
        stats.requests = [];
        stats.maxRequestBytes = 0;
        stats.totalRequestBytes = 0;
        stats.totalOperations = 0;
        stats.runs = [];
      },
    };
    this.stats = stats;
  }

  async execute(context: RequestContextDouble): Promise<void> {
    this.stats.syncCalls++;
    const ops: Op[] = context._pending;
    context._pending = [];
    await Promise.resolve();
    if (ops.length === 0) return;
    if (this.cellEditMode) {
      // RunOptions.delayForCellEdit: the request waits until the user leaves the cell; without it, it fails.
      if (context.runOptions.delayForCellEdit === true)
        await new Promise<void>((resume) => this.cellEditEnded.push(resume));
      else throw new ExcelDoubleError(ErrorCode.invalidOperationInCellEditMode);
    }
    const bytes = utf8Length(ops.map((op) => op.payload));
    const record: RequestRecord = { bytes, operations: ops.length, responseBytes: 0 };
    const suspension = ops.findIndex(
      (op) => op.payload.op === "Application.suspendScreenUpdatingUntilNextSync"
    );
    if (suspension >= 0)
      record.writesBeforeScreenSuspension = ops.slice(0, suspension).filter(isChangingOp).length;
    this.stats.syncCount++;
    this.stats.requests.push(record);
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, bytes);
    this.stats.totalRequestBytes += bytes;
    this.stats.totalOperations += ops.length;
    const limit = this.options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES;
    if (bytes > limit) {
      record.error = ErrorCode.requestPayloadSizeLimitExceeded;
      throw new ExcelDoubleError(ErrorCode.requestPayloadSizeLimitExceeded);
    }
    const afters: Array<() => void> = [];
    const response: unknown[] = [];
    const exec: Exec = {
      store: this.store,
      after: (fn) => afters.push(fn),
      respond: (data) => response.push(data),
    };
    let changes: Change[];
    this.store.begin();
    let current: Op | undefined;
    const partial = this.options.partialFailures === true;
    const undoGroup = context.runOptions.mergeUndoGroup === true;
    if (!undoGroup && ops.some((op) => UNDO_UNSUPPORTED_OPERATIONS.includes(op.payload.op)))
      record.clearsUndoStack = true;
    try {
      for (const op of ops) {
        current = op;
        if (undoGroup && UNDO_UNSUPPORTED_OPERATIONS.includes(op.payload.op))
          throw new ExcelDoubleError(
            ErrorCode.undoNotSupported,
            `${op.payload.op} does not support undo, so it cannot run in a mergeUndoGroup batch.`
          );
        const savepoint = partial ? this.store.savepoint() : null;
        try {
          op.run(exec);
        } catch (error) {
          if (savepoint) this.store.rollbackTo(savepoint);
          throw error;
        }
      }
      current = undefined;
      record.responseBytes = response.length === 0 ? 0 : utf8Length(response);
      const responseLimit = this.options.responsePayloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES;
      if (record.responseBytes > responseLimit)
        throw new ExcelDoubleError(ErrorCode.responsePayloadSizeLimitExceeded);
      changes = this.store.commit();
    } catch (error) {
      // Excel is not transactional: in partial mode what ran before the failing operation stays.
      if (partial) this.dispatch(this.store.commit());
      else this.store.rollback();
      const failure =
        error instanceof ExcelDoubleError
          ? error
          : new ExcelDoubleError(
              ErrorCode.generalException,
              `The Excel double failed: ${error instanceof Error ? error.message : String(error)}`
            );
      if (current && !failure.debugInfo.errorLocation)
        failure.debugInfo.errorLocation = current.payload.op;
      if (current) failure.debugInfo.statement = current.payload.op;
      record.error = failure.code;
      throw failure;
    }
    for (const after of afters) after();
    this.dispatch(changes);
  }

  addHandler(key: string, handler: EventHandler): void {
    let set = this.handlers.get(key);
    if (!set) {
      set = new Set();
      this.handlers.set(key, set);
    }
    set.add(handler);
  }

  removeHandler(key: string, handler: EventHandler): void {
    this.handlers.get(key)?.delete(handler);
  }

  /** Fires change events after a successful sync (or a simulated user edit), asynchronously like Excel. */
  dispatch(
    changes: readonly Change[],
    source: "Local" | "Remote" = "Local",
    triggerSource: "ThisLocalAddin" | "Unknown" = "ThisLocalAddin"
  ): void {
    const calls: Array<[EventHandler, unknown]> = [];
    const fire = (keys: string[], record: ChangeEventRecord): void => {
      this.eventLog.push(record);
      const args = {
        ...record,
        getRange: (ctx: RequestContextDouble) =>
          (ctx.workbook as WorkbookDouble).worksheets
            .getItem(record.worksheetId)
            .getRange(record.address),
        getRangeOrNullObject: (ctx: RequestContextDouble) =>
          (ctx.workbook as WorkbookDouble).worksheets
            .getItem(record.worksheetId)
            .getRange(record.address),
      };
      for (const key of keys)
        for (const handler of this.handlers.get(key) ?? []) calls.push([handler, args]);
    };
    for (const change of changes) {
      if (!this.store.meta.sheets.some((s) => s.id === change.sheetId)) continue;
      fire(["sheet:" + change.sheetId, "sheets:*"], {
        type: "WorksheetChanged",
        changeType: change.changeType,
        source,
        triggerSource,
        worksheetId: change.sheetId,
        address: formatRect(change.rect),
      });
      const tables = change.tableId
        ? this.store.meta.tables.filter((t) => t.id === change.tableId)
        : this.store.tablesIntersecting(change.sheetId, change.rect);
      for (const table of tables) {
        fire([`table:${table.id}`, "tables:*", `tables:${table.sheetId}`], {
          type: "TableChanged",
          changeType: change.changeType,
          source,
          triggerSource,
          worksheetId: table.sheetId,
          tableId: table.id,
          address: formatRect(intersect(table.rect, change.rect) ?? change.rect),
        });
      }
    }
    if (calls.length === 0) return;
    this.eventChain = this.eventChain.then(async () => {
      for (const [handler, args] of calls) {
        try {
          await handler(args);
        } catch (error) {
          this.eventErrors.push(error);
        }
      }
    });
  }

  async settled(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.eventChain;
      await chain;
    } while (chain !== this.eventChain);
  }
}

export type ExcelRunBatch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface ExcelDouble {
  /** The `Excel` namespace: run, RequestContext, ErrorCodes and every enum of @types/office-js. */
  readonly Excel: typeof Excel;
  readonly state: ExcelDoubleState;
  readonly stats: ExcelDoubleStats;
  /** Change events seen so far (also those without handlers). */
  readonly events: readonly ChangeEventRecord[];
  /** Errors thrown by event handlers (Excel swallows them; tests can assert there were none). */
  readonly eventErrors: readonly unknown[];
  /** Resolves when every event handler triggered so far has finished. */
  eventsSettled(): Promise<void>;
  /** Edits cells as a user typing would (no sync counted) and fires change events (triggerSource "Unknown"). */
  userEdit(sheet: string, address: string, values: unknown): void;
  /** Edits cells as a co-author in another session would: events have source "Remote". */
  remoteEdit(sheet: string, address: string, values: unknown): void;
  /**
   * The user starts (true) or stops (false) editing a cell. While editing, a request fails with
   * InvalidOperationInCellEditMode unless its Excel.run asked for `delayForCellEdit`, in which case it
   * waits until editing stops.
   */
  setCellEditMode(editing: boolean): void;
  /** Selects several areas at once (Ctrl+click); `getSelectedRange()` then fails with InvalidSelection. */
  selectAreas(sheet: string, addresses: readonly string[]): void;
  /** Sets globalThis.Excel and globalThis.OfficeExtension to the double's. */
  install(): void;
  /** Restores what install() replaced. */
  uninstall(): void;
}

export function createExcelDouble(options: ExcelDoubleOptions = {}): ExcelDouble {
  const engine = new DoubleEngine(options);
  const s = engine.store;

  async function run<T>(...args: unknown[]): Promise<T> {
    let runOptions: Record<string, unknown> = {};
    let batch: unknown;
    let context: RequestContextDouble | undefined;
    if (typeof args[0] === "function") batch = args[0];
    else if (args[0] instanceof ClientObject) {
      context = args[0].context;
      batch = args[1];
    } else if (args[0] instanceof RequestContextDouble) {
      context = args[0];
      batch = args[1];
    } else {
      runOptions = { ...((args[0] as Record<string, unknown> | undefined) ?? {}) };
      batch = args[1];
    }
    if (typeof batch !== "function")
      throw new ExcelDoubleError(ErrorCode.invalidArgument, "Excel.run needs a batch function.");
    engine.stats.runs.push({ options: runOptions });
    const ctx =
      context ?? new RequestContextDouble(engine, (c) => new WorkbookDouble(c), runOptions);
    const pending = (batch as (c: unknown) => unknown)(ctx);
    if (!pending || typeof (pending as Promise<T>).then !== "function") {
      throw new ExcelDoubleError(
        ErrorCode.runMustReturnPromise,
        'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.'
      );
    }
    const value = await (pending as Promise<T>);
    // Like Office.js, run flushes what the batch queued but did not sync.
    await ctx.sync();
    return value;
  }

  const ExcelNamespace = {
    ...excelEnums,
    run,
    RequestContext: RequestContextDouble,
    ClientResult: ClientResultDouble,
    EventHandlers: EventHandlersDouble,
    EventHandlerResult: EventHandlerResultDouble,
  } as unknown as typeof Excel;

  const OfficeExtensionNamespace = {
    Error: ExcelDoubleError,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      generalException: "GeneralException",
      activityLimitReached: "ActivityLimitReached",
      invalidArgument: "InvalidArgument",
      itemNotFound: "ItemNotFound",
      invalidRequestContext: "InvalidRequestContext",
      propertyNotLoaded: "PropertyNotLoaded",
      valueNotLoaded: "ValueNotLoaded",
      runMustReturnPromise: "RunMustReturnPromise",
    },
    ClientRequestContext: RequestContextDouble,
    ClientResult: ClientResultDouble,
    ClientObject,
  };

  let saved: {
    Excel: unknown;
    OfficeExtension: unknown;
    hadExcel: boolean;
    hadOfficeExtension: boolean;
  } | null = null;
  const g = globalThis as Record<string, unknown>;

  return {
    Excel: ExcelNamespace,
    state: createState(s, engine),
    stats: engine.stats,
    events: engine.eventLog,
    eventErrors: engine.eventErrors,
    eventsSettled: () => engine.settled(),
    userEdit(sheet, address, values) {
      const sheetId = s.sheetByNameOrFail(sheet).id;
      const { rect } = s.resolveAddress(address, sheetId);
      mutate(s, () => s.writeRect(sheetId, rect, values, writeValue, "user edit"));
      engine.dispatch([{ sheetId, rect, changeType: "RangeEdited" }], "Local", "Unknown");
    },
    remoteEdit(sheet, address, values) {
      const sheetId = s.sheetByNameOrFail(sheet).id;
      const { rect } = s.resolveAddress(address, sheetId);
      mutate(s, () => s.writeRect(sheetId, rect, values, writeValue, "remote edit"));
      engine.dispatch([{ sheetId, rect, changeType: "RangeEdited" }], "Remote", "Unknown");
    },
    setCellEditMode: (editing) => engine.setCellEditMode(editing),
    selectAreas(sheet, addresses) {
      const sheetId = s.sheetByNameOrFail(sheet).id;
      const rects = addresses.map((a) => s.resolveAddress(a, sheetId).rect);
      if (rects.length === 0) throw new Error("selectAreas needs at least one address.");
      mutate(s, () => {
        s.activate(sheetId);
        s.meta.selection = {
          sheetId,
          rect: rects[0],
          ...(rects.length > 1 ? { areas: rects } : {}),
        };
      });
    },
    install() {
      if (!saved)
        saved = {
          Excel: g.Excel,
          OfficeExtension: g.OfficeExtension,
          hadExcel: "Excel" in g,
          hadOfficeExtension: "OfficeExtension" in g,
        };
      g.Excel = ExcelNamespace;
      g.OfficeExtension = OfficeExtensionNamespace;
    },
    uninstall() {
      if (!saved) return;
      if (saved.hadExcel) g.Excel = saved.Excel;
      else delete g.Excel;
      if (saved.hadOfficeExtension) g.OfficeExtension = saved.OfficeExtension;
      else delete g.OfficeExtension;
      saved = null;
    },
  };
}

/** Applies a direct (test-side) change atomically; it is not a request and counts no sync. */
function mutate<T>(s: WorkbookStore, change: () => T): T {
  if (s.inTransaction)
    throw new Error("The Excel double's state cannot be changed while a sync is running.");
  s.begin();
  try {
    const result = change();
    s.commit();
    return result;
  } catch (error) {
    s.rollback();
    throw error;
  }
}

// ---- direct state access for tests ---------------------------------------------------------------------

export interface ExcelDoubleState {
  sheetNames(): string[];
  activeSheet(): string;
  /** The selection with sheet prefix, e.g. "Sheet1!B2:C3". */
  selection(): string;
  sheet(name: string): SheetInfo;
  cell(sheet: string, address: string): CellInfo;
  values(sheet: string, address: string): CellValue[][];
  formulas(sheet: string, address: string): CellValue[][];
  numberFormats(sheet: string, address: string): string[][];
  formats(sheet: string, address: string): CellFormat[][];
  /** Address of the used range ("A1:C10"), or null for an empty sheet. */
  usedAddress(sheet: string, valuesOnly?: boolean): string | null;
  tables(): TableInfo[];
  table(name: string): TableInfo | undefined;
  names(): {
    name: string;
    formula: string;
    comment: string;
    visible: boolean;
    scope: string | null;
  }[];
  settings(): Record<string, unknown>;
  charts(sheet?: string): {
    sheet: string;
    name: string;
    type: string;
    source: string;
    seriesBy: string;
    settings: Record<string, unknown>;
    calls: RecordedCall[];
  }[];
  dataValidations(
    sheet: string
  ): { address: string; rule: unknown; settings: Record<string, unknown> }[];
  conditionalFormats(
    sheet: string
  ): { address: string; type: string; settings: Record<string, unknown>; calls: RecordedCall[] }[];
  borders(
    sheet: string
  ): { address: string; settings: Record<string, unknown>; calls: RecordedCall[] }[];
  application(): {
    calculationMode: string;
    screenUpdatingSuspensions: number;
    apiCalculationSuspensions: number;
    calculations: string[];
  };

  // Seeding a pre-existing workbook (no sync counted, no events fired).
  addSheet(name: string): void;
  setValues(sheet: string, address: string, values: unknown): void;
  setFormulas(sheet: string, address: string, formulas: unknown): void;
  setNumberFormat(sheet: string, address: string, numberFormat: unknown): void;
  /** Sets what Excel would have calculated for formula cells (scalar fills the range). */
  setCalculatedValue(sheet: string, address: string, value: CellValue | CellValue[][]): void;
  /** Creates a table over existing cells (first row = headers by default); returns its name. */
  addTable(
    sheet: string,
    address: string,
    options?: { name?: string; hasHeaders?: boolean }
  ): string;
  addName(name: string, formula: string, comment?: string): void;
  setSetting(key: string, value: unknown): void;
  select(sheet: string, address: string): void;
  activate(sheet: string): void;
  protect(sheet: string, options?: Record<string, unknown>): void;
}

export interface SheetInfo {
  id: string;
  name: string;
  position: number;
  visibility: string;
  tabColor: string;
  showGridlines: boolean;
  protection: { protected: boolean; options: Record<string, unknown>; hasPassword: boolean };
  freeze: { rows: number; columns: number } | null;
  columnWidth(column: string): number;
  rowHeight(row: number): number;
  merges: string[];
  autofitColumns: string[];
}

function createState(s: WorkbookStore, engine: DoubleEngine): ExcelDoubleState {
  const locate = (sheet: string, address: string): { sheetId: string; rect: Rect } => {
    const sheetId = s.sheetByNameOrFail(sheet).id;
    const parsed = parseAddressOrFail(address);
    return {
      sheetId: parsed.sheet !== undefined ? s.sheetByNameOrFail(parsed.sheet).id : sheetId,
      rect: parsed.rect,
    };
  };
  const sheetName = (id: string): string => s.sheet(id).name;
  const tableInfo = (t: (typeof s.meta.tables)[number]): TableInfo => {
    const header = s.headerRect(t);
    const body = s.dataBodyRect(t);
    return {
      id: t.id,
      name: t.name,
      sheet: sheetName(t.sheetId),
      address: s.addressOf(t.sheetId, t.rect),
      headerAddress: header ? s.addressOf(t.sheetId, header) : null,
      dataAddress: s.addressOf(t.sheetId, body),
      headers: s.columnNames(t),
      rows: s.readRect(t.sheetId, body, (c) => c.value),
      showTotals: t.showTotals,
      style: t.style,
      settings: clone(t.settings),
    };
  };
  void engine;
  return {
    sheetNames: () => s.meta.sheets.map((sh) => sh.name),
    activeSheet: () => sheetName(s.meta.activeSheetId),
    selection: () => s.addressOf(s.meta.selection.sheetId, s.meta.selection.rect),
    sheet(name) {
      const sh = s.sheetByNameOrFail(name);
      return {
        id: sh.id,
        name: sh.name,
        position: s.meta.sheets.indexOf(sh),
        visibility: sh.visibility,
        tabColor: sh.tabColor,
        showGridlines: sh.showGridlines,
        protection: clone(sh.protection),
        freeze: clone(sh.freeze),
        columnWidth: (column) =>
          sh.columnWidths[parseAddressOrFail(`${column}1`).rect.c0] ?? DEFAULT_COLUMN_WIDTH,
        rowHeight: (row) => sh.rowHeights[row - 1] ?? 15,
        merges: sh.merges.map((m) => formatRect(m)),
        autofitColumns: [...sh.autofitColumns],
      };
    },
    cell(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      const cell = s.getCell(sheetId, rect.r0, rect.c0);
      return { ...clone(cell), formula: cell.formula, valueType: valueTypeOf(cell) };
    },
    values(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      return s.readRect(sheetId, rect, (c) => c.value);
    },
    formulas(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      return s.readRect(sheetId, rect, formulaOf);
    },
    numberFormats(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      return s.readRect(sheetId, rect, (c) => c.numberFormat);
    },
    formats(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      return s.readRect(sheetId, rect, (c) => clone(c.format) as CellFormat);
    },
    usedAddress(sheet, valuesOnly = false) {
      const rect = s.usedRect(s.sheetByNameOrFail(sheet).id, valuesOnly);
      return rect ? formatRect(rect) : null;
    },
    tables: () => s.meta.tables.map(tableInfo),
    table(name) {
      const t = s.findTable(name);
      return t ? tableInfo(t) : undefined;
    },
    names: () =>
      s.meta.names.map((n) => ({
        name: n.name,
        formula: n.formula,
        comment: n.comment,
        visible: n.visible,
        scope: n.sheetId === null ? null : sheetName(n.sheetId),
      })),
    settings: () => Object.fromEntries(s.meta.settings.map((e) => [e.key, clone(e.value)])),
    charts(sheet) {
      const sheets = sheet === undefined ? s.meta.sheets : [s.sheetByNameOrFail(sheet)];
      return sheets.flatMap((sh) =>
        sh.charts.map((c) => ({
          sheet: sh.name,
          name: c.name,
          type: c.type,
          source: c.source,
          seriesBy: c.seriesBy,
          settings: clone(c.settings),
          calls: clone(c.calls),
        }))
      );
    },
    dataValidations: (sheet) =>
      s.sheetByNameOrFail(sheet).dataValidations.map((v) => ({
        address: formatRect(v.rect),
        rule: clone(v.rule),
        settings: clone(v.settings),
      })),
    conditionalFormats: (sheet) =>
      s.sheetByNameOrFail(sheet).conditionalFormats.map((cf) => ({
        address: formatRect(cf.rect),
        type: cf.type,
        settings: clone(cf.settings),
        calls: clone(cf.calls),
      })),
    borders: (sheet) =>
      s.sheetByNameOrFail(sheet).borders.map((b) => ({
        address: formatRect(b.rect),
        settings: clone(b.settings),
        calls: clone(b.calls),
      })),
    application: () => clone(s.meta.application),

    addSheet: (name) => void mutate(s, () => s.addSheet(name)),
    setValues(sheet, address, values) {
      const { sheetId, rect } = locate(sheet, address);
      mutate(s, () => s.writeRect(sheetId, rect, values, writeValue, "setValues", false));
    },
    setFormulas(sheet, address, formulas) {
      const { sheetId, rect } = locate(sheet, address);
      mutate(s, () => s.writeRect(sheetId, rect, formulas, writeFormula, "setFormulas", false));
    },
    setNumberFormat(sheet, address, numberFormat) {
      const { sheetId, rect } = locate(sheet, address);
      mutate(s, () =>
        s.writeRect(sheetId, rect, numberFormat, writeNumberFormat, "setNumberFormat", false)
      );
    },
    setCalculatedValue(sheet, address, value) {
      const { sheetId, rect } = locate(sheet, address);
      mutate(s, () =>
        s.writeRect(
          sheetId,
          rect,
          value,
          (cell, raw) => {
            if (cell.formula === undefined)
              throw new Error(`setCalculatedValue: ${sheet}!${address} holds no formula.`);
            if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean")
              throw new Error("setCalculatedValue: a value must be a string, number or boolean.");
            if (typeof raw === "string" && raw.startsWith("#") && !EXCEL_ERRORS.includes(raw))
              throw new Error(`setCalculatedValue: unknown Excel error ${raw}.`);
            return { ...cell, value: raw };
          },
          "setCalculatedValue",
          false
        )
      );
    },
    addTable(sheet, address, tableOptions = {}) {
      const { sheetId, rect } = locate(sheet, address);
      return mutate(
        s,
        () => s.addTable(sheetId, rect, tableOptions.hasHeaders ?? true, tableOptions.name).name
      );
    },
    addName: (name, formula, comment = "") =>
      void mutate(s, () => s.addName(name, formula, comment, null)),
    setSetting: (key, value) => void mutate(s, () => s.setSetting(key, value)),
    select(sheet, address) {
      const { sheetId, rect } = locate(sheet, address);
      mutate(s, () => {
        s.activate(sheetId);
        s.meta.selection = { sheetId, rect };
      });
    },
    activate: (sheet) => void mutate(s, () => s.activate(s.sheetByNameOrFail(sheet).id)),
    protect: (sheet, protectOptions = {}) =>
      void mutate(s, () => {
        s.sheetByNameOrFail(sheet).protection = {
          protected: true,
          options: clone(protectOptions),
          hasPassword: false,
        };
      }),
  };
}

// Re-exported helpers for tests that build addresses.
export { formatAddress, formatRect, rowCountOf, columnCountOf };
