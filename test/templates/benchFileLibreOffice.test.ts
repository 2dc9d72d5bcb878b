/**
 * A `--formulas bench` file opened by an engine that does not have the add-in (LibreOffice): the file
 * with dynamic-array metadata opens, and BENCH cells show #NAME? instead of a silent blank (no IFERROR
 * around a BENCH call). What Excel does with the add-in loaded needs a real Excel (README).
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

describeWithLibreOffice("a bench file in an engine without the add-in", () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const library = BUNDLED_TEMPLATE_LIBRARY;
    const plans = buildWorkbookPlan({
      templates: ["gap", "roi"],
      summary: false,
      drawsCharts: false,
      mode: "bench",
      library,
      maths: coreMaths(library),
      industry: library.values[0].industry,
    });
    const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-bench-file-"));
    const file = path.join(folder, "bench.xlsx");
    writeFileSync(file, await renderXlsxBuffer(plans, "bench"));
    const recalculated = await recalculateXlsx(file, path.join(folder, "out"));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(recalculated);
  }, 240_000);

  /** Cells whose formula calls a BENCH function, with what the engine calculated. */
  function benchCells(sheetName: string): { address: string; result: unknown }[] {
    const found: { address: string; result: unknown }[] = [];
    workbook.getWorksheet(sheetName)!.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as { formula?: string; result?: unknown } | null;
        if (value && typeof value === "object" && /BENCH/i.test(String(value.formula ?? "")))
          found.push({ address: cell.address, result: value.result });
      })
    );
    return found;
  }

  it.each(["Gap analysis", "ROI"])("every BENCH cell of %s shows #NAME?, none a blank", (sheet) => {
    const cells = benchCells(sheet);
    expect(cells.length).toBeGreaterThan(0);
    const notName = cells.filter(
      (c) => (c.result as { error?: string } | undefined)?.error !== "#NAME?"
    );
    expect(notName).toEqual([]);
  });
});
