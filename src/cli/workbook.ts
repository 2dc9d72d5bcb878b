/**
 * `crossbench workbook`: generates a benchmark workbook (.xlsx) from the templates without opening Excel.
 * Every argument is checked before anything is built (one line, exit code 2); an existing file is
 * replaced only with --force; the file is written atomically. The templates and exceljs load only
 * when the command runs.
 */
import { resolveIndustryName } from "../reference/industryNames";
import { Command, Option } from "commander";
import type { TemplateLibrary } from "../templates/context";
import { TEMPLATE_IDS, type FormulaMode, type TemplateId } from "../templates/plan";
import { EXIT, ExitCode, InvalidDataError, UsageError, runs } from "./exitCodes";
import { readInputFile } from "./inputFile";
import { reportLines } from "./report";
import { escapeValue, say } from "./safeText";
import { checkOutputPath, writeFileAtomically } from "./safeWrite";

export interface WorkbookOptions {
  out: string;
  force?: boolean;
  templates?: string;
  industry?: string;
  reference?: string;
  formulas?: string;
  summary?: boolean;
}

export interface WorkbookRequest {
  out: string;
  force: boolean;
  templates: TemplateId[];
  industry: string;
  mode: FormulaMode;
  summary: boolean;
  library: TemplateLibrary;
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
    "your industry, as named in the reference library (default: Retail)"
  ),
  new Option(
    "--reference <file>",
    "a reference file (CSV, TSV, XLSX or JSON in the canonical format) over the bundled library"
  ),
  new Option(
    "--formulas <mode>",
    "portable: native Excel formulas (opens anywhere); bench: Crossbench functions with cached results"
  ).default("portable"),
  new Option("--no-summary", "leave out the Summary sheet"),
];

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

export function resolveIndustry(
  name: string | undefined,
  library: TemplateLibrary,
  normalise: (name: string) => string
): string {
  const industries = [...new Set(library.values.map((v) => v.industry))].sort((a, b) =>
    a.localeCompare(b)
  );
  if (industries.length === 0) throw new UsageError("the reference library has no industries");
  if (name === undefined) return industries.find((i) => normalise(i) === "retail") ?? industries[0];
  // Singular/plural, aliases ("cafe") and NAICS codes resolve as they do in BENCH functions and the pane.
  const resolution = resolveIndustryName(name, industries);
  if (resolution.name !== undefined) return resolution.name;
  const hint =
    resolution.kind === "typo"
      ? ` Did you mean "${resolution.nearest[0].name}"?`
      : resolution.nearest.length > 0
        ? ` Closest: ${resolution.nearest.map((n) => `${n.name} (${n.why})`).join("; ")}; or pass your own figures with --reference.`
        : " Pass your own figures for it with --reference.";
  throw new UsageError(
    `unknown industry "${escapeValue(name)}".${escapeValue(hint)} Industries: ${industries.map(escapeValue).join(", ")}.`
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
  const industry = resolveIndustry(options.industry, library, normaliseName);
  return {
    out,
    force: options.force === true,
    templates,
    industry,
    mode,
    summary: options.summary !== false,
    library,
  };
}

/** Generates the workbook for a checked request and writes it; returns the sheet names. */
export async function generateWorkbook(request: WorkbookRequest): Promise<string[]> {
  const [{ buildWorkbookPlan }, { coreMaths }, { renderXlsxBuffer }] = await Promise.all([
    import("../templates/index"),
    import("../templates/defaults"),
    import("../templates/renderXlsx"),
  ]);
  const plans = buildWorkbookPlan({
    templates: request.templates,
    summary: request.summary,
    drawsCharts: true,
    mode: request.mode,
    library: request.library,
    maths: coreMaths(request.library),
    industry: request.industry,
  });
  const bytes = await renderXlsxBuffer(plans, request.mode);
  await writeFileAtomically(request.out, bytes, request.force);
  return plans.map((p) => p.name);
}

export async function workbookCommand(options: WorkbookOptions): Promise<ExitCode> {
  const request = await parseWorkbookRequest(options);
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
