/** `crossbench reference check|convert`, spawned as a user runs it, on CSV, TSV, XLSX and JSON files. */
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "fs";
import path from "path";
import { parseSource, validateSource } from "../../src/reference/importPipeline";
import {
  canonicalRows,
  sample,
  writeCsv,
  writeEuropeanTsv,
  writeJson,
  writeXlsx,
} from "./fixtures";
import { lines, runCli, tempFolder } from "./run";

async function readCanonical(file: string) {
  return validateSource(
    await parseSource({ kind: "csv", name: path.basename(file), text: readFileSync(file, "utf8") })
  );
}

describe("reference check on each format", () => {
  let folder: string;
  beforeAll(() => (folder = tempFolder()));

  it("passes the canonical CSV (exit 0)", async () => {
    const result = await runCli(["reference", "check", sample("reference-canonical.csv")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/7 valid reference values, 0 errors/);
    expect(result.stdout).toMatch(/^Valid: nothing blocks the import\.$/m);
  });

  it("reads a tab-separated file with decimal commas", async () => {
    const result = await runCli(["reference", "check", writeEuropeanTsv(folder)]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/7 valid reference values, 0 errors/);
  });

  it("reads an .xlsx with a notes sheet first when told the sheet, and says which sheets exist", async () => {
    const file = await writeXlsx(folder);
    const ok = await runCli(["reference", "check", file, "--sheet", "Data"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\[Data\].*7 valid reference values/);
    const wrong = await runCli(["reference", "check", file, "--sheet", "Nope"]);
    expect(wrong.code).toBe(2);
    expect(lines(wrong.stderr)).toEqual([
      `crossbench reference check: ${file} has no sheet "Nope"; sheets: Notes, Data`,
    ]);
  });

  it("reads JSON rows", async () => {
    const result = await runCli(["reference", "check", writeJson(folder)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/7 valid reference values/);
  });

  it("exits 1 and lists every problem with row and column for the sample with errors", async () => {
    const result = await runCli(["reference", "check", sample("reference-with-errors.csv")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /ERROR reference-with-errors.csv, row 6, column H \(median\): median must be a number/
    );
    expect(result.stdout.match(/^ERROR/gm)).toHaveLength(9);
    // check has no --only-valid-rows, so it does not suggest choosing one.
    expect(result.stdout).not.toMatch(/only the valid rows|--only-valid-rows/);
  });

  it("gives an unreadable .xlsx one clear message, not mapping errors", async () => {
    const file = path.join(folder, "broken.xlsx");
    writeFileSync(file, "this is not a zip file");
    const result = await runCli(["reference", "check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^ERROR/gm)).toHaveLength(1);
    expect(result.stdout).toMatch(/ERROR broken.xlsx, whole file: This is not a readable .xlsx/);
    expect(result.stdout).not.toMatch(/No column is mapped/);
  });

  it("reports invalid JSON once", async () => {
    const file = path.join(folder, "broken.json");
    writeFileSync(file, '[{"industry": "Retail",');
    const result = await runCli(["reference", "check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^ERROR/gm)).toHaveLength(1);
    expect(result.stdout).toMatch(/This is not valid JSON/);
  });

  it("needs the wide layout's guesses accepted and a source", async () => {
    const refused = await runCli(["reference", "check", sample("reference-wide.csv")]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/guessed; add --accept-guesses to accept/);
    const ok = await runCli([
      "reference",
      "check",
      sample("reference-wide.csv"),
      "--source",
      "Example ratios",
      "--accept-guesses",
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /Pre-tax Operating Margin: %, higher is better \(guessed, accepted\)/
    );
  });

  it("prints problems as data with --json", async () => {
    const result = await runCli([
      "reference",
      "check",
      sample("reference-with-errors.csv"),
      "--json",
    ]);
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout) as {
      ok: boolean;
      errorCount: number;
      problems: { row: number; column: string; severity: string; message: string }[];
    };
    expect(data.ok).toBe(false);
    expect(data.errorCount).toBe(9);
    expect(data.problems).toContainEqual(
      expect.objectContaining({ row: 6, column: "H (median)", severity: "error" })
    );
    const good = JSON.parse(
      (await runCli(["reference", "check", sample("reference-canonical.csv"), "--json"])).stdout
    ) as { ok: boolean; validCount: number; errorCount: number };
    expect(good).toMatchObject({ ok: true, validCount: 7, errorCount: 0 });
  });

  it.each([
    [
      ["reference", "check", "missing.csv"],
      /^crossbench reference check: the file: no such file: missing.csv$/,
    ],
    [["reference", "check", "."], /not a file/],
    [
      ["reference", "check", __filename],
      /cannot tell the format of .*reference.test.ts; use a .csv/,
    ],
    [
      ["reference", "check", sample("reference-canonical.csv"), "--year", "soon"],
      /--year must be a whole number/,
    ],
    [
      ["reference", "check", sample("reference-canonical.csv"), "--limit", "-1"],
      /--limit must be a whole number/,
    ],
    [
      ["reference", "check", sample("reference-canonical.csv"), "--sheet", "Data"],
      /--sheet applies to .xlsx files only/,
    ],
    [["reference", "check"], /missing required argument/],
    [
      ["reference", "check", sample("reference-canonical.csv"), "--force"],
      /unknown option '--force'/,
    ],
  ])("exits 2 with one line on bad arguments %j", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });
});

describe("reference convert", () => {
  it("writes the canonical CSV from an .xlsx, which reads back to the same values", async () => {
    const folder = tempFolder();
    const out = path.join(folder, "out.csv");
    const result = await runCli([
      "reference",
      "convert",
      await writeXlsx(folder),
      "--sheet",
      "Data",
      "--out",
      out,
    ]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(`Wrote 7 reference values to ${out}.\n`);
    const back = await readCanonical(out);
    expect(back.ok).toBe(true);
    expect(back.valid.map((v) => v.value.metric)).toEqual(
      canonicalRows()
        .slice(1)
        .map((r) => r[2])
    );
    expect(readdirSync(folder).sort()).toEqual(["out.csv", "reference.xlsx"]);
  });

  it("converts a wide table with the defaults given", async () => {
    const out = path.join(tempFolder(), "wide.csv");
    const result = await runCli([
      "reference",
      "convert",
      sample("reference-wide.csv"),
      "--out",
      out,
      "--source",
      "Example ratios",
      "--year",
      "2025",
      "--accept-guesses",
      "--illustrative",
    ]);
    expect(result.code).toBe(0);
    const back = await readCanonical(out);
    expect(back.valid).toHaveLength(18);
    expect(back.valid[0].value).toMatchObject({
      industry: "Advertising",
      metric: "Gross margin",
      year: 2025,
      n: 55,
      source: "Example ratios",
      illustrative: true,
    });
  });

  it("writes nothing for an invalid file (exit 1), and with --only-valid-rows writes the valid rows (exit 0)", async () => {
    const folder = tempFolder();
    const out = path.join(folder, "out.csv");
    const refused = await runCli([
      "reference",
      "convert",
      sample("reference-with-errors.csv"),
      "--out",
      out,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /crossbench reference convert: .*reference-with-errors.csv has 9 errors; nothing was written\. Add --only-valid-rows to write only the valid rows\./
    );
    expect(readdirSync(folder)).toEqual([]);
    const partial = await runCli([
      "reference",
      "convert",
      sample("reference-with-errors.csv"),
      "--out",
      out,
      "--only-valid-rows",
    ]);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(
      /Wrote 2 reference values to .*out.csv; left out 8 rows with errors/
    );
    const back = await readCanonical(out);
    expect(back.valid.map((r) => r.value.metric)).toEqual(["Gross margin", "Stockout rate"]);
    expect(readFileSync(out, "utf8")).toContain(`'=HYPERLINK(`);
  });

  it("writes nothing when no row is valid, even with --only-valid-rows (exit 1)", async () => {
    const folder = tempFolder();
    const input = writeCsv(folder, "all-bad.csv", [
      ["industry", "metric", "unit", "direction", "median", "source"],
      ["Retail", "Gross margin", "%", "higher", "lots", "Survey"],
    ]);
    const result = await runCli([
      "reference",
      "convert",
      input,
      "--out",
      path.join(folder, "out.csv"),
      "--only-valid-rows",
    ]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr).at(-1)).toBe(
      `crossbench reference convert: ${input} has no valid rows; nothing was written.`
    );
    expect(readdirSync(folder)).toEqual(["all-bad.csv"]);
  });

  it("refuses an --out that is its input, even with --force or through a link, and leaves the input alone", async () => {
    const folder = tempFolder();
    const input = writeCsv(
      folder,
      "d.csv",
      readFileSync(sample("reference-with-errors.csv"), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(","))
    );
    const before = readFileSync(input, "utf8");
    symlinkSync(input, path.join(folder, "link.csv"));
    for (const out of ["d.csv", input, "./sub/../d.csv", "link.csv"]) {
      const result = await runCli(
        ["reference", "convert", "d.csv", "--out", out, "--only-valid-rows", "--force"],
        { cwd: folder }
      );
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        "crossbench reference convert: --out is the input file d.csv; choose another name",
      ]);
    }
    expect(readFileSync(input, "utf8")).toBe(before);
  });

  it("never overwrites without --force (exit 2, one line), and replaces with it", async () => {
    const folder = tempFolder();
    const out = path.join(folder, "mine.csv");
    writeFileSync(out, "my own work\n");
    const refused = await runCli([
      "reference",
      "convert",
      sample("reference-canonical.csv"),
      "--out",
      out,
    ]);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      `crossbench reference convert: ${out} already exists; add --force to replace it`,
    ]);
    expect(readFileSync(out, "utf8")).toBe("my own work\n");
    const forced = await runCli([
      "reference",
      "convert",
      sample("reference-canonical.csv"),
      "--out",
      out,
      "--force",
    ]);
    expect(forced.code).toBe(0);
    expect((await readCanonical(out)).valid).toHaveLength(7);
    expect(readdirSync(folder)).toEqual(["mine.csv"]);
  });

  it.each([
    [["--out", "x.txt"], /--out must name a .csv file, got "x.txt"/],
    [[], /required option '--out <file.csv>' not specified/],
    [["--out", "missing/x.csv"], /the folder for --out does not exist/],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const folder = tempFolder();
    const result = await runCli(
      ["reference", "convert", sample("reference-canonical.csv"), ...args],
      { cwd: folder }
    );
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(folder, "x.txt"))).toBe(false);
  });
});
