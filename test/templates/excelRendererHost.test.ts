/**
 * The Office.js template renderer against the host rules the double enforces (docs/excel-double.md):
 * undo groups (protect and delete have no undo support), screen-updating suspension that covers the
 * writes, the payload limit counted in UTF-8 bytes, defined names that share the table namespace,
 * typed-input conversion of literal text, and cell edit mode.
 */
import { createExcelDouble, ExcelDouble } from "../excel-double";
import { renderTemplatesIntoWorkbook, TemplateRenderError } from "../../src/excel/templates";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import type { SheetPlan, TemplateId } from "../../src/templates/plan";

const supportsAll = (): boolean => true;

function plansFor(templates: readonly TemplateId[], summary = false): SheetPlan[] {
  const library = BUNDLED_TEMPLATE_LIBRARY;
  return buildWorkbookPlan({
    templates,
    summary,
    drawsCharts: true,
    mode: "bench",
    library,
    maths: coreMaths(library),
    industry: library.values[0].industry,
  });
}

/** A one-column sheet of literal text. */
function textPlan(name: string, texts: readonly string[]): SheetPlan {
  return {
    key: "log",
    name,
    purpose: "test",
    blocks: [{ at: "A1", rows: texts.map((value) => [{ value }]) }],
    protect: false,
  };
}

let double: ExcelDouble;
afterEach(() => double.uninstall());

function install(options: Parameters<typeof createExcelDouble>[0] = {}): void {
  double = createExcelDouble({ sheets: ["Sheet1"], ...options });
  double.install();
}

describe("undo groups (ExcelApi 1.20)", () => {
  it("draws protected templates in one undo group and protects them in a request outside it", async () => {
    install();
    const plans = plansFor(["roi", "gap", "fit", "log"], true);
    const rendered = await renderTemplatesIntoWorkbook(plans, { supports: supportsAll });
    expect(rendered).toHaveLength(plans.length);
    for (const [i, sheet] of rendered.entries())
      expect(double.state.sheet(sheet.name).protection.protected).toBe(plans[i].protect);
    expect(plans.filter((p) => p.protect).length).toBeGreaterThanOrEqual(3);
    // The drawing ran in the undo group; the protection in a run of its own without it.
    expect(double.stats.runs.map((r) => r.options.mergeUndoGroup === true)).toEqual([true, false]);
    expect(double.stats.requests.every((r) => r.error === undefined)).toBe(true);
    // Protecting clears the undo stack, so such an insert cannot be undone with Ctrl+Z (README says so).
    expect(double.stats.requests[double.stats.requests.length - 1].clearsUndoStack).toBe(true);
  });

  it("an insert of unprotected templates stays one undoable group (nothing clears the undo stack)", async () => {
    install();
    await renderTemplatesIntoWorkbook(plansFor(["log", "portfolio"]), { supports: supportsAll });
    expect(double.stats.runs.map((r) => r.options.mergeUndoGroup === true)).toEqual([true]);
    expect(double.stats.requests.some((r) => r.clearsUndoStack)).toBe(false);
  });

  it("removes what it drew outside the undo group when the drawing fails (Excel keeps partial work)", async () => {
    install({ partialFailures: true });
    const plans = plansFor(["log", "roi"]);
    plans[1].tables = [{ name: "bad name with spaces", range: "A1:B3" }];
    const failure = await renderTemplatesIntoWorkbook(plans, { supports: supportsAll }).catch(
      (e: unknown) => e
    );
    expect(failure).toBeInstanceOf(TemplateRenderError);
    expect((failure as TemplateRenderError).leftBehind).toEqual([]);
    expect(double.state.sheetNames()).toEqual(["Sheet1"]);
    const cleanUpRun = double.stats.runs[double.stats.runs.length - 1];
    expect(cleanUpRun.options.mergeUndoGroup).toBeUndefined();
  });

  it("adding a practice scorecard (a protected fit sheet) works where undo groups exist", async () => {
    install();
    const [sheet] = await renderTemplatesIntoWorkbook(plansFor(["fit"]), {
      supports: supportsAll,
    });
    expect(double.state.sheet(sheet.name).protection.protected).toBe(true);
  });
});

describe("requests", () => {
  it("asks Excel to suspend screen updating before the writes of every drawing request", async () => {
    install();
    await renderTemplatesIntoWorkbook(plansFor(["roi", "log"]), { supports: supportsAll });
    const writing = double.stats.requests.filter(
      (r) => r.writesBeforeScreenSuspension !== undefined
    );
    expect(writing.length).toBeGreaterThanOrEqual(2);
    expect(writing.map((r) => r.writesBeforeScreenSuspension)).toEqual(writing.map(() => 0));
  });

  it("counts the request budget in UTF-8 bytes, so multi-byte text stays under the payload limit", async () => {
    install({ payloadLimitBytes: 30_000 });
    // 200 rows of 100 "€": 300 UTF-8 bytes but 100 UTF-16 code units each, 60 KB in all.
    const texts = Array.from({ length: 200 }, (_, i) => `${"€".repeat(100)} ${i}`);
    await renderTemplatesIntoWorkbook([textPlan("Euro", texts)], {
      supports: supportsAll,
      requestBudgetBytes: 20_000,
    });
    expect(double.stats.maxRequestBytes).toBeLessThanOrEqual(30_000);
    expect(double.state.values("Euro", "A200")).toEqual([[texts[199]]]);
  });
});

describe("names", () => {
  it.each(["LearningLog", "Initiatives"])(
    "a workbook defined name %s does not block the insert: the table gets a free name",
    async (taken) => {
      install();
      double.state.setValues("Sheet1", "A1", [[1]]);
      double.state.addName(taken, "=Sheet1!$A$1");
      const template: TemplateId = taken === "LearningLog" ? "log" : "portfolio";
      await renderTemplatesIntoWorkbook(plansFor([template]), { supports: supportsAll });
      const tableNames = double.state.tables().map((t) => t.name);
      expect(tableNames).toContain(`${taken}2`);
      expect(double.state.names().map((n) => n.name)).toContain(taken);
    }
  );
});

describe("literal text", () => {
  it("keeps text that Excel would type-convert as the same text", async () => {
    install();
    const texts = [
      "1e3",
      "Mar 2025",
      "10:30",
      "#N/A",
      "TRUE",
      "$120",
      "1,234.5",
      "2024-05",
      "=1+1",
    ];
    await renderTemplatesIntoWorkbook([textPlan("Texts", texts)], { supports: supportsAll });
    expect(double.state.values("Texts", `A1:A${texts.length}`).flat()).toEqual(texts);
  });
});

describe("cell edit mode", () => {
  it("waits while the user edits a cell (delayForCellEdit) and then draws", async () => {
    install();
    double.setCellEditMode(true);
    const insert = renderTemplatesIntoWorkbook(plansFor(["log"]), { supports: supportsAll });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(double.state.sheetNames()).toEqual(["Sheet1"]);
    double.setCellEditMode(false);
    await insert;
    expect(double.state.sheetNames()).toEqual(["Sheet1", "Learning log"]);
  });
});
