/**
 * CLI figures: start-up of the built command against a bare `node -e 0` measured in the same run
 * (`--help`, and `workbook` of every template), the packed tarball's size and the installed size.
 * Builds dist-cli/ when it is stale, as the tests do.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "fs";
import os from "os";
import path from "path";
import type { Figure } from "./harness";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "dist-cli", "crossbench.mjs");
const RUNS = 9;

function medianSpawnMs(args: readonly string[], cwd: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, stdio: "ignore" });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum +
      (entry.isDirectory()
        ? bytesUnder(path.join(dir, entry.name))
        : statSync(path.join(dir, entry.name)).size),
    0
  );
}

export default async function cliBench(): Promise<Figure[]> {
  const { buildCli } = require("../scripts/build-cli.cjs") as {
    buildCli: (options: { ifStale: boolean }) => Promise<unknown>;
  };
  await buildCli({ ifStale: true });
  const work = mkdtempSync(path.join(os.tmpdir(), "crossbench-bench-cli-"));
  const bareMs = medianSpawnMs(["-e", "0"], work);
  const helpMs = medianSpawnMs([BIN, "--help"], work);
  const workbookMs = medianSpawnMs([BIN, "workbook", "--out", "all.xlsx", "--force"], work);

  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
    })
  ) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  const install = path.join(work, "install");
  execFileSync("npm", ["init", "-y"], { cwd: work, stdio: "ignore" });
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--offline",
      "--prefix",
      install,
      path.join(work, packed[0].filename),
    ],
    { cwd: work, stdio: "ignore" }
  );
  const installedBytes = bytesUnder(path.join(install, "node_modules"));
  rmSync(work, { recursive: true, force: true });

  const ratio = (ms: number): number => Math.round((ms / bareMs) * 100) / 100;
  return [
    {
      name: "cli.startup.bareNodeMs",
      value: Math.round(bareMs),
      unit: "ms",
      note: `node -e 0, median of ${RUNS}`,
    },
    {
      name: "cli.startup.helpMs",
      value: Math.round(helpMs),
      unit: "ms",
      note: `crossbench --help, median of ${RUNS}`,
    },
    {
      name: "cli.startup.helpRatio",
      value: ratio(helpMs),
      unit: "× bare node",
      note: "budget ≤ 3",
    },
    {
      name: "cli.workbook.allTemplatesMs",
      value: Math.round(workbookMs),
      unit: "ms",
      note: `workbook of every template + Summary, median of ${RUNS}`,
    },
    { name: "cli.workbook.allTemplatesRatio", value: ratio(workbookMs), unit: "× bare node" },
    {
      name: "cli.package.tarballBytes",
      value: packed[0].size,
      unit: "bytes",
      note: `npm pack, ${packed[0].entryCount} files, unpacked ${packed[0].unpackedSize} bytes`,
    },
    {
      name: "cli.package.installedBytes",
      value: installedBytes,
      unit: "bytes",
      note: "node_modules after npm install <tarball> in an empty folder (no dependencies)",
    },
  ];
}
