/**
 * Task-pane speed: initial pane JavaScript (gzip) against the 300 KB budget, time from navigation to an
 * interactive start screen in headless Chromium (against the Excel double), and time for functions.js
 * to register every custom function (in a Node vm with the CustomFunctions stub).
 */
import fs from "fs";
import path from "path";
import vm from "vm";
import zlib from "zlib";
import type { Figure } from "./harness";
import { createCustomFunctionsGlobal } from "../test/support/customFunctionsGlobal";
import globalSetup from "../test/e2e/support/globalSetup";
import { launchChromium, openPane, serveDirectory } from "../test/e2e/support/pane";
import { DIST } from "../test/e2e/support/paths";
import { createExcelDouble } from "../test/excel-double";
import { createImportActions } from "../src/taskpane/adapters/importAdapter";
import {
  previewReferenceRows,
  undoReferenceWrite,
  writeReferenceRows,
  REFERENCE_SHEET,
} from "../src/excel/referenceWriter";
import { resetReferenceTableSyncForTests } from "../src/excel/referenceSync";

const BUDGET_GZIP_BYTES = 300 * 1024;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const gzipSize = (file: string): number =>
  zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** The scripts taskpane.html loads itself (office.js comes from Microsoft's CDN and is not ours). */
function scriptsOfTaskpane(): string[] {
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
}

async function timeToInteractive(): Promise<number[]> {
  const server = await serveDirectory(DIST);
  const session = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const started = performance.now();
      const pane = await openPane(session, server, {
        settings: { "crossbench.industry": "Retail" },
      });
      await pane.page.getByRole("button", { name: "Save defaults" }).waitFor();
      await pane.page.getByRole("button", { name: "New benchmark workbook" }).waitFor();
      const elapsed = performance.now() - started;
      await pane.close();
      if (run > 0) times.push(elapsed); // the first run warms the browser process, not the page
    }
  } finally {
    await session.close();
    await server.close();
  }
  return times;
}

function registrationTimes(expected: number): number[] {
  const code = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  const script = new vm.Script(code, { filename: "functions.js" });
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const stub = createCustomFunctionsGlobal();
    const registered = new Set<string>();
    const associate = stub.associate;
    const sandbox: Record<string, unknown> = {
      CustomFunctions: {
        ...stub,
        associate: (id: string | Record<string, unknown>, fn?: unknown) => {
          if (typeof id === "string") registered.add(id.toUpperCase());
          else Object.keys(id).forEach((key) => registered.add(key.toUpperCase()));
          return associate(id as never, fn as never);
        },
      },
      console,
      setTimeout,
      clearTimeout,
      TextEncoder,
      TextDecoder,
      performance,
    };
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    const context = vm.createContext(sandbox);
    const started = performance.now();
    script.runInContext(context);
    const elapsed = performance.now() - started;
    if (registered.size !== expected)
      throw new Error(
        `functions.js registered ${registered.size} functions, functions.json lists ${expected}`
      );
    times.push(elapsed);
  }
  return times;
}

const IMPORT_ROWS = 100_000;

/**
 * The pane's import path (adapter -> validation -> writer) of a 100,000-row CSV into the Excel double:
 * a fresh import, then the same file again with every figure changed ("replace"): syncs, largest
 * request and wall time of each write.
 */
export async function paneImport(): Promise<Figure[]> {
  const double = createExcelDouble();
  double.install();
  resetReferenceTableSyncForTests();
  try {
    const csv = (shift: number) =>
      [
        "industry,metric,unit,direction,year,median,source",
        ...Array.from(
          { length: IMPORT_ROWS },
          (_, i) =>
            `Industry ${i % 500},Metric ${Math.floor(i / 500)},ratio,higher,2024,${i + shift},Bench survey`
        ),
      ].join("\n");
    const importer = createImportActions(
      async (rows, options) => {
        const result = await writeReferenceRows(rows, {
          signal: options.signal,
          policy: options.policy,
          onProgress: (p) => options.onProgress(p.rowsDone, p.rowsTotal),
        });
        return { ...result, sheetName: REFERENCE_SHEET };
      },
      undefined,
      undefined,
      { preview: previewReferenceRows, undo: (w) => undoReferenceWrite(w as never) }
    );
    const figures: Figure[] = [];
    for (const [label, shift] of [
      ["add", 0],
      ["replace", 1],
    ] as const) {
      const source = await importer.readFile(new File([csv(shift)], "bench.csv"));
      const choices = { mapping: await importer.suggestMapping(source) };
      double.stats.reset();
      const started = performance.now();
      const summary = await importer.write(source, choices, {
        onlyValidRows: false,
        onConflict: "replace",
        signal: new AbortController().signal,
        onProgress: () => undefined,
      });
      const ms = performance.now() - started;
      figures.push(
        {
          name: `taskpane.import100k.${label}.ms`,
          value: Math.round(ms),
          unit: "ms",
          note: `validate + write ${IMPORT_ROWS} rows into the Excel double (${summary.added} added, ${summary.updated} updated)`,
        },
        {
          name: `taskpane.import100k.${label}.syncs`,
          value: double.stats.syncCount,
          unit: "syncs",
        },
        {
          name: `taskpane.import100k.${label}.maxRequestBytes`,
          value: double.stats.maxRequestBytes,
          unit: "bytes",
          note: "largest request; Excel's limit is 5 MB, the writer aims under 4 MB",
        }
      );
    }
    return figures;
  } finally {
    double.uninstall();
    resetReferenceTableSyncForTests();
  }
}

export default async function taskpaneBench(): Promise<Figure[]> {
  const importFigures = await paneImport();
  await globalSetup(); // builds dist/ when it is stale and bundles the Excel double for the browser

  const scripts = scriptsOfTaskpane();
  const paneScripts = scripts.filter((src) => src !== "functions.js");
  const paneBytes = paneScripts.reduce((sum, src) => sum + gzipSize(path.join(DIST, src)), 0);
  const functionsBytes = gzipSize(path.join(DIST, "functions.js"));
  const lazyChunks = fs.readdirSync(path.join(DIST, "chunks")).filter((f) => f.endsWith(".js"));
  const lazyBytes = lazyChunks.reduce((sum, f) => sum + gzipSize(path.join(DIST, "chunks", f)), 0);
  const expected = (
    JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
      functions: unknown[];
    }
  ).functions.length;
  const interactive = await timeToInteractive();
  const registration = registrationTimes(expected);

  return [
    {
      name: "taskpane.initialJsGzipBytes",
      value: paneBytes,
      unit: "bytes",
      note: `${paneScripts.join(" + ")}; budget ${BUDGET_GZIP_BYTES} (${((100 * paneBytes) / BUDGET_GZIP_BYTES).toFixed(0)} % used)`,
    },
    {
      name: "taskpane.functionsJsGzipBytes",
      value: functionsBytes,
      unit: "bytes",
      note: "functions.js, loaded by the same page (shared runtime)",
    },
    {
      name: "taskpane.lazyChunksGzipBytes",
      value: lazyBytes,
      unit: "bytes",
      note: `${lazyChunks.length} chunks loaded on demand (screens, reference data, parsers)`,
    },
    {
      name: "taskpane.timeToInteractiveMs",
      value: median(interactive),
      unit: "ms",
      note: `median of ${RUNS}, headless Chromium, page.goto to start-screen buttons, office.js local, Excel double`,
    },
    {
      name: "taskpane.functionsRegistrationMs",
      value: median(registration),
      unit: "ms",
      note: `median of ${RUNS}: run dist/functions.js in a vm until all ${expected} functions are associated`,
    },
    ...importFigures,
  ];
}
