import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { describeWithLibreOffice, recalculateXlsx } from "./libreoffice";

describeWithLibreOffice("LibreOffice recalculation helper", () => {
  it("recalculates formulas on load instead of trusting cached results", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crossbench-lo-test-"));
    const input = path.join(dir, "in.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Check");
    sheet.getCell("A1").value = 2;
    sheet.getCell("A2").value = 3;
    // A deliberately wrong cached result: only a real recalculation gives 6.
    sheet.getCell("A3").value = { formula: "A1*A2", result: 999 };
    sheet.getCell("A4").value = { formula: "_xlfn.PERCENTRANK.INC({1,2,3,4},2)", result: -1 };
    await workbook.xlsx.writeFile(input);

    const output = await recalculateXlsx(input, path.join(dir, "out"));
    const recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(output);
    const check = recalculated.getWorksheet("Check")!;
    expect((check.getCell("A3").value as { result: number }).result).toBe(6);
    expect((check.getCell("A4").value as { result: number }).result).toBeCloseTo(1 / 3, 3);
  });
});
