/**
 * "Check this installation": runs Crossbench's own paths in the user's real Excel and reports, as
 * copyable text, what works there. It works only in things it creates (a temporary sheet, a temporary
 * table, one template), removes them, and proves the workbook is as it found it by comparing sheets,
 * names, tables and settings before and after. Every Excel.run is batched; errors are reported as
 * failed lines (the run goes on with the next section) and clean-up always runs.
 */
import { BENCH_FUNCTIONS, BenchCellValue, evaluateBench } from "../functions/benchRegistry";
import { formulaConstant, FormulaConstant } from "../functions/formulaCall";
import { CANONICAL_HEADERS, CellValue, toCanonicalRow } from "../reference/canonical";
import { getActiveLibrary } from "../reference/activeLibrary";
import { excelTextInput } from "../reference/textSafety";
import { columnLetter } from "../reference/importProblem";
import { valuesFromTable } from "./referenceSync";

export type SelfCheckStatus = "pass" | "fail" | "info" | "manual";

export interface SelfCheckLine {
  section: string;
  label: string;
  status: SelfCheckStatus;
  detail: string;
}

export interface SelfCheckReport {
  passed: boolean;
  lines: SelfCheckLine[];
  text: string;
}

/** What the self-check learns from Office rather than from the workbook (injected for tests). */
export interface SelfCheckHost {
  diagnostics?: { host?: string; platform?: string; version?: string };
  /** undefined when the host cannot be asked (no Office.context.requirements). */
  isSetSupported(name: string, version: string): boolean | undefined;
  /** Office's theme as the pane read and classified it (undefined when the host does not report one). */
  theme?: { background: string; dark: boolean };
  /** The marker functions.ts leaves in its runtime (undefined when the functions run elsewhere). */
  functionsMarker?: unknown;
  /** How long to wait for Excel to calculate the functions (default 30 s). */
  calculationTimeoutMs?: number;
  /** Inserts a template; returns its sheet names (the pane's template path). */
  insertTemplate?: (id: string) => Promise<string[]>;
}

/** The requirement sets Crossbench uses and what for (the README's requirement-set table). */
export const REQUIREMENT_SETS: readonly {
  name: string;
  version: string;
  use: string;
  /** false: used only where isSetSupported says so (the add-in works without it). */
  required: boolean;
}[] = [
  {
    name: "SharedRuntime",
    version: "1.1",
    use: "pane, functions and ribbon in one runtime",
    required: true,
  },
  {
    name: "CustomFunctionsRuntime",
    version: "1.2",
    use: "BENCH functions with error messages",
    required: true,
  },
  {
    name: "CustomFunctionsRuntime",
    version: "1.4",
    use: "data types passed to BENCH functions",
    required: false,
  },
  { name: "ExcelApi", version: "1.4", use: "named items, workbook settings", required: true },
  { name: "ExcelApi", version: "1.6", use: "conditional formats in templates", required: true },
  {
    name: "ExcelApi",
    version: "1.7",
    use: "reference table refresh, charts, the active cell",
    required: true,
  },
  {
    name: "ExcelApi",
    version: "1.8",
    use: "data validation; the manifest's minimum",
    required: true,
  },
  {
    name: "ExcelApi",
    version: "1.9",
    use: "screen updating suspended while drawing",
    required: false,
  },
  {
    name: "ExcelApi",
    version: "1.11",
    use: "batches wait while you edit a cell",
    required: false,
  },
  {
    name: "ExcelApi",
    version: "1.20",
    use: "one Ctrl+Z for a template insert (undo group)",
    required: false,
  },
];

/** Global set by src/functions/functions.ts when the functions bundle loads. */
export const FUNCTIONS_MARKER = "__crossbenchFunctionsRuntime";

type Arg = { cells: FormulaConstant[][] } | { literal: FormulaConstant };

/** One call per BENCH function; inputs in cells where the function takes ranges. */
export const SELF_CHECK_CALLS: readonly { name: string; args: Arg[] }[] = [
  { name: "ROI", args: [{ cells: [[120000, 80000]] }, { cells: [[150000]] }] },
  { name: "NPV", args: [{ literal: 0.08 }, { cells: [[-100000, 30000, 40000, 50000]] }] },
  { name: "IRR", args: [{ cells: [[-100000, 30000, 40000, 50000]] }] },
  { name: "PAYBACK", args: [{ cells: [[-100000, 30000, 40000, 50000]] }] },
  { name: "CHANGE", args: [{ literal: 0.62 }, { literal: 0.7 }] },
  {
    name: "BENEFIT",
    args: [0.62, 0.7, 1200, 85, 0.6, 0.8].map((literal) => ({ literal })),
  },
  {
    name: "BEFOREAFTER",
    args: [{ cells: [[12, 14, 11, 13, 12]] }, { cells: [[15, 16, 14, 17, 15]] }],
  },
  {
    name: "ROISIM",
    args: [80000, 120000, 160000, 90000, 100000, 130000, 2000].map((literal) => ({ literal })),
  },
  { name: "PEERRANK", args: [{ literal: 0.35 }, { cells: [[0.2, 0.3, 0.4, 0.5]] }] },
  { name: "FIT", args: [{ cells: [[4, 3, 5]] }, { cells: [[0.5, 0.3, 0.2]] }] },
  {
    name: "AHPWEIGHTS",
    args: [
      {
        cells: [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [0.2, 0.5, 1],
        ],
      },
    ],
  },
  {
    name: "AHPCR",
    args: [
      {
        cells: [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [0.2, 0.5, 1],
        ],
      },
    ],
  },
  {
    name: "METRIC",
    args: [{ literal: "Restaurants" }, { literal: "Customer retention rate" }, { literal: "p75" }],
  },
  {
    name: "PERCENTILE",
    args: [{ literal: 0.35 }, { literal: "Retail" }, { literal: "Gross margin" }],
  },
  {
    name: "GAP",
    args: [{ literal: 0.35 }, { literal: "Retail" }, { literal: "Gross margin" }],
  },
  { name: "INDUSTRIES", args: [] },
  { name: "METRICS", args: [{ literal: "Retail" }] },
  { name: "PRACTICES", args: [{ literal: "Restaurants" }, { literal: "customer loyalty" }] },
  { name: "SIMILARITY", args: [{ literal: "Retail" }, { literal: "E-commerce" }] },
];

// ---------------------------------------------------------------------------------------------
// The workbook as found

export interface WorkbookSnapshot {
  sheets: string[];
  names: string[];
  tables: string[];
  settings: Record<string, string>;
  activeSheet: string;
  selection: string;
}

export async function snapshotWorkbook(): Promise<WorkbookSnapshot> {
  return Excel.run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets.load("items/name, items/visibility");
    const names = workbook.names.load("items/name, items/formula");
    const tables = workbook.tables.load("items/name");
    const settings = workbook.settings.load("items/key, items/value");
    const active = workbook.worksheets.getActiveWorksheet().load("name");
    const selection = workbook.getSelectedRange().load("address");
    await context.sync();
    return {
      sheets: sheets.items.map((s) => `${s.name} (${s.visibility})`),
      names: names.items.map((n) => `${n.name} = ${n.formula}`),
      tables: tables.items.map((t) => t.name),
      settings: Object.fromEntries(
        settings.items.map((s) => [s.key, JSON.stringify(s.value as unknown)])
      ),
      activeSheet: active.name,
      selection: selection.address,
    };
  });
}

/** Differences between two snapshots, in words; empty when the workbook is as it was. */
export function snapshotDifferences(before: WorkbookSnapshot, after: WorkbookSnapshot): string[] {
  const differences: string[] = [];
  const compare = (what: string, a: readonly string[], b: readonly string[]) => {
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length) differences.push(`${what} added: ${added.join(", ")}`);
    if (removed.length) differences.push(`${what} removed: ${removed.join(", ")}`);
    if (!added.length && !removed.length && a.join("\n") !== b.join("\n"))
      differences.push(`${what} reordered`);
  };
  compare("sheets", before.sheets, after.sheets);
  compare("names", before.names, after.names);
  compare("tables", before.tables, after.tables);
  compare(
    "settings",
    Object.entries(before.settings).map(([k, v]) => `${k}=${v}`),
    Object.entries(after.settings).map(([k, v]) => `${k}=${v}`)
  );
  if (before.activeSheet !== after.activeSheet)
    differences.push(`active sheet ${before.activeSheet} → ${after.activeSheet}`);
  if (before.selection !== after.selection)
    differences.push(`selection ${before.selection} → ${after.selection}`);
  return differences;
}

/** Removes what the check added and puts settings, active sheet and selection back. */
async function restoreWorkbook(before: WorkbookSnapshot): Promise<void> {
  await Excel.run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets.load("items/name, items/visibility");
    const names = workbook.names.load("items/name, items/formula");
    const settings = workbook.settings.load("items/key, items/value");
    await context.sync();
    for (const name of names.items)
      if (!before.names.includes(`${name.name} = ${name.formula}`)) name.delete();
    for (const setting of settings.items) if (!(setting.key in before.settings)) setting.delete();
    const now = new Map(settings.items.map((s) => [s.key, JSON.stringify(s.value as unknown)]));
    for (const [key, value] of Object.entries(before.settings))
      if (now.get(key) !== value) workbook.settings.add(key, JSON.parse(value) as string);
    const [sheetName, address] = splitAddress(before.selection);
    const home = workbook.worksheets.getItem(sheetName ?? before.activeSheet);
    home.activate();
    home.getRange(address).select();
    // Deleting sheets (with their tables) comes last: a workbook must keep one visible sheet.
    for (const sheet of sheets.items)
      if (!before.sheets.includes(`${sheet.name} (${sheet.visibility})`)) sheet.delete();
    await context.sync();
  });
}

function splitAddress(address: string): [string | undefined, string] {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return [undefined, address];
  return [
    address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"),
    address.slice(bang + 1),
  ];
}

// ---------------------------------------------------------------------------------------------
// Sections

// Addresses of the check cells; the one column-letter helper.
const columnName = columnLetter;

/** A sheet name not in use ("Crossbench check", then "Crossbench check 2", ...). */
async function freeSheetName(base: string): Promise<string> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base} ${n}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  });
}

interface PlannedCall {
  name: string;
  formula: string;
  row: number;
}

/** Lays the calls out one per row: inputs from column C on, the formula in column A (results spill from it). */
function planCalls(heights: readonly number[]): {
  inputs: { address: string; values: FormulaConstant[][] }[];
  calls: PlannedCall[];
} {
  const inputs: { address: string; values: FormulaConstant[][] }[] = [];
  const calls: PlannedCall[] = [];
  let row = 1;
  // Each call's block: its inputs' rows or its spill's rows, whichever is taller, then a blank row.
  SELF_CHECK_CALLS.forEach((call, index) => {
    let column = 12; // inputs in M onwards, clear of any spill (the widest spills 5 columns)
    const texts: string[] = [];
    let height = 1;
    for (const arg of call.args) {
      if ("literal" in arg) {
        texts.push(formulaConstant(arg.literal));
        continue;
      }
      const rows = arg.cells.length;
      const cols = arg.cells[0].length;
      const address = `${columnName(column)}${row}:${columnName(column + cols - 1)}${row + rows - 1}`;
      inputs.push({ address, values: arg.cells });
      texts.push(address);
      column += cols + 1;
      height = Math.max(height, rows);
    }
    calls.push({ name: call.name, formula: `=BENCH.${call.name}(${texts.join(",")})`, row });
    row += Math.max(height, heights[index]) + 1;
  });
  return { inputs, calls };
}

function sameCell(actual: unknown, expected: BenchCellValue): boolean {
  if (typeof expected === "object") return actual === expected.error;
  if (typeof expected === "number" && typeof actual === "number")
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return actual === expected;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function checkFunctions(host: SelfCheckHost, lines: SelfCheckLine[]): Promise<void> {
  const section = "Functions";
  const sheetName = await freeSheetName("Crossbench check");
  // The expected results come first: each call's rows are laid out to leave room for its spill.
  const expected = await Promise.all(
    SELF_CHECK_CALLS.map((call) =>
      evaluateBench(
        call.name,
        call.args.map((arg) => ("literal" in arg ? arg.literal : arg.cells))
      )
    )
  );
  const { inputs, calls } = planCalls(
    expected.map((outcome) =>
      outcome.ok && Array.isArray(outcome.value) ? outcome.value.length : 1
    )
  );
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add(sheetName);
    for (const input of inputs) sheet.getRange(input.address).values = input.values;
    for (const call of calls) sheet.getRange(`A${call.row}`).formulas = [[call.formula]];
    await context.sync();
  });
  const deadline = Date.now() + (host.calculationTimeoutMs ?? 30_000);
  let results: unknown[][][] = [];
  for (;;) {
    results = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const ranges = calls.map((call, i) => {
        const outcome = expected[i];
        const shape = outcome.ok && Array.isArray(outcome.value) ? outcome.value : [[0]];
        // One row and one column more than the expected shape: they must stay empty.
        const last = `${columnName(shape[0].length)}${call.row + shape.length}`;
        return sheet.getRange(`A${call.row}:${last}`).load("values");
      });
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one read per poll while Excel calculates
      await context.sync();
      return ranges.map((r) => r.values as unknown[][]);
    });
    // Async functions show #BUSY! while they run; a formula not yet calculated shows nothing.
    const busy = results.some(
      (block) => block[0][0] === "" || block.some((line) => line.includes("#BUSY!"))
    );
    if (!busy || Date.now() > deadline) break;
    await delay(300);
  }
  calls.forEach((call, i) => {
    const outcome = expected[i];
    const block = results[i];
    const want: BenchCellValue[][] = outcome.ok
      ? Array.isArray(outcome.value)
        ? outcome.value
        : [[outcome.value]]
      : [[{ error: outcome.error, message: outcome.message }]];
    const mismatches: string[] = [];
    block.forEach((line, r) =>
      line.forEach((actual, c) => {
        const inside = r < want.length && c < want[0].length;
        if (inside && !sameCell(actual, want[r][c]))
          mismatches.push(
            `${columnName(c)}${call.row + r} shows ${JSON.stringify(actual)}, src/core gives ${JSON.stringify(want[r][c])}`
          );
        if (!inside && actual !== "")
          mismatches.push(
            `${columnName(c)}${call.row + r} should be empty but shows ${JSON.stringify(actual)}`
          );
      })
    );
    const shape = BENCH_FUNCTIONS[call.name].spills
      ? ` (spills ${want.length} × ${want[0].length})`
      : "";
    lines.push({
      section,
      label: `BENCH.${call.name}`,
      status: mismatches.length === 0 ? "pass" : "fail",
      detail:
        mismatches.length === 0
          ? `${call.formula} = ${JSON.stringify(block[0][0])}${shape}, as src/core computes`
          : `${call.formula}: ${mismatches.slice(0, 3).join("; ")}`,
    });
  });
}

async function checkTemplate(host: SelfCheckHost, lines: SelfCheckLine[]): Promise<void> {
  const section = "Template";
  if (!host.insertTemplate) return;
  const sheetNames = await host.insertTemplate("roi");
  const cells = await Excel.run(async (context) => {
    const reads = sheetNames.map((name) => {
      const used = context.workbook.worksheets.getItem(name).getUsedRange(true);
      return used.load(["formulas", "address"]);
    });
    await context.sync();
    return reads.map((r) => ({ address: r.address, formulas: r.formulas as unknown[][] }));
  });
  const benchFormulas = cells
    .flatMap((c) => c.formulas.flat())
    .filter((f) => typeof f === "string" && /BENCH\./i.test(f)).length;
  lines.push({
    section,
    label: "ROI template inserted",
    status: sheetNames.length > 0 && benchFormulas > 0 ? "pass" : "fail",
    detail: `sheets ${sheetNames.join(", ")}; ${benchFormulas} BENCH formulas (removed again)`,
  });
  const undoGroups = host.isSetSupported("ExcelApi", "1.20");
  lines.push({
    section,
    label: "One Ctrl+Z undoes an insert",
    status: "manual",
    detail: undoGroups
      ? "needs a manual check: insert a template from New benchmark workbook, press Ctrl+Z once, and note whether all its sheets are gone (ExcelApi 1.20 is supported, so it should)."
      : "needs a manual check: ExcelApi 1.20 (undo groups) is not supported here, so each step of an insert is its own undo step.",
  });
}

async function checkReferenceTable(lines: SelfCheckLine[]): Promise<void> {
  const section = "Reference table";
  const sample = {
    ...getActiveLibrary().values[0],
    notes: "=1+1 · 1/2 · 0012 · 'quoted",
  };
  const written = toCanonicalRow(sample).map((v) =>
    v === null ? "" : typeof v === "string" ? excelTextInput(v) : v
  );
  const expected = toCanonicalRow(sample).map((v) => (v === null ? "" : v));
  const sheetName = await freeSheetName("Crossbench check table");
  const read = await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add(sheetName);
    const last = columnName(CANONICAL_HEADERS.length - 1);
    const table = sheet.tables.add(`A1:${last}1`, true);
    table.getHeaderRowRange().values = [[...CANONICAL_HEADERS]];
    table.rows.add(undefined, [written]);
    const body = table.getDataBodyRange().load("values");
    await context.sync();
    return body.values[0] as unknown[];
  });
  const differences = expected
    .map((v, i) =>
      v === read[i]
        ? ""
        : `${CANONICAL_HEADERS[i]}: wrote ${JSON.stringify(v)}, read ${JSON.stringify(read[i])}`
    )
    .filter(Boolean);
  // Read back through the same validation the workbook's reference table goes through.
  const parsed = valuesFromTable([...CANONICAL_HEADERS], [read as CellValue[]], 2).values[0];
  if (!parsed) differences.push("the row read back does not pass the reference table's validation");
  else if (JSON.stringify(toCanonicalRow(parsed)) !== JSON.stringify(toCanonicalRow(sample)))
    differences.push(
      `the row read back parses as ${JSON.stringify(toCanonicalRow(parsed))}, not as written`
    );
  lines.push({
    section,
    label: "Write and read a reference row",
    status: differences.length === 0 ? "pass" : "fail",
    detail:
      differences.length === 0
        ? `${CANONICAL_HEADERS.length} columns round-trip in a temporary table (text that looks like a formula, a fraction or a number stays text)`
        : differences.join("; "),
  });
}

// ---------------------------------------------------------------------------------------------

function environmentLines(host: SelfCheckHost): SelfCheckLine[] {
  const section = "Excel";
  const d = host.diagnostics ?? {};
  const lines: SelfCheckLine[] = [
    { section, label: "Host", status: "info", detail: d.host ?? "unknown" },
    { section, label: "Platform", status: "info", detail: d.platform ?? "unknown" },
    { section, label: "Office version", status: "info", detail: d.version ?? "unknown" },
  ];
  for (const set of REQUIREMENT_SETS) {
    const supported = host.isSetSupported(set.name, set.version);
    lines.push({
      section: "Requirement sets",
      label: `${set.name} ${set.version}`,
      status:
        supported === undefined ? "info" : supported ? "pass" : set.required ? "fail" : "info",
      detail: `${supported === undefined ? "not reported by this host" : supported ? "supported" : "not supported"}: ${set.use}${set.required ? "" : " (optional)"}`,
    });
  }
  const marker = host.functionsMarker as { loadedAt?: string } | undefined;
  lines.push({
    section: "Runtime",
    label: "Pane and functions share one runtime",
    status: marker ? "pass" : "fail",
    detail: marker
      ? `the functions' marker is visible in the pane (loaded ${marker.loadedAt ?? "earlier"})`
      : "the pane cannot see the functions' marker: they run in a separate runtime, so imported reference rows will not reach the functions",
  });
  lines.push({
    section: "Theme",
    label: "Office theme",
    status: "info",
    detail:
      host.theme === undefined
        ? "not reported by this Excel (light theme used)"
        : `${host.theme.dark ? "dark" : "light"} (background ${host.theme.background})`,
  });
  return lines;
}

async function section(
  lines: SelfCheckLine[],
  name: string,
  run: () => Promise<void>
): Promise<void> {
  try {
    await run();
  } catch (error) {
    lines.push({
      section: name,
      label: "Could not run",
      status: "fail",
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

export function reportText(lines: readonly SelfCheckLine[], passed: boolean): string {
  const tag: Record<SelfCheckStatus, string> = {
    pass: "PASS",
    fail: "FAIL",
    info: "INFO",
    manual: "TODO",
  };
  return [
    `Crossbench self-check: ${passed ? "all checks passed" : "SOME CHECKS FAILED"}`,
    ...lines.map((l) => `[${tag[l.status]}] ${l.section} · ${l.label}: ${l.detail}`),
  ].join("\n");
}

/** Runs every check; the workbook is restored and compared whatever happens. */
export async function runSelfCheck(
  host: SelfCheckHost,
  onProgress: (step: string) => void = () => undefined
): Promise<SelfCheckReport> {
  const lines = environmentLines(host);
  onProgress("Reading the workbook");
  const before = await snapshotWorkbook();
  try {
    onProgress("Calculating every BENCH function");
    await section(lines, "Functions", () => checkFunctions(host, lines));
    onProgress("Inserting a template");
    await section(lines, "Template", () => checkTemplate(host, lines));
    onProgress("Writing a reference table");
    await section(lines, "Reference table", () => checkReferenceTable(lines));
  } finally {
    onProgress("Removing what the check added");
    await section(lines, "Workbook", () => restoreWorkbook(before));
  }
  const differences = snapshotDifferences(before, await snapshotWorkbook());
  lines.push({
    section: "Workbook",
    label: "Left as found",
    status: differences.length === 0 ? "pass" : "fail",
    detail:
      differences.length === 0
        ? "same sheets, names, tables, settings, active sheet and selection as before"
        : differences.join("; "),
  });
  const passed = lines.every((l) => l.status !== "fail");
  return { passed, lines, text: reportText(lines, passed) };
}

/** The self-check's view of Office in the running add-in. */
export function officeSelfCheckHost(
  options: {
    theme?: { background: string; dark: boolean };
    insertTemplate?: (id: string) => Promise<string[]>;
  } = {}
): SelfCheckHost {
  const office = typeof Office === "undefined" ? undefined : Office;
  const context = office?.context;
  const diagnostics = context?.diagnostics;
  return {
    diagnostics: diagnostics
      ? {
          host: String(diagnostics.host),
          platform: String(diagnostics.platform),
          version: diagnostics.version,
        }
      : undefined,
    isSetSupported: (name, version) =>
      context?.requirements ? context.requirements.isSetSupported(name, version) : undefined,
    theme: options.theme,
    functionsMarker: (globalThis as Record<string, unknown>)[FUNCTIONS_MARKER],
    insertTemplate: options.insertTemplate,
  };
}
