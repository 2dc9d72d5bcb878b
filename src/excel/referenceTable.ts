/**
 * The workbook's reference data: the `Crossbench Reference` sheet holding the `CrossbenchReference`
 * table (canonical columns; Excel table names cannot contain spaces). Two jobs:
 *
 *   readReferenceTable()        -> the table's rows as reference values (+ a report on rows it skipped)
 *   writeReferenceRows(rows, { onProgress, signal, existing })
 *                               -> creates sheet/table if missing, merges by industry × metric × year ×
 *                                  region, reports added / updated / unchanged / kept (never a silent overwrite)
 *   startReferenceTableSync()   -> reads the table into the shared runtime's active library once and
 *                                  refreshes it when the table changes, so BENCH functions never read the workbook
 *
 * Requests stay under 4 MB (measured as the UTF-8 JSON of the values written); if Excel still answers
 * RequestPayloadSizeLimitExceeded the failed batch (which changed nothing) is halved and retried.
 * Every text cell is written through excelTextInput, so imported text can never become a formula.
 */
import {
  CANONICAL_COLUMNS,
  CANONICAL_HEADERS,
  CellValue,
  toCanonicalRow,
} from "../reference/canonical";
import {
  getWorkbookReferenceValues,
  setPendingWorkbookLoad,
  setWorkbookReferenceValues,
} from "../reference/activeLibrary";
import { ILLUSTRATIVE_NOTICE, ReferenceValue, referenceKey } from "../reference/model";
import { suggestMapping } from "../reference/mapping";
import { parseValues } from "../reference/parsers";
import { excelTextInput } from "../reference/textSafety";
import { ValidationReport, validateLong } from "../reference/validate";

export const REFERENCE_SHEET = "Crossbench Reference";
export const REFERENCE_TABLE = "CrossbenchReference";
/** Row of the table's header on its sheet (1-based); the rows above hold a short explanation. */
export const REFERENCE_HEADER_ROW = 3;
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;
/** Allowance for the JSON around each queued operation (ids, method names, addresses). */
const OPERATION_OVERHEAD_BYTES = 512;

const TEXT_FIELDS = new Set(
  CANONICAL_COLUMNS.filter((c) => c.kind === "text").map((c) => c.field as string)
);

export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
  syncs: number;
}

export interface WriteOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between chunks: an abort stops before the next chunk; chunks already written stay (and are counted). */
  signal?: AbortSignal;
  /** What to do with a row whose key exists with different figures: "update" it (default) or "keep" the existing row. */
  existing?: "update" | "keep";
  maxRequestBytes?: number;
  /** Ask Excel for a full recalculation after writing, so BENCH formulas use the new rows (default true). */
  recalculate?: boolean;
}

export interface RowChange {
  key: string;
  industry: string;
  metric: string;
  /** 1-based sheet row of the existing row. */
  sheetRow: number;
  before: CellValue[];
  after: CellValue[];
}

export interface WriteResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Existing rows left as they were although the import had different figures (existing: "keep"). */
  kept: number;
  /** Every overwritten row with its old and new contents, so the pane can say exactly what changed. */
  updates: RowChange[];
  keptRows: RowChange[];
  cancelled: boolean;
  syncs: number;
  tableCreated: boolean;
}

const encoder = new TextEncoder();
const bytesOf = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

function isPayloadTooLarge(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: string }).code === "RequestPayloadSizeLimitExceeded"
  );
}

function throwIfAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** A canonical row as written to cells: text through excelTextInput, blanks as "". */
function cellsForWrite(row: CellValue[]): (string | number | boolean)[] {
  return row.map((cell, i) => {
    if (cell === null) return "";
    if (typeof cell === "string" && TEXT_FIELDS.has(CANONICAL_HEADERS[i]))
      return excelTextInput(cell);
    return cell;
  });
}

function sameRow(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  return a.length === b.length && a.every((cell, i) => (cell ?? "") === (b[i] ?? ""));
}

/** The table's data as reference values; rows that fail validation (hand edits) are reported, not used. Also the self-check's reader. */
export function valuesFromTable(
  header: CellValue[],
  body: CellValue[][],
  firstSheetRow: number
): { values: ReferenceValue[]; report: ValidationReport } {
  const table = parseValues([header, ...body], `${REFERENCE_SHEET} table`);
  // parseValues numbers rows from 1; shift them to sheet rows so messages point at real cells.
  table.rowNumbers = table.rowNumbers.map((n) => n - 1 + firstSheetRow);
  table.sheet = REFERENCE_SHEET;
  const headerTexts = header.map((h) => String(h ?? ""));
  const report = validateLong(table, 0, suggestMapping(headerTexts));
  return { values: report.valid.map((v) => v.value), report };
}

interface TableSnapshot {
  exists: boolean;
  sheetExists: boolean;
  header: CellValue[];
  body: CellValue[][];
  /** 0-based sheet row and column of the first data row's first cell. */
  bodyRow: number;
  bodyColumn: number;
  tableId?: string;
}

function isResponseTooLarge(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: string }).code === "ResponsePayloadSizeLimitExceeded"
  );
}

/**
 * Reads the table's header and body. Large bodies are read in row chunks sized from the first chunk's
 * bytes so each response stays under the budget (Excel on the web refuses responses over 5 MB); a
 * chunk Excel still refuses is halved and read again. Syncs: existence, size, then one per chunk.
 */
async function snapshot(
  context: Excel.RequestContext,
  budgetBytes = DEFAULT_MAX_REQUEST_BYTES
): Promise<TableSnapshot & { syncs: number }> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(REFERENCE_SHEET);
  const table = context.workbook.tables.getItemOrNullObject(REFERENCE_TABLE);
  // Loading any scalar resolves isNullObject as well.
  sheet.load("name");
  table.load(["name", "id"]);
  await context.sync();
  if (table.isNullObject) {
    if (!sheet.isNullObject) {
      // Never write our table over someone's cells: a sheet of that name must be empty to be used.
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      if (!used.isNullObject) {
        throw new Error(
          `The workbook already has a sheet named "${REFERENCE_SHEET}" with other contents and no ${REFERENCE_TABLE} table. Rename or clear that sheet, then import again.`
        );
      }
      return {
        exists: false,
        sheetExists: true,
        header: [],
        body: [],
        bodyRow: REFERENCE_HEADER_ROW,
        bodyColumn: 0,
        syncs: 2,
      };
    }
    return {
      exists: false,
      sheetExists: false,
      header: [],
      body: [],
      bodyRow: REFERENCE_HEADER_ROW,
      bodyColumn: 0,
      syncs: 1,
    };
  }
  const header = table.getHeaderRowRange().load(["values"]);
  const bodyShape = table
    .getDataBodyRange()
    .load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
  await context.sync();
  let syncs = 2;
  const body: CellValue[][] = [];
  let chunkRows = 2000;
  for (let start = 0; start < bodyShape.rowCount;) {
    const rows = Math.min(chunkRows, bodyShape.rowCount - start);
    const chunk = context.workbook.tables
      .getItem(REFERENCE_TABLE)
      .worksheet.getRangeByIndexes(
        bodyShape.rowIndex + start,
        bodyShape.columnIndex,
        rows,
        bodyShape.columnCount
      )
      .load("values");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk is the point: responses must stay under the size limit
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (!isResponseTooLarge(error) || rows === 1) throw error;
      chunkRows = Math.max(1, Math.floor(rows / 2));
      continue;
    }
    body.push(...(chunk.values as CellValue[][]));
    start += rows;
    const bytesPerRow = Math.max(1, bytesOf(chunk.values) / rows);
    chunkRows = Math.max(1, Math.floor((budgetBytes * 0.9) / bytesPerRow));
  }
  return {
    exists: true,
    sheetExists: true,
    header: header.values[0] as CellValue[],
    body,
    bodyRow: bodyShape.rowIndex,
    bodyColumn: bodyShape.columnIndex,
    tableId: table.id,
    syncs,
  };
}

/** Reads the table (syncs: existence, size, then one per chunk of rows). Null when the workbook has no reference table. */
export async function readReferenceTable(): Promise<{
  values: ReferenceValue[];
  report: ValidationReport;
  tableId: string;
} | null> {
  return Excel.run(async (context) => {
    const snap = await snapshot(context);
    if (!snap.exists) return null;
    const body = snap.body.filter((row) => row.some((c) => c !== "" && c !== null));
    return {
      ...valuesFromTable(snap.header, body, snap.bodyRow + 1),
      tableId: snap.tableId as string,
    };
  });
}

type Operation =
  | { kind: "append"; rows: (string | number | boolean)[][] }
  | { kind: "update"; bodyIndex: number; rows: (string | number | boolean)[][] };

function splitOperation(op: Operation): Operation[] {
  if (op.rows.length < 2) return [op];
  const half = Math.ceil(op.rows.length / 2);
  if (op.kind === "append")
    return [
      { kind: "append", rows: op.rows.slice(0, half) },
      { kind: "append", rows: op.rows.slice(half) },
    ];
  return [
    { kind: "update", bodyIndex: op.bodyIndex, rows: op.rows.slice(0, half) },
    { kind: "update", bodyIndex: op.bodyIndex + half, rows: op.rows.slice(half) },
  ];
}

/**
 * Merges `rows` into the workbook's reference table (creating sheet and table when missing) and makes
 * them the active library. Validate first (src/reference/importPipeline): this writes what it is given.
 */
export async function writeReferenceRows(
  rows: readonly ReferenceValue[],
  options: WriteOptions = {}
): Promise<WriteResult> {
  // Leave room for what our estimate does not see (request envelope, object paths).
  const maxBytes = Math.floor((options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES) * 0.97) - 2048;
  const seenInput = new Set<string>();
  for (const row of rows) {
    const key = referenceKey(row);
    if (seenInput.has(key))
      throw new Error(
        `The rows to import contain ${row.industry} × ${row.metric} × ${row.year ?? "no year"} × ${row.region || "all regions"} twice; validate the source first.`
      );
    seenInput.add(key);
  }
  const result: WriteResult = {
    added: 0,
    updated: 0,
    unchanged: 0,
    kept: 0,
    updates: [],
    keptRows: [],
    cancelled: false,
    syncs: 0,
    tableCreated: false,
  };
  const writtenSheetRows = new Set<number>();
  const writtenUpdate = (change: RowChange): boolean => writtenSheetRows.has(change.sheetRow);

  const written = await Excel.run(async (context) => {
    const sync = async (): Promise<void> => {
      await context.sync();
      result.syncs++;
    };
    const snap = await snapshot(context, maxBytes);
    result.syncs += snap.syncs;
    let header: string[];
    let createdTableId: string | undefined;
    let existingBody = snap.body;
    if (!snap.exists) {
      const sheet = snap.sheetExists
        ? context.workbook.worksheets.getItem(REFERENCE_SHEET)
        : context.workbook.worksheets.add(REFERENCE_SHEET);
      sheet.getRange("A1:A2").values = [
        [
          excelTextInput(
            "Crossbench reference data: one row per industry × metric × region × year (see the Crossbench help for each column)."
          ),
        ],
        [
          excelTextInput(
            `Rows marked illustrative are an ${ILLUSTRATIVE_NOTICE}. Edit rows here or import files from the Crossbench pane; BENCH functions read this table first.`
          ),
        ],
      ];
      const headerRange = sheet.getRangeByIndexes(
        REFERENCE_HEADER_ROW - 1,
        0,
        1,
        CANONICAL_HEADERS.length
      );
      headerRange.values = [CANONICAL_HEADERS.map((h) => h)];
      const created = sheet.tables.add(headerRange, true);
      created.name = REFERENCE_TABLE;
      created.load("id");
      header = [...CANONICAL_HEADERS];
      existingBody = [];
      result.tableCreated = true;
      // Created in its own small request, so a data chunk that Excel rejects can never undo the table.
      await sync();
      createdTableId = created.id;
    } else {
      header = snap.header.map((h) => String(h));
      const missing = CANONICAL_HEADERS.filter((h) => !header.includes(h));
      if (missing.length > 0)
        throw new Error(
          `The ${REFERENCE_TABLE} table on "${REFERENCE_SHEET}" lacks the column(s) ${missing.join(", ")}; add them back (header names as in the Crossbench help) before importing.`
        );
    }

    // Position of each canonical column in the table, which the user may have reordered or extended.
    const positions = CANONICAL_HEADERS.map((h) => header.indexOf(h));
    const toTableOrder = (
      canonical: (string | number | boolean)[],
      fill: string | null
    ): (string | number | boolean | null)[] => {
      const cells: (string | number | boolean | null)[] = header.map(() => fill);
      positions.forEach((p, i) => (cells[p] = canonical[i]));
      return cells;
    };
    const fromTableOrder = (cells: CellValue[]): CellValue[] =>
      positions.map((p) => cells[p] ?? "");

    const existingKeys = new Map<string, number>();
    existingBody.forEach((cells, index) => {
      const canonical = fromTableOrder(cells);
      const industry = String(canonical[0] ?? "");
      const metric = String(canonical[2] ?? "");
      if (!industry && !metric) return;
      const yearCell = canonical[6];
      const year =
        typeof yearCell === "number"
          ? yearCell
          : yearCell === "" || yearCell === null
            ? undefined
            : Number(yearCell);
      existingKeys.set(
        referenceKey({ industry, metric, year, region: String(canonical[5] ?? "") }),
        index
      );
    });

    const appends: (string | number | boolean)[][] = [];
    const updates: { bodyIndex: number; cells: (string | number | boolean)[] }[] = [];
    for (const value of rows) {
      const canonical = toCanonicalRow(value);
      const index = existingKeys.get(referenceKey(value));
      if (index === undefined) {
        appends.push(toTableOrder(cellsForWrite(canonical), "") as (string | number | boolean)[]);
        continue;
      }
      const before = fromTableOrder(existingBody[index]).map((c) => (c === "" ? null : c));
      if (sameRow(before, canonical)) {
        result.unchanged++;
        continue;
      }
      const change: RowChange = {
        key: referenceKey(value),
        industry: value.industry,
        metric: value.metric,
        sheetRow: snap.bodyRow + index + 1,
        before,
        after: canonical,
      };
      if (options.existing === "keep") {
        result.kept++;
        result.keptRows.push(change);
        continue;
      }
      result.updates.push(change);
      // Unmapped extra columns are left alone: null means "no change" in a values array.
      updates.push({
        bodyIndex: index,
        cells: toTableOrder(cellsForWrite(canonical), null) as (string | number | boolean)[],
      });
    }

    // Contiguous updated rows become one range write; appends go in as table rows.
    updates.sort((a, b) => a.bodyIndex - b.bodyIndex);
    const operations: Operation[] = [];
    for (const u of updates) {
      const last = operations[operations.length - 1];
      if (last && last.kind === "update" && last.bodyIndex + last.rows.length === u.bodyIndex)
        last.rows.push(u.cells);
      else operations.push({ kind: "update", bodyIndex: u.bodyIndex, rows: [u.cells] });
    }
    for (const row of appends) {
      const last = operations[operations.length - 1];
      if (last && last.kind === "append") last.rows.push(row);
      else operations.push({ kind: "append", rows: [row] });
    }
    const rowsTotal = appends.length + updates.length;
    let rowsDone = 0;

    // Fresh proxies per operation: objects first used in a rejected request cannot be reused after it.
    const queue = (op: Operation): void => {
      if (op.kind === "append") {
        context.workbook.tables.getItem(REFERENCE_TABLE).rows.add(undefined, op.rows);
      } else {
        context.workbook.tables
          .getItem(REFERENCE_TABLE)
          .worksheet.getRangeByIndexes(
            snap.bodyRow + op.bodyIndex,
            snap.bodyColumn,
            op.rows.length,
            header.length
          ).values = op.rows;
      }
    };
    const flush = async (batch: Operation[]): Promise<void> => {
      batch.forEach(queue);
      try {
        await sync();
      } catch (error) {
        if (!isPayloadTooLarge(error)) throw error;
        // The rejected request changed nothing: send the same operations again in two halves.
        const pieces =
          batch.length > 1
            ? [
                batch.slice(0, Math.ceil(batch.length / 2)),
                batch.slice(Math.ceil(batch.length / 2)),
              ]
            : splitOperation(batch[0]).map((op) => [op]);
        if (pieces.length < 2) throw error;
        for (const piece of pieces) await flush(piece);
        return;
      }
      for (const op of batch) {
        if (op.kind === "append") result.added += op.rows.length;
        else
          for (let i = 0; i < op.rows.length; i++)
            writtenSheetRows.add(snap.bodyRow + op.bodyIndex + i + 1);
      }
      rowsDone += batch.reduce((sum, op) => sum + op.rows.length, 0);
      options.onProgress?.({ rowsDone, rowsTotal, syncs: result.syncs });
    };

    // Build chunks under the byte budget, splitting big operations row by row.
    let batch: Operation[] = [];
    let batchBytes = 0;
    for (const op of operations) {
      let current: Operation | undefined;
      let currentBytes = 0;
      let bodyIndex = op.kind === "update" ? op.bodyIndex : 0;
      for (const row of op.rows) {
        const rowBytes = bytesOf(row) + 1;
        if (
          batchBytes + currentBytes + rowBytes + OPERATION_OVERHEAD_BYTES > maxBytes &&
          (current || batch.length > 0)
        ) {
          if (current) batch.push(current);
          if (throwIfAborted(options.signal)) {
            result.cancelled = true;
            return undefined;
          }
          await flush(batch);
          batch = [];
          batchBytes = 0;
          current = undefined;
          currentBytes = 0;
        }
        if (!current)
          current =
            op.kind === "append"
              ? { kind: "append", rows: [] }
              : { kind: "update", bodyIndex, rows: [] };
        current.rows.push(row);
        currentBytes += rowBytes;
        bodyIndex++;
      }
      if (current) {
        batch.push(current);
        batchBytes += currentBytes + OPERATION_OVERHEAD_BYTES;
      }
    }
    if (batch.length > 0 && throwIfAborted(options.signal)) {
      result.cancelled = true;
      return undefined;
    }
    if (batch.length > 0) await flush(batch);
    if (result.tableCreated) {
      context.workbook.tables.getItem(REFERENCE_TABLE).getRange().format.autofitColumns();
      await sync();
    }
    // Existing rows as the functions read them, with the written rows merged in table order.
    const existing = valuesFromTable(
      snap.header.length ? snap.header : header,
      existingBody,
      snap.bodyRow + 1
    );
    const byKey = new Map(existing.values.map((v) => [referenceKey(v), v]));
    for (const value of rows) {
      const key = referenceKey(value);
      if (options.existing === "keep" && byKey.has(key)) continue;
      byKey.set(key, value);
    }
    return {
      values: [...byKey.values()],
      report: existing.report,
      tableId: snap.tableId ?? createdTableId,
    };
  }).finally(() => {
    // Report only rows that reached the workbook (all of them unless the import was cancelled).
    result.updates = result.updates.filter((u) => writtenUpdate(u));
    result.updated = result.updates.length;
  });

  // The library now follows the cells (what was written, plus rows that were there before), and
  // Excel recalculates so BENCH formulas show the new figures: they do not reference the table.
  // After a complete write the new contents are known without reading them back; after a cancelled
  // one only the cells can say what arrived.
  const before = JSON.stringify(getWorkbookReferenceValues());
  if (written) {
    lastReadReport = written.report;
    trackedTableId = written.tableId ?? trackedTableId;
    setWorkbookReferenceValues(written.values);
  } else {
    result.cancelled = true;
    await refreshWorkbookLibrary();
  }
  const changed = JSON.stringify(getWorkbookReferenceValues()) !== before;
  if ((changed || result.added + result.updated > 0) && options.recalculate !== false)
    await requestFullRecalculation();
  return result;
}

async function requestFullRecalculation(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

let lastReadReport: ValidationReport | undefined;
let trackedTableId: string | undefined;

/** Problems found in the workbook table at the last read (rows the functions ignore), for the pane. */
export function lastReferenceTableReport(): ValidationReport | undefined {
  return lastReadReport;
}

/** Reads the table into the active library; returns true when the library changed. */
export async function refreshWorkbookLibrary(): Promise<boolean> {
  const read = await readReferenceTable();
  const values = read?.values ?? [];
  lastReadReport = read?.report;
  trackedTableId = read?.tableId ?? trackedTableId;
  const before = JSON.stringify(getWorkbookReferenceValues());
  setWorkbookReferenceValues(values);
  return JSON.stringify(values) !== before;
}

let started: Promise<void> | undefined;

/**
 * Loads the workbook table into the shared runtime once, then listens for table changes: each change
 * re-reads the table (one Excel.run, coalescing bursts) and, when the figures changed, asks Excel for a
 * full recalculation so BENCH formulas pick up the new data (they do not reference the table's cells).
 */
export function startReferenceTableSync(
  options: { recalculateOnChange?: boolean } = {}
): Promise<void> {
  if (started) return started;
  // Functions can be called before Office has finished initialising the shared runtime.
  const ready =
    typeof Office !== "undefined" && typeof Office.onReady === "function"
      ? Office.onReady()
      : Promise.resolve();
  const load = ready.then(() => refreshWorkbookLibrary());
  setPendingWorkbookLoad(load);
  let refreshing: Promise<void> | undefined;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        const changed = await refreshWorkbookLibrary();
        if (changed && options.recalculateOnChange !== false) {
          await requestFullRecalculation();
        }
      } while (again);
    })();
    try {
      await refreshing;
    } finally {
      refreshing = undefined;
    }
  };
  started = (async () => {
    await load;
    await Excel.run(async (context) => {
      context.workbook.tables.onChanged.add(async (event: Excel.TableChangedEventArgs) => {
        if (trackedTableId !== undefined && event.tableId !== trackedTableId) return;
        await refresh();
      });
      await context.sync();
    });
  })();
  return started;
}

let syncFailure: unknown;

/**
 * Starts the workbook sync on the first BENCH function call in a runtime that has a workbook (the
 * shared runtime). Without one (JavaScript-only runtime, tests) the bundled library stays active. A
 * failure is logged and kept for the pane (referenceTableSyncFailure); functions then use the bundled data.
 */
export function ensureReferenceTableSync(): void {
  if (started || typeof Excel === "undefined") return;
  startReferenceTableSync().catch((error: unknown) => {
    syncFailure = error;
    console.error(
      "Crossbench could not read the Crossbench Reference table; using the bundled library.",
      error
    );
  });
}

export function referenceTableSyncFailure(): unknown {
  return syncFailure;
}

/** For tests: forget the subscription state of this runtime. */
export function resetReferenceTableSyncForTests(): void {
  started = undefined;
  syncFailure = undefined;
  trackedTableId = undefined;
  lastReadReport = undefined;
  setPendingWorkbookLoad(undefined);
  setWorkbookReferenceValues([]);
}
