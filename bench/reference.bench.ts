/**
 * Reference import and lookup figures: parse + validate 100,000 rows × 17 columns (time, memory),
 * write them through the Excel double (syncs, largest request), and METRIC / PERCENTILE calls per
 * second against a 50,000-row workbook library.
 */
import { createExcelDouble } from "../test/excel-double";
import { resetReferenceTableSyncForTests } from "../src/excel/referenceSync";
import { writeReferenceRows } from "../src/excel/referenceWriter";
import { metric, percentile } from "../src/functions/reference";
import { setWorkbookReferenceValues } from "../src/reference/activeLibrary";
import { parseSource, rowsToImport, validateSource } from "../src/reference/importPipeline";
import { ReferenceValue } from "../src/reference/model";
import type { Figure } from "./harness";

const COLUMNS = [
  "industry",
  "metric",
  "unit",
  "direction",
  "region",
  "year",
  "p10",
  "p25",
  "median",
  "p75",
  "p90",
  "mean",
  "n",
  "source",
  "source_url",
  "licence",
  "illustrative",
];

function csvRows(count: number): string {
  const lines = [COLUMNS.join(",")];
  for (let i = 0; i < count; i++) {
    const m = 10 + (i % 37);
    lines.push(
      [
        `Industry ${i % 500}`,
        `Metric ${Math.floor(i / 500)}`,
        "ratio",
        i % 2 ? "higher" : "lower",
        "Europe",
        2025,
        m - 4,
        m - 2,
        m,
        m + 2,
        m + 4,
        m + 0.5,
        30 + (i % 90),
        "Bench source (synthetic)",
        "https://example.org/bench",
        "CC BY 4.0",
        "TRUE",
      ].join(",")
    );
  }
  return lines.join("\n") + "\n";
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function callsPerSecond(
  call: (i: number) => Promise<unknown>,
  minMs = 1000
): Promise<number> {
  for (let i = 0; i < 1000; i++) await call(i);
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 500; i++) await call(calls + i);
    calls += 500;
  }
  return (calls * 1000) / (performance.now() - start);
}

export default async function referenceBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const text = csvRows(100_000);
  const bytes = new TextEncoder().encode(text);
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  const started = performance.now();
  const parsed = await parseSource({ kind: "csv", name: "bench.csv", bytes });
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const report = validateSource(parsed);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const parseMs = performance.now() - started;
  if (!report.ok || report.valid.length !== 100_000)
    throw new Error(`bench data did not validate: ${report.errorCount} errors`);
  figures.push(
    {
      name: "reference.import.parseValidate100k.ms",
      value: Math.round(parseMs),
      unit: "ms",
      note: `100,000 rows × 17 columns, ${megabytes(bytes.length)} MB CSV`,
    },
    {
      name: "reference.import.parseValidate100k.heapGrowthMB",
      value: megabytes(peakHeap - before.heapUsed),
      unit: "MB",
      note: `peak sampled heap above baseline${(globalThis as { gc?: unknown }).gc ? "" : " (run node --expose-gc for a clean baseline)"}`,
    },
    {
      name: "reference.import.maxRssMB",
      value: Math.round(process.resourceUsage().maxRSS / 1024),
      unit: "MB",
      note: "process peak resident memory so far",
    }
  );

  const rows = rowsToImport(report);
  const double = createExcelDouble();
  double.install();
  resetReferenceTableSyncForTests();
  try {
    const writeStart = performance.now();
    const result = await writeReferenceRows(rows);
    figures.push(
      {
        name: "reference.write100k.syncs",
        value: double.stats.syncCount,
        unit: "syncs",
        note: `${result.added} rows added through the Excel double`,
      },
      {
        name: "reference.write100k.maxRequestMB",
        value: megabytes(double.stats.maxRequestBytes),
        unit: "MB",
        note: "largest request (limit 4 MB)",
      },
      {
        name: "reference.write100k.ms",
        value: Math.round(performance.now() - writeStart),
        unit: "ms",
        note: "Excel double, in-memory",
      }
    );
  } finally {
    double.uninstall();
    resetReferenceTableSyncForTests();
  }

  const library: ReferenceValue[] = rows.slice(0, 50_000);
  setWorkbookReferenceValues(library);
  const names = library.map((v) => [v.industry, v.metric] as const);
  figures.push(
    {
      name: "reference.metric.callsPerSecond",
      value: Math.round(
        await callsPerSecond((i) =>
          metric(names[(i * 7919) % names.length][0], names[(i * 7919) % names.length][1], "p75")
        )
      ),
      unit: "calls/s",
      note: "BENCH.METRIC, 50,000-row library, async wrapper included",
    },
    {
      name: "reference.percentile.callsPerSecond",
      value: Math.round(
        await callsPerSecond((i) =>
          percentile(
            10 + (i % 30),
            names[(i * 104729) % names.length][0],
            names[(i * 104729) % names.length][1]
          )
        )
      ),
      unit: "calls/s",
      note: "BENCH.PERCENTILE, 50,000-row library",
    }
  );
  setWorkbookReferenceValues([]);
  return figures;
}
