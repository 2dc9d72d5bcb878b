/**
 * "Use the selected range" against the Excel double's host rules: the 5,000,000-cell read limit and the
 * 5 MB response limit (a whole-column selection), and multi-area selections (getSelectedRange throws).
 */
import { createExcelDouble, ExcelDouble } from "../../test/excel-double";
import {
  insertFormulaIntoSelection,
  MAX_SELECTION_CELLS,
  readSelectedValues,
  SelectionError,
} from "./cells";

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble({ sheets: ["Data"] });
  double.install();
  double.state.setValues("Data", "A1:B3", [
    ["Metric", "Value"],
    ["Margin", 0.12],
    ["Churn", 0.03],
  ]);
});
afterEach(() => double.uninstall());

const withSets = { supports: (): boolean => true };
const withoutSets = { supports: (): boolean => false };

it.each([
  ["whole columns", "A:B"],
  ["the whole sheet", "A1:XFD1048576"],
])("reads only the used part when %s are selected", async (_, address) => {
  double.state.select("Data", address);
  const read = await readSelectedValues(withSets);
  expect(read).toEqual({
    address: "Data!A1:B3",
    values: [
      ["Metric", "Value"],
      ["Margin", 0.12],
      ["Churn", 0.03],
    ],
  });
  expect(double.stats.requests.every((r) => r.error === undefined)).toBe(true);
});

it("caps the number of used cells with a message that says what to select", async () => {
  double.state.setValues("Data", "D1:D5", [[1], [2], [3], [4], [5]]);
  double.state.select("Data", "A:D");
  const failure = await readSelectedValues({ ...withSets, maxCells: 10 }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(SelectionError);
  expect((failure as Error).message).toMatch(/20 used cells .*at most 10/);
  expect(MAX_SELECTION_CELLS).toBeLessThan(5_000_000);
});

it("an empty selection is explained", async () => {
  double.state.select("Data", "F1:G10");
  await expect(readSelectedValues(withSets)).rejects.toThrow(/is empty/);
});

it.each([
  ["with ExcelApi 1.9 (getSelectedRanges)", withSets],
  ["without it (getSelectedRange throws)", withoutSets],
])("explains a multi-area selection %s", async (_, options) => {
  double.selectAreas("Data", ["A1:A3", "B1:B3"]);
  const failure = await readSelectedValues(options).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(SelectionError);
  expect((failure as Error).message).toMatch(/Several separate areas .* one block of cells/);
});

it("inserts a formula into the active cell, also when several areas are selected", async () => {
  double.selectAreas("Data", ["D2:E3", "G5"]);
  await expect(insertFormulaIntoSelection("=BENCH.ROI(B2,B3)")).resolves.toBe("Data!D2");
  expect(double.state.formulas("Data", "D2")).toEqual([["=BENCH.ROI(B2,B3)"]]);
});
