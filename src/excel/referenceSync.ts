/**
 * The workbook table as the shared runtime's active library (this module is in the functions bundle,
 * so it imports no import code: no writer, validator or CSV parser).
 *
 *   readReferenceTable()        -> the table's rows as reference values (+ rows it could not use)
 *   startReferenceTableSync()   -> reads the table once (retried with backoff: Excel refuses requests
 *                                  while a cell is being edited), then re-reads it when it changes
 *   recalculateReferenceFormulas() -> recalculates only the cells that hold BENCH reference functions
 *
 * While the table cannot be read the status is "unavailable" and the functions answer #N/A saying so:
 * bundled figures must never stand in silently for the user's own.
 */
import type { CellValue } from "../reference/canonical";
import {
  getWorkbookReferenceValues,
  ownWriteInProgress,
  setPendingWorkbookLoad,
  setWorkbookReferenceValues,
  setWorkbookStatus,
} from "../reference/activeLibrary";
import { ReferenceValue } from "../reference/model";
import type { ImportProblem } from "../reference/importProblem";
import { readTableRows } from "../reference/tableRows";
import { REFERENCE_SHEET, snapshot } from "./referenceSheet";
import { officeSupports } from "./requirements";

export interface TableReadResult {
  values: ReferenceValue[];
  /** Rows the functions ignore (hand edits that are not a usable reference value), by sheet row. */
  problems: ImportProblem[];
  tableId: string;
}

/** Delays before each attempt of the first read; the wait is bounded by their sum. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [0, 250, 500, 1000, 2000, 4000];
/** How long a function waits for the first read of the table before answering #N/A saying so. */
export const DEFAULT_FIRST_READ_WAIT_MS = 15_000;

const timing = {
  retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
  firstReadWaitMs: DEFAULT_FIRST_READ_WAIT_MS,
};

/** Shorter waits for tests and benchmarks. */
export function configureReferenceSync(options: Partial<typeof timing>): void {
  Object.assign(timing, options);
}

export function firstReadWaitMs(): number {
  return timing.firstReadWaitMs;
}

/** Requests wait for the user to leave cell-edit mode where Excel can (ExcelApi 1.11), instead of failing. */
function runOptions(): Excel.RunOptions {
  return officeSupports("ExcelApi", "1.11") ? { delayForCellEdit: true } : {};
}

/** Table body rows (in the table's column order) as reference values. */
export function valuesFromTable(
  header: readonly CellValue[],
  body: readonly CellValue[][],
  firstSheetRow: number
): TableReadResult & { rowIndexes: number[] } {
  return { ...readTableRows(header, body, firstSheetRow, REFERENCE_SHEET), tableId: "" };
}

/** Reads the table (syncs: existence, size, then one per chunk of rows); null when there is none. */
export async function readReferenceTable(): Promise<TableReadResult | null> {
  return Excel.run(runOptions(), async (context) => {
    const snap = await snapshot(context);
    if (!snap.exists) return null;
    const read = valuesFromTable(snap.header, snap.body, snap.bodyRow + 1);
    return { values: read.values, problems: read.problems, tableId: snap.tableId as string };
  });
}

let lastProblems: ImportProblem[] = [];
let trackedTableId: string | undefined;

/** Rows of the workbook table the functions ignore, found at the last read. */
export function lastReferenceTableProblems(): readonly ImportProblem[] {
  return lastProblems;
}

/** Reads the table into the active library; returns true when the library changed. */
export async function refreshWorkbookLibrary(): Promise<boolean> {
  const read = await readReferenceTable();
  const values = read?.values ?? [];
  lastProblems = read?.problems ?? [];
  trackedTableId = read?.tableId ?? trackedTableId;
  const before = JSON.stringify(getWorkbookReferenceValues());
  setWorkbookReferenceValues(values);
  setWorkbookStatus(read ? "ready" : "none");
  return JSON.stringify(values) !== before;
}

/** The BENCH functions that read the reference library (their results change with the table). */
const REFERENCE_FORMULA =
  /\bBENCH\.(METRIC|PERCENTILE|GAP|INDUSTRIES|METRICS|SIMILARITY|PRACTICES)\s*\(/i;
/** Sheets larger than this are recalculated as a whole rather than scanned cell by cell. */
const MAX_SCANNED_CELLS = 200_000;

/** Runs of matching cells down one column: [row, column, rows] relative to the scanned range. */
function formulaRuns(formulas: readonly unknown[][]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let c = 0; c < (formulas[0]?.length ?? 0); c++) {
    let start = -1;
    for (let r = 0; r <= formulas.length; r++) {
      const hit = r < formulas.length && REFERENCE_FORMULA.test(String(formulas[r][c] ?? ""));
      if (hit && start < 0) start = r;
      if (!hit && start >= 0) {
        runs.push([start, c, r - start]);
        start = -1;
      }
    }
  }
  return runs;
}

/**
 * Recalculates only the cells holding BENCH reference functions (Range.calculate, ExcelApi 1.6), not
 * every open workbook as application.calculate(Full) would. Two syncs: used ranges, then the calculations.
 */
export async function recalculateReferenceFormulas(): Promise<number> {
  return Excel.run(runOptions(), async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const used = sheets.items
      .filter((sheet) => sheet.name !== REFERENCE_SHEET)
      .map((sheet) => ({
        sheet,
        range: sheet
          .getUsedRangeOrNullObject(true)
          .load(["rowIndex", "columnIndex", "rowCount", "columnCount"]),
      }));
    await context.sync();
    const scanned = used
      .filter(({ range }) => !range.isNullObject)
      .map(({ sheet, range }) => {
        const large = range.rowCount * range.columnCount > MAX_SCANNED_CELLS;
        return { sheet, range, large, formulas: large ? undefined : range.load("formulas") };
      });
    await context.sync();
    let calculated = 0;
    for (const { range, large, formulas } of scanned) {
      if (large) {
        range.calculate();
        calculated++;
        continue;
      }
      for (const [row, column, rows] of formulaRuns(formulas!.formulas as unknown[][])) {
        range
          .getCell(row, column)
          .getResizedRange(rows - 1, 0)
          .calculate();
        calculated++;
      }
    }
    await context.sync();
    return calculated;
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeFailure(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const reason =
    code === "InvalidOperationInCellEditMode"
      ? "Excel is editing a cell"
      : error instanceof Error
        ? error.message
        : String(error);
  return `The workbook's ${REFERENCE_SHEET} table could not be read (${reason.slice(0, 200)}); Crossbench keeps trying. Finish the cell edit or reopen the pane.`;
}

let answeredWithoutTable = false;

/** A function answered #N/A because the table was not read yet: recalculate once it is. */
export function noteAnsweredWithoutTable(): void {
  answeredWithoutTable = true;
}

/** First read with backoff; resolves when a read succeeded, rejects after the last attempt. */
async function loadWithRetry(delays: readonly number[]): Promise<void> {
  let failure: unknown;
  for (const delay of delays) {
    if (delay > 0) await sleep(delay);
    try {
      await refreshWorkbookLibrary();
      if (answeredWithoutTable) {
        answeredWithoutTable = false;

        await recalculateReferenceFormulas();
      }
      return;
    } catch (error) {
      failure = error;
      setWorkbookStatus("unavailable", describeFailure(error));
    }
  }
  throw failure;
}

let started: Promise<void> | undefined;
let syncFailure: unknown;

export interface SyncOptions {
  retryDelaysMs?: readonly number[];
}

/**
 * Loads the workbook table into the shared runtime (retried), then listens for table changes: each
 * change made by the user re-reads the table (coalescing bursts) and, when the figures changed,
 * recalculates the cells that hold reference functions. The add-in's own writes are ignored here (the
 * writer updates the library and recalculates itself).
 */
export function startReferenceTableSync(options: SyncOptions = {}): Promise<void> {
  if (started) return started;
  const delays = options.retryDelaysMs ?? timing.retryDelaysMs;
  // Functions can be called before Office has finished initialising the shared runtime.
  const ready =
    typeof Office !== "undefined" && typeof Office.onReady === "function"
      ? Office.onReady()
      : Promise.resolve();
  setWorkbookStatus("loading");
  const load = ready.then(() => loadWithRetry(delays));
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

        if (await refreshWorkbookLibrary()) await recalculateReferenceFormulas();
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
    await Excel.run(runOptions(), async (context) => {
      context.workbook.tables.onChanged.add(async (event: Excel.TableChangedEventArgs) => {
        if (ownWriteInProgress()) return;
        if (trackedTableId !== undefined && event.tableId !== trackedTableId) return;
        await refresh();
      });
      await context.sync();
    });
  })().catch((error: unknown) => {
    // The next call starts a new attempt; until then the functions say the table could not be read.
    started = undefined;
    syncFailure = error;
    setWorkbookStatus("unavailable", describeFailure(error));
    throw error;
  });
  return started;
}

/**
 * Starts the workbook sync on the first BENCH function call in a runtime that has a workbook (the
 * shared runtime). Without one (JavaScript-only runtime, tests) the bundled library is the library.
 * A failure is logged and kept (referenceTableSyncFailure); the status tells the functions to say so,
 * and the next call starts a new attempt.
 */
export function ensureReferenceTableSync(options: SyncOptions = {}): void {
  if (started || typeof Excel === "undefined") return;
  startReferenceTableSync(options).catch((error: unknown) => {
    console.error(describeFailure(error), error);
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
  lastProblems = [];
  answeredWithoutTable = false;
  timing.retryDelaysMs = DEFAULT_RETRY_DELAYS_MS;
  timing.firstReadWaitMs = DEFAULT_FIRST_READ_WAIT_MS;
  setPendingWorkbookLoad(undefined);
  setWorkbookReferenceValues([]);
  setWorkbookStatus("none");
}

export function trackReferenceTable(tableId: string | undefined): void {
  trackedTableId = tableId ?? trackedTableId;
}
