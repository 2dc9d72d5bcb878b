/**
 * The gap analysis with the data the user has, recalculated by LibreOffice: a single-value metric shows
 * its value and no invented quartiles, gap or priority; a metric without a published p10 still reaches
 * "High"; only the industry's metrics are listed; the illustrative label sits only on illustrative rows.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import type { MetricDefinition, ReferenceValue } from "../../src/reference/model";
import { ILLUSTRATIVE_NOTICE } from "../../src/reference/model";
import type { TemplateLibrary } from "../../src/templates/context";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

const metric = (
  name: string,
  unit: MetricDefinition["unit"],
  direction: "higher" | "lower"
): MetricDefinition => ({
  id: name.toLowerCase().replace(/\W+/g, "_"),
  name,
  unit,
  direction,
  category: "finance",
  definition: "test metric",
});

const METRICS = [
  metric("Single margin", "%", "higher"),
  metric("No p10 margin", "%", "higher"),
  metric("No p90 wait", "days", "lower"),
  metric("Measured margin", "%", "higher"),
  metric("Other industry only", "%", "higher"),
];

const entry = (
  industry: string,
  name: string,
  statistics: ReferenceValue["statistics"],
  illustrative: boolean
): ReferenceValue => {
  const m = METRICS.find((x) => x.name === name)!;
  return {
    industry,
    metric: name,
    unit: m.unit,
    direction: m.direction,
    region: "",
    year: 2024,
    statistics,
    source: illustrative ? "Crossbench illustrative sample" : "Bakers' survey",
    illustrative,
  };
};

export const GAP_LIBRARY: TemplateLibrary = {
  metrics: METRICS,
  values: [
    entry("Bakeries", "Single margin", { value: 0.412 }, false),
    entry("Bakeries", "No p10 margin", { p25: 0.3, median: 0.4, p75: 0.5, p90: 0.6 }, false),
    entry("Bakeries", "No p90 wait", { p10: 2, p25: 3, median: 4, p75: 6 }, false),
    entry(
      "Bakeries",
      "Measured margin",
      { p10: 0.1, p25: 0.2, median: 0.3, p75: 0.4, p90: 0.5 },
      true
    ),
    entry(
      "Cafes",
      "Other industry only",
      { p10: 0.1, p25: 0.2, median: 0.3, p75: 0.4, p90: 0.5 },
      true
    ),
    entry("Cafes", "Single margin", { median: 0.5 }, true),
  ],
  practices: BUNDLED_TEMPLATE_LIBRARY.practices,
};

const YOUR_VALUES = {
  "Single margin": 0.4,
  "No p10 margin": 0.25,
  "No p90 wait": 7,
  "Measured margin": 0.45,
};

type Result = ExcelJS.CellValue | undefined;
const calculated = (cell: ExcelJS.Cell): Result => {
  const value = cell.value;
  if (value && typeof value === "object" && "formula" in value)
    return (value as { result?: ExcelJS.CellValue }).result;
  return value;
};

async function recalculatedGap(
  mode: "portable",
  options: { allMetrics?: boolean } = {}
): Promise<{ sheet: ExcelJS.Worksheet; rows: Map<string, Record<string, Result>> }> {
  const plans = buildWorkbookPlan({
    templates: ["gap"],
    summary: false,
    drawsCharts: true,
    mode,
    library: GAP_LIBRARY,
    maths: coreMaths(GAP_LIBRARY),
    industry: "Bakeries",
    gap: { yourValues: YOUR_VALUES, allMetrics: options.allMetrics },
  });
  const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-gap-"));
  const file = path.join(folder, "gap.xlsx");
  writeFileSync(file, await renderXlsxBuffer(plans, mode));
  const recalculated = await recalculateXlsx(file, path.join(folder, "out"));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(recalculated);
  const sheet = workbook.getWorksheet("Gap analysis")!;
  let headerRow = 0;
  sheet.eachRow((row, number) => {
    if (row.getCell(1).value === "Metric" && headerRow === 0) headerRow = number;
  });
  const headers: string[] = [];
  sheet.getRow(headerRow).eachCell((cell, column) => (headers[column] = String(cell.value)));
  const rows = new Map<string, Record<string, Result>>();
  for (let r = headerRow + 1; sheet.getCell(r, 1).value; r++) {
    const record: Record<string, Result> = {};
    headers.forEach((h, column) => (record[h] = calculated(sheet.getCell(r, column))));
    rows.set(String(record.Metric), record);
  }
  return { sheet, rows };
}

describeWithLibreOffice("gap analysis with the data the user has (LibreOffice)", () => {
  let rows: Map<string, Record<string, Result>>;
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    ({ rows, sheet } = await recalculatedGap("portable"));
  }, 120_000);

  it("lists the metrics the industry has, not the whole catalogue", () => {
    expect([...rows.keys()]).toEqual([
      "Single margin",
      "No p10 margin",
      "No p90 wait",
      "Measured margin",
    ]);
  });

  it("shows a single published value as it is: no quartiles, no invented gap, no priority", () => {
    const single = rows.get("Single margin")!;
    expect(single["Single value"]).toBe(0.412);
    for (const key of ["P10", "P25", "Median", "P75", "P90"])
      expect(single[key] ?? null).toBeNull();
    expect(single["Top quartile"]).toBe("n/a");
    expect(single["Gap to target"]).toBe("n/a: no p75 published");
    expect(single["Your percentile"]).toBe("n/a: fewer than two published points");
    expect(single.Priority).toBe("n/a");
  });

  it('reaches "High" without a published p10, and Medium without a p90', () => {
    const noP10 = rows.get("No p10 margin")!;
    expect(noP10.Priority).toBe("High");
    expect(noP10["Gap to target"]).toBeCloseTo(0.25, 12);
    const noP90 = rows.get("No p90 wait")!;
    // Lower is better: 7 days is worse than the raw p75 (6), the 25th-percentile performance.
    expect(noP90.Priority).toBe("High");
    expect(noP90["Top quartile"]).toBe(3);
    expect(rows.get("Measured margin")!.Priority).toBe("Low");
  });

  it("labels only illustrative figures as illustrative", () => {
    expect(String(rows.get("Measured margin")!["Figures from"])).toContain(ILLUSTRATIVE_NOTICE);
    expect(String(rows.get("No p10 margin")!["Figures from"])).not.toContain(ILLUSTRATIVE_NOTICE);
    // The best other industry's single-value figure is illustrative: said so on that row.
    expect(String(rows.get("Single margin")!["Figures from"])).toBe(
      `Bakers' survey, 2024; best other industry: ${ILLUSTRATIVE_NOTICE}`
    );
    expect(String(sheet.getCell("A3").value)).toBe(
      `1 of 4 metrics use illustrative figures (see "Figures from"): ${ILLUSTRATIVE_NOTICE}.`
    );
  });

  it("has no error value anywhere after recalculation", () => {
    const errors: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = calculated(cell);
        if (value && typeof value === "object" && "error" in value) errors.push(cell.address);
      })
    );
    expect(errors).toEqual([]);
  });

  it("lists every catalogue metric on request", async () => {
    const all = await recalculatedGap("portable", { allMetrics: true });
    expect([...all.rows.keys()]).toEqual(METRICS.map((m) => m.name));
    const other = all.rows.get("Other industry only")!;
    expect(other["Your value"] ?? null).toBeNull();
    expect(String(other["Figures from"])).toMatch(/^no figures for your industry/);
  }, 120_000);
});
