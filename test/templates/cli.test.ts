/** `crossbench workbook`: arguments, exit codes, nothing written on failure, and what the file holds. */
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { roiLayout } from "../../src/templates/roi";
import { runWorkbookCli } from "./cliHarness";

const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-cli-"));
const out = (name: string): string => path.join(folder, name);

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe("crossbench workbook: bad arguments", () => {
  it.each([
    [["--out", out("a.xlsx"), "--templates", "gap,budget"], /unknown template "budget"/],
    [["--out", out("b.xlsx"), "--templates", "roii"], /Did you mean "roi"\?/],
    [["--out", out("c.xlsx"), "--templates", ","], /--templates is empty/],
    [["--out", out("d.xlsx"), "--industry", "Underwater basket weaving"], /unknown industry/],
    [["--out", out("e.xlsx"), "--industry", "Retial"], /Did you mean "Retail"\?/],
    [["--out", out("f.xlsx"), "--formulas", "excel"], /--formulas must be portable or bench/],
    [["--out", out("g.csv")], /--out must name an .xlsx file/],
    [["--out", path.join(folder, "missing", "h.xlsx")], /folder for --out does not exist/],
    [["--out", out("i.xlsx"), "--reference", out("nope.csv")], /--reference file not found/],
    [["--out", out("j.xlsx"), "--bogus"], /unknown option/],
    [[], /required option/],
  ] as [string[], RegExp][])("%j -> one line, exit 2, nothing written", async (args, message) => {
    const before = readdirSync(folder);
    const result = await runWorkbookCli(["workbook", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(folder)).toEqual(before);
  });

  it("rejects an invalid reference file with its validation report and writes nothing", async () => {
    const bad = out("bad-reference.csv");
    writeFileSync(
      bad,
      "industry,metric,unit,direction,median,source\nRetail,Gross margin,%,higher,abc,Survey\n"
    );
    const result = await runWorkbookCli(["workbook", "--out", out("k.xlsx"), "--reference", bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid/);
    expect(result.stderr).toMatch(/row 2/);
    expect(existsSync(out("k.xlsx"))).toBe(false);
  });
});

describe("crossbench workbook: generated files", () => {
  it("writes every template, summary first, portable by default, with the illustrative label", async () => {
    const file = out("all.xlsx");
    const result = await runWorkbookCli(["workbook", "--out", file]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/portable formulas, industry Retail/);
    const workbook = await open(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Gap analysis",
      "ROI",
      "Fit scorecard",
      "Portfolio",
      "Learning log",
      "Reference",
    ]);
    const reference = workbook.getWorksheet("Reference")!;
    expect(String(reference.getCell("A3").value)).toContain(
      "illustrative sample — replace with your sources"
    );
    expect(
      Object.keys((reference as unknown as { tables: Record<string, unknown> }).tables)
    ).toEqual(["ReferenceLibrary"]);
    const roi = workbook.getWorksheet("ROI")!;
    // Inputs unlocked, formulas locked, sheet protected without a password.
    expect(roi.getCell("B13").protection?.locked).toBe(false);
    expect(roi.getCell("B15").protection?.locked).not.toBe(false);
    expect(
      (roi as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet
    ).toBe(true);
    expect(roi.getCell("B12").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"higher,lower"'],
    });
  });

  it("writes BENCH formulas with cached results and spilled blocks as array formulas with --formulas bench", async () => {
    const file = out("bench.xlsx");
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      file,
      "--templates",
      "roi,fit",
      "--formulas",
      "bench",
      "--industry",
      "restaurants",
    ]);
    expect(result.code).toBe(0);
    const workbook = await open(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Summary", "ROI", "Fit scorecard"]);
    const roi = workbook.getWorksheet("ROI")!;
    const npv = roi.getCell(roiLayout().npv).value as { formula: string; result: number };
    // Stored the way Excel stores JavaScript custom functions.
    expect(npv.formula).toMatch(/^_xldudf_BENCH_NPV\(/);
    expect(typeof npv.result).toBe("number");
    const found: { formula?: string; shareType?: string; ref?: string }[] = [];
    roi.eachRow((row) =>
      row.eachCell(
        (cell) =>
          void (
            cell.value &&
            typeof cell.value === "object" &&
            "formula" in cell.value &&
            String(cell.value.formula).startsWith("_xldudf_BENCH_CASESIM") &&
            found.push(cell.value as never)
          )
      )
    );
    // The Monte Carlo summary (2 × 5) and its histogram (10 × 4).
    expect(found).toHaveLength(2);
    expect(found.map((f) => f.shareType)).toEqual(["array", "array"]);
    expect(found[0].ref).toMatch(/^B(\d+):F(\d+)$/);
    expect(found[1].ref).toMatch(/^A\d+:D\d+$/);
  });

  it("uses a valid --reference file over the bundled library, with its own industries", async () => {
    const sources = out("our-sources.csv");
    writeFileSync(
      sources,
      [
        "industry,metric,unit,direction,year,p10,p25,median,p75,p90,n,source,licence,illustrative",
        "Bakeries,Gross margin,%,higher,2025,0.3,0.4,0.5,0.6,0.7,40,Our association survey,internal use,false",
        "Bakeries,Net profit margin,%,higher,2025,0.01,0.03,0.06,0.09,0.12,40,Our association survey,internal use,false",
      ].join("\n")
    );
    const file = out("bakery.xlsx");
    const result = await runWorkbookCli([
      "workbook",
      "--out",
      file,
      "--reference",
      sources,
      "--industry",
      "bakeries",
      "--templates",
      "gap,reference",
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/industry Bakeries/);
    const workbook = await open(file);
    const gap = workbook.getWorksheet("Gap analysis")!;
    const rows: unknown[][] = [];
    gap.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(8).value]));
    expect(rows).toContainEqual(["Gross margin", 0.5]);
    const reference = workbook.getWorksheet("Reference")!;
    const sourcesSeen = new Set<unknown>();
    reference.eachRow((row) => sourcesSeen.add(row.getCell(16).value));
    expect(sourcesSeen.has("Our association survey")).toBe(true);
  });

  it("writes only the templates asked for, without a summary when told", async () => {
    const file = out("log.xlsx");
    expect(
      (await runWorkbookCli(["workbook", "--out", file, "--templates", "log", "--no-summary"])).code
    ).toBe(0);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(["Learning log"]);
  });
});

const mainExists = existsSync(path.join(__dirname, "../../src/cli/reference.ts"));
(mainExists ? describe : describe.skip)("the crossbench binary", () => {
  it("runs as a separate process: exit 2 and one line on a bad name, a file on success", () => {
    const cli = path.join(__dirname, "../../bin/crossbench.cjs");
    const bad = spawnSync(
      process.execPath,
      [cli, "workbook", "--out", out("p.xlsx"), "--templates", "nope"],
      { encoding: "utf8", timeout: 120_000 }
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out("p.xlsx"))).toBe(false);
    const good = spawnSync(
      process.execPath,
      [cli, "workbook", "--out", out("p.xlsx"), "--templates", "roi"],
      { encoding: "utf8", timeout: 120_000 }
    );
    expect([good.status, good.stderr]).toEqual([0, ""]);
    expect(existsSync(out("p.xlsx"))).toBe(true);
  }, 240_000);
});
