/**
 * One plan, two renderers, for charts: the Office.js renderer (through the Excel double) adds every
 * ChartPlan the .xlsx renderer writes as a chart part, with the same type, source rectangle, series
 * orientation, title and position, on the sheet's actual name (ROI (2) when ROI exists).
 */
import JSZip from "jszip";
import { renderTemplatesIntoWorkbook } from "../../src/excel/templates";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import { sheetReference, TEMPLATE_IDS, type ChartPlan } from "../../src/templates/plan";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { createExcelDouble } from "../excel-double";

const EXCEL_TYPES: Record<ChartPlan["type"], string> = {
  line: "Line",
  xyScatter: "XYScatter",
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
};

/** The axis settings the renderer should make for a plan (undefined when it sets none). */
function axesOf(chart: ChartPlan): unknown {
  const axes: Record<string, Record<string, unknown>> = {};
  if (chart.axisTitles?.category)
    axes.categoryAxis = { title: { text: chart.axisTitles.category } };
  if (chart.axisTitles?.value) axes.valueAxis = { title: { text: chart.axisTitles.value } };
  if (chart.valueRange)
    axes.valueAxis = {
      ...axes.valueAxis,
      minimum: chart.valueRange.min,
      maximum: chart.valueRange.max,
    };
  return Object.keys(axes).length > 0 ? axes : undefined;
}

describe.each(["bench", "portable"] as const)("charts from the same plans (%s)", (mode) => {
  const plans = buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts: true,
    mode,
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Restaurants",
  });

  it("draws every chart through Office.js as the file holds it", async () => {
    const double = createExcelDouble({ sheets: ["ROI"] });
    double.install();
    try {
      const rendered = await renderTemplatesIntoWorkbook(plans, { supports: () => true });
      const nameOf = new Map(rendered.map((r) => [r.key, r.name]));
      const expected = plans.flatMap((plan) =>
        (plan.charts ?? []).map((chart) => ({
          sheet: nameOf.get(plan.key)!,
          type: EXCEL_TYPES[chart.type],
          source: `${sheetReference(nameOf.get(plan.key)!)}${chart.data}`,
          seriesBy: chart.seriesBy === "rows" ? "Rows" : "Columns",
          title: chart.title,
          position: { start: chart.anchor, end: chart.to },
          axes: axesOf(chart),
        }))
      );
      expect(expected.map((c) => c.sheet)).toEqual(
        expect.arrayContaining(["Gap analysis", "ROI (2)", "Portfolio"])
      );
      const drawn = double.state.charts().map((c) => ({
        sheet: c.sheet,
        type: c.type,
        source: c.source,
        seriesBy: c.seriesBy,
        title: (c.settings as { title?: { text?: string } }).title?.text,
        position: (c.settings as { position?: unknown }).position,
        axes: (c.settings as { axes?: unknown }).axes,
      }));
      expect(drawn).toEqual(expected);
      expect(expected.some((c) => c.axes !== undefined)).toBe(true);
    } finally {
      double.uninstall();
    }
  });

  it("writes one chart part per plan chart into the file", async () => {
    const zip = await JSZip.loadAsync(await renderXlsxBuffer(plans, mode));
    const titles = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
        .map(async (n) => /<a:t>([^<]*)<\/a:t>/.exec(await zip.files[n].async("string"))![1])
    );
    expect(titles.sort()).toEqual(
      plans.flatMap((p) => (p.charts ?? []).map((c) => c.title)).sort()
    );
  });
});
