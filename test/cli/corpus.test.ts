/**
 * The corpus in test/fixtures/reference/: files in the shapes finance staff have, each run through the
 * import pipeline (what the pane calls) and through the CLI binary (what scripts call), and compared
 * with its expected canonical rows (`<name>.expected.csv`, checked by hand).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import { toCanonicalCsv } from "../../src/reference/exportCsv";
import { BIN } from "./run";
import {
  acceptWideGuesses,
  parseSource,
  rowsToImport,
  validateSource,
} from "../../src/reference/importPipeline";

const dir = path.join(__dirname, "../fixtures/reference");
const fixture = (name: string): string => path.join(dir, name);
const expected = (name: string): string => readFileSync(fixture(`${name}.expected.csv`), "utf8");

const WIDE_DEFAULTS = {
  source: "Industry Ratio Compendium 2023",
  year: 2023,
  licence: "CC BY 4.0",
  region: "US",
};

const CORPUS: { file: string; expect: string; sheet?: string; delimiter?: string }[] = [
  { file: "semicolon-decimal-comma.csv", expect: "semicolon-decimal-comma", delimiter: ";" },
  { file: "utf16le-nobom.csv", expect: "semicolon-decimal-comma", delimiter: ";" },
  { file: "utf16be-nobom.csv", expect: "semicolon-decimal-comma", delimiter: ";" },
  { file: "two-rows.csv", expect: "two-rows", delimiter: ";" },
  { file: "three-lines-semicolon.csv", expect: "three-lines-semicolon", delimiter: ";" },
  { file: "older-years.csv", expect: "older-years", delimiter: "," },
  { file: "statement-studies.csv", expect: "statement-studies", delimiter: "," },
  { file: "wide-title-rows.csv", expect: "wide-title-rows", delimiter: "," },
  { file: "notes-first.xlsx", expect: "trade-panel", sheet: "Data" },
  { file: "hidden-first.xlsx", expect: "trade-panel", sheet: "Current" },
];

async function throughPipeline(file: string) {
  const parsed = await parseSource({
    kind: file.endsWith(".xlsx") ? "xlsx" : "csv",
    name: file,
    bytes: new Uint8Array(readFileSync(fixture(file))),
  });
  const wide = parsed.layout === "wide";
  const report = validateSource(
    parsed,
    wide ? { wideMetrics: acceptWideGuesses(parsed.wideMetrics), defaults: WIDE_DEFAULTS } : {}
  );
  return { parsed, report };
}

describe("reference corpus through the import pipeline", () => {
  it.each(CORPUS)("$file gives its expected canonical rows", async (entry) => {
    const { parsed, report } = await throughPipeline(entry.file);
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    if (entry.delimiter) expect(parsed.delimiter).toBe(entry.delimiter);
    if (entry.sheet) expect(parsed.sheet).toBe(entry.sheet);
    expect(toCanonicalCsv(rowsToImport(report))).toBe(expected(entry.expect));
  });

  it("reads the association survey with decimal commas and says how ambiguous cells were read", async () => {
    const { parsed, report } = await throughPipeline("semicolon-decimal-comma.csv");
    expect(parsed.numberConvention).toMatchObject({ decimal: ",", decidedBy: "file" });
    // "95.400" in a decimal-comma file is 95400, never 95.4, and the report says so.
    const umsatz = report.valid.find((v) => v.value.metric === "Umsatz je Mitarbeiter")!.value;
    expect(umsatz.statistics.p75).toBe(95400);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(/7 cells such as "62\.500".*decimal comma/),
      })
    );
  });

  it("flags the aggregate rows of the wide table instead of importing them as industries", async () => {
    const { report } = await throughPipeline("wide-title-rows.csv");
    const industries = new Set(report.valid.map((v) => v.value.industry));
    expect(industries.has("Average (all settings)")).toBe(false);
    expect(report.skippedRowCount).toBe(1);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        row: 9,
        severity: "warning",
        message: expect.stringMatching(/"Average \(all settings\)" looks like an aggregate/),
      })
    );
  });

  it("guesses staff turnover as a percentage where lower is better", async () => {
    const { parsed } = await throughPipeline("wide-title-rows.csv");
    expect(parsed.wideMetrics.find((m) => m.metric === "Staff turnover")).toMatchObject({
      unit: "%",
      direction: "lower",
      needsConfirmation: true,
    });
    expect(parsed.wideMetrics.find((m) => m.metric === "Days inventory")).toMatchObject({
      unit: "days",
      direction: "lower",
    });
  });

  it("accepts statement-studies quartiles printed best first for lower-is-better ratios, and says so", async () => {
    const { report } = await throughPipeline("statement-studies.csv");
    const reversed = report.problems.filter((p) => /stored in rising order/.test(p.message));
    expect(reversed.map((p) => p.row)).toEqual([3, 4]);
  });

  it("skips a hidden first sheet and a notes sheet, and lists only visible sheets", async () => {
    const hidden = await throughPipeline("hidden-first.xlsx");
    expect(hidden.parsed.sheets).toEqual(["Current"]);
    const notes = await throughPipeline("notes-first.xlsx");
    expect(notes.parsed.sheets).toEqual(["Notes", "Data"]);
  });
});

function crossbench(...args: string[]): { code: number; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

describe("reference corpus through the crossbench binary", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "crossbench-corpus-"));

  it.each([
    ["semicolon-decimal-comma.csv", "semicolon-decimal-comma", []],
    ["utf16be-nobom.csv", "semicolon-decimal-comma", []],
    [
      "wide-title-rows.csv",
      "wide-title-rows",
      [
        "--accept-guesses",
        "--source",
        WIDE_DEFAULTS.source,
        "--year",
        "2023",
        "--licence",
        WIDE_DEFAULTS.licence,
        "--region",
        "US",
      ],
    ],
  ] as [string, string, string[]][])("convert %s writes the expected rows", (file, name, extra) => {
    const out = path.join(tmp, `${name}-${file}.csv`);
    const result = crossbench("reference", "convert", fixture(file), "--out", out, ...extra);
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: "" });
    expect(readFileSync(out, "utf8")).toBe(expected(name));
  });

  it("--decimal . reads an ambiguous semicolon file with decimal points, and rejects other marks", () => {
    const out = path.join(tmp, "decimal-point.csv");
    const result = crossbench(
      "reference",
      "convert",
      fixture("semicolon-decimal-comma.csv"),
      "--out",
      out,
      "--decimal",
      "."
    );
    // With decimal points, "48,5 %" is not a number: the file is refused, nothing is written.
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/"48,5 %" is a number only with a decimal comma/);
    const bad = crossbench("reference", "check", fixture("two-rows.csv"), "--decimal", ";");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--decimal must be "," or "\."/);
  });
});
