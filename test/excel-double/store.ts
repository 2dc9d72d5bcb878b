/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- this module implements the proxies; its cells and records are plain objects, not Office proxies */
/**
 * The workbook the double holds: sheet/table/name/setting metadata plus cells, and the transaction that
 * makes each `context.sync()` all-or-nothing. Metadata is small and is snapshotted per sync; cells can be
 * many, so they are journaled (immutable cell objects, previous value remembered) instead of copied.
 */
import {
  Rect,
  columnCountOf,
  contains,
  formatAddress,
  intersect,
  isInsideSheet,
  parseAddressOrFail,
  rowCountOf,
  MAX_COLUMNS,
  MAX_ROWS,
} from "./address";
import { Cell, CellValue, EMPTY_CELL, isEmptyCell, writeValue } from "./cells";
import { ErrorCode, fail } from "./errors";

export interface ValidationRecord {
  id: number;
  rect: Rect;
  rule: unknown;
  settings: Record<string, unknown>;
}

export interface ConditionalFormatRecord {
  id: number;
  rect: Rect;
  type: string;
  settings: Record<string, unknown>;
  calls: RecordedCall[];
}

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export interface ChartRecord {
  id: number;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  settings: Record<string, unknown>;
  calls: RecordedCall[];
}

export interface SheetMeta {
  id: string;
  name: string;
  visibility: string;
  tabColor: string;
  showGridlines: boolean;
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  autofitColumns: string[];
  autofitRows: string[];
  freeze: { rows: number; columns: number } | null;
  protection: { protected: boolean; options: Record<string, unknown>; hasPassword: boolean };
  dataValidations: ValidationRecord[];
  conditionalFormats: ConditionalFormatRecord[];
  merges: Rect[];
  charts: ChartRecord[];
  /** range.format.borders settings as recorded, per range written. */
  borders: { rect: Rect; settings: Record<string, unknown>; calls: RecordedCall[] }[];
}

export interface TableMeta {
  id: string;
  name: string;
  sheetId: string;
  /** Whole table: header row (when shown), data rows, totals row (when shown). */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  columnIds: number[];
  settings: Record<string, unknown>;
}

export interface NameMeta {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
  /** null: workbook scope. */
  sheetId: string | null;
}

export interface Meta {
  sheets: SheetMeta[];
  activeSheetId: string;
  /** `areas` is set for a multi-area selection (Ctrl+click); `rect` is then the first area. */
  selection: { sheetId: string; rect: Rect; areas?: Rect[] };
  tables: TableMeta[];
  names: NameMeta[];
  settings: { key: string; value: unknown }[];
  application: {
    calculationMode: string;
    screenUpdatingSuspensions: number;
    calculations: string[];
    apiCalculationSuspensions: number;
  };
  nextId: number;
}

export interface Change {
  sheetId: string;
  rect: Rect;
  /** Excel's DataChangeType. */
  changeType:
    | "RangeEdited"
    | "RowInserted"
    | "RowDeleted"
    | "CellInserted"
    | "CellDeleted"
    | "ColumnInserted"
    | "ColumnDeleted";
  tableId?: string;
}

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;
/** Largest rectangle one write may touch in the double (about 2 million cells). */
export const MAX_MODELLED_CELLS = 2_000_000;
const FORBIDDEN_SHEET_CHARS = /[\\/?*[\]:]/;
const NAME_PATTERN = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

const cellKey = (r: number, c: number): number => r * MAX_COLUMNS + c;

export class WorkbookStore {
  meta: Meta;
  /** Excel reads at most this many cells of a range in one load (RangeExceedsLimit beyond it). */
  readCellLimit = 5_000_000;
  readonly cells = new Map<string, Map<number, Cell>>();
  /** Cell journal of the running sync, as three parallel arrays (cheaper than one tuple per cell). */
  private journal: {
    maps: Map<number, Cell>[];
    keys: number[];
    previous: (Cell | undefined)[];
  } | null = null;
  /** Upper bound of the rows holding cells, per sheet, so scans below the data stop early. */
  private readonly rowBound = new Map<string, number>();
  private snapshot: Meta | null = null;
  private changes: Change[] = [];

  constructor(sheetNames: readonly string[]) {
    this.meta = {
      sheets: [],
      activeSheetId: "",
      selection: { sheetId: "", rect: { r0: 0, c0: 0, r1: 0, c1: 0 } },
      tables: [],
      names: [],
      settings: [],
      application: {
        calculationMode: "Automatic",
        screenUpdatingSuspensions: 0,
        calculations: [],
        apiCalculationSuspensions: 0,
      },
      nextId: 1,
    };
    for (const name of sheetNames) this.addSheet(name);
    if (this.meta.sheets.length > 0) {
      this.meta.activeSheetId = this.meta.sheets[0].id;
      this.meta.selection = {
        sheetId: this.meta.sheets[0].id,
        rect: { r0: 0, c0: 0, r1: 0, c1: 0 },
      };
    }
  }

  // ---- transaction -------------------------------------------------------------------------------

  get inTransaction(): boolean {
    return this.journal !== null;
  }

  begin(): void {
    this.snapshot = structuredClone(this.meta);
    this.journal = { maps: [], keys: [], previous: [] };
    this.changes = [];
  }

  commit(): Change[] {
    const changes = this.changes;
    this.snapshot = null;
    this.journal = null;
    this.changes = [];
    const live = new Set(this.meta.sheets.map((s) => s.id));
    for (const id of [...this.cells.keys()]) if (!live.has(id)) this.cells.delete(id);
    return changes;
  }

  rollback(): void {
    if (this.snapshot) this.meta = this.snapshot;
    this.undoJournal(0);
    this.snapshot = null;
    this.journal = null;
    this.changes = [];
  }

  /** A point inside the running transaction to return to when one operation fails (partial failures). */
  savepoint(): { meta: Meta; journalLength: number; changesLength: number } {
    return {
      meta: structuredClone(this.meta),
      journalLength: this.journal?.keys.length ?? 0,
      changesLength: this.changes.length,
    };
  }

  private undoJournal(downTo: number): void {
    const journal = this.journal;
    if (!journal) return;
    for (let i = journal.keys.length - 1; i >= downTo; i--) {
      const previous = journal.previous[i];
      if (previous === undefined) journal.maps[i].delete(journal.keys[i]);
      else journal.maps[i].set(journal.keys[i], previous);
    }
    journal.maps.length = journal.keys.length = journal.previous.length = downTo;
  }

  rollbackTo(savepoint: { meta: Meta; journalLength: number; changesLength: number }): void {
    this.undoJournal(savepoint.journalLength);
    this.meta = savepoint.meta;
    this.changes.length = savepoint.changesLength;
  }

  /** Changes outside a sync (seeding, simulated user edits) are collected by the caller. */
  takeChanges(): Change[] {
    const changes = this.changes;
    this.changes = [];
    return changes;
  }

  noteChange(change: Change): void {
    this.changes.push(change);
  }

  newId(): number {
    return this.meta.nextId++;
  }

  // ---- cells -------------------------------------------------------------------------------------

  sheetCells(sheetId: string): Map<number, Cell> {
    let map = this.cells.get(sheetId);
    if (!map) {
      map = new Map();
      this.cells.set(sheetId, map);
    }
    return map;
  }

  getCell(sheetId: string, r: number, c: number): Cell {
    return this.cells.get(sheetId)?.get(cellKey(r, c)) ?? EMPTY_CELL;
  }

  setCell(sheetId: string, r: number, c: number, cell: Cell): void {
    const map = this.sheetCells(sheetId);
    const key = cellKey(r, c);
    const previous = map.get(key);
    if (previous === cell || (previous === undefined && cell === EMPTY_CELL)) return;
    const journal = this.journal;
    if (journal) {
      journal.maps.push(map);
      journal.keys.push(key);
      journal.previous.push(previous);
    }
    if (isEmptyCell(cell)) map.delete(key);
    else {
      map.set(key, cell);
      if (r > (this.rowBound.get(sheetId) ?? -1)) this.rowBound.set(sheetId, r);
    }
  }

  /** Cells of a rectangle as a 2D array, mapped by `pick`. */
  readRect<T>(sheetId: string, rect: Rect, pick: (cell: Cell) => T): T[][] {
    const map = this.cells.get(sheetId);
    const rows: T[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: T[] = new Array(rect.c1 - rect.c0 + 1);
      for (let c = rect.c0; c <= rect.c1; c++)
        row[c - rect.c0] = pick(map?.get(cellKey(r, c)) ?? EMPTY_CELL);
      rows.push(row);
    }
    return rows;
  }

  /** Existing (non-empty) cells inside a rectangle, without visiting empty ones. */
  forEachStoredCell(
    sheetId: string,
    rect: Rect,
    visit: (r: number, c: number, cell: Cell) => void
  ): void {
    const map = this.cells.get(sheetId);
    if (!map || map.size === 0) return;
    const bound = this.rowBound.get(sheetId) ?? MAX_ROWS - 1;
    if (rect.r0 > bound) return;
    if (rect.r1 > bound) rect = { ...rect, r1: bound };
    const area = rowCountOf(rect) * columnCountOf(rect);
    if (area <= map.size) {
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = map.get(cellKey(r, c));
          if (cell) visit(r, c, cell);
        }
      return;
    }
    // Visitors may replace or delete the visited cell, which Map iteration tolerates; they add none.
    for (const [key, cell] of map) {
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) visit(r, c, cell);
    }
  }

  /**
   * Writes a 2D array (or one scalar, which fills the range, as Excel does) through `apply`.
   * A 2D array whose shape differs from the range fails with InvalidArgument, before any cell changes.
   */
  writeRect(
    sheetId: string,
    rect: Rect,
    input: unknown,
    apply: (previous: Cell, raw: unknown) => Cell,
    what: string,
    contentChange = true
  ): void {
    const rows = rowCountOf(rect);
    const columns = columnCountOf(rect);
    const scalar = !Array.isArray(input);
    if (!scalar) {
      const grid = input as unknown[];
      const shapeOk =
        grid.length === rows && grid.every((row) => Array.isArray(row) && row.length === columns);
      if (!shapeOk) {
        const got = `${grid.length} x ${Array.isArray(grid[0]) ? (grid[0] as unknown[]).length : "?"}`;
        fail(
          ErrorCode.invalidArgument,
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range is ${rows} x ${columns}, array is ${got}).`
        );
      }
    }
    if (rows * columns > MAX_MODELLED_CELLS) {
      // A double limit, not Excel's: every cell is an object here, so whole-sheet writes would exhaust memory.
      throw new Error(
        `${what}: the double models writes of at most ${MAX_MODELLED_CELLS} cells at once (range is ${rows} x ${columns}); write the used block instead.`
      );
    }
    if (contentChange) this.assertEditable(sheetId, rect);
    const grid = input as unknown[][];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        const raw = scalar ? input : grid[r][c];
        const previous = this.getCell(sheetId, rect.r0 + r, rect.c0 + c);
        this.setCell(sheetId, rect.r0 + r, rect.c0 + c, apply(previous, raw));
      }
    if (contentChange) this.noteChange({ sheetId, rect, changeType: "RangeEdited" });
  }

  /** Excel refuses to change locked cells of a protected sheet. */
  assertEditable(sheetId: string, rect: Rect): void {
    const sheet = this.sheet(sheetId);
    if (!sheet.protection.protected) return;
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++)
        if (this.getCell(sheetId, r, c).format.locked !== false)
          fail(ErrorCode.accessDenied, undefined, "Range");
  }

  /** Bounding box of cells with content (valuesOnly) or with content or formatting. */
  usedRect(sheetId: string, valuesOnly: boolean): Rect | null {
    const map = this.cells.get(sheetId);
    if (!map) return null;
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [key, cell] of map) {
      if (valuesOnly && cell.value === "" && cell.formula === undefined) continue;
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** Moves the cells of columns c0..c1 at rows >= fromRow down by `count` rows (row insertion inside a table). */
  shiftDown(
    sheetId: string,
    c0: number,
    c1: number,
    fromRow: number,
    count: number,
    growingTableId?: string
  ): void {
    const moving: Array<[number, number, Cell]> = [];
    this.forEachStoredCell(sheetId, { r0: fromRow, c0, r1: MAX_ROWS - 1, c1 }, (r, c, cell) =>
      moving.push([r, c, cell])
    );
    if (moving.some(([r]) => r + count >= MAX_ROWS))
      fail(ErrorCode.invalidOperation, "Cells would be pushed off the end of the worksheet.");
    moving.sort((a, b) => b[0] - a[0]);
    for (const [r, c, cell] of moving) {
      this.setCell(sheetId, r + count, c, cell);
      this.setCell(sheetId, r, c, EMPTY_CELL);
    }
    for (const table of this.meta.tables) {
      if (table.id === growingTableId || table.sheetId !== sheetId || table.rect.r0 < fromRow)
        continue;
      if (table.rect.c1 < c0 || table.rect.c0 > c1) continue;
      if (table.rect.c0 < c0 || table.rect.c1 > c1)
        fail(
          ErrorCode.invalidOperation,
          "This operation is not allowed because it tries to shift cells in a table on your worksheet."
        );
      table.rect = { ...table.rect, r0: table.rect.r0 + count, r1: table.rect.r1 + count };
    }
  }

  // ---- sheets ------------------------------------------------------------------------------------

  sheet(sheetId: string): SheetMeta {
    const sheet = this.meta.sheets.find((s) => s.id === sheetId);
    if (!sheet) fail(ErrorCode.itemNotFound);
    return sheet;
  }

  findSheet(name: string): SheetMeta | undefined {
    const key = name.toUpperCase();
    return this.meta.sheets.find((s) => s.name.toUpperCase() === key);
  }

  sheetByNameOrFail(name: string): SheetMeta {
    const sheet = this.findSheet(name);
    if (!sheet) fail(ErrorCode.itemNotFound, `The worksheet '${name}' doesn't exist.`);
    return sheet;
  }

  validateSheetName(name: unknown, exceptId?: string): asserts name is string {
    if (typeof name !== "string" || name.length === 0 || name.length > 31)
      fail(ErrorCode.invalidArgument, "A worksheet name must be 1 to 31 characters long.");
    if (FORBIDDEN_SHEET_CHARS.test(name))
      fail(
        ErrorCode.invalidArgument,
        "A worksheet name cannot contain any of these characters: \\ / ? * [ ] :"
      );
    if (name.startsWith("'") || name.endsWith("'"))
      fail(ErrorCode.invalidArgument, "A worksheet name cannot begin or end with an apostrophe.");
    if (name.toUpperCase() === "HISTORY")
      fail(ErrorCode.invalidArgument, "'History' is a reserved worksheet name.");
    const existing = this.findSheet(name);
    if (existing && existing.id !== exceptId) fail(ErrorCode.itemAlreadyExists);
  }

  addSheet(name?: string): SheetMeta {
    let sheetName = name;
    if (sheetName === undefined || sheetName === null) {
      let n = this.meta.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    this.validateSheetName(sheetName);
    const id = `{00000000-0001-0000-${String(this.newId()).padStart(4, "0")}-000000000000}`;
    const sheet: SheetMeta = {
      id,
      name: sheetName,
      visibility: "Visible",
      tabColor: "",
      showGridlines: true,
      columnWidths: {},
      rowHeights: {},
      autofitColumns: [],
      autofitRows: [],
      freeze: null,
      protection: { protected: false, options: {}, hasPassword: false },
      dataValidations: [],
      conditionalFormats: [],
      merges: [],
      charts: [],
      borders: [],
    };
    this.meta.sheets.push(sheet);
    this.sheetCells(id);
    if (!this.meta.activeSheetId) {
      this.meta.activeSheetId = id;
      this.meta.selection = { sheetId: id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
    return sheet;
  }

  deleteSheet(sheetId: string): void {
    const sheet = this.sheet(sheetId);
    const visible = this.meta.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0].id === sheetId)
      fail(ErrorCode.invalidOperation, "A workbook must contain at least one visible worksheet.");
    const cells = this.sheetCells(sheetId);
    for (const key of [...cells.keys()])
      this.setCell(sheetId, Math.floor(key / MAX_COLUMNS), key % MAX_COLUMNS, EMPTY_CELL);
    this.meta.sheets = this.meta.sheets.filter((s) => s.id !== sheetId);
    this.meta.tables = this.meta.tables.filter((t) => t.sheetId !== sheetId);
    this.meta.names = this.meta.names.filter((n) => n.sheetId !== sheetId);
    const prefix = new RegExp(`^=?'?${sheet.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'?!`, "i");
    for (const n of this.meta.names) if (prefix.test(n.formula)) n.formula = "=#REF!";
    if (this.meta.activeSheetId === sheetId) {
      const next = this.meta.sheets.find((s) => s.visibility === "Visible")!;
      this.meta.activeSheetId = next.id;
      this.meta.selection = { sheetId: next.id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  setSheetPosition(sheetId: string, position: unknown): void {
    if (
      typeof position !== "number" ||
      !Number.isInteger(position) ||
      position < 0 ||
      position >= this.meta.sheets.length
    )
      fail(ErrorCode.invalidArgument, "The worksheet position is out of range.");
    const sheet = this.sheet(sheetId);
    const rest = this.meta.sheets.filter((s) => s.id !== sheetId);
    rest.splice(position, 0, sheet);
    this.meta.sheets = rest;
  }

  setSheetVisibility(sheetId: string, visibility: unknown): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden")
      fail(ErrorCode.invalidArgument);
    const sheet = this.sheet(sheetId);
    if (visibility !== "Visible") {
      const others = this.meta.sheets.filter((s) => s.id !== sheetId && s.visibility === "Visible");
      if (others.length === 0)
        fail(ErrorCode.invalidOperation, "A workbook must contain at least one visible worksheet.");
      if (this.meta.activeSheetId === sheetId) this.activate(others[0].id);
    }
    sheet.visibility = visibility;
  }

  activate(sheetId: string): void {
    const sheet = this.sheet(sheetId);
    if (sheet.visibility !== "Visible")
      fail(ErrorCode.invalidOperation, "A hidden worksheet cannot be activated.");
    if (this.meta.activeSheetId !== sheetId) {
      this.meta.activeSheetId = sheetId;
      this.meta.selection = { sheetId, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  /** Resolves an address that may carry a sheet prefix; `defaultSheetId` is used when it does not. */
  resolveAddress(address: string, defaultSheetId: string | null): { sheetId: string; rect: Rect } {
    const parsed = parseAddressOrFail(address);
    if (parsed.sheet !== undefined)
      return { sheetId: this.sheetByNameOrFail(parsed.sheet).id, rect: parsed.rect };
    if (defaultSheetId === null)
      fail(ErrorCode.invalidArgument, `The address '${address}' needs a worksheet name.`);
    return { sheetId: defaultSheetId, rect: parsed.rect };
  }

  addressOf(sheetId: string, rect: Rect, absolute = false): string {
    return formatAddress(this.sheet(sheetId).name, rect, absolute);
  }

  // ---- names shared by tables and named items ------------------------------------------------------

  validateDefinedName(name: unknown, what: string): asserts name is string {
    const ok =
      typeof name === "string" &&
      name.length > 0 &&
      name.length <= 255 &&
      NAME_PATTERN.test(name) &&
      !/^[A-Za-z]{1,3}\d+$/.test(name) &&
      !/^[RrCc]$/.test(name) &&
      !/^[Rr]\d*[Cc]\d*$/.test(name);
    if (!ok)
      fail(
        ErrorCode.invalidArgument,
        `'${String(name)}' is not a valid ${what} name: start with a letter or underscore, no spaces, not a cell reference.`
      );
  }

  definedNameTaken(name: string, exceptTableId?: string): boolean {
    const key = name.toUpperCase();
    return (
      this.meta.tables.some((t) => t.name.toUpperCase() === key && t.id !== exceptTableId) ||
      this.meta.names.some((n) => n.sheetId === null && n.name.toUpperCase() === key)
    );
  }

  // ---- tables ------------------------------------------------------------------------------------

  table(tableId: string): TableMeta {
    const table = this.meta.tables.find((t) => t.id === tableId);
    if (!table) fail(ErrorCode.itemNotFound);
    return table;
  }

  findTable(nameOrId: string): TableMeta | undefined {
    const key = nameOrId.toUpperCase();
    return this.meta.tables.find((t) => t.name.toUpperCase() === key || t.id === nameOrId);
  }

  addTable(sheetId: string, rect: Rect, hasHeaders: boolean, name?: string): TableMeta {
    let tableRect = rect;
    if (!hasHeaders) tableRect = { ...rect, r1: rect.r1 + 1 };
    else if (rect.r0 === rect.r1) tableRect = { ...rect, r1: rect.r1 + 1 };
    if (!isInsideSheet(tableRect))
      fail(ErrorCode.invalidArgument, undefined, "TableCollection.add");
    for (const other of this.meta.tables) {
      if (other.sheetId === sheetId && intersect(other.rect, tableRect)) {
        fail(
          ErrorCode.invalidArgument,
          "A table cannot overlap a range that contains a PivotTable report, query results, protected cells or another table.",
          "TableCollection.add"
        );
      }
    }
    this.assertEditable(sheetId, tableRect);
    if (!hasHeaders) this.shiftDown(sheetId, rect.c0, rect.c1, rect.r0, 1);
    // Excel makes header texts unique and non-empty.
    const seen = new Set<string>();
    const columnIds: number[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) {
      const index = c - rect.c0 + 1;
      let header = hasHeaders ? String(this.getCell(sheetId, rect.r0, c).value) : "";
      if (header === "") header = `Column${index}`;
      const base = header;
      let n = 2;
      while (seen.has(header.toUpperCase())) header = `${base}${n++}`;
      seen.add(header.toUpperCase());
      const previous = this.getCell(sheetId, rect.r0, c);
      if (previous.value !== header || previous.formula !== undefined) {
        const rest: { -readonly [K in keyof Cell]: Cell[K] } = { ...previous, value: header };
        delete rest.formula;
        this.setCell(sheetId, rect.r0, c, rest);
      }
      columnIds.push(index);
    }
    let tableName = name;
    if (tableName === undefined) {
      let n = 1;
      while (this.definedNameTaken(`Table${n}`)) n++;
      tableName = `Table${n}`;
    }
    const table: TableMeta = {
      id: `{${String(this.newId()).padStart(8, "0")}-0000-0000-0000-7AB1E0000000}`,
      name: tableName,
      sheetId,
      rect: tableRect,
      showHeaders: true,
      showTotals: false,
      style: "TableStyleMedium2",
      columnIds,
      settings: {},
    };
    this.meta.tables.push(table);
    if (name !== undefined) this.renameTable(table.id, name);
    return table;
  }

  renameTable(tableId: string, name: unknown): void {
    this.validateDefinedName(name, "table");
    if (this.definedNameTaken(name, tableId))
      fail(ErrorCode.invalidArgument, `A table or name called '${name}' already exists.`);
    this.table(tableId).name = name;
  }

  headerRect(table: TableMeta): Rect | null {
    return table.showHeaders ? { ...table.rect, r1: table.rect.r0 } : null;
  }

  dataBodyRect(table: TableMeta): Rect {
    const r0 = table.rect.r0 + (table.showHeaders ? 1 : 0);
    const r1 = table.rect.r1 - (table.showTotals ? 1 : 0);
    return { r0, c0: table.rect.c0, r1, c1: table.rect.c1 };
  }

  totalsRect(table: TableMeta): Rect | null {
    return table.showTotals ? { ...table.rect, r0: table.rect.r1 } : null;
  }

  columnNames(table: TableMeta): string[] {
    const names: string[] = [];
    for (let c = table.rect.c0; c <= table.rect.c1; c++)
      names.push(
        table.showHeaders
          ? String(this.getCell(table.sheetId, table.rect.r0, c).value)
          : `Column${c - table.rect.c0 + 1}`
      );
    return names;
  }

  /** Inserts data rows (values: rows x columns) at data-row `index` (end when null), growing the table. */
  addTableRows(tableId: string, index: number | null | undefined, values: unknown): number {
    const table = this.table(tableId);
    const body = this.dataBodyRect(table);
    const columns = columnCountOf(table.rect);
    let grid: unknown[][];
    if (values === undefined || values === null) grid = [new Array(columns).fill("")];
    else if (Array.isArray(values) && values.every((row) => Array.isArray(row)))
      grid = values as unknown[][];
    else if (Array.isArray(values)) grid = [values];
    else grid = [[values]];
    if (grid.length === 0 || grid.some((row) => row.length !== columns)) {
      fail(
        ErrorCode.invalidArgument,
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (table has ${columns} columns).`,
        "TableRowCollection.add"
      );
    }
    const bodyRows = rowCountOf(body);
    // A fresh table's single empty data row is filled rather than pushed down, as Excel does.
    const emptyBody =
      bodyRows === 1 &&
      this.readRect(
        table.sheetId,
        body,
        (cell) => cell.value === "" && cell.formula === undefined
      ).every((row) => row.every(Boolean));
    const at = index === null || index === undefined ? (emptyBody ? 0 : bodyRows) : index;
    if (!Number.isInteger(at) || at < 0 || at > bodyRows)
      fail(ErrorCode.invalidArgument, "The row index is out of range.", "TableRowCollection.add");
    let insertRow = body.r0 + at;
    let toInsert = grid.length;
    if (emptyBody && at === 0) toInsert -= 1;
    if (toInsert > 0) {
      const fromRow = emptyBody && at === 0 ? insertRow + 1 : insertRow;
      this.shiftDown(table.sheetId, table.rect.c0, table.rect.c1, fromRow, toInsert, table.id);
      table.rect = { ...table.rect, r1: table.rect.r1 + toInsert };
      for (const other of this.meta.tables) {
        if (
          other.id !== table.id &&
          other.sheetId === table.sheetId &&
          intersect(other.rect, table.rect)
        ) {
          fail(
            ErrorCode.invalidOperation,
            "This operation is not allowed because it tries to shift cells in a table on your worksheet."
          );
        }
      }
    }
    const target: Rect = {
      r0: insertRow,
      c0: table.rect.c0,
      r1: insertRow + grid.length - 1,
      c1: table.rect.c1,
    };
    this.assertEditable(table.sheetId, target);
    this.writeRect(table.sheetId, target, grid, writeValue, "TableRowCollection.add", false);
    this.noteChange({
      sheetId: table.sheetId,
      rect: target,
      changeType: toInsert > 0 ? "RowInserted" : "RangeEdited",
      tableId,
    });
    insertRow = at;
    return insertRow;
  }

  setShowTotals(tableId: string, show: boolean): void {
    const table = this.table(tableId);
    if (table.showTotals === show) return;
    if (show) {
      const below: Rect = {
        r0: table.rect.r1 + 1,
        c0: table.rect.c0,
        r1: table.rect.r1 + 1,
        c1: table.rect.c1,
      };
      let occupied = false;
      this.forEachStoredCell(
        table.sheetId,
        below,
        (_r, _c, cell) => (occupied ||= cell.value !== "" || cell.formula !== undefined)
      );
      if (
        occupied ||
        this.meta.tables.some(
          (t) => t.sheetId === table.sheetId && t.id !== tableId && intersect(t.rect, below)
        )
      ) {
        fail(ErrorCode.invalidOperation, "The totals row would overwrite cells below the table.");
      }
      table.rect = { ...table.rect, r1: table.rect.r1 + 1 };
    } else {
      const totals = this.totalsRect(table)!;
      for (let c = totals.c0; c <= totals.c1; c++)
        this.setCell(table.sheetId, totals.r0, c, EMPTY_CELL);
      table.rect = { ...table.rect, r1: table.rect.r1 - 1 };
    }
    table.showTotals = show;
  }

  deleteTable(tableId: string, keepContents: boolean): void {
    const table = this.table(tableId);
    if (!keepContents) {
      this.assertEditable(table.sheetId, table.rect);
      this.forEachStoredCell(table.sheetId, table.rect, (r, c) =>
        this.setCell(table.sheetId, r, c, EMPTY_CELL)
      );
    }
    this.meta.tables = this.meta.tables.filter((t) => t.id !== tableId);
  }

  tablesIntersecting(sheetId: string, rect: Rect): TableMeta[] {
    return this.meta.tables.filter((t) => t.sheetId === sheetId && intersect(t.rect, rect));
  }

  // ---- named items -------------------------------------------------------------------------------

  findName(name: string, sheetId: string | null): NameMeta | undefined {
    const key = name.toUpperCase();
    return this.meta.names.find((n) => n.sheetId === sheetId && n.name.toUpperCase() === key);
  }

  addName(name: unknown, formula: string, comment: string, sheetId: string | null): NameMeta {
    this.validateDefinedName(name, "defined");
    const clash =
      sheetId === null ? this.definedNameTaken(name) : this.findName(name, sheetId) !== undefined;
    if (clash) fail(ErrorCode.itemAlreadyExists, undefined, "NamedItemCollection.add");
    const item: NameMeta = {
      name,
      formula: formula.startsWith("=") ? formula : `=${formula}`,
      comment,
      visible: true,
      sheetId,
    };
    this.meta.names.push(item);
    return item;
  }

  /** The range a name refers to, when its formula is a plain reference. */
  nameRange(item: NameMeta): { sheetId: string; rect: Rect } | null {
    try {
      const parsed = parseAddressOrFail(item.formula.slice(1));
      if (parsed.sheet === undefined) return null;
      const sheet = this.findSheet(parsed.sheet);
      return sheet ? { sheetId: sheet.id, rect: parsed.rect } : null;
    } catch {
      return null;
    }
  }

  // ---- settings ----------------------------------------------------------------------------------

  setSetting(key: unknown, value: unknown): void {
    if (typeof key !== "string" || key.length === 0)
      fail(ErrorCode.invalidArgument, "A setting key must be a non-empty string.");
    if (value === undefined)
      fail(ErrorCode.invalidArgument, "A setting value cannot be undefined.");
    // Settings are stored as JSON in the document: what comes back is what JSON keeps.
    const stored = JSON.parse(JSON.stringify(value)) as unknown;
    const existing = this.meta.settings.find((s) => s.key === key);
    if (existing) existing.value = stored;
    else this.meta.settings.push({ key, value: stored });
  }

  // ---- merges, selection ---------------------------------------------------------------------------

  merge(sheetId: string, rect: Rect, across: boolean): void {
    const sheet = this.sheet(sheetId);
    const parts = across
      ? Array.from({ length: rowCountOf(rect) }, (_, i) => ({
          ...rect,
          r0: rect.r0 + i,
          r1: rect.r0 + i,
        }))
      : [rect];
    for (const part of parts) {
      if (sheet.merges.some((m) => intersect(m, part) && !contains(part, m)))
        fail(
          ErrorCode.invalidOperation,
          "Cannot merge cells that partly overlap another merged area."
        );
      sheet.merges = sheet.merges.filter((m) => !contains(part, m));
      if (rowCountOf(part) * columnCountOf(part) > 1) sheet.merges.push(part);
    }
  }

  unmerge(sheetId: string, rect: Rect): void {
    const sheet = this.sheet(sheetId);
    sheet.merges = sheet.merges.filter((m) => !intersect(m, rect));
  }

  readCellValue(sheetId: string, r: number, c: number): CellValue {
    return this.getCell(sheetId, r, c).value;
  }
}
