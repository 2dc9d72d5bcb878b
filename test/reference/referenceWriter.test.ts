/**
 * The writer against a user who keeps working: sorting, filtering and inserting rows between every
 * pair of syncs of a large update, lifting the add-in's guard, or protecting the sheet part-way.
 */
import { createExcelDouble, ExcelDouble } from "../excel-double";
import {
  betweenSyncs,
  filterTable,
  insertTableRow,
  sortTable,
  unprotectSheet,
} from "../excel-double/userActions";
import { getWorkbookReferenceValues } from "../../src/reference/activeLibrary";
import { CANONICAL_HEADERS } from "../../src/reference/canonical";
import { ReferenceValue, referenceKey } from "../../src/reference/model";
import {
  REFERENCE_SHEET,
  REFERENCE_TABLE,
  ReferenceWriteError,
  undoReferenceWrite,
  writeReferenceRows,
} from "../../src/excel/referenceWriter";
import { resetReferenceTableSyncForTests } from "../../src/excel/referenceSync";

const MEDIAN = CANONICAL_HEADERS.indexOf("median");
const row = (i: number, median: number): ReferenceValue => ({
  industry: `Industry ${i % 200}`,
  metric: `Metric ${Math.floor(i / 200)}`,
  unit: "ratio",
  direction: "higher",
  region: "",
  year: 2024,
  statistics: { median },
  source: "Own survey",
  illustrative: false,
});

function tableByKey(double: ExcelDouble): Map<string, number[]> {
  const table = double.state.table(REFERENCE_TABLE)!;
  const byKey = new Map<string, number[]>();
  for (const cells of table.rows) {
    if (cells.every((c) => c === "" || c === null)) continue;
    const key = referenceKey({
      industry: String(cells[0]),
      metric: String(cells[2]),
      year: cells[6] === "" ? undefined : Number(cells[6]),
      region: String(cells[5] ?? ""),
    });
    byKey.set(key, [...(byKey.get(key) ?? []), cells[MEDIAN] as number]);
  }
  return byKey;
}

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble();
  double.install();
  resetReferenceTableSyncForTests();
});
afterEach(() => {
  double.uninstall();
  resetReferenceTableSyncForTests();
});

it("updates 40,000 rows by key while the user sorts, filters and inserts rows between every pair of syncs", async () => {
  const count = 40_000;
  await writeReferenceRows(Array.from({ length: count }, (_, i) => row(i, i)));
  const outcomes: string[] = [];
  let turn = 0;
  const restore = betweenSyncs(double, async () => {
    turn++;
    outcomes.push(
      sortTable(
        double,
        REFERENCE_TABLE,
        turn % 2 ? MEDIAN : 0,
        turn % 3 ? "descending" : "ascending"
      )
    );
    outcomes.push(filterTable(double, REFERENCE_TABLE));
    outcomes.push(await insertTableRow(double, REFERENCE_TABLE, turn * 7));
  });
  const intended = Array.from({ length: count + 500 }, (_, i) => row(i, i * 10 + 1));
  let result;
  try {
    result = await writeReferenceRows(intended, { maxRequestBytes: 4_000_000 });
  } finally {
    restore();
  }
  expect(result.syncs).toBeGreaterThan(4);
  expect(outcomes.filter((o) => o === "refused").length).toBeGreaterThan(0);
  expect(result).toMatchObject({ added: 500, updated: count, remaining: 0 });
  const byKey = tableByKey(double);
  expect(byKey.size).toBe(count + 500);
  for (const value of intended)
    expect(byKey.get(referenceKey(value))).toEqual([value.statistics.median]);
  expect(double.state.sheet(REFERENCE_SHEET).protection.protected).toBe(false);
}, 600_000);

it("finds a row moved under it (guard lifted and table sorted mid-import), puts it back and updates by key", async () => {
  const count = 3000;
  await writeReferenceRows(Array.from({ length: count }, (_, i) => row(i, i)));
  let syncs = 0;
  const restore = betweenSyncs(double, async () => {
    syncs++;
    if (syncs === 14) {
      await unprotectSheet(double, REFERENCE_SHEET);
      sortTable(double, REFERENCE_TABLE, MEDIAN, "descending");
    }
  });
  const intended = Array.from({ length: count }, (_, i) => row(i, -i - 1));
  let result;
  try {
    result = await writeReferenceRows(intended, { maxRequestBytes: 100_000 });
  } finally {
    restore();
  }
  expect(result.repaired).toBeGreaterThan(0);
  const byKey = tableByKey(double);
  expect(byKey.size).toBe(count);
  for (const value of intended)
    expect(byKey.get(referenceKey(value))).toEqual([value.statistics.median]);
});

it("reports exactly which rows were written when the sheet is protected part-way, refreshes the library, and can undo", async () => {
  await writeReferenceRows([row(0, 5), row(1, 6)]);
  let syncs = 0;
  const restore = betweenSyncs(double, async () => {
    syncs++;
    if (syncs === 10) {
      await unprotectSheet(double, REFERENCE_SHEET);
      double.state.protect(REFERENCE_SHEET, {}, "secret");
    }
  });
  let failure: ReferenceWriteError | undefined;
  try {
    await writeReferenceRows(
      Array.from({ length: 3000 }, (_, i) => row(i, 100 + i)),
      { maxRequestBytes: 60_000 }
    );
  } catch (error) {
    failure = error as ReferenceWriteError;
  } finally {
    restore();
  }
  expect(failure).toBeInstanceOf(ReferenceWriteError);
  const written = failure!.result.written;
  expect(written.length).toBeGreaterThan(0);
  expect(written.length).toBeLessThan(3000);
  expect(failure!.result.remaining).toBe(3000 - written.length);
  expect(failure!.message).toMatch(
    new RegExp(`after ${written.length.toLocaleString("en-US")} of 3,000 rows`)
  );
  // Exactly the reported rows are in the table with their new figures; the library follows the cells.
  const byKey = tableByKey(double);
  for (const w of written) expect(byKey.get(w.key)).toEqual([w.value.statistics.median]);
  expect(byKey.size).toBe(Math.max(2, written.filter((w) => w.kind === "added").length + 2));
  expect(getWorkbookReferenceValues()).toHaveLength(byKey.size);

  double.state.sheet(REFERENCE_SHEET); // the user removes their password protection, then undoes
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(REFERENCE_SHEET).protection.unprotect("secret");
    await context.sync();
  });
  const undone = await undoReferenceWrite(written);
  expect(undone.restored + undone.removed).toBe(written.length);
  expect([...tableByKey(double).entries()].sort()).toEqual(
    [
      [referenceKey(row(0, 0)), [5]],
      [referenceKey(row(1, 0)), [6]],
    ].sort()
  );
});

it("re-reads the rows it appended and puts right the ones a sort and an inserted row after the append requests lost or doubled", async () => {
  const existing = 600;
  const appended = 300;
  await writeReferenceRows(Array.from({ length: existing }, (_, i) => row(i, i)));
  let syncs = 0;
  let afterAppends = false;
  const restore = betweenSyncs(double, async () => {
    syncs++;
    const rows = double.state.table(REFERENCE_TABLE)!.rows.length;
    // The user lifts the guard and sorts while the updates are sent, and again (inserting a row too)
    // once every new row has been appended, before the writer's next request.
    if (syncs === 7 || (!afterAppends && rows >= existing + appended)) {
      afterAppends = syncs !== 7;
      await unprotectSheet(double, REFERENCE_SHEET);
      sortTable(double, REFERENCE_TABLE, MEDIAN, syncs === 7 ? "descending" : "ascending");
      if (afterAppends) await insertTableRow(double, REFERENCE_TABLE, 3);
    }
  });
  const intended = Array.from({ length: existing + appended }, (_, i) => row(i, -i - 1));
  let result;
  try {
    result = await writeReferenceRows(intended, { maxRequestBytes: 40_000 });
  } finally {
    restore();
  }
  expect(afterAppends).toBe(true);
  expect(result).toMatchObject({ added: appended, updated: existing, remaining: 0 });
  const byKey = tableByKey(double);
  const wrong = (values: ReferenceValue[]) =>
    values
      .filter(
        (value) =>
          JSON.stringify(byKey.get(referenceKey(value))) !==
          JSON.stringify([value.statistics.median])
      )
      .map((value) => referenceKey(value));
  expect(wrong(intended.slice(existing))).toEqual([]); // the appended rows
  expect(wrong(intended.slice(0, existing))).toEqual([]); // the updated rows
  expect(byKey.size).toBe(intended.length);
  // The library the functions read is what the table holds.
  expect(getWorkbookReferenceValues()).toHaveLength(intended.length);
});

/**
 * A double that keeps what ran before a failing operation (as Excel does), ten reference rows, and the
 * user's own table just below them over the reference table's last two columns (S:W): Excel refuses to
 * push it down, so a request's append fails after the updates before it ran.
 */
async function tenRowsAboveTheUsersTable(): Promise<void> {
  double.uninstall();
  double = createExcelDouble({ partialFailures: true });
  double.install();
  await writeReferenceRows(Array.from({ length: 10 }, (_, i) => row(i, i)));
  const below = "S14:W15"; // header on row 3, ten rows below it
  double.state.setValues(REFERENCE_SHEET, below, [
    ["a", "b", "c", "d", "e"],
    [1, 2, 3, 4, 5],
  ]);
  double.state.addTable(REFERENCE_SHEET, below);
}

it("after a request that fails part-way (Excel keeps what ran before the failing operation), reports the rows of that request that landed, and undo puts them back", async () => {
  await tenRowsAboveTheUsersTable();
  const intended = Array.from({ length: 15 }, (_, i) => row(i, 100 + i));
  let failure: ReferenceWriteError | undefined;
  try {
    await writeReferenceRows(intended);
  } catch (error) {
    failure = error as ReferenceWriteError;
  }
  expect(failure).toBeInstanceOf(ReferenceWriteError);
  // The ten updates are in the table with their new figures, and the report says so.
  const byKey = tableByKey(double);
  for (const value of intended.slice(0, 10))
    expect(byKey.get(referenceKey(value))).toEqual([value.statistics.median]);
  const written = failure!.result.written;
  expect(written.map((w) => w.key).sort()).toEqual(
    intended
      .slice(0, 10)
      .map((v) => referenceKey(v))
      .sort()
  );
  expect(written.every((w) => w.kind === "updated")).toBe(true);
  expect(failure!.result).toMatchObject({ updated: 10, added: 0, remaining: 5 });
  expect(failure!.message).toMatch(/after 10 of 15 rows/);
  expect(
    getWorkbookReferenceValues()
      .map((v) => v.statistics.median)
      .sort((a, b) => a! - b!)
  ).toEqual(intended.slice(0, 10).map((v) => v.statistics.median));

  const undone = await undoReferenceWrite(written);
  expect(undone).toEqual({ restored: 10, removed: 0 });
  expect([...tableByKey(double).values()].flat().sort((a, b) => a - b)).toEqual(
    Array.from({ length: 10 }, (_, i) => i)
  );
});

it("when the table cannot even be read after a request failed, says how many rows of that request may have been written", async () => {
  await tenRowsAboveTheUsersTable();
  // The user starts editing a cell the moment the failing request returns: every later request fails.
  const excel = (globalThis as { Excel: typeof Excel }).Excel;
  const run = excel.run;
  (excel as { run: unknown }).run = (batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    (run as (b: typeof batch) => Promise<unknown>)(async (context) => {
      const sync = context.sync.bind(context);
      context.sync = async <T>(value?: T): Promise<T> =>
        sync(value).catch((error: unknown) => {
          double.setCellEditMode(true);
          throw error;
        });
      return batch(context);
    });
  let failure: ReferenceWriteError | undefined;
  try {
    await writeReferenceRows(Array.from({ length: 15 }, (_, i) => row(i, 100 + i)));
  } catch (error) {
    failure = error as ReferenceWriteError;
  } finally {
    (excel as { run: unknown }).run = run;
    double.setCellEditMode(false);
  }
  expect(failure).toBeInstanceOf(ReferenceWriteError);
  expect(failure!.result.written).toEqual([]);
  expect(failure!.result).toMatchObject({ unconfirmed: 15, remaining: 0 });
  expect(failure!.message).toMatch(
    /stopped after 0 of 15 rows: .*15 more rows of the last request may have been written too/
  );
});
