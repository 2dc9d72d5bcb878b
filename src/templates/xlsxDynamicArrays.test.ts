/**
 * Spilled BENCH formulas in `--formulas bench` files are stored as Excel stores dynamic arrays (cell
 * metadata XLDAPR, cm="1" on the anchor, <f t="array" ref=…>), and no BENCH call hides behind IFERROR,
 * so a file opened without the add-in shows #NAME? rather than a silent blank.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "./defaults";
import { buildWorkbookPlan } from "./index";
import { TEMPLATE_IDS, type FormulaMode } from "./plan";
import { renderXlsxBuffer } from "./renderXlsx";
import { resolvedCells, resolveSheet } from "./resolve";
import { DYNAMIC_ARRAY_METADATA, markAnchors, withDynamicArrays } from "./xlsxDynamicArrays";

const library = BUNDLED_TEMPLATE_LIBRARY;
const plans = (mode: FormulaMode) =>
  buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts: false,
    mode,
    library,
    maths: coreMaths(library),
    industry: library.values[0].industry,
  });

async function sheetXmls(buffer: Buffer): Promise<{ zip: JSZip; sheets: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  return { zip, sheets: await Promise.all(names.map((n) => zip.file(n)!.async("string"))) };
}

describe("dynamic arrays in bench files", () => {
  let buffer: Buffer;
  beforeAll(async () => {
    buffer = await renderXlsxBuffer(plans("bench"), "bench");
  });

  it("marks every spilled formula's anchor with cm=1 and a t=array formula over the spill", async () => {
    const { sheets } = await sheetXmls(buffer);
    const anchors = sheets.flatMap((xml) => [
      ...xml.matchAll(
        /<c r="([A-Z]+\d+)"[^>]*>\s*<f t="array" ref="([A-Z]+\d+:[A-Z]+\d+)"[^>]*>([^<]*)</g
      ),
    ]);
    expect(anchors.length).toBeGreaterThanOrEqual(2);
    for (const [cell, , ref, formula] of anchors) {
      expect(cell).toMatch(/ cm="1"/);
      expect(ref.startsWith(cell.match(/r="([A-Z]+\d+)"/)![1])).toBe(true);
      expect(formula).toMatch(/_xldudf_BENCH_/);
    }
  });

  it("adds the metadata part, its content type and the workbook relationship", async () => {
    const { zip } = await sheetXmls(buffer);
    expect(await zip.file("xl/metadata.xml")!.async("string")).toBe(DYNAMIC_ARRAY_METADATA);
    expect(DYNAMIC_ARRAY_METADATA).toMatch(/name="XLDAPR"/);
    expect(DYNAMIC_ARRAY_METADATA).toMatch(/<xda:dynamicArrayProperties fDynamic="1"/);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toMatch(
      /PartName="\/xl\/metadata.xml" ContentType="application\/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata\+xml"/
    );
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    expect(rels).toMatch(/relationships\/sheetMetadata" Target="metadata.xml"/);
    const ids = [...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("stays a package exceljs reads back with the same formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBe(plans("bench").length);
  });

  it("never wraps a BENCH call in IFERROR (an unresolved function must show #NAME?)", () => {
    const sheets = plans("bench");
    const names = Object.fromEntries(sheets.map((plan) => [plan.key, plan.name]));
    const wrapped = sheets.flatMap((plan) =>
      [...resolvedCells(resolveSheet(plan, plan.name, "bench", names)).values()]
        .map((cell) => cell.formula ?? "")
        .filter((formula) => /BENCH\./i.test(formula) && /IFERROR\(/i.test(formula))
    );
    expect(wrapped).toEqual([]);
  });

  it("portable files have no array formulas and no metadata part", async () => {
    const portable = await renderXlsxBuffer(plans("portable"), "portable");
    const { zip, sheets } = await sheetXmls(portable);
    expect(sheets.some((xml) => xml.includes('t="array"'))).toBe(false);
    expect(zip.file("xl/metadata.xml")).toBeNull();
  });
});

describe("markAnchors", () => {
  it("adds cm=1 once, keeps other attributes, and leaves ordinary formulas alone", () => {
    const xml =
      '<c r="B2" s="3"><f t="array" ref="B2:B4">_xldudf_BENCH_X(1)</f></c><c r="C2"><f>SUM(1)</f></c>';
    const once = markAnchors(xml);
    expect(once.marked).toBe(1);
    expect(once.xml).toBe(
      '<c r="B2" s="3" cm="1"><f t="array" ref="B2:B4">_xldudf_BENCH_X(1)</f></c><c r="C2"><f>SUM(1)</f></c>'
    );
    expect(markAnchors(once.xml)).toEqual({ xml: once.xml, marked: 0 });
  });

  it("a package without array formulas comes back unchanged", async () => {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", "<worksheet/>");
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect(await withDynamicArrays(bytes)).toBe(bytes);
  });
});
