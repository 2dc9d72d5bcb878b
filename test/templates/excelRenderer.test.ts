/**
 * The Office.js renderer through the Excel double: sync budget, new sheets only, suffixes, clean-up on
 * failure, and the same cells as the .xlsx renderer for the same plans (one plan, two renderers).
 */
import ExcelJS from "exceljs";
import { createExcelDouble, ExcelDouble } from "../excel-double";
import {
  insertTemplates,
  renderTemplatesIntoWorkbook,
  TemplateRenderError,
} from "../../src/excel/templates";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { fromFileFormula } from "../../src/templates/formulas";
import { buildWorkbookPlan } from "../../src/templates/index";
import { FormulaMode, TEMPLATE_IDS, TemplateId, columnLetter } from "../../src/templates/plan";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { resolvedCells, resolveSheet } from "../../src/templates/resolve";
import { fixtureLibrary } from "./fixtures";

const supportsAll = (): boolean => true;

/** An exceljs cell's value and number format (a plain read: exceljs is not Office.js). */
function xlsxCellAt(
  sheet: ExcelJS.Worksheet,
  row: number,
  column: number
): { value: unknown; numFmt: string } {
  const found = sheet.findCell(row, column);
  return { value: found?.value ?? null, numFmt: found?.numFmt ?? "" };
}

function plansFor(
  templates: readonly TemplateId[],
  mode: FormulaMode = "bench",
  library = BUNDLED_TEMPLATE_LIBRARY,
  summary = false
) {
  return buildWorkbookPlan({
    templates,
    summary,
    drawsCharts: true,
    mode,
    library,
    maths: coreMaths(library),
    industry: library.values[0].industry,
  });
}

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble({ sheets: ["Sheet1", "ROI"] });
  double.install();
  double.state.setValues("Sheet1", "A1:B2", [
    ["keep", 1],
    [2, "me"],
  ]);
  double.state.setValues("ROI", "A1", [["the user's own ROI sheet"]]);
});
afterEach(() => double.uninstall());

describe("Office.js template renderer", () => {
  it.each(TEMPLATE_IDS.map((id) => [id]))("draws %s in at most 3 syncs", async (id) => {
    double.stats.reset();
    await renderTemplatesIntoWorkbook(plansFor([id]), { supports: supportsAll });
    expect(double.stats.syncCount).toBeLessThanOrEqual(3);
    expect(double.stats.requests.every((r) => r.error === undefined)).toBe(true);
  });

  it("draws a gap analysis with 200 metric rows in at most 3 syncs", async () => {
    const library = fixtureLibrary(200);
    double.stats.reset();
    await renderTemplatesIntoWorkbook(plansFor(["gap"], "bench", library), {
      supports: supportsAll,
    });
    expect(double.stats.syncCount).toBeLessThanOrEqual(3);
    const sheet = double.state.sheetNames().find((n) => n.startsWith("Gap"))!;
    expect(double.state.usedAddress(sheet)).toBeTruthy();
  });

  it("adds new sheets with a suffix and never touches existing ones", async () => {
    const before = double.state.sheetNames();
    const first = await renderTemplatesIntoWorkbook(plansFor(["roi"]), { supports: supportsAll });
    const second = await renderTemplatesIntoWorkbook(plansFor(["roi"]), { supports: supportsAll });
    expect(first[0].name).toBe("ROI (2)");
    expect(second[0].name).toBe("ROI (3)");
    expect(double.state.sheetNames()).toEqual([...before, "ROI (2)", "ROI (3)"]);
    expect(double.state.values("Sheet1", "A1:B2")).toEqual([
      ["keep", 1],
      [2, "me"],
    ]);
    expect(double.state.values("ROI", "A1:A2")).toEqual([["the user's own ROI sheet"], [""]]);
    // Names went to worksheets.add; a rename afterwards would clear Excel's undo stack on Windows.
    const calls = JSON.stringify(double.stats.runs);
    expect(calls).toContain("mergeUndoGroup");
  });

  it("asks for one undo group only where ExcelApi 1.20 is supported", async () => {
    await renderTemplatesIntoWorkbook(plansFor(["log"]), {
      supports: (_set, version) => version !== "1.20",
    });
    expect(double.stats.runs[double.stats.runs.length - 1].options.mergeUndoGroup).toBeUndefined();
    await renderTemplatesIntoWorkbook(plansFor(["log"]), { supports: supportsAll });
    expect(double.stats.runs[double.stats.runs.length - 1].options.mergeUndoGroup).toBe(true);
  });

  it("draws a whole workbook with summary and links the summary to the ROI sheet's actual name", async () => {
    double.stats.reset();
    const plans = plansFor(TEMPLATE_IDS, "bench", BUNDLED_TEMPLATE_LIBRARY, true);
    const rendered = await renderTemplatesIntoWorkbook(plans, { supports: supportsAll });
    // One load, one write per template, one for the protection (outside the undo group).
    expect(double.stats.syncCount).toBeLessThanOrEqual(2 + plans.length);
    const roiName = rendered.find((r) => r.key === "roi")!.name;
    const summary = rendered.find((r) => r.key === "summary")!.name;
    const formulas = double.state
      .formulas(summary, "B1:B40")
      .flat()
      .filter((f) => typeof f === "string" && f.startsWith("="));
    expect(formulas.some((f) => String(f).includes(`'${roiName}'!`))).toBe(true);
    expect(
      double.state
        .charts()
        .map((c) => c.sheet)
        .sort()
    ).toEqual(expect.arrayContaining([roiName, rendered.find((r) => r.key === "portfolio")!.name]));
    expect(double.state.tables().length).toBe(3);
    expect(double.state.application().screenUpdatingSuspensions).toBeGreaterThanOrEqual(
      plans.length
    );
  });

  it("removes the sheets it created and says so when Excel fails part-way", async () => {
    const plans = plansFor(["log", "roi"]);
    // A table name that is invalid in Excel makes the second template's request fail.
    plans[1].tables = [{ name: "bad name with spaces", range: "A1:B3" }];
    const before = double.state.sheetNames();
    const failure = await renderTemplatesIntoWorkbook(plans, { supports: supportsAll }).catch(
      (e: unknown) => e
    );
    expect(failure).toBeInstanceOf(TemplateRenderError);
    const error = failure as TemplateRenderError;
    expect(error.message).toMatch(/removed the unfinished sheets/);
    expect(error.removedSheets).toContain("Learning log");
    expect(double.state.sheetNames()).toEqual(before);
  });
});

describe("insertTemplates (what the task pane calls)", () => {
  it("draws the chosen templates with a Summary from the active library, BENCH formulas by default", async () => {
    const rendered = await insertTemplates(["gap", "roi"], "Restaurants", {
      supports: supportsAll,
    });
    expect(rendered.map((r) => r.name)).toEqual(["Summary", "Gap analysis", "ROI (2)"]);
    expect(double.state.values("Gap analysis", "B4")).toEqual([["Restaurants"]]);
    expect(String(double.state.cell("ROI (2)", "B49").formula)).toMatch(/^=BENCH\.NPV\(/);
  });
});

describe("Office.js renderer safety and size", () => {
  it("writes library text that looks like a formula or number as text (CSV-injection rule)", async () => {
    const library = fixtureLibrary(2);
    const payloads = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1", "0012"];
    library.values = library.values.map((v, i) =>
      i < payloads.length ? { ...v, notes: payloads[i] } : v
    );
    const [plan] = plansFor(["reference"], "bench", library);
    const [rendered] = await renderTemplatesIntoWorkbook([plan], { supports: supportsAll });
    const notes = double.state.values(rendered.name, "T6:T10").flat();
    expect(notes).toEqual(payloads);
    for (let row = 6; row <= 10; row++)
      expect(double.state.cell(rendered.name, `T${row}`).formula).toBeUndefined();
  });

  it("splits a sheet over several requests only when it would pass the request budget, with the same cells", async () => {
    const library = fixtureLibrary(200);
    const [plan] = plansFor(["gap"], "bench", library);
    double.stats.reset();
    const [small] = await renderTemplatesIntoWorkbook([plan], {
      supports: supportsAll,
      requestBudgetBytes: 20_000,
    });
    expect(double.stats.syncCount).toBeGreaterThan(3);
    expect(double.stats.maxRequestBytes).toBeLessThan(60_000);
    const [whole] = await renderTemplatesIntoWorkbook([plan], { supports: supportsAll });
    expect(double.state.formulas(small.name, "A1:P215")).toEqual(
      double.state.formulas(whole.name, "A1:P215")
    );
    expect(double.state.numberFormats(small.name, "A1:P215")).toEqual(
      double.state.numberFormats(whole.name, "A1:P215")
    );
  });
});

describe("one plan, two renderers", () => {
  it.each([["bench"], ["portable"]] as const)(
    "the double and the .xlsx file hold the same cells (%s formulas)",
    async (mode) => {
      const library = fixtureLibrary(5);
      const plans = plansFor(TEMPLATE_IDS, mode, library, true);
      const double2 = createExcelDouble({ sheets: [] as string[] });
      double2.install();
      try {
        await renderTemplatesIntoWorkbook(plans, { mode, supports: supportsAll });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(
          (await renderXlsxBuffer(plans, mode)) as unknown as ExcelJS.Buffer
        );
        const names = Object.fromEntries(plans.map((p) => [p.key, p.name]));
        let compared = 0;
        for (const plan of plans) {
          const sheet = workbook.getWorksheet(plan.name)!;
          for (const [key, cell] of resolvedCells(resolveSheet(plan, plan.name, mode, names))) {
            const [row, column] = key.split(":").map(Number);
            const address = `${columnLetter(column)}${row + 1}`;
            const fromDouble = double2.state.cell(plan.name, address);
            const fileCell = xlsxCellAt(sheet, row + 1, column + 1);
            // exceljs reads a date-formatted number back as a Date; the file holds the serial number.
            const raw = fileCell.value as unknown;
            const fileValue =
              raw instanceof Date ? (raw.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : raw;
            const fileFormula =
              fileValue && typeof fileValue === "object" && "formula" in (fileValue as object)
                ? fromFileFormula((fileValue as { formula: string }).formula)
                : undefined;
            if (cell.formula !== undefined) {
              expect([address, fromDouble.formula]).toEqual([address, cell.formula]);
              expect([address, fileFormula]).toEqual([address, cell.formula]);
            } else if (cell.value !== null && cell.value !== "") {
              expect([address, fromDouble.value]).toEqual([address, cell.value]);
              expect([address, fileValue]).toEqual([address, cell.value]);
            }
            expect([address, fromDouble.numberFormat]).toEqual([address, cell.format]);
            expect([address, fileCell.numFmt || "General"]).toEqual([address, cell.format]);
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(1000);
      } finally {
        double2.uninstall();
        double.install();
      }
    }
  );
});
