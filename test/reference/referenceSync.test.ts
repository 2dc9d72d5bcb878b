/**
 * The reference functions tell the truth about the workbook's table: a first read that fails (Excel
 * in cell-edit mode) is retried; while the table cannot be read they answer #N/A saying so, never the
 * bundled figures; once read, the user's 2024 row beats the bundled 2025 row; a hung read keeps them
 * busy for a bounded time only; and only the cells holding reference functions are recalculated.
 */
import { createExcelDouble, ExcelDouble } from "../excel-double";
import { enterCellEditMode } from "../excel-double/userActions";
import { BUNDLED_LIBRARY } from "../../src/reference/bundledLibrary";
import { ReferenceValue } from "../../src/reference/model";
import { writeReferenceRows } from "../../src/excel/referenceWriter";
import {
  configureReferenceSync,
  resetReferenceTableSyncForTests,
  startReferenceTableSync,
} from "../../src/excel/referenceSync";
import { gap, metric, percentile } from "../../src/functions/reference";

const bundled = BUNDLED_LIBRARY.find(
  (v) => v.industry === "Retail" && v.metric === "Gross margin"
)!;
const ownRow: ReferenceValue = {
  ...bundled,
  year: 2024,
  statistics: { p25: 0.2, median: 0.31, p75: 0.4 },
  source: "Own survey 2024",
  illustrative: false,
};

let double: ExcelDouble;
beforeEach(async () => {
  double = createExcelDouble();
  double.install();
  resetReferenceTableSyncForTests();
  await writeReferenceRows([ownRow]);
  // A new session: the runtime knows nothing of the table yet.
  resetReferenceTableSyncForTests();
  configureReferenceSync({ retryDelaysMs: [0, 5, 5], firstReadWaitMs: 2_000 });
});
afterEach(() => {
  double.uninstall();
  resetReferenceTableSyncForTests();
  delete (globalThis as { Office?: unknown }).Office;
});

async function errorOf(result: Promise<unknown>): Promise<{ code: string; message: string }> {
  const value = (await result) as { code?: string; message?: string };
  expect(value).toBeInstanceOf(CustomFunctions.Error);
  return { code: value.code ?? "", message: value.message ?? "" };
}

it("answers with the user's 2024 row, not the bundled 2025 row", async () => {
  expect(await metric("Retail", "Gross margin")).toBe(0.31);
  expect(await metric("Retail", "Gross margin", "year")).toBe(2024);
  expect(await percentile(0.31, "Retail", "Gross margin")).toBeCloseTo(0.5, 10);
  expect(await gap(0.3, "Retail", "Gross margin")).toBeCloseTo(0.1, 10);
});

it("retries after cell-edit mode and says so with #N/A meanwhile, then recalculates only the reference cells", async () => {
  double.state.setFormulas("Sheet1", "B2", [['=BENCH.METRIC("Retail","Gross margin")']]);
  double.state.setFormulas("Sheet1", "C5", [["=1+1"]]);
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const editing = enterCellEditMode(double);
  await expect(startReferenceTableSync()).rejects.toMatchObject({
    code: "InvalidOperationInCellEditMode",
  });
  expect(editing.failed).toBe(3);
  const answer = await errorOf(metric("Retail", "Gross margin"));
  expect(answer.code).toBe("#N/A");
  expect(answer.message).toMatch(
    /Crossbench Reference table could not be read \(Excel is editing a cell\)/
  );
  // The user presses Enter; the next call starts a new read.
  editing.leave();
  expect(await metric("Retail", "Gross margin")).toBe(0.31);
  const calculations = double.state.application().calculations;
  expect(calculations).not.toContain("Full");
  expect(calculations).toContain("Range Sheet1!B2");
  expect(calculations.some((c) => /C5/.test(c))).toBe(false);
  expect(logged).toHaveBeenCalled();
  logged.mockRestore();
});

it("keeps functions busy for a bounded time when the first read waits for a cell edit", async () => {
  (globalThis as { Office?: unknown }).Office = {
    context: { requirements: { isSetSupported: () => true } },
  };
  configureReferenceSync({ firstReadWaitMs: 200 });
  const editing = enterCellEditMode(double);
  const started = Date.now();
  const answer = await errorOf(metric("Retail", "Gross margin"));
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(answer.message).toMatch(/still being read/);
  editing.leave();
  await startReferenceTableSync();
  expect(await metric("Retail", "Gross margin")).toBe(0.31);
});

it("ignores the change events of its own chunked writes", async () => {
  await startReferenceTableSync();
  const runsBefore = double.stats.runs.length;
  await writeReferenceRows(
    Array.from({ length: 2000 }, (_, i) => ({ ...ownRow, industry: `Industry ${i}` })),
    { maxRequestBytes: 100_000 }
  );
  const runsOfWrite = double.stats.runs.length - runsBefore;
  await double.eventsSettled();
  expect(double.eventErrors).toEqual([]);
  // No re-read of the table was started by the write's own change events.
  expect(double.stats.runs.length - runsBefore).toBe(runsOfWrite);
  expect(await metric("Industry 1999", "Gross margin")).toBe(0.31);
});
