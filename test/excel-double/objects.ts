/**
 * The Excel object model of the double: one proxy class per Office.js class that Crossbench uses.
 * Every method queues an operation; nothing touches the workbook until `context.sync()`.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  Rect,
  columnCountOf,
  formatRect,
  intersect,
  isInsideSheet,
  rectOf,
  rowCountOf,
} from "./address";
import {
  Cell,
  EMPTY_CELL,
  GENERAL,
  formulaOf,
  textOf,
  valueTypeOf,
  writeFormula,
  writeNumberFormat,
  writeValue,
  CellFormat,
} from "./cells";
import {
  ClientCollection,
  ClientObject,
  EventHandlersDouble,
  Exec,
  RecordBag,
  RequestContextDouble,
  clone,
  defineProperties,
  recorder,
} from "./client";
import { ErrorCode, ExcelDoubleError, fail } from "./errors";
import {
  ChartRecord,
  ConditionalFormatRecord,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  NameMeta,
  TableMeta,
  WorkbookStore,
} from "./store";

interface RangeTarget {
  sheetId: string;
  rect: Rect;
}

const store = (exec: Exec): WorkbookStore => exec.store;

function checkRect(rect: Rect): Rect {
  if (!isInsideSheet(rect))
    fail(ErrorCode.invalidArgument, "The range would extend beyond the edges of the worksheet.");
  return rect;
}

/** Office.js refuses objects of another request context (InvalidRequestContext), synchronously. */
function sameContext(owner: ClientObject, ...others: unknown[]): void {
  for (const other of others) {
    if (other instanceof ClientObject && other.context !== owner.context) {
      throw new ExcelDoubleError(
        ErrorCode.invalidRequestContext,
        "Cannot use the object across different request contexts."
      );
    }
  }
}

function checkInteger(...values: unknown[]): void {
  for (const v of values)
    if (typeof v !== "number" || !Number.isInteger(v))
      fail(ErrorCode.invalidArgument, "Expected an integer argument.");
}

/** A property that is the same for every cell of the range, or null when the cells differ (as Excel returns). */
function uniform<T>(s: WorkbookStore, target: RangeTarget, pick: (cell: Cell) => T): T | null {
  let value: T | undefined;
  let seen = 0;
  let mixed = false;
  s.forEachStoredCell(target.sheetId, target.rect, (_r, _c, cell) => {
    const v = pick(cell);
    if (seen++ === 0) value = v;
    else if (v !== value) mixed = true;
  });
  const area = rowCountOf(target.rect) * columnCountOf(target.rect);
  if (seen < area) {
    const v = pick(EMPTY_CELL);
    if (seen === 0) value = v;
    else if (v !== value) mixed = true;
  }
  return mixed ? null : (value as T);
}

function formatCells(s: WorkbookStore, target: RangeTarget, change: Partial<CellFormat>): void {
  s.writeRect(
    target.sheetId,
    target.rect,
    null,
    (cell) => ({ ...cell, format: { ...cell.format, ...change } }),
    "format",
    false
  );
}

// ---- Workbook and application --------------------------------------------------------------------

export class WorkbookDouble extends ClientObject {
  get _className(): string {
    return "Workbook";
  }
  constructor(context: RequestContextDouble) {
    super(context, null, { preset: "workbook" });
  }
  override _navNames(): readonly string[] {
    return ["worksheets", "tables", "names", "settings", "application"];
  }
  override _createNav(name: string): ClientObject {
    switch (name) {
      case "worksheets":
        return new WorksheetCollectionDouble(this.context, this);
      case "tables":
        return new TableCollectionDouble(this.context, this, null);
      case "names":
        return new NamedItemCollectionDouble(this.context, this, null);
      case "settings":
        return new SettingCollectionDouble(this.context, this);
      default:
        return new ApplicationDouble(this.context, this);
    }
  }
  get worksheets(): WorksheetCollectionDouble {
    return this._nav("worksheets");
  }
  get tables(): TableCollectionDouble {
    return this._nav("tables");
  }
  get names(): NamedItemCollectionDouble {
    return this._nav("names");
  }
  get settings(): SettingCollectionDouble {
    return this._nav("settings");
  }
  get application(): ApplicationDouble {
    return this._nav("application");
  }
  override _read(_exec: Exec, name: string): unknown {
    if (name === "name") return "Book1.xlsx";
    return false;
  }
  getSelectedRange(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Workbook.getSelectedRange",
      resolve: (exec) => {
        const { sheetId, rect, areas } = store(exec).meta.selection;
        // Documented: "If there are multiple ranges selected, this method will throw an error."
        if (areas && areas.length > 1)
          fail(
            ErrorCode.invalidSelection,
            "The current selection is invalid for this operation: several areas are selected."
          );
        return { sheetId, rect };
      },
    });
  }
  /** ExcelApi 1.9: every selected area (Ctrl+click selects several). */
  getSelectedRanges(): RangeAreasDouble {
    return new RangeAreasDouble(this.context, {
      name: "Workbook.getSelectedRanges",
      resolve: (exec) => {
        const { sheetId, rect, areas } = store(exec).meta.selection;
        return { sheetId, rects: areas ?? [rect] };
      },
    });
  }
  getActiveCell(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Workbook.getActiveCell",
      resolve: (exec) => {
        const { sheetId, rect } = store(exec).meta.selection;
        return { sheetId, rect: rectOf(rect.r0, rect.c0, 1, 1) };
      },
    });
  }
}
defineProperties(WorkbookDouble, [], ["name", "readOnly"]);

/** RangeAreas (ExcelApi 1.9), as far as the selection needs it: `address` and `areaCount`. */
export class RangeAreasDouble extends ClientObject {
  get _className(): string {
    return "RangeAreas";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  override _read(exec: Exec, name: string): unknown {
    const { sheetId, rects } = this._t<{ sheetId: string; rects: Rect[] }>();
    if (name === "areaCount") return rects.length;
    if (name === "address") return rects.map((r) => store(exec).addressOf(sheetId, r)).join(",");
    return undefined;
  }
}
defineProperties(RangeAreasDouble, [], ["address", "areaCount"]);

export class ApplicationDouble extends ClientObject {
  get _className(): string {
    return "Application";
  }
  override _read(exec: Exec, name: string): unknown {
    if (name === "calculationMode") return store(exec).meta.application.calculationMode;
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    if (name === "calculationMode") {
      if (!["Automatic", "AutomaticExceptTables", "Manual"].includes(String(value)))
        fail(ErrorCode.invalidArgument);
      store(exec).meta.application.calculationMode = String(value);
    }
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call(
      "suspendScreenUpdatingUntilNextSync",
      [],
      (exec) => store(exec).meta.application.screenUpdatingSuspensions++
    );
  }
  suspendApiCalculationUntilNextSync(): void {
    this._call(
      "suspendApiCalculationUntilNextSync",
      [],
      (exec) => store(exec).meta.application.apiCalculationSuspensions++
    );
  }
  calculate(calculationType: string): void {
    this._call("calculate", [calculationType], (exec) =>
      store(exec).meta.application.calculations.push(String(calculationType))
    );
  }
}
defineProperties(ApplicationDouble, ["calculationMode"]);

// ---- Worksheets ------------------------------------------------------------------------------------

export class WorksheetCollectionDouble extends ClientCollection<WorksheetDouble> {
  get _className(): string {
    return "WorksheetCollection";
  }
  _listTargets(exec: Exec): unknown[] {
    return store(exec).meta.sheets.map((s) => s.id);
  }
  _createItem(target: unknown): WorksheetDouble {
    return new WorksheetDouble(this.context, { preset: target });
  }
  add(name?: string): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.add",
      args: [name ?? null],
      resolve: (exec) => store(exec).addSheet(name ?? undefined).id,
    });
  }
  getItem(key: string): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.getItem",
      args: [key],
      resolve: (exec) => {
        const s = store(exec);
        return (s.meta.sheets.find((sheet) => sheet.id === key) ?? s.sheetByNameOrFail(String(key)))
          .id;
      },
    });
  }
  getItemOrNullObject(key: string): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.getItemOrNullObject",
      args: [key],
      resolve: (exec) => {
        const s = store(exec);
        return (
          (s.meta.sheets.find((sheet) => sheet.id === key) ?? s.findSheet(String(key)))?.id ?? null
        );
      },
    });
  }
  getActiveWorksheet(): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.getActiveWorksheet",
      resolve: (exec) => store(exec).meta.activeSheetId,
    });
  }
  getFirst(visibleOnly = false): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.getFirst",
      resolve: (exec) =>
        store(exec).meta.sheets.find((s) => !visibleOnly || s.visibility === "Visible")!.id,
    });
  }
  getLast(visibleOnly = false): WorksheetDouble {
    return new WorksheetDouble(this.context, {
      name: "WorksheetCollection.getLast",
      resolve: (exec) =>
        [...store(exec).meta.sheets]
          .reverse()
          .find((s) => !visibleOnly || s.visibility === "Visible")!.id,
    });
  }
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, "onChanged", () => "sheets:*");
  }
}

export class WorksheetDouble extends ClientObject {
  get _className(): string {
    return "Worksheet";
  }
  constructor(
    context: RequestContextDouble,
    creation: ConstructorParameters<typeof ClientObject>[2],
    parent: ClientObject | null = null
  ) {
    super(context, parent, creation);
  }
  override _navNames(): readonly string[] {
    return ["tables", "names", "charts", "protection", "freezePanes"];
  }
  override _createNav(name: string): ClientObject {
    switch (name) {
      case "tables":
        return new TableCollectionDouble(this.context, this, "sheet");
      case "names":
        return new NamedItemCollectionDouble(this.context, this, "sheet");
      case "charts":
        return new ChartCollectionDouble(this.context, this);
      case "protection":
        return new WorksheetProtectionDouble(this.context, this);
      default:
        return new FreezePanesDouble(this.context, this);
    }
  }
  get tables(): TableCollectionDouble {
    return this._nav("tables");
  }
  get names(): NamedItemCollectionDouble {
    return this._nav("names");
  }
  get charts(): ChartCollectionDouble {
    return this._nav("charts");
  }
  get protection(): WorksheetProtectionDouble {
    return this._nav("protection");
  }
  get freezePanes(): FreezePanesDouble {
    return this._nav("freezePanes");
  }
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, "onChanged", () => `sheet:${this._t<string>()}`);
  }
  override _read(exec: Exec, name: string): unknown {
    const s = store(exec);
    const sheet = s.sheet(this._t());
    switch (name) {
      case "id":
        return sheet.id;
      case "name":
        return sheet.name;
      case "position":
        return s.meta.sheets.indexOf(sheet);
      case "visibility":
        return sheet.visibility;
      case "tabColor":
        return sheet.tabColor;
      case "showGridlines":
        return sheet.showGridlines;
      case "standardWidth":
        return DEFAULT_COLUMN_WIDTH;
      case "standardHeight":
        return DEFAULT_ROW_HEIGHT;
    }
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const s: WorkbookStore = store(exec);
    const sheet = s.sheet(this._t());
    switch (name) {
      case "name":
        s.validateSheetName(value, sheet.id);
        sheet.name = value;
        return;
      case "position":
        return s.setSheetPosition(sheet.id, value);
      case "visibility":
        return s.setSheetVisibility(sheet.id, value);
      case "tabColor":
        sheet.tabColor = String(value ?? "");
        return;
      case "showGridlines":
        sheet.showGridlines = Boolean(value);
        return;
    }
    super._write(exec, name, value);
  }
  activate(): void {
    this._call("activate", [], (exec) => store(exec).activate(this._t()));
  }
  delete(): void {
    this._call("delete", [], (exec) => store(exec).deleteSheet(this._t()));
  }
  getRange(address?: string): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Worksheet.getRange",
      args: [address ?? null],
      resolve: (exec) => {
        const s = store(exec);
        const sheetId = this._t<string>();
        const sheet = s.sheet(sheetId);
        if (address === undefined || address === null || address === "")
          return { sheetId, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 } };
        const named = s.findName(String(address), sheetId) ?? s.findName(String(address), null);
        if (named) {
          const ref = s.nameRange(named);
          if (!ref || ref.sheetId !== sheetId)
            fail(
              ErrorCode.invalidArgument,
              `The name '${address}' does not refer to a range on '${sheet.name}'.`
            );
          return ref;
        }
        const resolved = s.resolveAddress(String(address), sheetId);
        if (resolved.sheetId !== sheetId)
          fail(ErrorCode.invalidArgument, `The address '${address}' is on another worksheet.`);
        return resolved;
      },
    });
  }
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Worksheet.getRangeByIndexes",
      args: [startRow, startColumn, rowCount, columnCount],
      resolve: () => {
        checkInteger(startRow, startColumn, rowCount, columnCount);
        if (rowCount < 1 || columnCount < 1)
          fail(ErrorCode.invalidArgument, "rowCount and columnCount must be at least 1.");
        return {
          sheetId: this._t<string>(),
          rect: checkRect(rectOf(startRow, startColumn, rowCount, columnCount)),
        };
      },
    });
  }
  getCell(row: number, column: number): RangeDouble {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly = false): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Worksheet.getUsedRange",
      args: [valuesOnly],
      resolve: (exec) => ({
        sheetId: this._t<string>(),
        rect: store(exec).usedRect(this._t(), valuesOnly) ?? rectOf(0, 0, 1, 1),
      }),
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Worksheet.getUsedRangeOrNullObject",
      args: [valuesOnly],
      resolve: (exec) => {
        const rect = store(exec).usedRect(this._t(), valuesOnly);
        return rect ? { sheetId: this._t<string>(), rect } : null;
      },
    });
  }
}
defineProperties(
  WorksheetDouble,
  ["name", "position", "visibility", "tabColor", "showGridlines"],
  ["id", "standardWidth", "standardHeight"]
);

export class WorksheetProtectionDouble extends ClientObject {
  get _className(): string {
    return "WorksheetProtection";
  }
  override _read(exec: Exec, name: string): unknown {
    const p = store(exec).sheet(this._t()).protection;
    return name === "protected" ? p.protected : clone(p.options);
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this._call("protect", [options ?? null, password === undefined ? null : "***"], (exec) => {
      const sheet = store(exec).sheet(this._t());
      if (sheet.protection.protected)
        fail(ErrorCode.invalidOperation, "The worksheet is already protected.");
      sheet.protection = {
        protected: true,
        options: clone(options ?? {}),
        hasPassword: password !== undefined && password !== "",
      };
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", [password === undefined ? null : "***"], (exec) => {
      const sheet = store(exec).sheet(this._t());
      sheet.protection = { protected: false, options: {}, hasPassword: false };
    });
  }
}
defineProperties(WorksheetProtectionDouble, [], ["protected", "options"]);

export class FreezePanesDouble extends ClientObject {
  get _className(): string {
    return "WorksheetFreezePanes";
  }
  private freeze(name: string, args: unknown[], rows: number, columns: number): void {
    this._call(name, args, (exec) => {
      checkInteger(rows, columns);
      store(exec).sheet(this._t()).freeze = rows === 0 && columns === 0 ? null : { rows, columns };
    });
  }
  freezeRows(count = 1): void {
    this.freeze("freezeRows", [count], count, 0);
  }
  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", [count], 0, count);
  }
  freezeAt(range: RangeDouble | string): void {
    sameContext(this, range);
    this._call("freezeAt", [typeof range === "string" ? range : null], (exec) => {
      const sheetId = this._t<string>();
      const rect =
        typeof range === "string"
          ? store(exec).resolveAddress(range, sheetId).rect
          : range._t<RangeTarget>().rect;
      store(exec).sheet(sheetId).freeze = { rows: rect.r1 + 1, columns: rect.c1 + 1 };
    });
  }
  unfreeze(): void {
    this._call("unfreeze", [], (exec) => (store(exec).sheet(this._t()).freeze = null));
  }
}

// ---- Ranges ----------------------------------------------------------------------------------------

type Creation =
  { name: string; args?: unknown[]; resolve: (exec: Exec) => unknown } | { preset: unknown };

/** Range properties that return one entry per cell (what the 5,000,000-cell read limit counts). */
const CELL_DATA = new Set([
  "values",
  "formulas",
  "formulasLocal",
  "numberFormat",
  "numberFormatLocal",
  "text",
  "valueTypes",
]);

export class RangeDouble extends ClientObject {
  get _className(): string {
    return "Range";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  override _navNames(): readonly string[] {
    return ["format", "dataValidation", "conditionalFormats", "worksheet"];
  }
  override _createNav(name: string): ClientObject {
    switch (name) {
      case "format":
        return new RangeFormatDouble(this.context, this);
      case "dataValidation":
        return new DataValidationDouble(this.context, this);
      case "conditionalFormats":
        return new ConditionalFormatCollectionDouble(this.context, this);
      default:
        return new WorksheetDouble(
          this.context,
          { derive: (target) => (target as RangeTarget).sheetId },
          this
        );
    }
  }
  get format(): RangeFormatDouble {
    return this._nav("format");
  }
  get dataValidation(): DataValidationDouble {
    return this._nav("dataValidation");
  }
  get conditionalFormats(): ConditionalFormatCollectionDouble {
    return this._nav("conditionalFormats");
  }
  get worksheet(): WorksheetDouble {
    return this._nav("worksheet");
  }

  override _read(exec: Exec, name: string): unknown {
    const s = store(exec);
    const { sheetId, rect } = this._t<RangeTarget>();
    s.sheet(sheetId);
    if (CELL_DATA.has(name) && rowCountOf(rect) * columnCountOf(rect) > s.readCellLimit)
      fail(ErrorCode.rangeExceedsLimit, undefined, `Range.${name}`);
    switch (name) {
      case "address":
      case "addressLocal":
        return s.addressOf(sheetId, rect);
      case "rowCount":
        return rowCountOf(rect);
      case "columnCount":
        return columnCountOf(rect);
      case "cellCount":
        return rowCountOf(rect) * columnCountOf(rect);
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "values":
        return s.readRect(sheetId, rect, (cell) => cell.value);
      case "formulas":
      case "formulasLocal":
        return s.readRect(sheetId, rect, formulaOf);
      case "numberFormat":
      case "numberFormatLocal":
        return s.readRect(sheetId, rect, (cell) => cell.numberFormat);
      case "text":
        return s.readRect(sheetId, rect, textOf);
      case "valueTypes":
        return s.readRect(sheetId, rect, valueTypeOf);
      case "isEntireColumn":
        return rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
      case "isEntireRow":
        return rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1;
    }
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const { sheetId, rect } = this._t<RangeTarget>();
    const s = store(exec);
    s.sheet(sheetId);
    switch (name) {
      case "values":
        return s.writeRect(sheetId, rect, value, writeValue, "Range.values");
      case "formulas":
      case "formulasLocal":
        return s.writeRect(sheetId, rect, value, writeFormula, "Range.formulas");
      case "numberFormat":
      case "numberFormatLocal":
        return s.writeRect(sheetId, rect, value, writeNumberFormat, "Range.numberFormat", false);
    }
    super._write(exec, name, value);
  }

  private derived(
    name: string,
    args: unknown[],
    compute: (target: RangeTarget, exec: Exec) => Rect
  ): RangeDouble {
    return new RangeDouble(this.context, {
      name: `Range.${name}`,
      args,
      resolve: (exec) => {
        const target = this._t<RangeTarget>();
        return { sheetId: target.sheetId, rect: checkRect(compute(target, exec)) };
      },
    });
  }
  getCell(row: number, column: number): RangeDouble {
    return this.derived("getCell", [row, column], ({ rect }) => {
      checkInteger(row, column);
      return rectOf(rect.r0 + row, rect.c0 + column, 1, 1);
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeDouble {
    return this.derived("getResizedRange", [deltaRows, deltaColumns], ({ rect }) => {
      checkInteger(deltaRows, deltaColumns);
      return { ...rect, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns };
    });
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeDouble {
    return this.derived("getAbsoluteResizedRange", [numRows, numColumns], ({ rect }) => {
      checkInteger(numRows, numColumns);
      return rectOf(rect.r0, rect.c0, numRows, numColumns);
    });
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeDouble {
    return this.derived("getOffsetRange", [rowOffset, columnOffset], ({ rect }) => {
      checkInteger(rowOffset, columnOffset);
      return {
        r0: rect.r0 + rowOffset,
        c0: rect.c0 + columnOffset,
        r1: rect.r1 + rowOffset,
        c1: rect.c1 + columnOffset,
      };
    });
  }
  getRow(row: number): RangeDouble {
    return this.derived("getRow", [row], ({ rect }) => {
      checkInteger(row);
      if (row < 0 || row >= rowCountOf(rect))
        fail(ErrorCode.invalidArgument, "The row index is outside the range.");
      return { ...rect, r0: rect.r0 + row, r1: rect.r0 + row };
    });
  }
  getColumn(column: number): RangeDouble {
    return this.derived("getColumn", [column], ({ rect }) => {
      checkInteger(column);
      if (column < 0 || column >= columnCountOf(rect))
        fail(ErrorCode.invalidArgument, "The column index is outside the range.");
      return { ...rect, c0: rect.c0 + column, c1: rect.c0 + column };
    });
  }
  getRowsAbove(count = 1): RangeDouble {
    return this.derived("getRowsAbove", [count], ({ rect }) => ({
      ...rect,
      r0: rect.r0 - count,
      r1: rect.r0 - 1,
    }));
  }
  getRowsBelow(count = 1): RangeDouble {
    return this.derived("getRowsBelow", [count], ({ rect }) => ({
      ...rect,
      r0: rect.r1 + 1,
      r1: rect.r1 + count,
    }));
  }
  getColumnsBefore(count = 1): RangeDouble {
    return this.derived("getColumnsBefore", [count], ({ rect }) => ({
      ...rect,
      c0: rect.c0 - count,
      c1: rect.c0 - 1,
    }));
  }
  getColumnsAfter(count = 1): RangeDouble {
    return this.derived("getColumnsAfter", [count], ({ rect }) => ({
      ...rect,
      c0: rect.c1 + 1,
      c1: rect.c1 + count,
    }));
  }
  getLastRow(): RangeDouble {
    return this.derived("getLastRow", [], ({ rect }) => ({ ...rect, r0: rect.r1 }));
  }
  getLastColumn(): RangeDouble {
    return this.derived("getLastColumn", [], ({ rect }) => ({ ...rect, c0: rect.c1 }));
  }
  getLastCell(): RangeDouble {
    return this.derived("getLastCell", [], ({ rect }) => ({
      r0: rect.r1,
      c0: rect.c1,
      r1: rect.r1,
      c1: rect.c1,
    }));
  }
  getEntireColumn(): RangeDouble {
    return this.derived("getEntireColumn", [], ({ rect }) => ({
      r0: 0,
      c0: rect.c0,
      r1: MAX_ROWS - 1,
      c1: rect.c1,
    }));
  }
  getEntireRow(): RangeDouble {
    return this.derived("getEntireRow", [], ({ rect }) => ({
      r0: rect.r0,
      c0: 0,
      r1: rect.r1,
      c1: MAX_COLUMNS - 1,
    }));
  }
  private otherRect(exec: Exec, other: RangeDouble | string, sheetId: string): Rect {
    if (typeof other === "string") {
      const resolved = store(exec).resolveAddress(other, sheetId);
      if (resolved.sheetId !== sheetId)
        fail(ErrorCode.invalidArgument, "The ranges are on different worksheets.");
      return resolved.rect;
    }
    const t = other._t<RangeTarget>();
    if (t.sheetId !== sheetId)
      fail(ErrorCode.invalidArgument, "The ranges are on different worksheets.");
    return t.rect;
  }
  getBoundingRect(anotherRange: RangeDouble | string): RangeDouble {
    sameContext(this, anotherRange);
    return this.derived(
      "getBoundingRect",
      [typeof anotherRange === "string" ? anotherRange : null],
      ({ sheetId, rect }, exec) => {
        const o = this.otherRect(exec, anotherRange, sheetId);
        return {
          r0: Math.min(rect.r0, o.r0),
          c0: Math.min(rect.c0, o.c0),
          r1: Math.max(rect.r1, o.r1),
          c1: Math.max(rect.c1, o.c1),
        };
      }
    );
  }
  getIntersection(anotherRange: RangeDouble | string): RangeDouble {
    sameContext(this, anotherRange);
    return this.derived(
      "getIntersection",
      [typeof anotherRange === "string" ? anotherRange : null],
      ({ sheetId, rect }, exec) => {
        const i = intersect(rect, this.otherRect(exec, anotherRange, sheetId));
        if (!i) fail(ErrorCode.itemNotFound, "The ranges do not intersect.");
        return i;
      }
    );
  }
  getIntersectionOrNullObject(anotherRange: RangeDouble | string): RangeDouble {
    sameContext(this, anotherRange);
    return new RangeDouble(this.context, {
      name: "Range.getIntersectionOrNullObject",
      resolve: (exec) => {
        const { sheetId, rect } = this._t<RangeTarget>();
        const i = intersect(rect, this.otherRect(exec, anotherRange, sheetId));
        return i ? { sheetId, rect: i } : null;
      },
    });
  }
  getUsedRange(valuesOnly = false): RangeDouble {
    return this.derived("getUsedRange", [valuesOnly], ({ sheetId, rect }, exec) => {
      const used = store(exec).usedRect(sheetId, valuesOnly);
      return (used && intersect(used, rect)) ?? rectOf(rect.r0, rect.c0, 1, 1);
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeDouble {
    return new RangeDouble(this.context, {
      name: "Range.getUsedRangeOrNullObject",
      resolve: (exec) => {
        const { sheetId, rect } = this._t<RangeTarget>();
        const used = store(exec).usedRect(sheetId, valuesOnly);
        const i = used && intersect(used, rect);
        return i ? { sheetId, rect: i } : null;
      },
    });
  }
  clear(applyTo: string = "All"): void {
    this._call("clear", [applyTo], (exec) => {
      const s = store(exec);
      const { sheetId, rect } = this._t<RangeTarget>();
      const content = applyTo === "All" || applyTo === "Contents";
      const formats = applyTo === "All" || applyTo === "Formats";
      if (
        !content &&
        !formats &&
        applyTo !== "Hyperlinks" &&
        applyTo !== "RemoveHyperlinks" &&
        applyTo !== "ResetContents"
      )
        fail(ErrorCode.invalidArgument);
      if (content) s.assertEditable(sheetId, rect);
      s.forEachStoredCell(sheetId, rect, (r, c, cell) => {
        let next: Cell = cell;
        if (content) next = { value: "", numberFormat: next.numberFormat, format: next.format };
        if (formats)
          next =
            next.formula !== undefined
              ? { value: next.value, formula: next.formula, numberFormat: GENERAL, format: {} }
              : { value: next.value, numberFormat: GENERAL, format: {} };
        s.setCell(sheetId, r, c, next);
      });
      if (formats) {
        const sheet = s.sheet(sheetId);
        sheet.borders = sheet.borders.filter((b) => !intersect(b.rect, rect));
      }
      if (content) s.noteChange({ sheetId, rect, changeType: "RangeEdited" });
    });
  }
  merge(across = false): void {
    this._call("merge", [across], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      store(exec).merge(sheetId, rect, across);
    });
  }
  unmerge(): void {
    this._call("unmerge", [], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      store(exec).unmerge(sheetId, rect);
    });
  }
  select(): void {
    this._call("select", [], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      store(exec).activate(sheetId);
      store(exec).meta.selection = { sheetId, rect: { ...rect } };
    });
  }
}
defineProperties(
  RangeDouble,
  ["values", "formulas", "formulasLocal", "numberFormat", "numberFormatLocal"],
  [
    "address",
    "addressLocal",
    "rowCount",
    "columnCount",
    "cellCount",
    "rowIndex",
    "columnIndex",
    "text",
    "valueTypes",
    "isEntireColumn",
    "isEntireRow",
  ]
);

export class RangeFormatDouble extends ClientObject {
  private bordersRecorder: unknown;
  get _className(): string {
    return "RangeFormat";
  }
  override _navNames(): readonly string[] {
    return ["fill", "font", "protection"];
  }
  override _createNav(name: string): ClientObject {
    if (name === "fill") return new RangeFillDouble(this.context, this);
    if (name === "font") return new RangeFontDouble(this.context, this);
    return new FormatProtectionDouble(this.context, this);
  }
  get fill(): RangeFillDouble {
    return this._nav("fill");
  }
  get font(): RangeFontDouble {
    return this._nav("font");
  }
  get protection(): FormatProtectionDouble {
    return this._nav("protection");
  }
  /** Borders are recorded per range (`state.borders(sheet)`), not modelled per cell. */
  get borders(): unknown {
    this.bordersRecorder ??= recorder(this, [], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      const sheet = store(exec).sheet(sheetId);
      let entry = sheet.borders.find(
        (b) =>
          b.rect.r0 === rect.r0 &&
          b.rect.c0 === rect.c0 &&
          b.rect.r1 === rect.r1 &&
          b.rect.c1 === rect.c1
      );
      if (!entry) {
        entry = { rect: { ...rect }, settings: {}, calls: [] };
        sheet.borders.push(entry);
      }
      return entry;
    });
    return this.bordersRecorder;
  }
  override _read(exec: Exec, name: string): unknown {
    const s = store(exec);
    const target = this._t<RangeTarget>();
    const sheet = s.sheet(target.sheetId);
    switch (name) {
      case "columnWidth": {
        const widths = new Set<number>();
        for (let c = target.rect.c0; c <= Math.min(target.rect.c1, target.rect.c0 + 1000); c++)
          widths.add(sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case "rowHeight": {
        const heights = new Set<number>();
        for (let r = target.rect.r0; r <= Math.min(target.rect.r1, target.rect.r0 + 10000); r++)
          heights.add(sheet.rowHeights[r] ?? DEFAULT_ROW_HEIGHT);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case "horizontalAlignment":
        return uniform(s, target, (c) => c.format.horizontalAlignment ?? "General");
      case "verticalAlignment":
        return uniform(s, target, (c) => c.format.verticalAlignment ?? "Bottom");
      case "wrapText":
        return uniform(s, target, (c) => c.format.wrapText ?? false);
      case "indentLevel":
        return uniform(s, target, (c) => c.format.indentLevel ?? 0);
    }
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const s = store(exec);
    const target = this._t<RangeTarget>();
    const sheet = s.sheet(target.sheetId);
    switch (name) {
      case "columnWidth":
        if (typeof value !== "number" || value < 0) fail(ErrorCode.invalidArgument);
        for (let c = target.rect.c0; c <= target.rect.c1; c++) sheet.columnWidths[c] = value;
        return;
      case "rowHeight":
        if (typeof value !== "number" || value < 0) fail(ErrorCode.invalidArgument);
        for (let r = target.rect.r0; r <= target.rect.r1; r++) sheet.rowHeights[r] = value;
        return;
      case "horizontalAlignment":
        return formatCells(s, target, { horizontalAlignment: String(value) });
      case "verticalAlignment":
        return formatCells(s, target, { verticalAlignment: String(value) });
      case "wrapText":
        return formatCells(s, target, { wrapText: Boolean(value) });
      case "indentLevel":
        return formatCells(s, target, { indentLevel: Number(value) });
    }
    super._write(exec, name, value);
  }
  /** Recorded; widths become an estimate from the text length (the double has no fonts). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (exec) => {
      const s = store(exec);
      const { sheetId, rect } = this._t<RangeTarget>();
      const sheet = s.sheet(sheetId);
      sheet.autofitColumns.push(formatRect(rect));
      const longest = new Map<number, number>();
      s.forEachStoredCell(sheetId, rect, (_r, c, cell) =>
        longest.set(c, Math.max(longest.get(c) ?? 0, textOf(cell).length))
      );
      for (let c = rect.c0; c <= Math.min(rect.c1, rect.c0 + 1000); c++) {
        const length = longest.get(c) ?? 0;
        sheet.columnWidths[c] = length === 0 ? DEFAULT_COLUMN_WIDTH : Math.round(length * 5.25 + 7);
      }
    });
  }
  autofitRows(): void {
    this._call("autofitRows", [], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      store(exec).sheet(sheetId).autofitRows.push(formatRect(rect));
    });
  }
}
defineProperties(RangeFormatDouble, [
  "columnWidth",
  "rowHeight",
  "horizontalAlignment",
  "verticalAlignment",
  "wrapText",
  "indentLevel",
]);

export class RangeFillDouble extends ClientObject {
  get _className(): string {
    return "RangeFill";
  }
  override _read(exec: Exec, name: string): unknown {
    if (name === "color")
      return uniform(store(exec), this._t<RangeTarget>(), (c) => c.format.fillColor ?? "#FFFFFF");
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    if (name === "color")
      return formatCells(store(exec), this._t<RangeTarget>(), { fillColor: normaliseColor(value) });
    super._write(exec, name, value);
  }
  clear(): void {
    this._call("clear", [], (exec) => {
      const target = this._t<RangeTarget>();
      store(exec).writeRect(
        target.sheetId,
        target.rect,
        null,
        (cell) => {
          const rest = { ...cell.format };
          delete rest.fillColor;
          return { ...cell, format: rest };
        },
        "RangeFill.clear",
        false
      );
    });
  }
}
defineProperties(RangeFillDouble, ["color"]);

/** Excel reports colours as upper-case #RRGGBB; names like "red" are accepted and kept as given. */
function normaliseColor(value: unknown): string {
  if (typeof value !== "string" || value === "")
    fail(ErrorCode.invalidArgument, "A colour must be a #RRGGBB string or a colour name.");
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toUpperCase() : value;
}

const FONT_KEYS: Record<string, [keyof CellFormat, unknown]> = {
  bold: ["fontBold", false],
  italic: ["fontItalic", false],
  color: ["fontColor", "#000000"],
  size: ["fontSize", 11],
  name: ["fontName", "Calibri"],
  underline: ["fontUnderline", "None"],
  strikethrough: ["fontStrikethrough", false],
};

export class RangeFontDouble extends ClientObject {
  get _className(): string {
    return "RangeFont";
  }
  override _read(exec: Exec, name: string): unknown {
    const [key, fallback] = FONT_KEYS[name];
    return uniform(store(exec), this._t<RangeTarget>(), (c) => c.format[key] ?? fallback);
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const [key] = FONT_KEYS[name];
    const stored = key === "fontColor" ? normaliseColor(value) : value;
    formatCells(store(exec), this._t<RangeTarget>(), { [key]: stored } as Partial<CellFormat>);
  }
}
defineProperties(RangeFontDouble, Object.keys(FONT_KEYS));

export class FormatProtectionDouble extends ClientObject {
  get _className(): string {
    return "FormatProtection";
  }
  override _read(exec: Exec, name: string): unknown {
    if (name === "locked")
      return uniform(store(exec), this._t<RangeTarget>(), (c) => c.format.locked ?? true);
    return uniform(store(exec), this._t<RangeTarget>(), (c) => c.format.formulaHidden ?? false);
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const s = store(exec);
    const target = this._t<RangeTarget>();
    if (s.sheet(target.sheetId).protection.protected)
      fail(
        ErrorCode.accessDenied,
        "Cell protection cannot change while the worksheet is protected."
      );
    formatCells(
      s,
      target,
      name === "locked" ? { locked: Boolean(value) } : { formulaHidden: Boolean(value) }
    );
  }
}
defineProperties(FormatProtectionDouble, ["locked", "formulaHidden"]);

// ---- Data validation and conditional formats (recorded) ----------------------------------------------

const RULE_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};

export class DataValidationDouble extends ClientObject {
  get _className(): string {
    return "DataValidation";
  }
  private records(exec: Exec) {
    const { sheetId, rect } = this._t<RangeTarget>();
    const sheet = store(exec).sheet(sheetId);
    return { sheet, rect, matching: sheet.dataValidations.filter((v) => intersect(v.rect, rect)) };
  }
  override _read(exec: Exec, name: string): unknown {
    const { matching } = this.records(exec);
    const one = matching.length === 1 ? matching[0] : undefined;
    switch (name) {
      case "rule":
        return one ? clone(one.rule) : {};
      case "type": {
        if (matching.length === 0) return "None";
        if (!one) return "Inconsistent";
        const key = Object.keys((one.rule ?? {}) as object)[0];
        return RULE_TYPES[key] ?? "None";
      }
      case "valid":
        return true;
      default:
        return one ? clone(one.settings[name] ?? null) : null;
    }
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const { sheet, rect } = this.records(exec);
    if (name === "rule") {
      if (
        !value ||
        typeof value !== "object" ||
        Object.keys(value).length !== 1 ||
        !(Object.keys(value)[0] in RULE_TYPES)
      ) {
        fail(
          ErrorCode.invalidArgument,
          `A data validation rule needs exactly one of: ${Object.keys(RULE_TYPES).join(", ")}.`
        );
      }
      sheet.dataValidations = sheet.dataValidations.filter((v) => !intersect(v.rect, rect));
      sheet.dataValidations.push({
        id: store(exec).newId(),
        rect: { ...rect },
        rule: clone(value),
        settings: {},
      });
      return;
    }
    let record = sheet.dataValidations.find(
      (v) =>
        v.rect.r0 === rect.r0 &&
        v.rect.c0 === rect.c0 &&
        v.rect.r1 === rect.r1 &&
        v.rect.c1 === rect.c1
    );
    if (!record) {
      record = { id: store(exec).newId(), rect: { ...rect }, rule: null, settings: {} };
      sheet.dataValidations.push(record);
    }
    record.settings[name] = clone(value);
  }
  clear(): void {
    this._call("clear", [], (exec) => {
      const { sheet, rect } = this.records(exec);
      sheet.dataValidations = sheet.dataValidations.filter((v) => !intersect(v.rect, rect));
    });
  }
}
defineProperties(
  DataValidationDouble,
  ["rule", "ignoreBlanks", "errorAlert", "prompt"],
  ["type", "valid"]
);

/** Which recorded sub-object each conditional-format type exposes. */
const CF_PART: Record<string, string> = {
  CellValue: "cellValue",
  Custom: "custom",
  ColorScale: "colorScale",
  DataBar: "dataBar",
  IconSet: "iconSet",
  ContainsText: "textComparison",
  TopBottom: "topBottom",
  PresetCriteria: "preset",
};

interface CfTarget {
  sheetId: string;
  id: number;
}

export class ConditionalFormatCollectionDouble extends ClientCollection<ConditionalFormatDouble> {
  get _className(): string {
    return "ConditionalFormatCollection";
  }
  private matching(exec: Exec): ConditionalFormatRecord[] {
    const { sheetId, rect } = this._t<RangeTarget>();
    return store(exec)
      .sheet(sheetId)
      .conditionalFormats.filter((cf) => intersect(cf.rect, rect));
  }
  _listTargets(exec: Exec): unknown[] {
    const { sheetId } = this._t<RangeTarget>();
    return this.matching(exec).map((cf) => ({ sheetId, id: cf.id }));
  }
  _createItem(target: unknown): ConditionalFormatDouble {
    return new ConditionalFormatDouble(this.context, { preset: target });
  }
  add(type: string): ConditionalFormatDouble {
    return new ConditionalFormatDouble(this.context, {
      name: "ConditionalFormatCollection.add",
      args: [type],
      resolve: (exec) => {
        if (!(type in CF_PART))
          fail(ErrorCode.invalidArgument, `Unknown conditional format type '${type}'.`);
        const { sheetId, rect } = this._t<RangeTarget>();
        const s = store(exec);
        const record: ConditionalFormatRecord = {
          id: s.newId(),
          rect: { ...rect },
          type,
          settings: { priority: 0, stopIfTrue: false },
          calls: [],
        };
        const sheet = s.sheet(sheetId);
        for (const other of sheet.conditionalFormats)
          other.settings.priority = Number(other.settings.priority ?? 0) + 1;
        sheet.conditionalFormats.unshift(record);
        return { sheetId, id: record.id };
      },
    });
  }
  getItemAt(index: number): ConditionalFormatDouble {
    return new ConditionalFormatDouble(this.context, {
      name: "ConditionalFormatCollection.getItemAt",
      args: [index],
      resolve: (exec) => {
        const found = this._listTargets(exec)[index];
        if (!found) fail(ErrorCode.itemNotFound);
        return found;
      },
    });
  }
  clearAll(): void {
    this._call("clearAll", [], (exec) => {
      const { sheetId, rect } = this._t<RangeTarget>();
      const sheet = store(exec).sheet(sheetId);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !intersect(cf.rect, rect));
    });
  }
}

export class ConditionalFormatDouble extends ClientObject {
  private parts = new Map<string, unknown>();
  get _className(): string {
    return "ConditionalFormat";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
    for (const part of [
      ...Object.values(CF_PART),
      ...Object.values(CF_PART).map((p) => `${p}OrNullObject`),
    ]) {
      Object.defineProperty(this, part, {
        get: () => this.part(part.replace(/OrNullObject$/, "")),
        enumerable: false,
      });
    }
  }
  record(exec: Exec): ConditionalFormatRecord {
    const { sheetId, id } = this._t<CfTarget>();
    const found = store(exec)
      .sheet(sheetId)
      .conditionalFormats.find((cf) => cf.id === id);
    if (!found) fail(ErrorCode.itemNotFound);
    return found;
  }
  private part(name: string): unknown {
    let part = this.parts.get(name);
    if (!part) {
      part = recorder(this, [name], (exec): RecordBag => {
        const record = this.record(exec);
        if (CF_PART[record.type] !== name)
          fail(
            ErrorCode.invalidOperation,
            `A '${record.type}' conditional format has no '${name}' settings.`
          );
        return record;
      });
      this.parts.set(name, part);
    }
    return part;
  }
  override _read(exec: Exec, name: string): unknown {
    const record = this.record(exec);
    if (name === "type") return record.type;
    if (name === "id") return String(record.id);
    return record.settings[name];
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    this.record(exec).settings[name] = clone(value);
  }
  delete(): void {
    this._call("delete", [], (exec) => {
      const { sheetId, id } = this._t<CfTarget>();
      const sheet = store(exec).sheet(sheetId);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.id !== id);
    });
  }
  getRange(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "ConditionalFormat.getRange",
      resolve: (exec) => ({
        sheetId: this._t<CfTarget>().sheetId,
        rect: { ...this.record(exec).rect },
      }),
    });
  }
}
defineProperties(ConditionalFormatDouble, ["priority", "stopIfTrue"], ["type", "id"]);

// ---- Tables ----------------------------------------------------------------------------------------

export class TableCollectionDouble extends ClientCollection<TableDouble> {
  /** scope null: workbook.tables; "sheet": the parent worksheet's tables. */
  constructor(
    context: RequestContextDouble,
    parent: ClientObject,
    private readonly scope: "sheet" | null
  ) {
    super(context, parent);
  }
  get _className(): string {
    return "TableCollection";
  }
  private sheetScope(): string | null {
    return this.scope === "sheet" ? this._t<string>() : null;
  }
  private inScope(exec: Exec): TableMeta[] {
    const sheetId = this.sheetScope();
    return store(exec).meta.tables.filter((t) => sheetId === null || t.sheetId === sheetId);
  }
  _listTargets(exec: Exec): unknown[] {
    return this.inScope(exec).map((t) => t.id);
  }
  _createItem(target: unknown): TableDouble {
    return new TableDouble(this.context, { preset: target });
  }
  add(address: RangeDouble | string, hasHeaders: boolean): TableDouble {
    sameContext(this, address);
    return new TableDouble(this.context, {
      name: "TableCollection.add",
      args: [typeof address === "string" ? address : null, hasHeaders],
      resolve: (exec) => {
        const s = store(exec);
        const defaultSheet = this.sheetScope() ?? s.meta.activeSheetId;
        const { sheetId, rect } =
          typeof address === "string"
            ? s.resolveAddress(address, defaultSheet)
            : address._t<RangeTarget>();
        return s.addTable(sheetId, rect, Boolean(hasHeaders)).id;
      },
    });
  }
  private find(exec: Exec, key: string): TableMeta | undefined {
    const found = store(exec).findTable(String(key));
    const sheetId = this.sheetScope();
    return found && (sheetId === null || found.sheetId === sheetId) ? found : undefined;
  }
  getItem(key: string): TableDouble {
    return new TableDouble(this.context, {
      name: "TableCollection.getItem",
      args: [key],
      resolve: (exec) =>
        this.find(exec, key)?.id ??
        fail(ErrorCode.itemNotFound, undefined, "TableCollection.getItem"),
    });
  }
  getItemOrNullObject(key: string): TableDouble {
    return new TableDouble(this.context, {
      name: "TableCollection.getItemOrNullObject",
      args: [key],
      resolve: (exec) => this.find(exec, key)?.id ?? null,
    });
  }
  getItemAt(index: number): TableDouble {
    return new TableDouble(this.context, {
      name: "TableCollection.getItemAt",
      args: [index],
      resolve: (exec) => this.inScope(exec)[index]?.id ?? fail(ErrorCode.itemNotFound),
    });
  }
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, "onChanged", () => `tables:${this.sheetScope() ?? "*"}`);
  }
}

export class TableDouble extends ClientObject {
  get _className(): string {
    return "Table";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  override _navNames(): readonly string[] {
    return ["columns", "rows", "worksheet"];
  }
  override _createNav(name: string): ClientObject {
    if (name === "columns") return new TableColumnCollectionDouble(this.context, this);
    if (name === "rows") return new TableRowCollectionDouble(this.context, this);
    return new WorksheetDouble(
      this.context,
      { derive: (target, s) => s.table(target as string).sheetId },
      this
    );
  }
  get columns(): TableColumnCollectionDouble {
    return this._nav("columns");
  }
  get rows(): TableRowCollectionDouble {
    return this._nav("rows");
  }
  get worksheet(): WorksheetDouble {
    return this._nav("worksheet");
  }
  get onChanged(): EventHandlersDouble {
    return new EventHandlersDouble(this, "onChanged", () => `table:${this._t<string>()}`);
  }
  meta(exec: Exec): TableMeta {
    return store(exec).table(this._t());
  }
  override _read(exec: Exec, name: string): unknown {
    const t = this.meta(exec);
    switch (name) {
      case "id":
        return t.id;
      case "legacyId":
        return String(store(exec).meta.tables.indexOf(t) + 1);
      case "name":
        return t.name;
      case "showHeaders":
        return t.showHeaders;
      case "showTotals":
        return t.showTotals;
      case "style":
        return t.style;
    }
    return t.settings[name] ?? (name === "showBandedRows" || name === "showFilterButton");
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const s = store(exec);
    const t = this.meta(exec);
    switch (name) {
      case "name":
        return s.renameTable(t.id, value);
      case "showTotals":
        return s.setShowTotals(t.id, Boolean(value));
      case "style":
        t.style = String(value);
        return;
      case "showHeaders":
        if (value === false)
          fail(
            ErrorCode.invalidOperation,
            "The double does not model tables without a header row; keep showHeaders true."
          );
        return;
    }
    t.settings[name] = clone(value);
  }
  private part(name: string, pick: (s: WorkbookStore, t: TableMeta) => Rect | null): RangeDouble {
    return new RangeDouble(this.context, {
      name: `Table.${name}`,
      resolve: (exec) => {
        const s = store(exec);
        const t = this.meta(exec);
        const rect = pick(s, t);
        if (!rect)
          fail(ErrorCode.itemNotFound, `The table has no ${name.replace(/^get|Range$/g, "")}.`);
        return { sheetId: t.sheetId, rect: { ...rect } };
      },
    });
  }
  getRange(): RangeDouble {
    return this.part("getRange", (_s, t) => t.rect);
  }
  getHeaderRowRange(): RangeDouble {
    return this.part("getHeaderRowRange", (s, t) => s.headerRect(t));
  }
  getDataBodyRange(): RangeDouble {
    return this.part("getDataBodyRange", (s, t) => s.dataBodyRect(t));
  }
  getTotalRowRange(): RangeDouble {
    return this.part("getTotalRowRange", (s, t) => s.totalsRect(t));
  }
  delete(): void {
    this._call("delete", [], (exec) => store(exec).deleteTable(this._t(), false));
  }
  convertToRange(): RangeDouble {
    const range = this.getRange();
    this._call("convertToRange", [], (exec) => store(exec).deleteTable(this._t(), true));
    return range;
  }
  clearFilters(): void {
    this._call("clearFilters", [], () => undefined);
  }
}
defineProperties(
  TableDouble,
  [
    "name",
    "showHeaders",
    "showTotals",
    "style",
    "showBandedRows",
    "showBandedColumns",
    "showFilterButton",
    "highlightFirstColumn",
    "highlightLastColumn",
  ],
  ["id", "legacyId"]
);

interface RowTarget {
  tableId: string;
  index: number;
}

export class TableRowCollectionDouble extends ClientCollection<TableRowDouble> {
  get _className(): string {
    return "TableRowCollection";
  }
  _listTargets(exec: Exec): unknown[] {
    const s = store(exec);
    const t = s.table(this._t());
    return Array.from({ length: rowCountOf(s.dataBodyRect(t)) }, (_, index) => ({
      tableId: t.id,
      index,
    }));
  }
  _createItem(target: unknown): TableRowDouble {
    return new TableRowDouble(this.context, { preset: target });
  }
  add(index?: number | null, values?: unknown): TableRowDouble {
    return new TableRowDouble(this.context, {
      name: "TableRowCollection.add",
      args: [index ?? null, values ?? null],
      resolve: (exec) => ({
        tableId: this._t<string>(),
        index: store(exec).addTableRows(this._t(), index, values),
      }),
    });
  }
  getItemAt(index: number): TableRowDouble {
    return new TableRowDouble(this.context, {
      name: "TableRowCollection.getItemAt",
      args: [index],
      resolve: (exec) => {
        const s = store(exec);
        if (
          !Number.isInteger(index) ||
          index < 0 ||
          index >= rowCountOf(s.dataBodyRect(s.table(this._t())))
        )
          fail(ErrorCode.itemNotFound);
        return { tableId: this._t<string>(), index };
      },
    });
  }
}

export class TableRowDouble extends ClientObject {
  get _className(): string {
    return "TableRow";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  private rect(exec: Exec): { sheetId: string; rect: Rect } {
    const s = store(exec);
    const { tableId, index } = this._t<RowTarget>();
    const t = s.table(tableId);
    const body = s.dataBodyRect(t);
    if (index >= rowCountOf(body)) fail(ErrorCode.itemNotFound);
    return { sheetId: t.sheetId, rect: { ...body, r0: body.r0 + index, r1: body.r0 + index } };
  }
  override _read(exec: Exec, name: string): unknown {
    if (name === "index") return this._t<RowTarget>().index;
    const { sheetId, rect } = this.rect(exec);
    return store(exec).readRect(sheetId, rect, (c) => c.value);
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const { sheetId, rect } = this.rect(exec);
    store(exec).writeRect(sheetId, rect, value, writeValue, "TableRow.values");
  }
  getRange(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "TableRow.getRange",
      resolve: (exec) => this.rect(exec),
    });
  }
  delete(): void {
    this._call("delete", [], (exec) => {
      const s = store(exec);
      const { tableId } = this._t<RowTarget>();
      const t = s.table(tableId);
      const { sheetId, rect } = this.rect(exec);
      if (rowCountOf(s.dataBodyRect(t)) === 1) {
        s.writeRect(sheetId, rect, "", writeValue, "TableRow.delete");
        return;
      }
      s.assertEditable(sheetId, { ...t.rect, r0: rect.r0 });
      // Rows below inside the table move up; the table shrinks by one row.
      const moving: Array<[number, number, Cell]> = [];
      s.forEachStoredCell(sheetId, { ...t.rect, r0: rect.r0 + 1 }, (r, c, cell) =>
        moving.push([r, c, cell])
      );
      s.forEachStoredCell(sheetId, rect, (r, c) => s.setCell(sheetId, r, c, EMPTY_CELL));
      moving.sort((a, b) => a[0] - b[0]);
      for (const [r, c, cell] of moving) {
        s.setCell(sheetId, r - 1, c, cell);
        s.setCell(sheetId, r, c, EMPTY_CELL);
      }
      t.rect = { ...t.rect, r1: t.rect.r1 - 1 };
      s.noteChange({ sheetId, rect, changeType: "RowDeleted", tableId });
    });
  }
}
defineProperties(TableRowDouble, ["values"], ["index"]);

interface ColumnTarget {
  tableId: string;
  columnId: number;
}

export class TableColumnCollectionDouble extends ClientCollection<TableColumnDouble> {
  get _className(): string {
    return "TableColumnCollection";
  }
  _listTargets(exec: Exec): unknown[] {
    const t = store(exec).table(this._t());
    return t.columnIds.map((columnId) => ({ tableId: t.id, columnId }));
  }
  _createItem(target: unknown): TableColumnDouble {
    return new TableColumnDouble(this.context, { preset: target });
  }
  private find(exec: Exec, key: string | number): ColumnTarget | null {
    const s = store(exec);
    const t = s.table(this._t());
    const names = s.columnNames(t).map((n) => n.toUpperCase());
    let position =
      typeof key === "number" ? t.columnIds.indexOf(key) : names.indexOf(String(key).toUpperCase());
    if (position < 0 && typeof key === "string" && /^\d+$/.test(key))
      position = t.columnIds.indexOf(Number(key));
    return position < 0 ? null : { tableId: t.id, columnId: t.columnIds[position] };
  }
  getItem(key: string | number): TableColumnDouble {
    return new TableColumnDouble(this.context, {
      name: "TableColumnCollection.getItem",
      args: [key],
      resolve: (exec) => this.find(exec, key) ?? fail(ErrorCode.itemNotFound),
    });
  }
  getItemOrNullObject(key: string | number): TableColumnDouble {
    return new TableColumnDouble(this.context, {
      name: "TableColumnCollection.getItemOrNullObject",
      args: [key],
      resolve: (exec) => this.find(exec, key),
    });
  }
  getItemAt(index: number): TableColumnDouble {
    return new TableColumnDouble(this.context, {
      name: "TableColumnCollection.getItemAt",
      args: [index],
      resolve: (exec) => {
        const t = store(exec).table(this._t());
        if (!Number.isInteger(index) || index < 0 || index >= t.columnIds.length)
          fail(ErrorCode.itemNotFound);
        return { tableId: t.id, columnId: t.columnIds[index] };
      },
    });
  }
  /** Appends a column at the right edge (inserting in the middle is not modelled). */
  add(index?: number | null, values?: unknown, name?: string): TableColumnDouble {
    return new TableColumnDouble(this.context, {
      name: "TableColumnCollection.add",
      args: [index ?? null, values ?? null, name ?? null],
      resolve: (exec) => {
        const s = store(exec);
        const t = s.table(this._t());
        const count = t.columnIds.length;
        if (index !== undefined && index !== null && index !== count)
          fail(ErrorCode.invalidArgument, "The double only appends table columns at the end.");
        const column: Rect = { r0: t.rect.r0, c0: t.rect.c1 + 1, r1: t.rect.r1, c1: t.rect.c1 + 1 };
        checkRect(column);
        let occupied = false;
        s.forEachStoredCell(
          t.sheetId,
          column,
          (_r, _c, cell) => (occupied ||= cell.value !== "" || cell.formula !== undefined)
        );
        if (
          occupied ||
          s.meta.tables.some(
            (o) => o.id !== t.id && o.sheetId === t.sheetId && intersect(o.rect, column)
          )
        ) {
          fail(
            ErrorCode.invalidOperation,
            "The new table column would overwrite cells to the right of the table."
          );
        }
        const header = name ?? `Column${count + 1}`;
        if (s.columnNames(t).some((n) => n.toUpperCase() === header.toUpperCase()))
          fail(ErrorCode.invalidArgument, `The table already has a column named '${header}'.`);
        t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
        const id = Math.max(0, ...t.columnIds) + 1;
        t.columnIds.push(id);
        s.setCell(t.sheetId, t.rect.r0, column.c0, {
          ...s.getCell(t.sheetId, t.rect.r0, column.c0),
          value: header,
        });
        if (values !== undefined && values !== null) {
          const body = s.dataBodyRect(t);
          const grid = values as unknown[][];
          const withHeader = Array.isArray(grid) && grid.length === rowCountOf(body) + 1;
          const bodyValues = withHeader ? grid.slice(1) : grid;
          s.writeRect(
            t.sheetId,
            { ...body, c0: column.c0, c1: column.c0 },
            bodyValues,
            writeValue,
            "TableColumnCollection.add"
          );
        }
        s.noteChange({
          sheetId: t.sheetId,
          rect: column,
          changeType: "ColumnInserted",
          tableId: t.id,
        });
        return { tableId: t.id, columnId: id };
      },
    });
  }
}

export class TableColumnDouble extends ClientObject {
  get _className(): string {
    return "TableColumn";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  private located(exec: Exec): { t: TableMeta; position: number; c: number } {
    const { tableId, columnId } = this._t<ColumnTarget>();
    const t = store(exec).table(tableId);
    const position = t.columnIds.indexOf(columnId);
    if (position < 0) fail(ErrorCode.itemNotFound);
    return { t, position, c: t.rect.c0 + position };
  }
  override _read(exec: Exec, name: string): unknown {
    const s = store(exec);
    const { t, position, c } = this.located(exec);
    switch (name) {
      case "id":
        return t.columnIds[position];
      case "index":
        return position;
      case "name":
        return s.columnNames(t)[position];
      default:
        return s.readRect(t.sheetId, { ...t.rect, c0: c, c1: c }, (cell) => cell.value);
    }
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const s = store(exec);
    const { t, c } = this.located(exec);
    if (name === "name") {
      if (typeof value !== "string" || value === "") fail(ErrorCode.invalidArgument);
      s.writeRect(
        t.sheetId,
        { ...t.rect, r1: t.rect.r0, c0: c, c1: c },
        [[value]],
        writeValue,
        "TableColumn.name"
      );
      return;
    }
    s.writeRect(t.sheetId, { ...t.rect, c0: c, c1: c }, value, writeValue, "TableColumn.values");
  }
  private part(name: string, pick: (s: WorkbookStore, t: TableMeta) => Rect | null): RangeDouble {
    return new RangeDouble(this.context, {
      name: `TableColumn.${name}`,
      resolve: (exec) => {
        const s = store(exec);
        const { t, c } = this.located(exec);
        const rect = pick(s, t);
        if (!rect) fail(ErrorCode.itemNotFound);
        return { sheetId: t.sheetId, rect: { ...rect, c0: c, c1: c } };
      },
    });
  }
  getRange(): RangeDouble {
    return this.part("getRange", (_s, t) => t.rect);
  }
  getHeaderRowRange(): RangeDouble {
    return this.part("getHeaderRowRange", (s, t) => s.headerRect(t));
  }
  getDataBodyRange(): RangeDouble {
    return this.part("getDataBodyRange", (s, t) => s.dataBodyRect(t));
  }
  getTotalRowRange(): RangeDouble {
    return this.part("getTotalRowRange", (s, t) => s.totalsRect(t));
  }
}
defineProperties(TableColumnDouble, ["name", "values"], ["id", "index"]);

// ---- Named items -------------------------------------------------------------------------------------

interface NameTarget {
  sheetId: string | null;
  name: string;
}

export class NamedItemCollectionDouble extends ClientCollection<NamedItemDouble> {
  constructor(
    context: RequestContextDouble,
    parent: ClientObject,
    private readonly scope: "sheet" | null
  ) {
    super(context, parent);
  }
  get _className(): string {
    return "NamedItemCollection";
  }
  private scopeId(): string | null {
    return this.scope === "sheet" ? this._t<string>() : null;
  }
  _listTargets(exec: Exec): unknown[] {
    const sheetId = this.scopeId();
    return store(exec)
      .meta.names.filter((n) => n.sheetId === sheetId)
      .map((n) => ({ sheetId, name: n.name }));
  }
  _createItem(target: unknown): NamedItemDouble {
    return new NamedItemDouble(this.context, { preset: target });
  }
  add(name: string, reference: RangeDouble | string, comment?: string): NamedItemDouble {
    sameContext(this, reference);
    return new NamedItemDouble(this.context, {
      name: "NamedItemCollection.add",
      args: [name, typeof reference === "string" ? reference : null, comment ?? null],
      resolve: (exec) => {
        const s = store(exec);
        let formula: string;
        if (typeof reference === "string") formula = reference;
        else {
          const { sheetId, rect } = reference._t<RangeTarget>();
          formula = `=${s.addressOf(sheetId, rect, true)}`;
        }
        const item = s.addName(name, formula, comment ?? "", this.scopeId());
        return { sheetId: item.sheetId, name: item.name };
      },
    });
  }
  addFormulaLocal(name: string, formula: string, comment?: string): NamedItemDouble {
    return this.add(name, formula, comment);
  }
  getItem(name: string): NamedItemDouble {
    return new NamedItemDouble(this.context, {
      name: "NamedItemCollection.getItem",
      args: [name],
      resolve: (exec) => {
        const found = store(exec).findName(String(name), this.scopeId());
        if (!found) fail(ErrorCode.itemNotFound);
        return { sheetId: found.sheetId, name: found.name };
      },
    });
  }
  getItemOrNullObject(name: string): NamedItemDouble {
    return new NamedItemDouble(this.context, {
      name: "NamedItemCollection.getItemOrNullObject",
      args: [name],
      resolve: (exec) => {
        const found = store(exec).findName(String(name), this.scopeId());
        return found ? { sheetId: found.sheetId, name: found.name } : null;
      },
    });
  }
}

function nameValue(item: NameMeta): { type: string; value: unknown } {
  const body = item.formula.slice(1);
  if (/^[+-]?\d+$/.test(body)) return { type: "Integer", value: Number(body) };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body))
    return { type: "Double", value: Number(body) };
  if (/^(TRUE|FALSE)$/i.test(body))
    return { type: "Boolean", value: body.toUpperCase() === "TRUE" };
  if (/^#(REF!|N\/A|VALUE!|DIV\/0!|NUM!|NAME\?|NULL!)$/.test(body))
    return { type: "Error", value: body };
  if (/^"([^"]|"")*"$/.test(body))
    return { type: "String", value: body.slice(1, -1).replace(/""/g, '"') };
  if (/^('([^']|'')+'|[^!'"(),]+)![$A-Za-z0-9:]+$/.test(body))
    return { type: "Range", value: body };
  return { type: "String", value: body };
}

export class NamedItemDouble extends ClientObject {
  get _className(): string {
    return "NamedItem";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  item(exec: Exec): NameMeta {
    const { sheetId, name } = this._t<NameTarget>();
    const found = store(exec).findName(name, sheetId);
    if (!found) fail(ErrorCode.itemNotFound);
    return found;
  }
  override _read(exec: Exec, name: string): unknown {
    const item = this.item(exec);
    switch (name) {
      case "name":
        return item.name;
      case "formula":
        return item.formula;
      case "comment":
        return item.comment;
      case "visible":
        return item.visible;
      case "scope":
        return item.sheetId === null ? "Workbook" : "Worksheet";
      case "type":
        return nameValue(item).type;
      case "value":
        return nameValue(item).value;
    }
    return undefined;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const item = this.item(exec);
    if (name === "formula")
      item.formula = String(value).startsWith("=") ? String(value) : `=${String(value)}`;
    else if (name === "comment") item.comment = String(value);
    else if (name === "visible") item.visible = Boolean(value);
    else super._write(exec, name, value);
  }
  delete(): void {
    this._call("delete", [], (exec) => {
      const item = this.item(exec);
      store(exec).meta.names = store(exec).meta.names.filter((n) => n !== item);
    });
  }
  getRange(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "NamedItem.getRange",
      resolve: (exec) =>
        store(exec).nameRange(this.item(exec)) ??
        fail(ErrorCode.invalidOperation, "The name does not refer to a range."),
    });
  }
  getRangeOrNullObject(): RangeDouble {
    return new RangeDouble(this.context, {
      name: "NamedItem.getRangeOrNullObject",
      resolve: (exec) => store(exec).nameRange(this.item(exec)),
    });
  }
}
defineProperties(
  NamedItemDouble,
  ["formula", "comment", "visible"],
  ["name", "type", "value", "scope"]
);

// ---- Settings ----------------------------------------------------------------------------------------

export class SettingCollectionDouble extends ClientCollection<SettingDouble> {
  get _className(): string {
    return "SettingCollection";
  }
  _listTargets(exec: Exec): unknown[] {
    return store(exec).meta.settings.map((s) => s.key);
  }
  _createItem(target: unknown): SettingDouble {
    return new SettingDouble(this.context, { preset: target });
  }
  add(key: string, value: unknown): SettingDouble {
    const stored = clone(value);
    return new SettingDouble(this.context, {
      name: "SettingCollection.add",
      args: [key, value],
      resolve: (exec) => {
        store(exec).setSetting(key, stored);
        return key;
      },
    });
  }
  getItem(key: string): SettingDouble {
    return new SettingDouble(this.context, {
      name: "SettingCollection.getItem",
      args: [key],
      resolve: (exec) =>
        store(exec).meta.settings.some((s) => s.key === key) ? key : fail(ErrorCode.itemNotFound),
    });
  }
  getItemOrNullObject(key: string): SettingDouble {
    return new SettingDouble(this.context, {
      name: "SettingCollection.getItemOrNullObject",
      args: [key],
      resolve: (exec) => (store(exec).meta.settings.some((s) => s.key === key) ? key : null),
    });
  }
}

export class SettingDouble extends ClientObject {
  get _className(): string {
    return "Setting";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
  }
  override _read(exec: Exec, name: string): unknown {
    const key = this._t<string>();
    const entry = store(exec).meta.settings.find((s) => s.key === key);
    if (!entry) fail(ErrorCode.itemNotFound);
    return name === "key" ? entry.key : clone(entry.value);
  }
  override _write(exec: Exec, _name: string, value: unknown): void {
    const key = this._t<string>();
    if (!store(exec).meta.settings.some((s) => s.key === key)) fail(ErrorCode.itemNotFound);
    store(exec).setSetting(key, value);
  }
  delete(): void {
    this._call("delete", [], (exec) => {
      const key = this._t<string>();
      store(exec).meta.settings = store(exec).meta.settings.filter((s) => s.key !== key);
    });
  }
}
defineProperties(SettingDouble, ["value"], ["key"]);

// ---- Charts (recorded) -------------------------------------------------------------------------------

interface ChartTarget {
  sheetId: string;
  id: number;
}

export class ChartCollectionDouble extends ClientCollection<ChartDouble> {
  get _className(): string {
    return "ChartCollection";
  }
  _listTargets(exec: Exec): unknown[] {
    const sheetId = this._t<string>();
    return store(exec)
      .sheet(sheetId)
      .charts.map((c) => ({ sheetId, id: c.id }));
  }
  _createItem(target: unknown): ChartDouble {
    return new ChartDouble(this.context, { preset: target });
  }
  add(type: string, sourceData: RangeDouble, seriesBy: string = "Auto"): ChartDouble {
    sameContext(this, sourceData);
    return new ChartDouble(this.context, {
      name: "ChartCollection.add",
      args: [type, seriesBy],
      resolve: (exec) => {
        const s = store(exec);
        const sheetId = this._t<string>();
        if (typeof type !== "string" || type === "")
          fail(ErrorCode.invalidArgument, "A chart type is required.");
        if (!(sourceData instanceof RangeDouble))
          fail(ErrorCode.invalidArgument, "Chart source data must be a Range.");
        const source = sourceData._t<RangeTarget>();
        const sheet = s.sheet(sheetId);
        let n = sheet.charts.length + 1;
        while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const record: ChartRecord = {
          id: s.newId(),
          name: `Chart ${n}`,
          type,
          source: s.addressOf(source.sheetId, source.rect),
          seriesBy,
          settings: {},
          calls: [],
        };
        sheet.charts.push(record);
        return { sheetId, id: record.id };
      },
    });
  }
  private find(exec: Exec, name: string): ChartTarget | null {
    const sheetId = this._t<string>();
    const chart = store(exec)
      .sheet(sheetId)
      .charts.find((c) => c.name === name);
    return chart ? { sheetId, id: chart.id } : null;
  }
  getItem(name: string): ChartDouble {
    return new ChartDouble(this.context, {
      name: "ChartCollection.getItem",
      args: [name],
      resolve: (exec) => this.find(exec, name) ?? fail(ErrorCode.itemNotFound),
    });
  }
  getItemOrNullObject(name: string): ChartDouble {
    return new ChartDouble(this.context, {
      name: "ChartCollection.getItemOrNullObject",
      args: [name],
      resolve: (exec) => this.find(exec, name),
    });
  }
  getItemAt(index: number): ChartDouble {
    return new ChartDouble(this.context, {
      name: "ChartCollection.getItemAt",
      args: [index],
      resolve: (exec) =>
        (this._listTargets(exec)[index] as ChartTarget | undefined) ?? fail(ErrorCode.itemNotFound),
    });
  }
}

const CHART_PARTS = ["title", "axes", "legend", "dataLabels", "format", "series", "plotArea"];

export class ChartDouble extends ClientObject {
  private parts = new Map<string, unknown>();
  get _className(): string {
    return "Chart";
  }
  constructor(context: RequestContextDouble, creation: Creation) {
    super(context, null, creation);
    for (const part of CHART_PARTS)
      Object.defineProperty(this, part, { get: () => this.part(part), enumerable: false });
  }
  record(exec: Exec): ChartRecord {
    const { sheetId, id } = this._t<ChartTarget>();
    const found = store(exec)
      .sheet(sheetId)
      .charts.find((c) => c.id === id);
    if (!found) fail(ErrorCode.itemNotFound);
    return found;
  }
  private part(name: string): unknown {
    let part = this.parts.get(name);
    if (!part) {
      part = recorder(this, [name], (exec) => this.record(exec));
      this.parts.set(name, part);
    }
    return part;
  }
  override _read(exec: Exec, name: string): unknown {
    const record = this.record(exec);
    if (name === "name") return record.name;
    if (name === "id") return String(record.id);
    if (name === "chartType") return record.type;
    return record.settings[name] ?? null;
  }
  override _write(exec: Exec, name: string, value: unknown): void {
    const record = this.record(exec);
    if (name === "name") {
      const sheet = store(exec).sheet(this._t<ChartTarget>().sheetId);
      if (typeof value !== "string" || value === "") fail(ErrorCode.invalidArgument);
      if (sheet.charts.some((c) => c !== record && c.name === value))
        fail(ErrorCode.itemAlreadyExists);
      record.name = value;
    } else if (name === "chartType") record.type = String(value);
    else record.settings[name] = clone(value);
  }
  setPosition(startCell: RangeDouble | string, endCell?: RangeDouble | string): void {
    sameContext(this, startCell, endCell);
    const text = (cell: RangeDouble | string | undefined, exec: Exec): string | null => {
      if (cell === undefined) return null;
      if (typeof cell === "string")
        return formatRect(store(exec).resolveAddress(cell, this._t<ChartTarget>().sheetId).rect);
      return formatRect(cell._t<RangeTarget>().rect);
    };
    this._call(
      "setPosition",
      [
        typeof startCell === "string" ? startCell : null,
        typeof endCell === "string" ? endCell : null,
      ],
      (exec) => {
        this.record(exec).settings.position = {
          start: text(startCell, exec),
          end: text(endCell, exec),
        };
      }
    );
  }
  setData(sourceData: RangeDouble, seriesBy = "Auto"): void {
    sameContext(this, sourceData);
    this._call("setData", [seriesBy], (exec) => {
      const record = this.record(exec);
      const source = sourceData._t<RangeTarget>();
      record.source = store(exec).addressOf(source.sheetId, source.rect);
      record.seriesBy = seriesBy;
    });
  }
  activate(): void {
    this._call("activate", [], () => undefined);
  }
  delete(): void {
    this._call("delete", [], (exec) => {
      const { sheetId, id } = this._t<ChartTarget>();
      const sheet = store(exec).sheet(sheetId);
      sheet.charts = sheet.charts.filter((c) => c.id !== id);
    });
  }
}
defineProperties(
  ChartDouble,
  ["name", "chartType", "top", "left", "width", "height", "style", "showAllFieldButtons"],
  ["id"]
);
