/**
 * A long CSV checked in parts by worker threads, through the spawned binary: the report and the
 * converted file are the same as one pass gives (a copy of the file with one quoted cell cannot be
 * split, so it is checked in one pass), a key repeated across parts is still found, and a file with
 * errors and warnings gets one pass's report.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { runCli, tempFolder } from "./run";

const ROWS = 60_000;
const HEADER = "industry,metric,unit,direction,region,year,p25,median,p75,n,source,licence";
const row = (i: number) =>
  `Industry ${i % 400},Metric ${Math.floor(i / 400)},ratio,${i % 2 ? "higher" : "lower"},Europe,2025,${(i % 37) - 2},${i % 37},${(i % 37) + 2.5},${30 + (i % 90)},Synthetic panel,CC BY 4.0`;
const cores = os.availableParallelism?.() ?? os.cpus().length;

/** The same rows twice: as they are (split into parts) and with one cell quoted (one pass). */
function writePair(folder: string, lines: string[]): { parts: string; onePass: string } {
  const text = [HEADER, ...lines].join("\n") + "\n";
  for (const name of ["parts", "one-pass"]) mkdirSync(path.join(folder, name));
  const parts = path.join(folder, "parts", "survey.csv");
  const onePass = path.join(folder, "one-pass", "survey.csv");
  writeFileSync(parts, text);
  writeFileSync(onePass, text.replace("Synthetic panel", '"Synthetic panel"'));
  return { parts, onePass };
}

const trace = { env: { CROSSBENCH_TRACE: "1" }, timeoutMs: 120_000 };

/** `reference check` of both copies of the rows (see writePair), each ending with `code`. */
async function checkPair(folder: string, lines: string[], code: number) {
  const files = writePair(folder, lines);
  const results = [];
  for (const file of [files.parts, files.onePass]) {
    const result = await runCli(["reference", "check", file], trace);
    expect(result.code).toBe(code);
    results.push(result);
  }
  return { files, results };
}

describe("a long CSV checked in parts", () => {
  it("converts to the very file one pass writes, and prints the same report", async () => {
    const folder = tempFolder();
    const files = writePair(
      folder,
      Array.from({ length: ROWS }, (_, i) => row(i))
    );
    const results = [];
    for (const file of [files.parts, files.onePass]) {
      const out = path.join(path.dirname(file), "out.csv");
      const result = await runCli(["reference", "convert", file, "--out", out], trace);
      expect(result.code).toBe(0);
      results.push({ result, bytes: readFileSync(out) });
    }
    const [split, whole] = results;
    if (cores >= 2) expect(split.result.stderr).toMatch(/crossbench: \d parts, combined/);
    expect(whole.result.stderr).not.toMatch(/parts/);
    expect(split.bytes.equals(whole.bytes)).toBe(true);
    expect(split.bytes.toString("utf8").split("\r\n")).toHaveLength(ROWS + 2);
    const report = (text: string) =>
      text.replace(/\S*survey\.csv/g, "survey.csv").replace(/\S*out\.csv/g, "out.csv");
    expect(report(split.result.stdout)).toBe(report(whole.result.stdout));
  }, 240_000);

  it("finds a key repeated in another part, as one pass does (exit 1, the same report)", async () => {
    const folder = tempFolder();
    const lines = Array.from({ length: ROWS }, (_, i) => row(i));
    lines.push(row(7));
    const { files, results } = await checkPair(folder, lines, 1);
    if (cores >= 2) expect(results[0].stderr).toMatch(/crossbench: \d parts, one pass/);
    expect(results[0].stdout).toMatch(
      new RegExp(`row ${ROWS + 2}, column A \\(industry\\): Duplicate of row 9:`)
    );
    expect(results[0].stdout).toBe(results[1].stdout.split(files.onePass).join(files.parts));
  }, 240_000);

  it("checks a file with errors and warnings in parts too, and prints the report one pass prints", async () => {
    const folder = tempFolder();
    const lines = Array.from({ length: ROWS }, (_, i) => row(i));
    lines[ROWS - 10] = lines[ROWS - 10].replace(",ratio,", ",furlongs,");
    lines[ROWS / 2] = lines[ROWS / 2].replace(/^Industry \d+/, "Total");
    const { files, results } = await checkPair(folder, lines, 1);
    if (cores >= 2) expect(results[0].stderr).toMatch(/crossbench: \d parts, combined/);
    expect(results[0].stdout).toMatch(/Unknown unit "furlongs"/);
    expect(results[0].stdout).toMatch(/"Total" looks like an aggregate/);
    expect(results[0].stdout).toBe(results[1].stdout.split(files.onePass).join(files.parts));
  }, 240_000);
});
