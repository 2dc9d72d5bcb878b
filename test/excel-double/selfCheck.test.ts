/**
 * The installation self-check against the Excel double, with the double calculating BENCH formulas
 * through the real @customfunction wrappers: every check passes on a healthy install, a wrong function
 * result is caught, and the workbook is left exactly as it was found.
 */
import * as analytics from "../../src/functions/analytics";
import * as reference from "../../src/functions/reference";
import { templateActions } from "../../src/excel/templateActions";
import {
  runSelfCheck,
  SelfCheckHost,
  snapshotDifferences,
  snapshotWorkbook,
} from "../../src/excel/selfCheck";
import { createExcelDouble, ExcelDouble } from "./index";
import { CustomFunctionsHost, startCustomFunctionsHost } from "./customFunctionsHost";

type Fn = (...args: unknown[]) => unknown;
const REFERENCE_IDS: Record<string, string> = {
  METRIC: "metric",
  PERCENTILE: "percentile",
  GAP: "gap",
  INDUSTRIES: "industries",
  METRICS: "metrics",
  PRACTICES: "practices",
  SIMILARITY: "similarity",
};
const registered = (): Record<string, Fn> => ({
  ...(analytics as unknown as Record<string, Fn>),
  ...Object.fromEntries(
    Object.entries(REFERENCE_IDS).map(([id, fn]) => [
      id,
      (reference as unknown as Record<string, Fn>)[fn],
    ])
  ),
});

let double: ExcelDouble;
let calc: CustomFunctionsHost;
beforeEach(() => {
  double = createExcelDouble({ sheets: ["Data", "Notes"] });
  double.install();
});
afterEach(() => {
  calc?.stop();
  double.uninstall();
});

function host(overrides: Partial<SelfCheckHost> = {}): SelfCheckHost {
  return {
    diagnostics: { host: "Excel", platform: "OfficeOnline", version: "16.0.test" },
    isSetSupported: (name, version) => !(name === "ExcelApi" && version === "1.20"),
    themeBackground: "#262626",
    functionsMarker: { loadedAt: "now" },
    calculationTimeoutMs: 10_000,
    insertTemplate: async (id) =>
      (await templateActions.insert([id], "Retail", {}, { supports: () => false })).sheetNames,
    ...overrides,
  };
}

function seedUserWorkbook(): void {
  double.state.setValues("Data", "A1:B2", [
    ["Revenue", 1200],
    ["Costs", 800],
  ]);
  double.state.addTable("Data", "D1:E3", { name: "MyTable" });
  double.state.addName("MyRate", "=Data!$B$1");
  double.state.setSetting("crossbench.industry", "Retail");
  double.state.setSetting("someone.else", { keep: [1, 2] });
  double.state.select("Notes", "B3:C4");
}

test("passes on a healthy install and leaves the workbook exactly as found", async () => {
  seedUserWorkbook();
  calc = startCustomFunctionsHost(double, registered);
  const before = await snapshotWorkbook();
  const tables = double.state.tables();
  const settings = double.state.settings();
  const report = await runSelfCheck(host());
  const failed = report.lines.filter((l) => l.status === "fail");
  expect(failed).toEqual([]);
  expect(report.passed).toBe(true);
  for (const name of ["ROI", "IRR", "BEFOREAFTER", "AHPWEIGHTS", "METRIC", "INDUSTRIES"])
    expect(report.text).toMatch(new RegExp(`\\[PASS\\] Functions · BENCH\\.${name}:`));
  expect(report.text).toMatch(/BENCH\.BEFOREAFTER.*spills 10 × 2/);
  expect(report.text).toMatch(/\[TODO\] Template · One Ctrl\+Z/);
  expect(report.text).toMatch(
    /\[INFO\] Requirement sets · ExcelApi 1.20: not supported: .*\(optional\)/
  );
  expect(report.text).toMatch(/\[PASS\] Requirement sets · ExcelApi 1.8: supported/);
  expect(report.text).toMatch(/\[INFO\] Theme · Office theme: dark/);
  expect(report.text).toMatch(/\[PASS\] Workbook · Left as found/);
  expect(await snapshotWorkbook()).toEqual(before);
  expect(double.state.sheetNames()).toEqual(["Data", "Notes"]);
  expect(double.state.tables()).toEqual(tables);
  expect(double.state.settings()).toEqual(settings);
  expect(double.state.selection()).toBe("Notes!B3:C4");
});

test("a function whose cell disagrees with src/core fails its line, and clean-up still runs", async () => {
  const broken = registered();
  broken.ROI = () => 0.5; // not what src/core computes for the check's inputs
  calc = startCustomFunctionsHost(double, () => broken);
  const report = await runSelfCheck(host());
  const roi = report.lines.find((l) => l.label === "BENCH.ROI");
  expect(roi).toMatchObject({ status: "fail" });
  expect(roi?.detail).toMatch(/shows 0.5, src\/core gives 0.333/);
  expect(report.passed).toBe(false);
  expect(double.state.sheetNames()).toEqual(["Data", "Notes"]);
});

test("functions that never calculate, and no shared runtime, are reported, not hidden", async () => {
  const report = await runSelfCheck(
    host({
      functionsMarker: undefined,
      calculationTimeoutMs: 300,
      insertTemplate: undefined,
      isSetSupported: (name) => name !== "SharedRuntime",
    })
  );
  expect(report.lines.find((l) => l.label === "SharedRuntime 1.1")).toMatchObject({
    status: "fail",
  });
  expect(report.lines.find((l) => l.section === "Runtime")).toMatchObject({ status: "fail" });
  expect(report.lines.find((l) => l.label === "BENCH.NPV")).toMatchObject({ status: "fail" });
  expect(report.lines.find((l) => l.label === "Left as found")).toMatchObject({ status: "pass" });
});

test("the before/after comparison sees an extra sheet, a changed setting, a moved selection", async () => {
  seedUserWorkbook();
  const before = await snapshotWorkbook();
  double.state.addSheet("Leftover");
  double.state.setSetting("crossbench.industry", "Dental");
  double.state.select("Data", "A1");
  expect(snapshotDifferences(before, await snapshotWorkbook())).toEqual([
    "sheets added: Leftover (Visible)",
    'settings added: crossbench.industry="Dental"',
    'settings removed: crossbench.industry="Retail"',
    "active sheet Notes → Data",
    "selection Notes!B3:C4 → Data!A1",
  ]);
});

test("with undo groups (ExcelApi 1.20) the check passes, and a template insert behaves the same after it", async () => {
  seedUserWorkbook();
  calc = startCustomFunctionsHost(double, registered);
  const insertWithUndoGroup = async () =>
    (await templateActions.insert(["roi"], "Retail", {}, { supports: () => true })).sheetNames;
  const report = await runSelfCheck(
    host({ isSetSupported: () => true, insertTemplate: insertWithUndoGroup })
  );
  expect(report.lines.filter((l) => l.status === "fail")).toEqual([]);
  expect(report.text).toMatch(/One Ctrl\+Z undoes an insert: needs a manual check.*should/);
  const undoRuns = () => double.stats.runs.filter((r) => r.options.mergeUndoGroup === true).length;
  expect(undoRuns()).toBeGreaterThan(0);
  // The check opened no undo group of its own that is still in effect: the next insert draws in one
  // group and succeeds exactly as it would have before the check.
  const before = undoRuns();
  expect(await insertWithUndoGroup()).toEqual(["ROI"]);
  expect(undoRuns()).toBeGreaterThan(before);
});
