/**
 * Builds dist/ (production webpack) when it is missing or older than anything it is built from, and
 * bundles the Excel double for the browser with esbuild.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { build } from "esbuild";
import { DIST, DOUBLE_BUNDLE, ROOT } from "./paths";

const BUILD_INPUTS = [
  "src",
  "webpack.config.js",
  "manifest.xml",
  "package.json",
  "README.md",
  "scripts",
];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function distIsStale(): boolean {
  const built = path.join(DIST, "taskpane.html");
  if (!fs.existsSync(built) || !fs.existsSync(path.join(DIST, "functions.json"))) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > builtAt);
}

export default async function globalSetup(): Promise<void> {
  if (process.env.CROSSBENCH_E2E_SKIP_BUILD !== "1" && distIsStale()) {
    process.stdout.write("\ne2e: building dist/ (webpack --mode production)...\n");
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
      {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
      }
    );
  }
  fs.mkdirSync(path.dirname(DOUBLE_BUNDLE), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "test", "excel-double", "index.ts")],
    bundle: true,
    format: "iife",
    globalName: "__crossbenchDouble",
    platform: "browser",
    target: "es2020",
    // Init scripts run wrapped, so a top-level `var` would not become a global.
    footer: { js: "globalThis.__crossbenchDouble = __crossbenchDouble;" },
    outfile: DOUBLE_BUNDLE,
    logLevel: "error",
  });
}
