/**
 * `npm run bench`: runs every bench/*.bench.ts suite (or those named on the command line, e.g.
 * `npm run bench -- build functions`), writes bench/results.json (figure name -> value + unit) and
 * bench/results.md, and prints a table.
 */
import { readdirSync, writeFileSync } from "fs";
import path from "path";
import type { BenchSuite, Figure } from "./harness";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, "")))
    .sort();
  const results: Record<string, { value: number; unit: string; note?: string }> = {};
  let failed = false;
  for (const file of files) {
    const started = Date.now();
    process.stdout.write(`bench ${file} ... `);
    try {
      const suite = (await import(path.join(__dirname, file))) as { default: BenchSuite };
      const figures: Figure[] = await suite.default();
      for (const f of figures)
        results[f.name] = { value: f.value, unit: f.unit, ...(f.note ? { note: f.note } : {}) };
      console.log(`${figures.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed = true;
      console.log("FAILED");
      console.error(error);
    }
  }
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    formatValue(r.value),
    r.unit,
    r.note ?? "",
  ]);
  const table = [
    "| figure | value | unit | note |",
    "|---|---:|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(
    path.join(__dirname, "results.md"),
    `# Crossbench benchmark results\n\n${new Date().toISOString()}\n\n${table}\n`
  );
  console.log("\n" + table);
  if (failed) process.exitCode = 1;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumSignificantDigits: 4 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
