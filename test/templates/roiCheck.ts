/**
 * The ROI sheet read back after a LibreOffice recalculation, checked against src/core for the same inputs:
 * NPV, IRR, both ROIs, both paybacks, Welch's t and p, Cohen's d, the break-evens, the tornado and the
 * KPI × rate grid, to 1e-9.
 */
import ExcelJS from "exceljs";
import {
  breakEven,
  caseResults,
  linearCase,
  npvAt,
  tornado,
  type Figure,
} from "../../src/core/businessCase";
import { beforeAfterTable } from "../../src/core/statistics";
import { applyCase, CaseInputs, parseCaseInputs } from "../../src/templates/caseInputs";
import type { TemplateContext, TemplateLibrary } from "../../src/templates/context";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { roiInputs, roiLayout, toBusinessCase } from "../../src/templates/roi";

export type Result = ExcelJS.CellValue | undefined;

/** The calculated value of a cell: a formula's result, or the literal. */
export function calculated(cell: ExcelJS.Cell): Result {
  const value = cell.value;
  if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    // exceljs's reader drops a formula result of 0 (<v>0</v>); LibreOffice writes a result for every
    // formula it recalculates, so a missing one is a 0.
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? 0 : result;
  }
  return value;
}

export const isError = (value: Result): boolean =>
  typeof value === "object" && value !== null && "error" in value;

export function expectClose(actual: Result, expected: number, label: string): void {
  expect([label, typeof actual]).toEqual([label, "number"]);
  const difference = Math.abs((actual as number) - expected);
  expect([label, difference <= 1e-9 * Math.max(1, Math.abs(expected))]).toEqual([label, true]);
}

/** The context the CLI builds for `--industry industry --inputs case` (portable formulas). */
export function roiContext(
  industry: string,
  own: CaseInputs = {},
  library: TemplateLibrary = BUNDLED_TEMPLATE_LIBRARY
): TemplateContext {
  const checked = parseCaseInputs(own);
  return {
    mode: "portable",
    library,
    maths: coreMaths(library),
    industry,
    included: ["roi"],
    roiCase: (sample) => applyCase(sample, checked),
  };
}

function expectFigure(actual: Result, expected: Figure, label: string): void {
  if (expected instanceof Error) {
    // An error value, or the sheet's "n/a: …" text that says why there is no figure.
    const explained = isError(actual) || (typeof actual === "string" && actual.startsWith("n/a"));
    expect([label, explained]).toEqual([label, true]);
    return;
  }
  expectClose(actual, expected, label);
}

export function checkRoiSheet(sheet: ExcelJS.Worksheet, context: TemplateContext): void {
  const layout = roiLayout(context);
  const inputs = roiInputs(context);
  const c = toBusinessCase(inputs);
  const get = (address: string): Result => calculated(sheet.getCell(address.replace(/\$/g, "")));
  const results = caseResults(c);
  expectClose(get(layout.npv), results.npv, "NPV");
  expectClose(get(layout.pvBenefits), results.pvBenefits, "PV of benefits");
  expectClose(get(layout.pvCosts), results.pvCosts, "PV of costs");
  expectFigure(get(layout.irr), results.irr, "IRR");
  expectFigure(get(layout.roi), results.roiSimple, "ROI on simple totals");
  expectFigure(get(layout.roiPresentValue), results.roiPresentValue, "ROI on PV");
  expectFigure(get(layout.payback), results.payback, "payback");
  expectFigure(get(layout.discountedPayback), results.discountedPayback, "discounted payback");

  const table = new Map(
    beforeAfterTable(inputs.beforeSamples, inputs.afterSamples, inputs.direction)
  );
  expectClose(get(layout.welchT), table.get("t (Welch)") as number, "Welch t");
  expectClose(get(layout.welchP), table.get("p-value (two-sided)") as number, "Welch p");
  expectClose(get(layout.cohensD), table.get("Cohen's d") as number, "Cohen's d");
  expect(get(layout.verdict)).toBe(table.get("verdict"));

  const even = breakEven(c);
  expectFigure(get(layout.breakEvenImprovement), even.improvement, "break-even KPI improvement");
  expectFigure(get(layout.breakEvenVolume), even.volume, "break-even volume");
  expectFigure(get(layout.breakEvenOneOff), even.oneOffCosts, "break-even one-off costs");

  const bars = tornado(
    linearCase(c),
    [
      { name: "KPI change", ...inputs.ranges.kpiChange },
      { name: "Volume", ...inputs.ranges.volume },
      { name: "Unit value", ...inputs.ranges.unitValue },
    ],
    inputs.costs.map((cost, i) => ({ name: cost.name, ...inputs.costRanges[i] }))
  );
  expect(layout.tornado).toHaveLength(bars.length);
  bars.forEach((bar, i) => {
    expectClose(get(layout.tornado[i].low), bar.npvLow, `tornado ${bar.name} low`);
    expectClose(get(layout.tornado[i].high), bar.npvHigh, `tornado ${bar.name} high`);
  });
  layout.grid.factors.forEach((factor, i) =>
    layout.grid.rates.forEach((rate, j) =>
      expectClose(get(layout.grid.cells[i][j]), npvAt(c, factor, rate), `grid ${factor} × ${rate}`)
    )
  );
}
