/**
 * The packed package, as a user installs it: `npm pack`, `npm install <tarball>` into an empty folder,
 * then every command through `npx crossbench` there, on CSV, TSV, XLSX and JSON files.
 */
import { execFileSync, spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { readdirSync } from "fs";
import path from "path";
import { canonicalRows, writeCsv, writeEuropeanTsv, writeJson, writeXlsx } from "./fixtures";
import { PACKAGE_VERSION, ROOT, tempFolder } from "./run";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

let installed = "";
let packedFiles: string[] = [];

beforeAll(() => {
  const packs = tempFolder("crossbench-pack-");
  const report = JSON.parse(
    // --ignore-scripts: jest's globalSetup has built dist-cli/ already, and `prepare` rebuilding it
    // would pull the program from under the CLI tests running beside this one.
    execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", packs], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
  ) as { filename: string; files: { path: string }[] }[];
  packedFiles = report[0].files.map((f) => f.path);
  installed = tempFolder("crossbench-installed-");
  execFileSync(
    npm,
    ["install", "--no-audit", "--no-fund", "--offline", path.join(packs, report[0].filename)],
    { cwd: installed, stdio: "pipe" }
  );
}, 180_000);

function crossbench(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(npx, ["--no-install", "crossbench", ...args], {
    cwd: installed,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it("ships the program, the samples and nothing else, and installs no dependencies", () => {
  expect(packedFiles.filter((f) => !/^(dist-cli\/|samples\/)/.test(f)).sort()).toEqual([
    "README.md",
    "package.json",
  ]);
  expect(packedFiles).toContain("dist-cli/crossbench.mjs");
  expect(
    readdirSync(path.join(installed, "node_modules")).filter((d) => !d.startsWith("."))
  ).toEqual(["crossbench"]);
});

it("runs every command from the installed package", async () => {
  expect(crossbench("--version").stdout).toBe(`${PACKAGE_VERSION}\n`);
  const files = {
    csv: writeCsv(installed, "ours.csv", canonicalRows()),
    tsv: writeEuropeanTsv(installed),
    xlsx: await writeXlsx(installed, "ours.xlsx", canonicalRows(), false),
    json: writeJson(installed),
  };
  for (const file of Object.values(files)) {
    const check = crossbench("reference", "check", file, "--json");
    expect([path.basename(file), check.code, JSON.parse(check.stdout).validCount]).toEqual([
      path.basename(file),
      0,
      7,
    ]);
  }
  const convert = crossbench("reference", "convert", files.xlsx, "--out", "converted.csv");
  expect([convert.code, convert.stderr]).toEqual([0, ""]);
  const workbook = crossbench(
    "workbook",
    "--out",
    "bakery.xlsx",
    "--reference",
    files.json,
    "--industry",
    "Bakeries"
  );
  expect([workbook.code, workbook.stderr]).toEqual([0, ""]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(installed, "bakery.xlsx"));
  expect(book.worksheets).toHaveLength(7);
  const practices = crossbench("practices", "--challenge", "inventory", "--json");
  expect(practices.code).toBe(0);
  expect(JSON.parse(practices.stdout).length).toBeGreaterThan(0);
}, 120_000);
