/**
 * Build figures: production build time, gzip size of functions.js (loaded by Excel for the BENCH
 * functions) and the size of everything in dist/. The task pane's own initial-JS figure is in
 * taskpane.bench.ts. Builds into a temporary folder so a developer's dist/ is left alone.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import type { Figure } from "./harness";

/** Kept equal to FUNCTIONS_GZIP_BUDGET_BYTES in test/build/bundle.test.ts. */
const FUNCTIONS_GZIP_BUDGET_BYTES = 60 * 1024;

const ROOT = path.resolve(__dirname, "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
  );
}

export default function buildBench(): Figure[] {
  const out = mkdtempSync(path.join(os.tmpdir(), "crossbench-bench-dist-"));
  const started = performance.now();
  const build = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "webpack"),
    ["--mode", "production", "--output-path", out],
    {
      cwd: ROOT,
      encoding: "utf8",
    }
  );
  const buildMs = performance.now() - started;
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  const functionsJs = readFileSync(path.join(out, "functions.js"));
  if (gzipSync(functionsJs).length > FUNCTIONS_GZIP_BUDGET_BYTES)
    console.warn(
      `functions.js is ${gzipSync(functionsJs).length} bytes gzip, over its ${FUNCTIONS_GZIP_BUDGET_BYTES}-byte budget`
    );
  const shipped = filesUnder(out).filter((f) => !f.endsWith(".map"));
  return [
    {
      name: "build.productionMs",
      value: Math.round(buildMs),
      unit: "ms",
      note: "webpack --mode production, 2 cores",
    },
    {
      name: "build.functionsJs.gzipBytes",
      value: gzipSync(functionsJs).length,
      unit: "bytes",
      note: `raw ${functionsJs.length} bytes; budget ${FUNCTIONS_GZIP_BUDGET_BYTES} (test/build/bundle.test.ts)`,
    },
    {
      name: "build.dist.bytes",
      value: shipped.reduce((sum, f) => sum + statSync(f).size, 0),
      unit: "bytes",
      note: `${shipped.length} files, source maps excluded`,
    },
  ];
}
