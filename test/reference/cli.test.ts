import { existsSync, mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import { main } from "../../src/cli/main";
import { parseSource, rowsToImport, validateSource } from "../../src/reference/importPipeline";

const samples = path.join(__dirname, "../../samples");
const sample = (name: string): string => path.join(samples, name);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  const stderr = jest
    .spyOn(process.stderr, "write")
    .mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  try {
    const code = await main(["node", "crossbench", ...args]);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
}

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), "crossbench-cli-"));

describe("crossbench reference check", () => {
  it("exits 0 for the canonical sample", async () => {
    const result = await cli("reference", "check", sample("reference-canonical.csv"));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/7 valid reference values, 0 errors/);
  });

  it("exits 1 and lists every problem with row and column for the sample with errors", async () => {
    const result = await cli("reference", "check", sample("reference-with-errors.csv"));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /ERROR reference-with-errors.csv, row 6, column H \(median\): median must be a number/
    );
    expect(result.out.match(/^ERROR/gm)).toHaveLength(9);
  });

  it("needs the wide layout's guesses accepted and a source", async () => {
    expect((await cli("reference", "check", sample("reference-wide.csv"))).code).toBe(1);
    const ok = await cli(
      "reference",
      "check",
      sample("reference-wide.csv"),
      "--source",
      "Example ratios",
      "--accept-guesses"
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Pre-tax Operating Margin: %, higher is better \(guessed, accepted\)/);
  });

  it.each([
    [["reference", "check", "missing.csv"], /no such file/],
    [["reference", "check", __filename], /cannot tell the format/],
    [
      ["reference", "check", sample("reference-canonical.csv"), "--year", "soon"],
      /--year must be a whole number/,
    ],
    [["reference", "check"], /missing required argument/],
    [["reference", "convert", sample("reference-canonical.csv")], /--out/],
    [
      ["reference", "convert", sample("reference-canonical.csv"), "--out", "x.txt"],
      /--out must name a .csv/,
    ],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe("crossbench reference convert", () => {
  it("writes the canonical CSV, which reads back to the same values", async () => {
    const out = path.join(tmp(), "wide.csv");
    const result = await cli(
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
      "--illustrative"
    );
    expect(result.code).toBe(0);
    const converted = validateSource(
      await parseSource({ kind: "csv", name: "wide.csv", text: readFileSync(out, "utf8") })
    );
    expect(converted.ok).toBe(true);
    expect(converted.valid).toHaveLength(18);
    expect(converted.valid[0].value).toMatchObject({
      industry: "Advertising",
      metric: "Gross margin",
      year: 2025,
      n: 55,
      source: "Example ratios",
      illustrative: true,
    });
  });

  it("writes nothing for an invalid file unless --only-valid-rows is given", async () => {
    const dir = tmp();
    const out = path.join(dir, "out.csv");
    const refused = await cli(
      "reference",
      "convert",
      sample("reference-with-errors.csv"),
      "--out",
      out
    );
    expect(refused.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const partial = await cli(
      "reference",
      "convert",
      sample("reference-with-errors.csv"),
      "--out",
      out,
      "--only-valid-rows"
    );
    expect(partial.code).toBe(1);
    const rows = rowsToImport(
      validateSource(
        await parseSource({ kind: "csv", name: "out.csv", text: readFileSync(out, "utf8") })
      )
    );
    expect(rows.map((r) => r.metric)).toEqual(["Gross margin", "Stockout rate"]);
    expect(readFileSync(out, "utf8")).toContain(`'=HYPERLINK(`);
  });

  it("converts an .xlsx sheet picked by name", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const dir = tmp();
    const input = path.join(dir, "in.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover").getCell("A1").value = "Title";
    const data = workbook.addWorksheet("Data");
    readFileSync(sample("reference-canonical.csv"), "utf8")
      .trim()
      .split("\n")
      .forEach((line) => data.addRow(line.split(",")));
    await workbook.xlsx.writeFile(input);
    expect(
      (
        await cli(
          "reference",
          "convert",
          input,
          "--out",
          path.join(dir, "a.csv"),
          "--sheet",
          "Nope"
        )
      ).code
    ).toBe(2);
    const ok = await cli(
      "reference",
      "convert",
      input,
      "--out",
      path.join(dir, "b.csv"),
      "--sheet",
      "Data"
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Wrote 7 reference values/);
  });
});
