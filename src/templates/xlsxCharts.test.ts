import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "./defaults";
import { buildWorkbookPlan } from "./index";
import { parseCell, TEMPLATE_IDS, type ChartPlan, type FormulaMode, type SheetPlan } from "./plan";
import { renderXlsxBuffer } from "./renderXlsx";
import {
  addNativeCharts,
  CHART_CONTENT_TYPE,
  chartReference,
  chartXml,
  DRAWING_CONTENT_TYPE,
  seriesOf,
  type ChartSheet,
} from "./xlsxCharts";

function workbookPlans(mode: FormulaMode): SheetPlan[] {
  return buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts: true,
    mode,
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Retail",
  });
}

/** Every part of a package as text, by path. */
async function parts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) texts.set(name, await zip.files[name].async("string"));
  }
  return texts;
}

const attributes = (xml: string, element: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}\\s[^>]*?\\s?${name}="([^"]*)"`, "g"))].map((m) => m[1]);

/** Resolves a relationship target against the folder of the part that owns the .rels file. */
function resolveTarget(relsPath: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const owner = relsPath.replace(/_rels\/([^/]*)\.rels$/, "$1");
  const folder = owner.includes("/") ? owner.slice(0, owner.lastIndexOf("/")) : "";
  const segments = folder ? folder.split("/") : [];
  for (const segment of target.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== ".") segments.push(segment);
  }
  return segments.join("/");
}

const sheetOf = (
  charts: ChartPlan[],
  name = "Data",
  values: Record<string, number | string> = {}
): ChartSheet => ({
  name,
  charts,
  cell: (row, column) => {
    const key = Object.keys(values).find((a) => {
      const p = parseCell(a);
      return p.row === row && p.column === column;
    });
    return key === undefined ? undefined : { value: values[key], format: "0.0" };
  },
});

describe("chart references", () => {
  it("always quotes the sheet name and doubles apostrophes", () => {
    expect(chartReference("ROI", 0, 0, 0, 0)).toBe("'ROI'!$A$1");
    expect(chartReference("Bob's ROI (2)", 4, 1, 9, 1)).toBe("'Bob''s ROI (2)'!$B$5:$B$10");
  });

  it("splits a rectangle by columns: header row = names, first column = categories", () => {
    const series = seriesOf(
      { title: "t", type: "columnClustered", data: "B3:D7", seriesBy: "columns", anchor: "F1" },
      "S"
    );
    expect(
      series.map((s) => [s.name.reference, s.categories.reference, s.values.reference])
    ).toEqual([
      ["'S'!$C$3", "'S'!$B$4:$B$7", "'S'!$C$4:$C$7"],
      ["'S'!$D$3", "'S'!$B$4:$B$7", "'S'!$D$4:$D$7"],
    ]);
  });

  it("splits a rectangle by rows: first column = names, first row = categories", () => {
    const series = seriesOf(
      { title: "t", type: "line", data: "H32:L34", seriesBy: "rows", anchor: "A1" },
      "ROI"
    );
    expect(
      series.map((s) => [s.name.reference, s.categories.reference, s.values.reference])
    ).toEqual([
      ["'ROI'!$H$33", "'ROI'!$I$32:$L$32", "'ROI'!$I$33:$L$33"],
      ["'ROI'!$H$34", "'ROI'!$I$32:$L$32", "'ROI'!$I$34:$L$34"],
    ]);
  });

  it("refuses a rectangle without a header and a category line", () => {
    expect(() =>
      seriesOf({ title: "t", type: "line", data: "A1:A9", seriesBy: "columns", anchor: "C1" }, "S")
    ).toThrow(/header row/);
  });
});

describe("chart parts", () => {
  const plan = (type: ChartPlan["type"]): ChartPlan => ({
    title: "Tom & Jerry <chart>",
    type,
    data: "A1:B3",
    seriesBy: "columns",
    anchor: "D1",
  });
  const values = { A1: "x", B1: "Series", A2: 1, A3: 2, B2: 10, B3: 20 };

  it.each([
    ["line", "<c:lineChart>"],
    ["columnClustered", '<c:barDir val="col"/>'],
    ["barClustered", '<c:barDir val="bar"/>'],
    ["xyScatter", "<c:scatterChart>"],
  ] as const)("writes a well-formed %s chart with its cache", (type, marker) => {
    const xml = chartXml(plan(type), sheetOf([plan(type)], "Data", values));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(marker);
    expect(xml).toContain("Tom &amp; Jerry &lt;chart&gt;");
    expect(xml).toContain('<c:pt idx="1"><c:v>20</c:v></c:pt>');
    expect(xml).toContain("<c:f>'Data'!$B$2:$B$3</c:f>");
  });

  it("writes axis titles and fixed value bounds where the plan gives them", () => {
    const withAxes: ChartPlan = {
      ...plan("xyScatter"),
      axisTitles: { category: "Effort", value: "Benefit" },
      valueRange: { min: 0, max: 1 },
    };
    const xml = chartXml(withAxes, sheetOf([withAxes], "Data", values));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<c:valAx><c:axId val="500001"\/>.*<a:t>Effort<\/a:t>/);
    expect(xml).toContain('<c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/>');
    expect(xml).toContain("<a:t>Benefit</a:t>");
    expect(chartXml(plan("line"), sheetOf([], "Data", values))).not.toContain("<c:max ");
  });

  it("leaves formulas without a known result out of the cache, keeping the point count", () => {
    const xml = chartXml(plan("line"), sheetOf([plan("line")], "Data", { B1: "S", B2: 5 }));
    expect(xml).toMatch(
      /<c:val><c:numRef><c:f>'Data'!\$B\$2:\$B\$3<\/c:f><c:numCache><c:formatCode>0\.0<\/c:formatCode><c:ptCount val="2"\/><c:pt idx="0"><c:v>5<\/c:v><\/c:pt><\/c:numCache>/
    );
  });

  it("returns the bytes unchanged in content when no sheet has charts", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Only");
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await addNativeCharts(bytes, [sheetOf([], "Only")])).toEqual(bytes);
  });

  it("finds a sheet whose name needs escaping and quotes it in every reference", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("First");
    const name = "Bob's ROI & <Co>";
    workbook.addWorksheet(name).getCell("A1").value = "x";
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const files = await parts(
      await addNativeCharts(bytes, [sheetOf([plan("line")], name, values)])
    );
    expect(files.get("xl/worksheets/sheet2.xml")).toContain('<drawing r:id="rId1"/>');
    expect(files.get("xl/worksheets/sheet1.xml")).not.toContain("<drawing");
    const chart = files.get("xl/charts/chart1.xml")!;
    expect(XMLValidator.validate(chart)).toBe(true);
    expect(chart).toContain("<c:f>'Bob''s ROI &amp; &lt;Co&gt;'!$B$2:$B$3</c:f>");
  });

  it("names the sheet it cannot find instead of dropping the chart", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Only");
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(addNativeCharts(bytes, [sheetOf([plan("line")], "Missing")])).rejects.toThrow(
      /no sheet named "Missing"/
    );
  });
});

describe.each(["portable", "bench"] as const)("a generated workbook (%s)", (mode) => {
  let files: Map<string, string>;
  const plans = workbookPlans(mode);
  const charted = plans.filter((p) => (p.charts ?? []).length > 0);

  beforeAll(async () => {
    files = await parts(await renderXlsxBuffer(plans, mode));
  });

  it("has one chart part per ChartPlan, each well-formed", () => {
    const chartParts = [...files.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(chartParts).toHaveLength(charted.flatMap((p) => p.charts ?? []).length);
    expect(charted.map((p) => p.key)).toEqual(expect.arrayContaining(["gap", "roi", "portfolio"]));
    for (const part of [...files.keys()].filter((p) => /\.(xml|rels)$/.test(p)))
      expect([part, XMLValidator.validate(files.get(part)!)]).toEqual([part, true]);
  });

  it("resolves every relationship target to a part in the package", () => {
    for (const [path, xml] of files) {
      if (!path.endsWith(".rels")) continue;
      for (const target of attributes(xml, "Relationship", "Target"))
        expect([path, target, files.has(resolveTarget(path, target))]).toEqual([
          path,
          target,
          true,
        ]);
    }
  });

  it("declares a content type for every part", () => {
    const types = files.get("[Content_Types].xml")!;
    const overrides = new Map(
      [...types.matchAll(/<Override PartName="\/([^"]+)" ContentType="([^"]+)"/g)].map((m) => [
        m[1],
        m[2],
      ])
    );
    const defaults = new Set(attributes(types, "Default", "Extension"));
    for (const path of files.keys()) {
      if (path === "[Content_Types].xml") continue;
      const extension = path.slice(path.lastIndexOf(".") + 1);
      expect([path, overrides.has(path) || defaults.has(extension)]).toEqual([path, true]);
    }
    for (const path of files.keys()) {
      if (/^xl\/charts\/chart\d+\.xml$/.test(path))
        expect(overrides.get(path)).toBe(CHART_CONTENT_TYPE);
      if (/^xl\/drawings\/drawing\d+\.xml$/.test(path))
        expect(overrides.get(path)).toBe(DRAWING_CONTENT_TYPE);
    }
  });

  it("links each charted sheet to its drawing, before its table parts, with the plan's ranges", () => {
    const workbookXml = files.get("xl/workbook.xml")!;
    const workbookRels = files.get("xl/_rels/workbook.xml.rels")!;
    for (const plan of charted) {
      const name = plan.name;
      const sheetId = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(
        workbookXml
      )![1];
      const target =
        new RegExp(`Id="${sheetId}"[^>]*Target="([^"]+)"`).exec(workbookRels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${sheetId}"`).exec(workbookRels)![1];
      const sheetPart = resolveTarget("xl/_rels/workbook.xml.rels", target);
      const sheetXml = files.get(sheetPart)!;
      const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)![1];
      if (sheetXml.includes("<tableParts"))
        expect(sheetXml.indexOf("<drawing")).toBeLessThan(sheetXml.indexOf("<tableParts"));
      const relsPath = sheetPart.replace(/([^/]+)$/, "_rels/$1.rels");
      const rels = files.get(relsPath)!;
      const drawingTarget = new RegExp(`Id="${drawingId}"[^>]*Target="([^"]+)"`).exec(rels)![1];
      const drawingPart = resolveTarget(relsPath, drawingTarget);
      const drawingRels = files.get(drawingPart.replace(/([^/]+)$/, "_rels/$1.rels"))!;
      const chartParts = attributes(drawingRels, "Relationship", "Target").map((t) =>
        resolveTarget(drawingPart.replace(/([^/]+)$/, "_rels/$1.rels"), t)
      );
      expect(chartParts).toHaveLength(plan.charts!.length);
      plan.charts!.forEach((chart, k) => {
        const xml = files.get(chartParts[k])!;
        const expected = seriesOf(chart, name).flatMap((s) => [
          s.name.reference,
          s.categories.reference,
          s.values.reference,
        ]);
        const formulas = [...xml.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) =>
          m[1].replace(/&apos;/g, "'")
        );
        expect([...new Set(formulas)].sort()).toEqual([...new Set(expected)].sort());
        expect(xml).toContain(chart.title.replace(/&/g, "&amp;"));
        expect(formulas.every((f) => f.startsWith(`'${name}'!`))).toBe(true);
      });
    }
  });
});
