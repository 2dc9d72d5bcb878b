/**
 * `crossbench workbook`: generates a benchmark workbook (.xlsx) from the templates without opening Excel.
 * Every argument is checked before anything is built; a bad one prints one line and exits with code 2,
 * and the file is written atomically, so a failure never leaves a file behind.
 */
import { resolveIndustryName } from "../reference/industryNames";
import { Command, Option } from "commander";
import { existsSync, statSync } from "fs";
import path from "path";
import { suggestion } from "../reference/library";
import { normaliseName } from "../reference/model";
import type { TemplateLibrary } from "../templates/context";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../templates/defaults";
import { buildWorkbookPlan, isTemplateId, TEMPLATE_IDS, TemplateId } from "../templates/index";
import type { FormulaMode } from "../templates/plan";
import { writeXlsxFile } from "../templates/renderXlsx";
import { loadReferenceFile, ReferenceFileError } from "../templates/referenceFile";

const EXIT_BAD_ARGUMENTS = 2;
const EXIT_INVALID_DATA = 1;

/** A problem with the command line: one line for the user, exit code 2. */
export class WorkbookArgumentError extends Error {}

export interface WorkbookCommandOptions {
  out: string;
  templates?: string;
  industry?: string;
  reference?: string;
  formulas?: string;
  summary?: boolean;
}

export interface WorkbookRequest {
  out: string;
  templates: TemplateId[];
  industry: string;
  mode: FormulaMode;
  summary: boolean;
  library: TemplateLibrary;
}

export function parseTemplateList(text: string | undefined): TemplateId[] {
  if (text === undefined) return [...TEMPLATE_IDS];
  const names = text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  if (names.length === 0)
    throw new WorkbookArgumentError(`--templates is empty; choose from ${TEMPLATE_IDS.join(", ")}`);
  for (const name of names) {
    if (!isTemplateId(name)) {
      const hint = suggestion(name, TEMPLATE_IDS);
      // suggestion() returns ' Did you mean "x"?' or "".
      throw new WorkbookArgumentError(
        `unknown template "${name}".${hint} Choose from ${TEMPLATE_IDS.join(", ")}.`
      );
    }
  }
  return [...new Set(names)] as TemplateId[];
}

export function resolveIndustry(name: string | undefined, library: TemplateLibrary): string {
  const industries = [...new Set(library.values.map((v) => v.industry))].sort((a, b) =>
    a.localeCompare(b)
  );
  if (industries.length === 0)
    throw new WorkbookArgumentError("the reference library has no industries");
  if (name === undefined)
    return industries.find((i) => normaliseName(i) === "retail") ?? industries[0];
  // Singular/plural, aliases ("cafe") and NAICS codes resolve as they do in BENCH functions and the pane.
  const resolution = resolveIndustryName(name, industries);
  if (resolution.name !== undefined) return resolution.name;
  const hint =
    resolution.kind === "typo"
      ? ` Did you mean "${resolution.nearest[0].name}"?`
      : resolution.nearest.length > 0
        ? ` Closest: ${resolution.nearest.map((n) => `${n.name} (${n.why})`).join("; ")}; or pass your own figures with --reference.`
        : " Pass your own figures for it with --reference.";
  throw new WorkbookArgumentError(
    `unknown industry "${name}".${hint} Industries: ${industries.join(", ")}.`
  );
}

/** Checks every argument (and the reference file) before anything is generated. */
export async function parseWorkbookRequest(
  options: WorkbookCommandOptions
): Promise<WorkbookRequest> {
  const out = options.out;
  if (!out || !out.toLowerCase().endsWith(".xlsx"))
    throw new WorkbookArgumentError(`--out must name an .xlsx file; got "${out ?? ""}"`);
  const folder = path.dirname(path.resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new WorkbookArgumentError(`the folder for --out does not exist: ${folder}`);
  if (existsSync(out) && statSync(out).isDirectory())
    throw new WorkbookArgumentError(`--out is a folder, not a file: ${out}`);
  const mode = (options.formulas ?? "portable").toLowerCase();
  if (mode !== "portable" && mode !== "bench")
    throw new WorkbookArgumentError(
      `--formulas must be portable or bench; got "${options.formulas}"`
    );
  const templates = parseTemplateList(options.templates);
  let library = BUNDLED_TEMPLATE_LIBRARY;
  if (options.reference !== undefined) {
    if (!existsSync(options.reference))
      throw new WorkbookArgumentError(`--reference file not found: ${options.reference}`);
    library = await loadReferenceFile(options.reference, BUNDLED_TEMPLATE_LIBRARY);
  }
  const industry = resolveIndustry(options.industry, library);
  return { out, templates, industry, mode, summary: options.summary !== false, library };
}

/** Generates the workbook for a checked request; returns the sheet names written. */
export async function generateWorkbook(request: WorkbookRequest): Promise<string[]> {
  const plans = buildWorkbookPlan({
    templates: request.templates,
    summary: request.summary,
    drawsCharts: false,
    mode: request.mode,
    library: request.library,
    maths: coreMaths(request.library),
    industry: request.industry,
  });
  await writeXlsxFile(plans, request.mode, request.out);
  return plans.map((p) => p.name);
}

export function registerWorkbookCommand(program: Command): void {
  program
    .command("workbook")
    .description(
      "Generate a benchmark workbook (.xlsx) from the Crossbench templates, without opening Excel."
    )
    .requiredOption("--out <file>", "the .xlsx file to write")
    .option(
      "--templates <list>",
      `comma-separated templates (default: all): ${TEMPLATE_IDS.join(",")}`
    )
    .option(
      "--industry <name>",
      "your industry, as named in the reference library (default: Retail)"
    )
    .option(
      "--reference <file>",
      "a reference file (CSV, XLSX or JSON in the canonical format) used instead of the bundled library"
    )
    .addOption(
      new Option(
        "--formulas <mode>",
        "portable: native Excel formulas (opens anywhere); bench: Crossbench functions with cached results"
      ).default("portable")
    )
    .option("--no-summary", "leave out the Summary sheet")
    .action(async (options: WorkbookCommandOptions) => {
      let request: WorkbookRequest;
      try {
        request = await parseWorkbookRequest(options);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`crossbench workbook: ${message.split("\n")[0]}`);
        process.exitCode =
          error instanceof ReferenceFileError ? EXIT_INVALID_DATA : EXIT_BAD_ARGUMENTS;
        if (error instanceof ReferenceFileError)
          for (const line of error.report) console.error(`  ${line}`);
        return;
      }
      const sheets = await generateWorkbook(request);
      console.log(
        `Wrote ${request.out}: ${sheets.join(", ")} (${request.mode} formulas, industry ${request.industry}).`
      );
    });
}
