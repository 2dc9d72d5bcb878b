import { createExcelDouble, ExcelDouble } from "../excel-double";
import { getActiveLibrary, getWorkbookReferenceValues } from "../../src/reference/activeLibrary";
import { CANONICAL_HEADERS } from "../../src/reference/canonical";
import { ReferenceValue } from "../../src/reference/model";
import {
  REFERENCE_SHEET,
  REFERENCE_TABLE,
  writeReferenceRows,
} from "../../src/excel/referenceWriter";
import {
  readReferenceTable,
  resetReferenceTableSyncForTests,
  startReferenceTableSync,
} from "../../src/excel/referenceSync";
import { metric } from "../../src/functions/reference";
import { columnLetter } from "../../src/reference/importProblem";

const value = (over: Partial<ReferenceValue> = {}): ReferenceValue => ({
  industry: "Bakeries",
  industryCode: "311811",
  metric: "Gross margin",
  unit: "%",
  direction: "higher",
  region: "",
  year: 2025,
  statistics: { p10: 0.4, p25: 0.45, median: 0.5, p75: 0.55, p90: 0.6 },
  n: 40,
  source: "Own survey",
  licence: "CC BY 4.0",
  notes: "TRUE",
  illustrative: false,
  ...over,
});

function manyRows(count: number): ReferenceValue[] {
  return Array.from({ length: count }, (_, i) =>
    value({
      industry: `Industry ${i % 50}`,
      metric: `Metric ${Math.floor(i / 50)}`,
      unit: "ratio",
      statistics: { median: i },
    })
  );
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

describe("writeReferenceRows", () => {
  it("creates the sheet and table, keeps text as text and reads back the same values", async () => {
    const rows = [
      value(),
      value({
        metric: "Days sales outstanding",
        unit: "days",
        direction: "lower",
        statistics: { median: 12 },
        region: "2024-05",
        source: "#N/A survey",
      }),
    ];
    const result = await writeReferenceRows(rows);
    expect(result).toMatchObject({
      added: 2,
      updated: 0,
      unchanged: 0,
      tableCreated: true,
      cancelled: false,
    });
    const table = double.state.table(REFERENCE_TABLE)!;
    expect(table.sheet).toBe(REFERENCE_SHEET);
    expect(table.headers).toEqual(CANONICAL_HEADERS);
    expect(table.rows).toHaveLength(2);
    // "311811", "TRUE", "2024-05" and "#N/A survey" would become a number, boolean, date and error if typed.
    expect(table.rows[0][CANONICAL_HEADERS.indexOf("industry_code")]).toBe("311811");
    expect(table.rows[0][CANONICAL_HEADERS.indexOf("notes")]).toBe("TRUE");
    expect(table.rows[1][CANONICAL_HEADERS.indexOf("region")]).toBe("2024-05");
    expect(table.rows[1][CANONICAL_HEADERS.indexOf("source")]).toBe("#N/A survey");
    expect(table.rows[0][CANONICAL_HEADERS.indexOf("median")]).toBe(0.5);
    const read = await readReferenceTable();
    expect(read?.problems).toEqual([]);
    expect(read?.values).toEqual(rows);
    // Never a full recalculation of every open workbook after an import.
    expect(double.state.application().calculations).not.toContain("Full");
    expect(double.state.sheet(REFERENCE_SHEET).protection.protected).toBe(false);
  });

  it("merges by key and says which rows it overwrote, or keeps them when asked", async () => {
    await writeReferenceRows([
      value(),
      value({ metric: "Net profit margin", statistics: { median: 0.05 } }),
    ]);
    const changed = value({ statistics: { median: 0.52 } });
    const result = await writeReferenceRows([
      changed,
      value({ metric: "Net profit margin", statistics: { median: 0.05 } }),
      value({ year: 2024 }),
    ]);
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 1, kept: 0 });
    expect(result.updates[0]).toMatchObject({
      industry: "Bakeries",
      metric: "Gross margin",
      sheetRow: 4,
    });
    expect(result.updates[0].before[CANONICAL_HEADERS.indexOf("median")]).toBe(0.5);
    expect(result.updates[0].after[CANONICAL_HEADERS.indexOf("median")]).toBe(0.52);
    const kept = await writeReferenceRows([value({ statistics: { median: 0.99 } })], {
      policy: "keep",
    });
    expect(kept).toMatchObject({ added: 0, updated: 0, kept: 1 });
    expect(double.state.table(REFERENCE_TABLE)!.rows[0][CANONICAL_HEADERS.indexOf("median")]).toBe(
      0.52
    );
    expect(double.state.table(REFERENCE_TABLE)!.rows).toHaveLength(3);
  });

  it("works on a table whose columns the user reordered and extended", async () => {
    const header = [...CANONICAL_HEADERS].reverse().concat(["my comment"]);
    double.state.addSheet(REFERENCE_SHEET);
    double.state.setValues(REFERENCE_SHEET, `A1:U2`, [
      header,
      header.map((h) => (h === "my comment" ? "keep me" : "")),
    ]);
    double.state.addTable(REFERENCE_SHEET, "A1:U2", { name: REFERENCE_TABLE });
    double.state.setValues(REFERENCE_SHEET, "A2:U2", [
      header.map((h) =>
        h === "my comment"
          ? "keep me"
          : h === "industry"
            ? "Bakeries"
            : h === "metric"
              ? "Gross margin"
              : h === "unit"
                ? "%"
                : h === "direction"
                  ? "higher"
                  : h === "year"
                    ? 2025
                    : h === "median"
                      ? 0.3
                      : h === "source"
                        ? "Old"
                        : ""
      ),
    ]);
    const result = await writeReferenceRows([value()]);
    expect(result).toMatchObject({ updated: 1, added: 0 });
    const row = double.state.table(REFERENCE_TABLE)!.rows[0];
    expect(row[header.indexOf("my comment")]).toBe("keep me");
    expect(row[header.indexOf("median")]).toBe(0.5);
  });

  it("refuses duplicate keys in its input", async () => {
    await expect(writeReferenceRows([value(), value()])).rejects.toThrow(
      /twice; validate the source first/
    );
    expect(double.state.table(REFERENCE_TABLE)).toBeUndefined();
  });

  it("keeps every request under the byte budget and reports progress", async () => {
    const progress: number[] = [];
    const rows = manyRows(3000);
    const result = await writeReferenceRows(rows, {
      maxRequestBytes: 100_000,
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(result.added).toBe(3000);
    expect(double.stats.maxRequestBytes).toBeLessThan(100_000);
    expect(double.stats.syncCount).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(3000);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(double.state.table(REFERENCE_TABLE)!.rows).toHaveLength(3000);
  });

  it("halves and retries when Excel rejects a request as too large", async () => {
    double.uninstall();
    double = createExcelDouble({ payloadLimitBytes: 60_000 });
    double.install();
    const result = await writeReferenceRows(manyRows(2000), { maxRequestBytes: 200_000 });
    expect(result.added).toBe(2000);
    expect(double.stats.requests.some((r) => r.error === "RequestPayloadSizeLimitExceeded")).toBe(
      true
    );
    expect(
      double.state.table(REFERENCE_TABLE)!.rows.map((r) => r[CANONICAL_HEADERS.indexOf("median")])
    ).toEqual(manyRows(2000).map((v) => v.statistics.median));
  });

  it("stops between chunks when cancelled and counts only what was written", async () => {
    const controller = new AbortController();
    const result = await writeReferenceRows(manyRows(3000), {
      maxRequestBytes: 100_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(result.cancelled).toBe(true);
    const written = double.state.table(REFERENCE_TABLE)!.rows.length;
    expect(result.added).toBe(written);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(3000);
    expect(getActiveLibrary().industries()).toContain("Industry 0");
  });

  it("refuses to build its table over an existing sheet of the same name that has contents", async () => {
    double.state.addSheet(REFERENCE_SHEET);
    double.state.setValues(REFERENCE_SHEET, "B2", [["somebody's notes"]]);
    await expect(writeReferenceRows([value()])).rejects.toThrow(/Rename or clear that sheet/);
    expect(double.state.values(REFERENCE_SHEET, "A1:B3")).toEqual([
      ["", ""],
      ["", "somebody's notes"],
      ["", ""],
    ]);
    expect(double.state.tables()).toEqual([]);
  });

  it("reads a large table in chunks under the response limit, and its in-memory copy matches the cells", async () => {
    double.uninstall();
    double = createExcelDouble({ responsePayloadLimitBytes: 60_000 });
    double.install();
    await writeReferenceRows(manyRows(1500), { maxRequestBytes: 50_000 });
    await writeReferenceRows(
      [
        value({
          industry: "Industry 3",
          metric: "Metric 0",
          unit: "ratio",
          statistics: { median: -1 },
        }),
        value(),
      ],
      { maxRequestBytes: 50_000 }
    );
    const inMemory = getWorkbookReferenceValues();
    double.stats.reset();
    const read = await readReferenceTable();
    expect(read?.values).toHaveLength(1501);
    expect(read?.values).toEqual(inMemory);
    expect(double.stats.syncCount).toBeGreaterThan(3);
    // Chunks Excel refused were halved and read again; every answered request fits the limit.
    expect(double.stats.requests.some((r) => r.error === "ResponsePayloadSizeLimitExceeded")).toBe(
      true
    );
    expect(
      double.stats.requests.filter((r) => !r.error).every((r) => r.responseBytes <= 60_000)
    ).toBe(true);
  });

  it("refuses a sheet the user protected, writing nothing", async () => {
    double.state.addSheet(REFERENCE_SHEET);
    double.state.protect(REFERENCE_SHEET);
    await expect(writeReferenceRows([value()])).rejects.toThrow(
      /is protected.*nothing was written/
    );
    expect(double.state.tables()).toEqual([]);
  });
});

describe("workbook table as the active library", () => {
  it("loads the table on the first function call, then serves functions from memory and refreshes on edits", async () => {
    await writeReferenceRows([value({ industry: "Retail", statistics: { median: 0.123 } })]);
    resetReferenceTableSyncForTests();
    double.stats.reset();
    expect(await metric("Retail", "Gross margin")).toBe(0.123);
    const syncsForLoad = double.stats.syncCount;
    // existence, size, one chunk of rows (+ the change-event registration when it lands first)
    expect(syncsForLoad).toBeLessThanOrEqual(4);
    await startReferenceTableSync();
    const afterStart = double.stats.syncCount;
    expect(await metric("Retail", "Gross margin", "source")).toBe("Own survey");
    expect(await metric("Retail", "Net profit margin", "illustrative")).toBe(true);
    expect(double.stats.syncCount).toBe(afterStart);

    const medianColumn = columnLetter(CANONICAL_HEADERS.indexOf("median"));
    double.userEdit(REFERENCE_SHEET, `${medianColumn}4`, [[0.2]]);
    await double.eventsSettled();
    expect(double.eventErrors).toEqual([]);
    expect(await metric("Retail", "Gross margin")).toBe(0.2);
    expect(double.state.application().calculations).not.toContain("Full");
  });

  it("uses the bundled library when the workbook has no table", async () => {
    await startReferenceTableSync();
    expect(await metric("Retail", "Gross margin", "illustrative")).toBe(true);
  });
});
