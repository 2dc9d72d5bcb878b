/**
 * The user's figures beat the bundled sample through the installed command: `crossbench workbook
 * --reference own.csv` with a 2024 survey row must not lose to the bundled illustrative 2025 row.
 */
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { BIN } from "./run";

it("uses the user's 2024 row over the bundled 2025 row in the generated workbook", async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-precedence-"));
  const own = path.join(folder, "own.csv");
  writeFileSync(
    own,
    "industry,metric,unit,direction,region,year,median,source,licence\n" +
      "Retail,Gross margin,%,higher,,2024,0.31,Own survey 2024,internal\n"
  );
  const out = path.join(folder, "out.xlsx");
  const run = spawnSync(
    process.execPath,
    [
      BIN,
      "workbook",
      "--reference",
      own,
      "--out",
      out,
      "--templates",
      "gap,reference",
      "--industry",
      "Retail",
    ],
    { encoding: "utf8" }
  );
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const rowsWith = (sheet: string, text: RegExp) => {
    const found: unknown[][] = [];
    workbook.getWorksheet(sheet)!.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      if (cells.some((c) => typeof c === "string" && text.test(c))) found.push(cells);
    });
    return found;
  };
  const retailMargin = rowsWith("Reference", /^Gross margin$/).filter((r) => r[0] === "Retail");
  expect(retailMargin).toHaveLength(1);
  expect(retailMargin[0]).toContain("Own survey 2024");
  const gapRow = rowsWith("Gap analysis", /^Gross margin$/)[0];
  // The gap sheet compares against the user's median, not the bundled one.
  expect(gapRow).toContain(0.31);
}, 60_000);
