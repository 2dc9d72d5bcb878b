/**
 * Builds the `crossbench` command (src/cli/main.ts) to JavaScript with esbuild: dist-cli/crossbench.mjs
 * plus lazily imported chunks, so `--help` loads only commander and the option tables while exceljs and
 * papaparse load with the commands that need them. Every library is bundled: the published package has
 * no runtime dependencies. The package version is embedded at build time.
 *
 *   node scripts/build-cli.cjs            build (npm run build:cli, prepare)
 *   buildCli({ ifStale: true })           jest's globalSetup: rebuild only when an input changed
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "dist-cli");
const ENTRY = path.join(OUT_DIR, "crossbench.mjs");
// Kept outside dist-cli so the published folder holds only the program.
const META = path.join(ROOT, "node_modules", ".cache", "crossbench-cli", "meta.json");

/** True when the bundle is missing or older than any file that went into it (or this script). */
function isStale() {
  if (!fs.existsSync(ENTRY) || !fs.existsSync(META)) return true;
  const built = fs.statSync(ENTRY).mtimeMs;
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(fs.readFileSync(META, "utf8")).inputs);
  } catch {
    return true;
  }
  const files = [
    ...inputs.map((f) => path.join(ROOT, f)),
    __filename,
    path.join(ROOT, "package.json"),
  ];
  return files.some((file) => !fs.existsSync(file) || fs.statSync(file).mtimeMs > built);
}

/** `outDir` and `version` default to dist-cli/ and package.json's version (tests build elsewhere). */
async function buildCli({ ifStale = false, outDir = OUT_DIR, version } = {}) {
  const isDefault = outDir === OUT_DIR;
  if (ifStale && isDefault && !isStale()) return { built: false, entry: ENTRY };
  const esbuild = require("esbuild");
  const packageVersion = JSON.parse(
    fs.readFileSync(path.join(ROOT, "package.json"), "utf8")
  ).version;
  // Built beside the target and swapped in, so a command already running (a test in another jest
  // worker) finds its lazily loaded chunks for all but an instant.
  const staging = `${outDir}.build-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { crossbench: "src/cli/main.ts", "part-worker": "src/cli/partWorker.ts" },
    outdir: staging,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Dynamic import() becomes a chunk loaded on demand: the start-up path stays small.
    splitting: true,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    legalComments: "eof",
    define: { __CROSSBENCH_VERSION__: JSON.stringify(version ?? packageVersion) },
    // The CommonJS libraries inside (exceljs, papaparse) call require(); ESM output needs one.
    banner: {
      js: [
        "#!/usr/bin/env node",
        'import { createRequire as __crossbenchCreateRequire } from "module";',
        "const require = __crossbenchCreateRequire(import.meta.url);",
      ].join("\n"),
    },
    metafile: true,
    logLevel: "warning",
  });
  fs.chmodSync(path.join(staging, "crossbench.mjs"), 0o755);
  const retired = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, retired);
  fs.renameSync(staging, outDir);
  fs.rmSync(retired, { recursive: true, force: true });
  // The metafile names the staging folder; name the published one instead.
  const stagingName = path.relative(ROOT, staging).split(path.sep).join("/");
  const outName = path.relative(ROOT, outDir).split(path.sep).join("/");
  const metafile = JSON.parse(
    JSON.stringify(result.metafile).split(`${stagingName}/`).join(`${outName}/`)
  );
  if (isDefault) {
    fs.mkdirSync(path.dirname(META), { recursive: true });
    fs.writeFileSync(META, JSON.stringify(metafile));
  }
  return { built: true, entry: path.join(outDir, "crossbench.mjs"), metafile };
}

if (require.main === module) {
  const started = Date.now();
  buildCli().then(
    ({ metafile }) => {
      const bytes = Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
      // stderr: `npm pack --json` runs this as `prepare` and owns stdout.
      console.error(
        `dist-cli/crossbench.mjs built in ${Date.now() - started} ms (${Object.keys(metafile.outputs).length} files, ${Math.round(bytes / 1024)} KB)`
      );
    },
    (error) => {
      console.error(error.message);
      process.exit(1);
    }
  );
}

module.exports = { buildCli, isStale, ENTRY, OUT_DIR };
