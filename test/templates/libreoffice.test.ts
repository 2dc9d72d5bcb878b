/**
 * The CI check with a real spreadsheet engine: every template generated with --formulas portable,
 * recalculated by headless LibreOffice Calc, read back with exceljs: no error values anywhere, and the
 * figures equal src/core's for the sample inputs (ROI: NPV, IRR, ROI, payback; plus gap percentiles,
 * fit scores, experiment changes). Skipped locally without soffice; fails under CI=true without it.
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { percentilePosition, QUANTILE_LEVELS } from "../../src/core/benchmarking";
import { benefit, change, irr, npv, payback, roi } from "../../src/core/finance";
import { ahpWeights, fitScore } from "../../src/core/fit";
import { runCli as runWorkbookCli } from "../cli/run";
import { BUNDLED_TEMPLATE_LIBRARY } from "../../src/templates/defaults";
import { samplePairwiseMatrix } from "../../src/templates/fit";
import { findValue } from "../../src/templates/gap";
import { ROI_SAMPLE, roiLayout } from "../../src/templates/roi";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

type Result = ExcelJS.CellValue | undefined;

/** The calculated value of a cell: a formula's result, or the literal. */
function calculated(cell: ExcelJS.Cell): Result {
  const value = cell.value;
  if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value))
    return (value as { result?: ExcelJS.CellValue }).result;
  return value;
}

const isError = (value: Result): boolean =>
  typeof value === "object" && value !== null && "error" in value;

function expectClose(actual: Result, expected: number, label: string): void {
  expect([label, typeof actual]).toEqual([label, "number"]);
  const difference = Math.abs((actual as number) - expected);
  expect([label, difference <= 1e-9 * Math.max(1, Math.abs(expected))]).toEqual([label, true]);
}

describeWithLibreOffice("generated workbook recalculated by LibreOffice", () => {
  let workbook: ExcelJS.Workbook;
  const industry = "Retail";

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-templates-"));
    const file = path.join(folder, "benchmark.xlsx");
    // Through the CLI, as CI and users run it.
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      file,
      "--templates",
      "gap,roi,fit,portfolio,log,reference",
      "--industry",
      industry,
      "--formulas",
      "portable",
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const recalculated = await recalculateXlsx(file, path.join(folder, "recalculated"));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(recalculated);
  }, 240_000);

  it("has every sheet and no error value anywhere", () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Gap analysis",
      "ROI",
      "Fit scorecard",
      "Portfolio",
      "Learning log",
      "Reference",
    ]);
    const errors: string[] = [];
    let formulas = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value;
          if (value && typeof value === "object" && "formula" in value) formulas++;
          if (isError(calculated(cell)))
            errors.push(`${sheet.name}!${cell.address}: ${JSON.stringify(cell.value)}`);
        })
      );
    }
    expect(errors).toEqual([]);
    expect(formulas).toBeGreaterThan(300);
  });

  it("ROI: NPV, IRR, ROI and payback equal src/core's for the sample inputs", () => {
    const s = ROI_SAMPLE;
    const sheet = workbook.getWorksheet("ROI")!;
    const layout = roiLayout();
    const annual = benefit({
      before: s.before,
      after: s.after,
      volume: s.volume,
      unitValue: s.unitValue,
      attribution: s.attribution,
      confidence: s.confidence,
      direction: s.direction,
    });
    const benefits = s.oneTimeCosts.map((_c, t) => (t === 0 ? 0 : annual * (1 - s.benefitRisk)));
    const costs = s.oneTimeCosts.map((c, t) => (c + s.recurringCosts[t]) * (1 + s.costRisk));
    const net = benefits.map((b, t) => b - costs[t]);
    expectClose(calculated(sheet.getCell(layout.annualBenefit)), annual, "annual benefit");
    expectClose(calculated(sheet.getCell(layout.npv)), npv(s.discountRate, net), "NPV");
    expectClose(calculated(sheet.getCell(layout.irr)), irr(net), "IRR");
    expectClose(calculated(sheet.getCell(layout.roi)), roi(benefits, costs), "ROI");
    expectClose(calculated(sheet.getCell(layout.payback)), payback(net), "payback");
    expectClose(
      calculated(sheet.getCell(layout.discountedPayback)),
      payback(net, s.discountRate),
      "discounted payback"
    );
    // The Summary links to the same figures.
    const summary = workbook.getWorksheet("Summary")!;
    const summaryValues: Result[] = [];
    summary.eachRow((row) => summaryValues.push(calculated(row.getCell(2))));
    expect(summaryValues).toContainEqual(calculated(sheet.getCell(layout.npv)));
  });

  it("gap analysis: the native percentile formulas agree with src/core for every metric", () => {
    const sheet = workbook.getWorksheet("Gap analysis")!;
    let headerRow = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === "Metric" && headerRow === 0) headerRow = number;
    });
    let checked = 0;
    for (let r = headerRow + 1; sheet.getCell(r, 1).value; r++) {
      const metric = String(sheet.getCell(r, 1).value);
      const value = calculated(sheet.getCell(r, 5));
      const reference = findValue(BUNDLED_TEMPLATE_LIBRARY.values, industry, metric)!;
      const points = Object.entries(QUANTILE_LEVELS).map(([key, level]) => ({
        level,
        value: reference.statistics[key as "p10"]!,
      }));
      expectClose(
        calculated(sheet.getCell(r, 14)),
        percentilePosition(value as number, points, reference.direction),
        `percentile of ${metric}`
      );
      checked++;
    }
    expect(checked).toBe(BUNDLED_TEMPLATE_LIBRARY.metrics.length);
  });

  it("fit scorecard: the native fit scores agree with src/core's FIT on the AHP weights", () => {
    const sheet = workbook.getWorksheet("Fit scorecard")!;
    let scoreRow = 0;
    let ratingsTop = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === "Fit score (0-100)") scoreRow = number;
      if (row.getCell(1).value === "Source industry") ratingsTop = number + 1;
    });
    const weights = ahpWeights(samplePairwiseMatrix());
    for (let column = 2; sheet.getCell(scoreRow, column).value; column++) {
      const ratings = weights.map(
        (_w, i) => calculated(sheet.getCell(ratingsTop + i, column)) as number
      );
      expectClose(
        calculated(sheet.getCell(scoreRow, column)),
        fitScore(ratings, weights, 5),
        `fit score column ${column}`
      );
    }
  });

  it("learning log: the sample experiment's change equals src/core's CHANGE", () => {
    const sheet = workbook.getWorksheet("Learning log")!;
    let headerRow = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === "Date") headerRow = number;
    });
    const r = headerRow + 1;
    const direction = String(calculated(sheet.getCell(r, 6))) as "higher" | "lower";
    expectClose(
      calculated(sheet.getCell(r, 9)),
      change(
        calculated(sheet.getCell(r, 7)) as number,
        calculated(sheet.getCell(r, 8)) as number,
        direction
      ),
      "change"
    );
    expect(calculated(sheet.getCell(r, 10))).toBe("Improved");
  });
});
