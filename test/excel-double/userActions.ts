/**
 * What a user does to a table by hand while the add-in works: sort it, filter it, insert a row, lift
 * a sheet's protection. Each action is refused on a protected sheet, as Excel refuses sorting,
 * AutoFilter and row insertion there unless the protection options allow them (Microsoft: "Lock or
 * unlock specific areas of a protected worksheet": sorting, AutoFilter and inserting rows are off by
 * default). `betweenSyncs` runs an action after every `context.sync()` of the code under test.
 *
 * Filtering hides rows; hidden rows keep their positions and API writes still reach them, so in the
 * double a permitted filter changes nothing that positions depend on (the double does not model
 * hidden rows). Additive only: built on the double's public state and API.
 */
import type { CellValue, ExcelDouble } from "./index";

export type UserActionOutcome = "done" | "refused";

function refusedOnProtected(double: ExcelDouble, sheet: string): boolean {
  return double.state.sheet(sheet).protection.protected;
}

/** Sorts the table's body rows by one column (Data > Sort). */
export function sortTable(
  double: ExcelDouble,
  tableName: string,
  column: number,
  order: "ascending" | "descending" = "ascending"
): UserActionOutcome {
  const table = double.state.table(tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  if (refusedOnProtected(double, table.sheet)) return "refused";
  const sign = order === "ascending" ? 1 : -1;
  const text = (cell: CellValue) => (cell === null ? "" : String(cell));
  const rows = [...table.rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * text(x).localeCompare(text(y));
  });
  const address = table.dataAddress.split("!").pop()!;
  double.state.setValues(table.sheet, address, rows);
  return "done";
}

/** Applies an AutoFilter to the table (refused on a protected sheet; see the note above). */
export function filterTable(double: ExcelDouble, tableName: string): UserActionOutcome {
  const table = double.state.table(tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  return refusedOnProtected(double, table.sheet) ? "refused" : "done";
}

/** Inserts a blank row into the table at a body position (Insert > Table Rows Above). */
export async function insertTableRow(
  double: ExcelDouble,
  tableName: string,
  at: number
): Promise<UserActionOutcome> {
  const table = double.state.table(tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  if (refusedOnProtected(double, table.sheet)) return "refused";
  await double.Excel.run(async (context) => {
    context.workbook.tables
      .getItem(tableName)
      .rows.add(Math.min(at, table.rows.length), [table.headers.map(() => "")]);
    await context.sync();
  });
  return "done";
}

/** Review > Unprotect Sheet (a sheet protected without a password). */
export async function unprotectSheet(double: ExcelDouble, sheet: string): Promise<void> {
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).protection.unprotect();
    await context.sync();
  });
}

/**
 * Runs `act` after every sync of Excel.run batches started while installed (not inside `act`'s own
 * runs). Returns a function that restores the original Excel.run.
 */
export function betweenSyncs(double: ExcelDouble, act: () => void | Promise<void>): () => void {
  const excel = (globalThis as { Excel: typeof Excel }).Excel;
  const original = excel.run;
  let acting = false;
  const wrap =
    (batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    async (context: Excel.RequestContext) => {
      if (!acting) {
        const sync = context.sync.bind(context);
        context.sync = async <T>(passThroughValue?: T): Promise<T> => {
          const value = await sync(passThroughValue);
          acting = true;
          try {
            await act();
          } finally {
            acting = false;
          }
          return value;
        };
      }
      return batch(context);
    };
  (excel as { run: unknown }).run = (...args: unknown[]) => {
    if (typeof args[0] === "function")
      return original(wrap(args[0] as (context: Excel.RequestContext) => Promise<unknown>));
    return (original as (...a: unknown[]) => Promise<unknown>)(
      args[0],
      wrap(args[1] as (context: Excel.RequestContext) => Promise<unknown>)
    );
  };
  void double;
  return () => {
    (excel as { run: unknown }).run = original;
  };
}

/**
 * The user is typing in a cell (Excel's cell-edit mode). Microsoft (Excel.RunOptions.delayForCellEdit):
 * "When false, if the user is in cell edit mode, the batch request will fail automatically. When
 * true, the batch request will be executed once the user exits cell edit mode." A failed request
 * answers InvalidOperationInCellEditMode. Returns `leave()` (the user presses Enter).
 */
export function enterCellEditMode(double: ExcelDouble): { leave(): void; failed: number } {
  const excel = double.Excel;
  const original = excel.run;
  let release: () => void = () => undefined;
  const left = new Promise<void>((resolve) => (release = resolve));
  const state = {
    failed: 0,
    leave() {
      (excel as { run: unknown }).run = original;
      release();
    },
  };
  (excel as { run: unknown }).run = async (...args: unknown[]) => {
    const options = typeof args[0] === "function" ? undefined : (args[0] as Excel.RunOptions);
    if (options?.delayForCellEdit) {
      await left;
    } else {
      state.failed++;
      throw Object.assign(
        new Error(
          "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again."
        ),
        { code: "InvalidOperationInCellEditMode", name: "RichApi.Error" }
      );
    }
    return (original as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  return state;
}
