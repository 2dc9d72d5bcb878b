/** `crossbench workbook`, spawned as a user runs it: arguments, exit codes, --force, and what the file holds. */
import ExcelJS from "exceljs";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "fs";
import path from "path";
import { canonicalRows, writeCsv, writeEuropeanTsv, writeJson, writeXlsx } from "./fixtures";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";
import { lines, runCli, tempFolder } from "./run";

const folder = tempFolder();
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
    [["--out", out("e.xlsx"), "--industry", "Retial"], /Did you mean "Retail"\?/],
    [["--out", out("f.xlsx"), "--formulas", "excel"], /--formulas must be portable or bench/],
    [["--out", out("g.csv")], /--out must name an .xlsx file/],
    [["--out", path.join(folder, "missing", "h.xlsx")], /folder for --out does not exist/],
    [["--out", folder + "/sub.xlsx", "--reference", out("nope.csv")], /--reference: no such file/],
    [["--out", out("i.xlsx"), "--reference", __filename], /--reference: cannot tell the format/],
    [["--out", out("j.xlsx"), "--bogus"], /unknown option '--bogus'/],
    [
      ["--out", out("k.xlsx"), "--templats", "roi"],
      /unknown option '--templats' \(Did you mean --templates\?\)/,
    ],
    [[], /required option '--out <file>' not specified/],
  ] as [string[], RegExp][])("%j -> one line, exit 2, nothing written", async (args, message) => {
    const before = readdirSync(folder);
    const result = await runCli(["workbook", ...args]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(readdirSync(folder)).toEqual(before);
  });

  it("rejects an invalid reference file with its validation report, suggests no option it lacks, writes nothing", async () => {
    const bad = out("bad-reference.csv");
    writeFileSync(
      bad,
      "industry,metric,unit,direction,median,source\nRetail,Gross margin,%,higher,abc,Survey\n"
    );
    const result = await runCli(["workbook", "--out", out("k.xlsx"), "--reference", bad]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      `crossbench workbook: the reference file ${bad} is not valid (1 errors); nothing was written.`
    );
    expect(result.stderr).toMatch(/row 2, column E \(median\)/);
    expect(result.stderr).not.toMatch(/--only-valid-rows|--accept-guesses|only the valid rows/);
    expect(readdirSync(folder)).not.toContain("k.xlsx");
  });
});

describe("crossbench workbook: never overwrites without --force", () => {
  it("exits 2 with one line and leaves the user's file untouched; --force replaces it atomically", async () => {
    const dir = tempFolder();
    const file = path.join(dir, "filled-in.xlsx");
    writeFileSync(file, "the user's filled-in workbook");
    const refused = await runCli(["workbook", "--out", file, "--templates", "log"]);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      `crossbench workbook: ${file} already exists; add --force to replace it`,
    ]);
    expect(readFileSync(file, "utf8")).toBe("the user's filled-in workbook");
    const forced = await runCli(["workbook", "--out", file, "--templates", "log", "--force"]);
    expect([forced.code, forced.stderr]).toEqual([0, ""]);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(["Summary", "Learning log"]);
    expect(readdirSync(dir)).toEqual(["filled-in.xlsx"]);
  });

  it("refuses a folder as --out even with --force", async () => {
    const dir = tempFolder();
    const asFolder = path.join(dir, "x.xlsx");
    mkdirSync(asFolder);
    const folderResult = await runCli(["workbook", "--out", asFolder, "--force"]);
    expect(folderResult.code).toBe(2);
    expect(folderResult.stderr).toMatch(/--out is a folder, not a file/);
    expect(statSync(asFolder).isDirectory()).toBe(true);
  });
});

describe("crossbench workbook: generated files", () => {
  it("writes every template, summary first, portable by default, with the illustrative label", async () => {
    const file = out("all.xlsx");
    const result = await runCli(["workbook", "--out", file]);
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
    const roi = workbook.getWorksheet("ROI")!;
    expect(
      (roi as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet
    ).toBe(true);
  });

  it("writes BENCH formulas with cached results with --formulas bench", async () => {
    const file = out("bench.xlsx");
    const result = await runCli([
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
    const formulas: string[] = [];
    workbook.getWorksheet("ROI")!.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as { formula?: string; result?: unknown } | null;
        if (value && typeof value === "object" && typeof value.formula === "string")
          formulas.push(value.formula);
      })
    );
    expect(formulas.some((f) => /^_xldudf_BENCH_NPV\(/.test(f))).toBe(true);
  });

  it("writes only the templates asked for, without a summary when told", async () => {
    const file = out("log.xlsx");
    const result = await runCli(["workbook", "--out", file, "--templates", "log", "--no-summary"]);
    expect(result.code).toBe(0);
    expect((await open(file)).worksheets.map((w) => w.name)).toEqual(["Learning log"]);
  });

  /** The gap sheet's (metric, median) pairs. */
  async function gapMedians(file: string): Promise<unknown[][]> {
    const rows: unknown[][] = [];
    (await open(file))
      .getWorksheet("Gap analysis")!
      .eachRow((row) => rows.push([row.getCell(1).value, row.getCell(8).value]));
    return rows;
  }

  it.each([
    ["CSV", (dir: string) => Promise.resolve(writeCsv(dir, "ours.csv", canonicalRows()))],
    ["TSV with decimal commas", (dir: string) => Promise.resolve(writeEuropeanTsv(dir))],
    ["XLSX", (dir: string) => writeXlsx(dir, "ours.xlsx", canonicalRows(), false)],
    ["JSON", (dir: string) => Promise.resolve(writeJson(dir))],
  ])(
    "uses a valid --reference %s over the bundled library, with its own industries",
    async (_, write) => {
      const dir = tempFolder();
      const reference = await write(dir);
      const file = path.join(dir, "bakery.xlsx");
      const result = await runCli([
        "workbook",
        "--out",
        file,
        "--reference",
        reference,
        "--industry",
        "bakeries",
        "--templates",
        "gap,reference",
      ]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(/industry Bakeries/);
      expect(await gapMedians(file)).toContainEqual(["Gross margin", 0.55]);
    }
  );
});

describe("crossbench workbook: an industry of the user's own", () => {
  it("is taken with one note, not refused; the gap analysis lists every metric waiting for figures", async () => {
    const file = out("own-industry.xlsx");
    const result = await runCli(["workbook", "--out", file, "--industry", "Dog grooming"]);
    expect(result.code).toBe(0);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^note: "Dog grooming" is not in the reference library, so it is taken as your own industry/
      ),
    ]);
    expect(result.stdout).toMatch(/industry Dog grooming/);
    const gap = (await open(file)).getWorksheet("Gap analysis")!;
    const texts: string[] = [];
    gap.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain("Dog grooming");
    expect(texts.join(" ")).toMatch(
      /no figures for Dog grooming: every catalogue metric is listed/
    );
  });

  it("a near typo is still asked about, not taken as new", async () => {
    const result = await runCli([
      "workbook",
      "--out",
      out("typo.xlsx"),
      "--industry",
      "Restaurnts",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Did you mean "Restaurants"\?/);
  });
});

describeWithLibreOffice("crossbench workbook: an own industry recalculated by LibreOffice", () => {
  it("has no error value on any sheet", async () => {
    const file = out("own-industry-lo.xlsx");
    const result = await runCli(["workbook", "--out", file, "--industry", "Dog grooming"]);
    expect(result.code).toBe(0);
    const recalculated = await open(await recalculateXlsx(file, path.join(folder, "lo-own")));
    const errors: string[] = [];
    for (const sheet of recalculated.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as { error?: string; result?: unknown } | null;
          const shown =
            value && typeof value === "object" && "result" in value ? value.result : value;
          if (typeof shown === "object" && shown !== null && "error" in shown)
            errors.push(`${sheet.name}!${cell.address} ${(shown as { error: string }).error}`);
        })
      );
    expect(errors).toEqual([]);
  }, 240_000);
});
