/**
 * Reference files at their limits, through the `crossbench` binary as a child process (wall time and
 * peak resident memory measured from outside): `reference check` and `convert` of a 1,000,000-row CSV
 * (goal ≤ 10 s and ≤ 1 GB for convert) and `check` of one with a warning and an error, an .xlsx that expands to 1 GB (goal: refused before inflating,
 * < 300 MB), one whose headers under-declare a 1 GB part (refused while inflating), and a 50 MB single
 * cell (goal: a clear message in < 2 s).
 */
import { spawnSync } from "child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { createDeflateRaw } from "zlib";
import { buildZip, lyingXlsx } from "../test/fixtures/reference/zip";
import type { Figure } from "./harness";

const ROWS = 1_000_000;
const root = path.join(__dirname, "..");
const bin = path.join(root, "dist-cli", "crossbench.mjs");
const preload = path.join(__dirname, "reportRss.cjs");

/**
 * 1,000,000 valid rows; `withProblems` adds what users' files have: a column Crossbench does not
 * import (one warning) and, near the end, a row with an unknown unit (one error).
 */
async function writeBigCsv(file: string, { withProblems = false } = {}): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    `industry,metric,unit,direction,region,year,p10,p25,median,p75,p90,mean,n,source,source_url,licence,illustrative${withProblems ? ",internal ref" : ""}\n`
  );
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const m = 10 + (i % 37);
    const unit = withProblems && i === ROWS - 100 ? "furlongs" : "ratio";
    chunk += `Industry ${i % 500},Metric ${Math.floor(i / 500)},${unit},${i % 2 ? "higher" : "lower"},Europe,2025,${m - 4},${m - 2},${m},${m + 2},${m + 4},${m + 0.5},${30 + (i % 90)},Bench source (synthetic),https://example.org/bench,CC BY 4.0,TRUE${withProblems ? `,R-${i}` : ""}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  await new Promise<void>((resolve) => out.end(chunk, () => resolve()));
}

/** 1 GB of zeros deflated in 1 MB steps (never held whole), as the one worksheet of a workbook. */
async function writeExpandingXlsx(file: string): Promise<void> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < 1024; i++)
    if (!deflate.write(zeros))
      await new Promise<void>((resolve) => deflate.once("drain", () => resolve()));
  deflate.end();
  await done;
  const bytes = buildZip([
    { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
    {
      name: "xl/worksheets/sheet1.xml",
      data: new Uint8Array(0),
      deflated: Buffer.concat(parts),
      declaredSize: 1 << 30,
    },
  ]);
  writeFileSync(file, bytes);
}

function run(args: string[]): {
  ms: number;
  cpuMs: number;
  rssMB: number;
  code: number;
  out: string;
} {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--require", preload, bin, ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - started;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr ?? "");
  const cpu = /BENCH_CPU_MS=(\d+)/.exec(result.stderr ?? "");
  return {
    ms,
    cpuMs: cpu ? Number(cpu[1]) : Number.NaN,
    rssMB: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN,
    code: result.status ?? -1,
    out: `${result.stdout}\n${result.stderr}`,
  };
}

/** The 1M-row figures are the median of this many runs: a shared machine varies ±15 % run to run. */
const RUNS = 3;

/** `args` run RUNS times (each must succeed): the run with the median wall time, and the slowest. */
function medianRun(
  args: string[],
  { overwrite = false } = {}
): ReturnType<typeof run> & { slowestMs: number } {
  const runs = Array.from({ length: RUNS }, (_, i) => {
    const result = run(overwrite && i > 0 ? [...args, "--force"] : args);
    if (result.code !== 0) throw new Error(`${args[1]} failed: ${result.out.slice(0, 500)}`);
    return result;
  }).sort((a, b) => a.ms - b.ms);
  return { ...runs[Math.floor(RUNS / 2)], slowestMs: runs[RUNS - 1].ms };
}

export default async function referenceFilesBench(): Promise<Figure[]> {
  // The binary users install (package.json's bin), built when stale, as the CLI bench does.
  const { buildCli } = require("../scripts/build-cli.cjs") as {
    buildCli: (options: { ifStale: boolean }) => Promise<unknown>;
  };
  await buildCli({ ifStale: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), "crossbench-bench-"));
  const figures: Figure[] = [];
  try {
    const csv = path.join(dir, "million.csv");
    await writeBigCsv(csv);
    const size = `${Math.round(statSync(csv).size / 1024 / 1024)} MB`;
    const check = medianRun(["reference", "check", csv, "--limit", "5"]);
    const convert = medianRun(["reference", "convert", csv, "--out", path.join(dir, "out.csv")], {
      overwrite: true,
    });
    figures.push(
      {
        name: "reference.check1M.ms",
        value: Math.round(check.ms),
        unit: "ms",
        note: `1,000,000 rows × 17 columns, ${size}, binary as a child process; median of ${RUNS} (slowest ${Math.round(check.slowestMs)})`,
      },
      {
        name: "reference.check1M.cpuMs",
        value: check.cpuMs,
        unit: "ms",
        note: "CPU time of the child (user + system); wall time depends on how busy the machine is",
      },
      {
        name: "reference.check1M.peakRssMB",
        value: check.rssMB,
        unit: "MB",
        note: "peak resident memory of the child",
      },
      {
        name: "reference.convert1M.ms",
        value: Math.round(convert.ms),
        unit: "ms",
        note: `goal ≤ 10,000 ms; median of ${RUNS} (slowest ${Math.round(convert.slowestMs)})`,
      },
      {
        name: "reference.convert1M.cpuMs",
        value: convert.cpuMs,
        unit: "ms",
        note: "CPU time of the child (user + system); wall time depends on how busy the machine is",
      },
      {
        name: "reference.convert1M.peakRssMB",
        value: convert.rssMB,
        unit: "MB",
        note: "goal ≤ 1,024 MB",
      }
    );
    rmSync(csv);

    const messy = path.join(dir, "million-with-problems.csv");
    await writeBigCsv(messy, { withProblems: true });
    const messyCheck = run(["reference", "check", messy, "--limit", "5"]);
    if (messyCheck.code !== 1 || !/furlongs/.test(messyCheck.out))
      throw new Error(`the bad row was not reported: ${messyCheck.out.slice(0, 500)}`);
    figures.push({
      name: "reference.check1MWithProblems.ms",
      value: Math.round(messyCheck.ms),
      unit: "ms",
      note: "the same rows plus a column not imported (a warning) and one bad unit (an error); one run",
    });
    rmSync(messy);

    const xlsx = path.join(dir, "expands-to-1GB.xlsx");
    await writeExpandingXlsx(xlsx);
    const bomb = run(["reference", "check", xlsx]);
    if (!/expands/.test(bomb.out))
      throw new Error(`the expanding workbook was not refused: ${bomb.out.slice(0, 300)}`);
    figures.push(
      {
        name: "reference.xlsx1GB.refusedMs",
        value: Math.round(bomb.ms),
        unit: "ms",
        note: `${Math.round(statSync(xlsx).size / 1024)} KB file declaring 1 GB; refused before inflating`,
      },
      {
        name: "reference.xlsx1GB.cpuMs",
        value: bomb.cpuMs,
        unit: "ms",
        note: "CPU time of the child (user + system); wall time depends on how busy the machine is",
      },
      { name: "reference.xlsx1GB.peakRssMB", value: bomb.rssMB, unit: "MB", note: "goal < 300 MB" }
    );

    // Headers that claim 1,000 bytes for a part that inflates to 1 GB: only the real count sees it.
    const lying = path.join(dir, "lies-about-1GB.xlsx");
    writeFileSync(lying, await lyingXlsx(1024));
    const lie = run(["reference", "check", lying]);
    if (lie.code !== 1 || !/expands beyond the 1,000 bytes it declares/.test(lie.out))
      throw new Error(`the lying workbook was not refused: ${lie.out.slice(0, 300)}`);
    figures.push(
      {
        name: "reference.xlsxLying1GB.refusedMs",
        value: Math.round(lie.ms),
        unit: "ms",
        note: `${Math.round(statSync(lying).size / 1024)} KB file declaring 1,000 bytes for 1 GB; refused while inflating`,
      },
      {
        name: "reference.xlsxLying1GB.peakRssMB",
        value: lie.rssMB,
        unit: "MB",
        note: "peak resident memory of the child",
      }
    );

    const cellFile = path.join(dir, "one-cell.csv");
    writeFileSync(cellFile, `${"x".repeat(50 * 1024 * 1024)}\nBakeries,Gross margin\n`);
    const cell = run(["reference", "check", cellFile]);
    if (!/No column is mapped|No header row/.test(cell.out))
      throw new Error(`no clear message: ${cell.out.slice(0, 300)}`);
    figures.push(
      {
        name: "reference.cell50MB.ms",
        value: Math.round(cell.ms),
        unit: "ms",
        note: "50 MB single cell to a clear message; goal < 2,000 ms (includes process start)",
      },
      {
        name: "reference.cell50MB.cpuMs",
        value: cell.cpuMs,
        unit: "ms",
        note: "CPU time of the child (user + system)",
      }
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
