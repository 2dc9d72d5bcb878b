/**
 * `crossbench workbook`: generates a benchmark workbook (.xlsx) from the templates without opening Excel.
 * Every argument is checked before anything is built (one line, exit code 2); an existing file is
 * replaced only with --force; the file is written atomically. The templates and exceljs load only
 * when the command runs.
 */
import { INDUSTRY_NAME_MAX_LENGTH, resolveIndustryName } from "../reference/industryNames";
import { Command, Option } from "commander";
import type { CaseInputs } from "../templates/caseInputs";
import type { TemplateLibrary } from "../templates/context";
import { TEMPLATE_IDS, type FormulaMode, type TemplateId } from "../templates/plan";
import { EXIT, ExitCode, InvalidDataError, UsageError, runs } from "./exitCodes";
import { readInputFile } from "./inputFile";
import { reportLines } from "./report";
import { complain, escapeValue, say } from "./safeText";
import { checkOutputPath, writeFileAtomically } from "./safeWrite";

export interface WorkbookOptions {
  out: string;
  force?: boolean;
  templates?: string;
  industry?: string;
  reference?: string;
  formulas?: string;
  summary?: boolean;
  inputs?: string;
  horizon?: string;
  currency?: string;
}

export interface WorkbookRequest {
  out: string;
  force: boolean;
  templates: TemplateId[];
  industry: string;
  /** Said on stderr when the industry is taken as the user's own. */
  note?: string;
  mode: FormulaMode;
  summary: boolean;
  library: TemplateLibrary;
  /** The user's case (--inputs) with --horizon and --currency on top. */
  own: CaseInputs;
}

/** The command's options, in help order. */
const WORKBOOK_OPTIONS: readonly Option[] = [
  new Option("--out <file>", "the .xlsx file to write").makeOptionMandatory(),
  new Option("--force", "replace --out if it exists"),
  new Option(
    "--templates <list>",
    `comma-separated templates (default: all): ${TEMPLATE_IDS.join(",")}`
  ),
  new Option(
    "--industry <name>",
    "your industry: a library name, alias or NAICS code, or your own (then the gap analysis waits for your figures; default: Retail)"
  ),
  new Option(
    "--reference <file>",
    "a reference file (CSV, TSV, XLSX or JSON in the canonical format); its figures beat the bundled sample for the same industry × metric, whatever the years"
  ),
  new Option(
    "--formulas <mode>",
    "portable: native Excel formulas (opens anywhere); bench: Crossbench functions with cached results"
  ).default("portable"),
  new Option("--no-summary", "leave out the Summary sheet"),
  new Option("--inputs <file>", "your own case as JSON (keys: the README's case-file table)"),
  new Option("--horizon <years>", "ROI horizon in years, 1 to 10 (default 3)"),
  new Option(
    "--currency <code>",
    'currency code or symbol for every money format, e.g. EUR or "$"'
  ),
];

/** Reads and checks --inputs, then --horizon and --currency (which win over the file): one line naming the key. */
async function ownCase(options: WorkbookOptions): Promise<CaseInputs> {
  const { CaseInputError, parseCaseInputs } = await import("../templates/caseInputs");
  const checked = (json: unknown, what: string): CaseInputs => {
    try {
      return parseCaseInputs(json);
    } catch (error) {
      if (error instanceof CaseInputError) throw new UsageError(`${what}${error.message}`);
      throw error;
    }
  };
  let own: CaseInputs = {};
  if (options.inputs !== undefined) {
    const { bytes } = await readInputFile(options.inputs, "--inputs");
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new UsageError(`--inputs is not valid JSON: ${escapeValue((error as Error).message)}`);
    }
    own = checked(json, `--inputs ${escapeValue(options.inputs)}: `);
  }
  const flags: Record<string, unknown> = {};
  if (options.horizon !== undefined) {
    const years = Number(options.horizon);
    flags.horizon = Number.isFinite(years) ? years : options.horizon;
  }
  if (options.currency !== undefined) flags.currency = options.currency;
  checked(flags, "--");
  return checked({ ...own, ...flags }, "--inputs: ");
}

type Suggest = (name: string, known: readonly string[]) => string;

export function parseTemplateList(text: string | undefined, suggest: Suggest): TemplateId[] {
  if (text === undefined) return [...TEMPLATE_IDS];
  const names = text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  if (names.length === 0)
    throw new UsageError(`--templates is empty; choose from ${TEMPLATE_IDS.join(", ")}`);
  for (const name of names) {
    if (!(TEMPLATE_IDS as readonly string[]).includes(name)) {
      // suggest() returns ' Did you mean "x"?' or "".
      throw new UsageError(
        `unknown template "${escapeValue(name)}".${suggest(name, TEMPLATE_IDS)} Choose from ${TEMPLATE_IDS.join(", ")}.`
      );
    }
  }
  return [...new Set(names)] as TemplateId[];
}

/** The industry the workbook is for, and a note when it is taken as the user's own. */
export interface IndustryChoice {
  industry: string;
  note?: string;
}

/**
 * Resolves --industry against the library: singular/plural, aliases ("cafe") and NAICS codes resolve as in
 * the BENCH functions and the pane; a near typo is refused with "Did you mean"; any other name is taken as
 * the user's own industry (the gap analysis then lists every metric for their figures), with a note.
 */
export function resolveIndustry(
  name: string | undefined,
  library: TemplateLibrary,
  normalise: (name: string) => string
): IndustryChoice {
  const industries = [...new Set(library.values.map((v) => v.industry))].sort((a, b) =>
    a.localeCompare(b)
  );
  if (industries.length === 0) throw new UsageError("the reference library has no industries");
  if (name === undefined)
    return { industry: industries.find((i) => normalise(i) === "retail") ?? industries[0] };
  const resolution = resolveIndustryName(name, industries);
  if (resolution.name !== undefined) return { industry: resolution.name };
  if (resolution.kind === "typo")
    throw new UsageError(
      `unknown industry "${escapeValue(name)}". Did you mean "${escapeValue(resolution.nearest[0].name)}"? For an industry of your own, pass its figures with --reference.`
    );
  return { industry: ownIndustryName(name), note: ownIndustryNote(name, resolution.nearest) };
}

function ownIndustryName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new UsageError("--industry is empty");
  if (trimmed.length > INDUSTRY_NAME_MAX_LENGTH)
    throw new UsageError(`--industry is longer than ${INDUSTRY_NAME_MAX_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/.test(trimmed))
    throw new UsageError("--industry holds a control character");
  return trimmed;
}

function ownIndustryNote(name: string, nearest: readonly { name: string; why: string }[]): string {
  const compare =
    nearest.length > 0
      ? ` To compare with a library industry, use --industry with one of: ${nearest.map((n) => `${n.name} (${n.why})`).join("; ")}.`
      : "";
  return (
    `note: "${escapeValue(name.trim())}" is not in the reference library, so it is taken as your own industry: ` +
    `the gap analysis lists every metric with no reference figures; pass your figures with --reference.${escapeValue(compare)}`
  );
}

function formulaModeOf(text: string | undefined): FormulaMode {
  const mode = (text ?? "portable").toLowerCase();
  if (mode !== "portable" && mode !== "bench")
    throw new UsageError(`--formulas must be portable or bench; got "${escapeValue(text ?? "")}"`);
  return mode;
}

/** The bundled library, or the --reference file's rows over it (invalid file: exit 1). */
async function libraryFor(reference: string | undefined): Promise<TemplateLibrary> {
  const { BUNDLED_TEMPLATE_LIBRARY } = await import("../templates/defaults");
  if (reference === undefined) return BUNDLED_TEMPLATE_LIBRARY;
  await readInputFile(reference, "--reference");
  const { loadReferenceFile, ReferenceFileError } = await import("../templates/referenceFile");
  try {
    return await loadReferenceFile(reference, BUNDLED_TEMPLATE_LIBRARY);
  } catch (error) {
    if (!(error instanceof ReferenceFileError)) throw error;
    const details = error.validation ? await reportLines(error.validation, 50) : [];
    throw new InvalidDataError(
      `the reference file ${escapeValue(reference)} is not valid (${error.validation?.errorCount ?? 0} errors); nothing was written.`,
      details
    );
  }
}

/** The case file's metric values keyed by the library's metric names (case and spacing ignored). */
function metricsByName(
  own: CaseInputs,
  library: TemplateLibrary,
  normalise: (name: string) => string,
  suggest: Suggest
): CaseInputs {
  if (own.metrics === undefined) return own;
  const names = library.metrics.map((m) => m.name);
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(own.metrics)) {
    const name = names.find((n) => normalise(n) === normalise(key));
    if (name === undefined)
      throw new UsageError(
        `--inputs: metrics.${escapeValue(key)}: unknown metric.${suggest(key, names)}`
      );
    metrics[name] = value;
  }
  return { ...own, metrics };
}

/** Checks every argument (and the reference file) before anything is generated. */
export async function parseWorkbookRequest(options: WorkbookOptions): Promise<WorkbookRequest> {
  const { out } = options;
  if (!out.toLowerCase().endsWith(".xlsx"))
    throw new UsageError(`--out must name an .xlsx file; got "${escapeValue(out)}"`);
  checkOutputPath(out, options.force === true);
  const mode = formulaModeOf(options.formulas);
  const { suggestion } = await import("../reference/library");
  const { normaliseName } = await import("../reference/model");
  const templates = parseTemplateList(options.templates, suggestion);
  const library = await libraryFor(options.reference);
  const own = metricsByName(await ownCase(options), library, normaliseName, suggestion);
  const { industry, note } = resolveIndustry(
    options.industry ?? own.industry,
    library,
    normaliseName
  );
  return {
    note,
    out,
    force: options.force === true,
    templates,
    industry,
    mode,
    summary: options.summary !== false,
    library,
    own,
  };
}

/** Generates the workbook for a checked request and writes it; returns the sheet names. */
export async function generateWorkbook(request: WorkbookRequest): Promise<string[]> {
  const [{ buildWorkbookPlan }, { coreMaths }, { renderXlsxBuffer }, { applyCase }] =
    await Promise.all([
      import("../templates/index"),
      import("../templates/defaults"),
      import("../templates/renderXlsx"),
      import("../templates/caseInputs"),
    ]);
  const plans = buildWorkbookPlan({
    templates: request.templates,
    summary: request.summary,
    drawsCharts: true,
    mode: request.mode,
    library: request.library,
    maths: coreMaths(request.library),
    industry: request.industry,
    preferences: { currency: request.own.currency },
    roiCase: (sample) => applyCase(sample, request.own),
    gap: request.own.metrics ? { yourValues: request.own.metrics } : undefined,
  });
  const bytes = await renderXlsxBuffer(plans, request.mode);
  await writeFileAtomically(request.out, bytes, request.force);
  return plans.map((p) => p.name);
}

export async function workbookCommand(options: WorkbookOptions): Promise<ExitCode> {
  const request = await parseWorkbookRequest(options);
  if (request.note !== undefined) complain(request.note);
  const sheets = await generateWorkbook(request);
  say(
    `Wrote ${escapeValue(request.out)}: ${sheets.map(escapeValue).join(", ")} (${request.mode} formulas, industry ${escapeValue(request.industry)}).`
  );
  return EXIT.ok;
}

export function registerWorkbookCommand(program: Command): void {
  const command = program
    .command("workbook")
    .description(
      "Generate a benchmark workbook (.xlsx) from the Crossbench templates, without opening Excel."
    );
  for (const option of WORKBOOK_OPTIONS) command.addOption(option);
  command.action(runs(workbookCommand));
}
