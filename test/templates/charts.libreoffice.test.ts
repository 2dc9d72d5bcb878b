/**
 * Native charts read back by an independent engine: LibreOffice opens the generated workbook,
 * recalculates it and saves it again as .xlsx; every chart must survive with the same type, title and
 * cell ranges, and its caches must now hold the values LibreOffice calculated for those cells (which
 * shows the series are live references, not pictures). Also converts to PDF, as the README image is.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "fs";
import JSZip from "jszip";
import os from "os";
import path from "path";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import { TEMPLATE_IDS, type ChartPlan } from "../../src/templates/plan";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { seriesOf } from "../../src/templates/xlsxCharts";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

const CHART_ELEMENT: Record<ChartPlan["type"], RegExp> = {
  line: /<c:lineChart>/,
  xyScatter: /<c:scatterChart>/,
  columnClustered: /<c:barDir val="col"\/>/,
  barClustered: /<c:barDir val="bar"\/>/,
};

interface ReadBackChart {
  xml: string;
  formulas: string[];
}

async function chartsIn(file: string): Promise<ReadBackChart[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  return Promise.all(
    names.map(async (name) => {
      const xml = await zip.files[name].async("string");
      const formulas = [...xml.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) =>
        plainRef(m[1].replace(/&apos;/g, "'"))
      );
      return { xml, formulas };
    })
  );
}

/** A reference without $ and without quotes the sheet name does not need (LibreOffice drops them). */
const plainRef = (reference: string): string =>
  reference.replace(/\$/g, "").replace(/^'([A-Za-z_][A-Za-z0-9_.]*)'!/, "$1!");

/** Each numeric reference's cached points (index → value), keyed by the reference without $. */
function numCaches(xml: string): Map<string, Map<number, number>> {
  const caches = new Map<string, Map<number, number>>();
  for (const m of xml.matchAll(/<c:numRef><c:f>([^<]+)<\/c:f><c:numCache>(.*?)<\/c:numCache>/g)) {
    const points = new Map(
      [...m[2].matchAll(/<c:pt idx="(\d+)"[^>]*><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((p) => [
        Number(p[1]),
        Number(p[2]),
      ])
    );
    caches.set(plainRef(m[1].replace(/&apos;/g, "'")), points);
  }
  return caches;
}

describeWithLibreOffice("native charts read back by LibreOffice", () => {
  const plans = buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts: true,
    mode: "portable",
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Retail",
  });
  const planned = plans.flatMap((plan) => (plan.charts ?? []).map((chart) => ({ plan, chart })));
  let folder: string;
  let readBack: ReadBackChart[];
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-charts-"));
    const file = path.join(folder, "charts.xlsx");
    writeFileSync(file, await renderXlsxBuffer(plans, "portable"));
    const recalculated = await recalculateXlsx(file, path.join(folder, "out"));
    readBack = await chartsIn(recalculated);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(recalculated);
  }, 180_000);

  it("keeps every chart with its type, title and ranges", () => {
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(readBack).toHaveLength(planned.length);
    for (const { plan, chart } of planned) {
      const expected = seriesOf(chart, plan.name).flatMap((s) => [
        plainRef(s.categories.reference),
        plainRef(s.values.reference),
      ]);
      const match = readBack.find(
        (c) => c.xml.includes(chart.title) && expected.every((ref) => c.formulas.includes(ref))
      );
      expect([chart.title, match !== undefined]).toEqual([chart.title, true]);
      expect(match!.xml).toMatch(CHART_ELEMENT[chart.type]);
    }
  });

  it("caches the values LibreOffice calculated for the charted cells", () => {
    let compared = 0;
    for (const { plan, chart } of planned) {
      const sheet = workbook.getWorksheet(plan.name)!;
      const [first] = seriesOf(chart, plan.name);
      const match = readBack.find((c) => c.xml.includes(chart.title))!;
      const values = first.values.cells.map(({ row, column }) => {
        const value = sheet.getCell(row + 1, column + 1).value;
        return value && typeof value === "object" && "result" in value ? value.result : value;
      });
      const points = numCaches(match.xml).get(plainRef(first.values.reference));
      expect([chart.title, points !== undefined]).toEqual([chart.title, true]);
      values.forEach((value, index) => {
        if (typeof value !== "number") return;
        expect([chart.title, index, points!.get(index)]).toEqual([
          chart.title,
          index,
          expect.closeTo(value, 6),
        ]);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("renders the workbook with its charts to PDF", async () => {
    const pdf = await recalculateXlsx(
      path.join(folder, "charts.xlsx"),
      path.join(folder, "pdf"),
      "pdf"
    );
    expect(existsSync(pdf) && statSync(pdf).size > 20_000).toBe(true);
  }, 120_000);
});
