/**
 * `crossbench workbook --inputs case.json`, `--horizon`, `--currency`: a bad key or value is one line
 * naming it, exit code 2 and no file; a good case lands in the sheet's input cells.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import type { CaseInputs } from "../../src/templates/caseInputs";
import { roiLayout } from "../../src/templates/roi";
import { runCli as runWorkbookCli } from "../cli/run";
import { roiContext } from "./roiCheck";

const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-case-"));
const file = (name: string): string => path.join(folder, name);
const caseFile = (name: string, content: unknown): string => {
  const target = file(name);
  writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
};

describe("crossbench workbook --inputs: bad case files", () => {
  it.each([
    ["unknown key", { horizn: 5 }, /horizn: unknown key\. Did you mean "horizon"\?/],
    [
      "nested unknown key",
      { kpi: { befor: 3 } },
      /kpi\.befor: unknown key\. Did you mean "before"\?/,
    ],
    ["horizon out of range", { horizon: 11 }, /horizon: must be between 1 and 10; got 11/],
    ["horizon not whole", { horizon: 2.5 }, /horizon: must be a whole number/],
    ["rate as text", { discountRate: "8%" }, /discountRate: must be a number; got "8%"/],
    [
      "rate typed as a percentage",
      { discountRate: 8 },
      /discountRate: must be between -0\.99 and 0\.99; got 8/,
    ],
    ["share above 1", { kpi: { attribution: 70 } }, /kpi\.attribution: must be between 0 and 1/],
    ["direction", { kpi: { direction: "up" } }, /kpi\.direction: must be one of higher, lower/],
    [
      "cost kind",
      { costs: [{ name: "x", kind: "monthly", amount: 1 }] },
      /costs\[0\]\.kind: must be one of/,
    ],
    [
      "negative cost",
      { costs: [{ name: "x", kind: "one-off", amount: -5 }] },
      /costs\[0\]\.amount: must be between 0/,
    ],
    [
      "cost without amount",
      { costs: [{ name: "x", kind: "recurring" }] },
      /costs\[0\]\.amount: is required/,
    ],
    [
      "ramp longer than horizon",
      { horizon: 2, kpi: { rampUp: [0.5, 1, 1] } },
      /kpi\.rampUp: has 3 years but the horizon is 2/,
    ],
    [
      "one-off after the horizon",
      { horizon: 2, costs: [{ name: "x", kind: "one-off", amount: 5, year: 4 }] },
      /costs\[0\]\.year: is 4, after the 2-year horizon/,
    ],
    [
      "range without 1",
      { monteCarlo: { volume: { low: 1.1, high: 1.3 } } },
      /monteCarlo\.volume: needs low ≤ 1 ≤ high/,
    ],
    [
      "metric value as text",
      { metrics: { "Gross margin": "high" } },
      /metrics\.Gross margin: must be a number/,
    ],
    [
      "unknown metric",
      { metrics: { "Gross margn": 0.3 } },
      /metrics\.Gross margn: unknown metric\. Did you mean "Gross margin"\?/,
    ],
    ["not JSON", "{ horizon: 3", /--inputs is not valid JSON/],
  ])("%s", async (_label, content, message) => {
    const out = file(`${_label.replace(/\W+/g, "-")}.xlsx`);
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      out,
      "--inputs",
      caseFile(`${_label.replace(/\W+/g, "-")}.json`, content),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["--horizon", "0"], /--horizon: must be between 1 and 10; got 0/],
    [["--horizon", "five"], /--horizon: must be a number; got "five"/],
    [["--inputs", file("missing.json")], /--inputs: no such file/],
  ])("%p", async (args, message) => {
    const out = file("flags.xlsx");
    const result = await runWorkbookCli(["workbook", "--out", out, ...args]);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe("crossbench workbook --inputs: the user's case in the file", () => {
  it("puts the user's own metric values into the gap analysis", async () => {
    const out = file("metrics.xlsx");
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      out,
      "--templates",
      "gap",
      "--inputs",
      caseFile("metrics.json", { metrics: { "gross MARGIN": 0.123456 } }),
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("Gap analysis")!;
    let found: unknown;
    let column = 0;
    sheet.eachRow((row) => {
      row.eachCell((cell, number) => {
        if (cell.value === "Your value" && column === 0) column = number;
      });
      if (row.getCell(1).value === "Gross margin" && column > 0) found = row.getCell(column).value;
    });
    expect(found).toBe(0.123456);
  });

  it("writes the case's inputs, horizon and currency into the ROI sheet", async () => {
    const own: CaseInputs = {
      industry: "Restaurants",
      horizon: 5,
      discountRate: 0.1,
      kpi: { name: "Table turnover", unit: "turns", before: 2, after: 2.4, direction: "higher" },
      costs: [{ name: "Booking system", kind: "one-off", amount: 12000 }],
    };
    const out = file("own.xlsx");
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      out,
      "--templates",
      "roi",
      "--currency",
      "EUR",
      "--inputs",
      caseFile("own.json", own),
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/industry Restaurants/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("ROI")!;
    const layout = roiLayout(roiContext("Restaurants", own));
    expect(layout.horizon).toBe(5);
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toEqual(
      expect.arrayContaining(["Table turnover", "Booking system", 12000, 0.1])
    );
    // Year 0 to Year 5 and a Total: the period row spans exactly the horizon.
    const periodCell = (column: number): unknown => sheet.getCell(layout.periodRow, column).value;
    expect([periodCell(2), periodCell(7), periodCell(8)]).toEqual([0, 5, "Total"]);
    // Every money format carries the currency.
    expect(String(sheet.getCell(layout.npv).numFmt)).toBe('"EUR "#,##0;[Red]-"EUR "#,##0');
  });
});
