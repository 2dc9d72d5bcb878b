/**
 * Template rendering: per template and for the whole workbook, context.sync count, largest request and
 * render time through the Excel double; .xlsx generation time; the 200-metric gap analysis.
 */
import { renderTemplatesIntoWorkbook } from "../src/excel/templates";
import type { TemplateLibrary } from "../src/templates/context";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../src/templates/defaults";
import { buildWorkbookPlan } from "../src/templates/index";
import { TEMPLATE_IDS, TemplateId, type FormulaMode } from "../src/templates/plan";
import { renderXlsxBuffer } from "../src/templates/renderXlsx";
import { fixtureLibrary } from "../test/templates/fixtures";
import { createExcelDouble } from "../test/excel-double";
import { Figure, medianMs } from "./harness";

const supportsAll = (): boolean => true;

function plans(
  templates: readonly TemplateId[],
  library: TemplateLibrary,
  summary: boolean,
  drawsCharts: boolean
) {
  return buildWorkbookPlan({
    templates,
    summary,
    drawsCharts,
    mode: drawsCharts ? "bench" : "portable",
    library,
    maths: coreMaths(library),
    industry: library.values[0].industry,
  });
}

/** Renders into a fresh double; returns syncs and the largest request of one rendering, and the median time. */
async function throughDouble(
  name: string,
  templates: readonly TemplateId[],
  library: TemplateLibrary,
  summary: boolean
): Promise<Figure[]> {
  const sheetPlans = plans(templates, library, summary, true);
  let syncs = 0;
  let maxBytes = 0;
  const ms = await medianMs(async () => {
    const double = createExcelDouble();
    double.install();
    try {
      await renderTemplatesIntoWorkbook(sheetPlans, { supports: supportsAll });
      syncs = double.stats.syncCount;
      maxBytes = double.stats.maxRequestBytes;
    } finally {
      double.uninstall();
    }
  }, 5);
  return [
    {
      name: `templates.${name}.syncs`,
      value: syncs,
      unit: "syncs",
      note: "through the Excel double, incl. the initial load",
    },
    { name: `templates.${name}.maxRequestBytes`, value: maxBytes, unit: "bytes" },
    {
      name: `templates.${name}.renderMs`,
      value: ms,
      unit: "ms",
      note: "median of 5, Excel double (no real Excel latency)",
    },
  ];
}

/** Plans for files: charts drawn (as native chart parts), in the given formula mode. */
function filePlans(templates: readonly TemplateId[], summary: boolean, mode: FormulaMode) {
  return buildWorkbookPlan({
    templates,
    summary,
    drawsCharts: true,
    mode,
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: BUNDLED_TEMPLATE_LIBRARY.values[0].industry,
  });
}

/** .xlsx generation with native charts: time and size per template and for the whole workbook. */
async function toXlsx(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const cases: [string, readonly TemplateId[], boolean][] = [
    ...TEMPLATE_IDS.map((id): [string, readonly TemplateId[], boolean] => [id, [id], false]),
    ["workbook", TEMPLATE_IDS, true],
  ];
  for (const mode of ["portable", "bench"] as const) {
    for (const [name, templates, summary] of cases) {
      const sheetPlans = filePlans(templates, summary, mode);
      const charts = sheetPlans.reduce((n, p) => n + (p.charts ?? []).length, 0);
      let bytes = 0;
      const ms = await medianMs(async () => {
        bytes = (await renderXlsxBuffer(sheetPlans, mode)).length;
      }, 5);
      figures.push(
        {
          name: `templates.xlsx.${mode}.${name}.ms`,
          value: ms,
          unit: "ms",
          note: `exceljs + ${charts} native chart part(s), median of 5`,
        },
        { name: `templates.xlsx.${mode}.${name}.bytes`, value: bytes, unit: "bytes" }
      );
    }
  }
  return figures;
}

export default async function templatesBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const id of TEMPLATE_IDS)
    figures.push(...(await throughDouble(id, [id], BUNDLED_TEMPLATE_LIBRARY, false)));
  figures.push(...(await throughDouble("workbook", TEMPLATE_IDS, BUNDLED_TEMPLATE_LIBRARY, true)));
  figures.push(...(await throughDouble("gap200", ["gap"], fixtureLibrary(200), false)));
  figures.push(...(await toXlsx()));
  const buildMs = await medianMs(
    () => plans(TEMPLATE_IDS, BUNDLED_TEMPLATE_LIBRARY, true, false),
    5
  );
  figures.push({
    name: "templates.plan.buildAllMs",
    value: buildMs,
    unit: "ms",
    note: "building the plans (incl. ROISIM 10,000 trials)",
  });
  return figures;
}
