/**
 * `crossbench reference merge`, spawned as a user runs it: the preview (new / changed old → new with
 * unit changes flagged / unchanged), keep by default, replace when chosen, --dry-run writing nothing,
 * and a merged file that `reference check` accepts.
 */
import { existsSync, readFileSync, readdirSync } from "fs";
import path from "path";
import Papa from "papaparse";
import { canonicalRows, writeCsv } from "./fixtures";
import { lines, runCli, tempFolder } from "./run";

const MEDIAN = 9;
const UNIT = 3;

/** The canonical sample's rows with cells changed: [row index (1 = first data row), column, text]. */
function edited(changes: readonly [number, number, string][], rows = canonicalRows()): string[][] {
  const copy = rows.map((r) => [...r]);
  for (const [row, column, text] of changes) copy[row][column] = text;
  return copy;
}

function medianOf(file: string, industry: string, metric: string): string | undefined {
  const rows = Papa.parse<string[]>(readFileSync(file, "utf8"), { skipEmptyLines: true }).data;
  return rows.find((r) => r[0] === industry && r[2] === metric)?.[MEDIAN];
}

describe("reference merge", () => {
  let folder: string;
  let library: string;
  let incoming: string;
  beforeAll(() => {
    folder = tempFolder();
    library = writeCsv(folder, "library.csv", canonicalRows());
    const sample = canonicalRows();
    const newRow = [...sample[1]];
    newRow[0] = "Cafes";
    incoming = writeCsv(folder, "survey.csv", [
      // Gross margin's median changes; Days sales outstanding changes its unit; Employee turnover is
      // the same; Cafes is new.
      ...edited(
        [
          [1, MEDIAN, "0.57"],
          [2, UNIT, "ratio"],
        ],
        sample
      ).slice(0, 4),
      newRow,
    ]);
  });

  it("previews new, changed (old → new, unit changes flagged) and unchanged rows, and keeps the library's figures by default", async () => {
    const out = path.join(folder, "kept.csv");
    const result = await runCli(["reference", "merge", library, incoming, "--out", out]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const printed = lines(result.stdout);
    expect(printed).toContain("1 new, 2 already in the library with other figures, 1 unchanged.");
    expect(printed).toContain("  Bakeries × Gross margin × 2025 × all regions: median 0.55 → 0.57");
    expect(printed).toContain(
      "  UNIT CHANGES (the figures are not comparable): Bakeries × Days sales outstanding × 2025 × all regions: unit days → ratio"
    );
    expect(result.stdout).toMatch(/keep the library's figures \(--on-conflict keep, the default\)/);
    expect(printed[printed.length - 1]).toBe(
      `Wrote 8 reference values to ${out}: 1 added, 0 replaced, 2 kept as they were, 1 unchanged, 4 not in the incoming file.`
    );
    expect(medianOf(out, "Bakeries", "Gross margin")).toBe("0.55");
    expect(medianOf(out, "Cafes", "Gross margin")).toBe("0.55");
    const check = await runCli(["reference", "check", out]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/8 valid reference values, 0 errors/);
  });

  it("takes the incoming figures with --on-conflict replace, and the result re-reads as valid", async () => {
    const out = path.join(folder, "replaced.csv");
    const result = await runCli([
      "reference",
      "merge",
      library,
      incoming,
      "--out",
      out,
      "--on-conflict",
      "replace",
    ]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/take the incoming figures \(--on-conflict replace\)/);
    expect(result.stdout).toMatch(/1 added, 2 replaced, 1 unchanged, 4 not in the incoming file\./);
    expect(medianOf(out, "Bakeries", "Gross margin")).toBe("0.57");
    const check = await runCli(["reference", "check", out, "--json"]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, validCount: 8 });
  });

  it("writes nothing with --dry-run, also when --out is given", async () => {
    const before = readdirSync(folder).sort();
    const out = path.join(folder, "dry.csv");
    const result = await runCli([
      "reference",
      "merge",
      library,
      incoming,
      "--out",
      out,
      "--dry-run",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 new, 2 already in the library with other figures/);
    expect(lines(result.stdout).pop()).toBe("Dry run: nothing was written.");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(before);
  });

  it("updates the library in place only with --force", async () => {
    const own = writeCsv(folder, "own-library.csv", canonicalRows());
    const original = readFileSync(own, "utf8");
    const refused = await runCli(["reference", "merge", own, incoming, "--out", own]);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      `crossbench reference merge: ${own} already exists; add --force to replace it`,
    ]);
    expect(readFileSync(own, "utf8")).toBe(original);
    const forced = await runCli([
      "reference",
      "merge",
      own,
      incoming,
      "--out",
      own,
      "--force",
      "--on-conflict",
      "replace",
    ]);
    expect(forced.code).toBe(0);
    expect(medianOf(own, "Bakeries", "Gross margin")).toBe("0.57");
  });

  it("lists at most 20 changed rows and counts the rest", async () => {
    const rows = [canonicalRows()[0]];
    const base = canonicalRows()[1];
    const many = Array.from({ length: 25 }, (_, i) => {
      const row = [...base];
      row[0] = `Industry ${i}`;
      return row;
    });
    const bigLibrary = writeCsv(folder, "big-library.csv", [...rows, ...many]);
    const changed = writeCsv(folder, "big-incoming.csv", [
      ...rows,
      ...many.map((r) => {
        const row = [...r];
        row[MEDIAN] = "0.6";
        return row;
      }),
    ]);
    const result = await runCli(["reference", "merge", bigLibrary, changed, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/: median 0\.55 → 0\.6$/gm)).toHaveLength(20);
    expect(lines(result.stdout)).toContain("  ... and 5 more.");
  });

  it.each([
    [
      "an unknown --on-conflict choice",
      (lib: string, inc: string, out: string) => [lib, inc, "--out", out, "--on-conflict", "merge"],
      /^error: option '--on-conflict <choice>' argument 'merge' is invalid\. Allowed choices are keep, replace\.$/,
    ],
    [
      "no --out and no --dry-run",
      (lib: string, inc: string) => [lib, inc],
      /^crossbench reference merge: --out is required: name the merged \.csv to write \(or add --dry-run to see the preview only\)$/,
    ],
    [
      "a missing library",
      (_lib: string, inc: string, out: string) => ["nowhere.csv", inc, "--out", out],
      /^crossbench reference merge: the library: no such file: nowhere\.csv$/,
    ],
    [
      "--out naming the incoming file",
      (lib: string, inc: string) => [lib, inc, "--out", inc, "--force"],
      /^crossbench reference merge: --out is the incoming file .*survey\.csv; choose another name$/,
    ],
    [
      "--out that is not a .csv",
      (lib: string, inc: string, out: string) => [
        lib,
        inc,
        "--out",
        out.replace(/\.csv$/, ".xlsx"),
      ],
      /^crossbench reference merge: --out must name a \.csv file, got ".*\.xlsx"$/,
    ],
  ])("refuses %s with one line and exit 2, writing nothing", async (_, args, message) => {
    const out = path.join(folder, "refused.csv");
    const before = readFileSync(incoming, "utf8");
    const result = await runCli(["reference", "merge", ...args(library, incoming, out)], {
      cwd: folder,
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(incoming, "utf8")).toBe(before);
  });

  it("writes nothing when the incoming file has errors (exit 1) or the library has (exit 1)", async () => {
    const out = path.join(folder, "invalid.csv");
    const bad = writeCsv(folder, "bad.csv", edited([[1, MEDIAN, "about 11"]]));
    const incomingBad = await runCli(["reference", "merge", library, bad, "--out", out]);
    expect(incomingBad.code).toBe(1);
    expect(incomingBad.stderr).toMatch(/median must be a number; found "about 11"/);
    expect(lines(incomingBad.stderr).pop()).toMatch(
      /bad\.csv has 1 errors; nothing was written\. Add --only-valid-rows to merge only the valid rows\.$/
    );
    const libraryBad = await runCli(["reference", "merge", bad, incoming, "--out", out]);
    expect(libraryBad.code).toBe(1);
    expect(lines(libraryBad.stderr).pop()).toMatch(
      /the library .*bad\.csv has 1 errors; nothing was written/
    );
    expect(existsSync(out)).toBe(false);
  });

  it("merges an .xlsx library's rows too", async () => {
    const { writeXlsx } = await import("./fixtures");
    const xlsxLibrary = await writeXlsx(folder, "library.xlsx", canonicalRows(), false);
    const out = path.join(folder, "from-xlsx.csv");
    const result = await runCli(["reference", "merge", xlsxLibrary, incoming, "--out", out]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(
      /1 new, 2 already in the library with other figures, 1 unchanged/
    );
  });
});
