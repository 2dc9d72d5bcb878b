/**
 * The CI check with a real spreadsheet engine: every template generated with --formulas portable,
 * recalculated by headless LibreOffice Calc, read back with exceljs: no error values anywhere, and the
 * figures equal src/core's for the sample inputs (ROI: NPV, IRR, ROI, payback; plus gap percentiles,
 * fit scores, experiment changes). Skipped locally without soffice; fails under CI=true without it.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { percentilePosition, QUANTILE_LEVELS } from "../../src/core/benchmarking";
import { change } from "../../src/core/finance";
import { ahpWeights, fitScore } from "../../src/core/fit";
import { runCli as runWorkbookCli } from "../cli/run";
import { BUNDLED_TEMPLATE_LIBRARY } from "../../src/templates/defaults";
import { samplePairwiseMatrix } from "../../src/templates/fit";
import { findValue } from "../../src/templates/gap";
import { caseResults } from "../../src/core/businessCase";
import { loadReferenceFile } from "../../src/templates/referenceFile";
import { roiInputs, roiLayout, toBusinessCase } from "../../src/templates/roi";
import type { CaseInputs } from "../../src/templates/caseInputs";
import { calculated, checkRoiSheet, expectClose, isError, Result, roiContext } from "./roiCheck";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

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

  it("ROI: every result of the sample case equals src/core's", () => {
    checkRoiSheet(workbook.getWorksheet("ROI")!, roiContext(industry));
    // The Summary links to the same figures.
    const summary = workbook.getWorksheet("Summary")!;
    const summaryValues: Result[] = [];
    summary.eachRow((row) => summaryValues.push(calculated(row.getCell(2))));
    const layout = roiLayout(roiContext(industry));
    expect(summaryValues).toContainEqual(
      calculated(workbook.getWorksheet("ROI")!.getCell(layout.npv))
    );
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

/** Users' own cases through `--inputs`, recalculated: no error values, every ROI figure equals src/core. */
/** A reference file whose figures are single values (no quartiles), as a small association publishes. */
const SINGLE_VALUES = [
  "industry,metric,unit,direction,year,value,n,source,licence,illustrative",
  "Bakeries,Customer retention rate,%,higher,2025,0.41,60,Our association survey,internal use,false",
  "Bakeries,Gross margin,%,higher,2025,0.55,60,Our association survey,internal use,false",
].join("\n");

type RoiCase = [label: string, industry: string, own: CaseInputs, reference?: string];

const CASES: RoiCase[] = [
  [
    "one-off cost in Year 1, nothing in Year 0 (was 'Payback 0.00 yrs')",
    "Retail",
    {
      horizon: 3,
      costs: [
        { name: "Fit-out", kind: "one-off", amount: 45000, year: 1, risk: 0.05 },
        { name: "Licence", kind: "recurring", amount: 2000, risk: 0.1 },
      ],
    },
  ],
  [
    "10-year horizon, a % KPI, ramp-up and three benefit lines",
    "Restaurants",
    {
      horizon: 10,
      discountRate: 0.09,
      kpi: {
        name: "Customer retention rate",
        unit: "%",
        direction: "higher",
        before: 0.22,
        after: 0.3,
        volume: 1800,
        unitValue: 4.5,
        attribution: 0.6,
        confidence: 0.75,
        rampUp: [0.4, 0.8],
      },
      benefits: [
        { name: "Less food waste", annual: 3200, risk: 0.15, rampUp: [0.5] },
        { name: "Fewer agency shifts", annual: 1500, risk: 0.25 },
      ],
      costs: [
        {
          name: "Loyalty app set-up",
          kind: "one-off",
          amount: 25000,
          risk: 0.1,
          low: 0.9,
          high: 1.5,
        },
        { name: "App subscription", kind: "recurring", amount: 1200, risk: 0.05 },
        { name: "Refit", kind: "one-off", amount: 6000, year: 5 },
      ],
      measurements: { before: [0.21, 0.23, 0.2, 0.24, 0.22], after: [0.29, 0.31, 0.3, 0.28, 0.32] },
      monteCarlo: { trials: 2000, seed: 7, kpiChange: { low: 0.5, high: 1.3 } },
    },
  ],
  [
    "1-year horizon, recovered within the year",
    "Manufacturing",
    {
      horizon: 1,
      discountRate: 0.05,
      costs: [{ name: "Tooling", kind: "one-off", amount: 9000 }],
    },
  ],
  [
    "a case whose net cash flows never turn negative (no IRR: explained, not an error)",
    "Retail",
    { horizon: 3, costs: [{ name: "Licence", kind: "recurring", amount: 2000 }] },
  ],
  [
    "single-value reference data: the sample KPI comes from the user's own reference file",
    "Bakeries",
    { horizon: 4, monteCarlo: { trials: 1000 } },
    SINGLE_VALUES,
  ],
  [
    "recovered, lost again by a late cost, recovered again: the later crossing wins",
    "Retail",
    {
      horizon: 5,
      costs: [
        { name: "Set-up", kind: "one-off", amount: 20000 },
        { name: "Rebuild", kind: "one-off", amount: 70000, year: 3 },
      ],
    },
  ],
  [
    "lost again at the end: not recovered (#N/A with the reason beside it)",
    "Retail",
    {
      horizon: 3,
      costs: [
        { name: "Set-up", kind: "one-off", amount: 20000 },
        { name: "Rebuild", kind: "one-off", amount: 90000, year: 3 },
      ],
    },
  ],
  [
    "5-year horizon, costs only in later years",
    "Retail",
    {
      horizon: 5,
      costs: [
        { name: "Pilot", kind: "one-off", amounts: [0, 40000, 9000] },
        { name: "Running", kind: "recurring", amount: 1500, risk: 0.2 },
      ],
    },
  ],
];

describeWithLibreOffice("ROI --inputs cases recalculated by LibreOffice", () => {
  it.each(CASES)(
    "%s",
    // Rest parameters: a callback with more parameters than a row has values would get jest's `done`.
    async (...[, industry, own, reference]: RoiCase) => {
      const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-roi-case-"));
      const file = path.join(folder, "case.xlsx");
      const inputs = path.join(folder, "case.json");
      writeFileSync(inputs, JSON.stringify(own));
      const referenceArgs: string[] = [];
      if (reference !== undefined) {
        writeFileSync(path.join(folder, "reference.csv"), reference);
        referenceArgs.push("--reference", path.join(folder, "reference.csv"));
      }
      const result = await runWorkbookCli([
        "workbook",
        "--out",
        file,
        "--templates",
        "roi",
        "--industry",
        industry,
        "--inputs",
        inputs,
        ...referenceArgs,
      ]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      const recalculated = await recalculateXlsx(file, path.join(folder, "recalculated"));
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(recalculated);
      const sheet = book.getWorksheet("ROI")!;
      const library =
        reference === undefined
          ? BUNDLED_TEMPLATE_LIBRARY
          : await loadReferenceFile(path.join(folder, "reference.csv"), BUNDLED_TEMPLATE_LIBRARY);
      const context = roiContext(industry, own, library);
      // The only error a sheet may show is the payback's #N/A when src/core says "not recovered".
      const layout = roiLayout(context);
      const results = caseResults(toBusinessCase(roiInputs(context)));
      const allowed = [
        results.payback instanceof Error ? layout.payback : "",
        results.discountedPayback instanceof Error ? layout.discountedPayback : "",
      ];
      const errors: string[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (isError(calculated(cell)) && !allowed.includes(cell.address))
            errors.push(`${cell.address}: ${JSON.stringify(cell.value)}`);
        })
      );
      expect(errors).toEqual([]);
      checkRoiSheet(sheet, context);
    },
    120_000
  );
});
