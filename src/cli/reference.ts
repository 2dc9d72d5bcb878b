/**
 * `crossbench reference check FILE` and `crossbench reference convert FILE --out FILE.csv`: the task
 * pane's import pipeline (parse, recognise layout and headers, validate the whole file) for people and
 * scripts. Exit codes: 0 valid, 1 invalid data (report printed, nothing written), 2 bad arguments.
 */
import { Command } from "commander";
import { existsSync, readFileSync, statSync, writeFileSync } from "fs";
import path from "path";
import { fieldHelpText } from "../reference/canonical";
import type { StreamCheckOptions } from "../reference/csvStream";
import { toCanonicalCsv } from "../reference/exportCsv";
import { checkCsvFile, convertCsvFile } from "./referenceStream";
import {
  DecimalMark,
  ImportDefaults,
  ParsedSource,
  ValidationReport,
  acceptWideGuesses,
  formatReport,
  kindFromFileName,
  parseSource,
  rowsToImport,
  validateSource,
} from "../reference/importPipeline";

const EXIT_INVALID_DATA = 1;
const EXIT_BAD_ARGUMENTS = 2;

interface SourceOptions {
  sheet?: string;
  source?: string;
  year?: string;
  region?: string;
  licence?: string;
  illustrative?: boolean;
  acceptGuesses?: boolean;
  limit?: string;
  decimal?: string;
}

class ArgumentProblem extends Error {}

function defaultsFrom(options: SourceOptions): ImportDefaults {
  const defaults: ImportDefaults = {};
  if (options.source) defaults.source = options.source;
  if (options.region) defaults.region = options.region;
  if (options.licence) defaults.licence = options.licence;
  if (options.illustrative) defaults.illustrative = true;
  if (options.year !== undefined) {
    const year = Number(options.year);
    if (!Number.isInteger(year) || year < 1900 || year > 2100)
      throw new ArgumentProblem(
        `--year must be a whole number from 1900 to 2100, got "${options.year}"`
      );
    defaults.year = year;
  }
  return defaults;
}

function decimalFrom(options: SourceOptions): DecimalMark | undefined {
  if (options.decimal === undefined) return undefined;
  if (options.decimal === "," || options.decimal === ".") return options.decimal;
  throw new ArgumentProblem(`--decimal must be "," or ".", got "${options.decimal.slice(0, 20)}"`);
}

/** Long CSV files are checked and converted as they stream past (bounded memory); others in full. */
function streamableCsv(file: string): boolean {
  return existsSync(file) && statSync(file).isFile() && kindFromFileName(file) === "csv";
}

function streamOptions(options: SourceOptions): StreamCheckOptions {
  const decimal = decimalFrom(options);
  return { defaults: defaultsFrom(options), ...(decimal ? { decimal } : {}) };
}

async function checkFile(
  file: string,
  options: SourceOptions
): Promise<{ parsed: ParsedSource; report: ValidationReport }> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ArgumentProblem(`no such file: ${file}`);
  const kind = kindFromFileName(file);
  if (!kind)
    throw new ArgumentProblem(
      `cannot tell the format of ${file}: use a .csv, .tsv, .txt, .xlsx or .json file`
    );
  const defaults = defaultsFrom(options);
  const decimal = decimalFrom(options);
  const parsed = await parseSource({
    ...(decimal ? { decimal } : {}),
    kind,
    name: path.basename(file),
    bytes: readFileSync(file),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  });
  if (options.sheet && parsed.sheets.length > 0 && !parsed.sheets.includes(options.sheet)) {
    throw new ArgumentProblem(
      `${file} has no sheet "${options.sheet}"; sheets: ${parsed.sheets.join(", ")}`
    );
  }
  const wideMetrics =
    parsed.layout === "wide" && options.acceptGuesses
      ? acceptWideGuesses(parsed.wideMetrics)
      : undefined;
  const report = validateSource(parsed, {
    defaults,
    ...(wideMetrics ? { wideMetrics } : {}),
    ...(decimal ? { decimal } : {}),
  });
  return { parsed, report };
}

function describeWide(parsed: ParsedSource, accepted: boolean): string[] {
  if (parsed.layout !== "wide") return [];
  return [
    `Wide layout (header on row ${parsed.headerRow}); metric columns:`,
    ...parsed.wideMetrics.map(
      (m) =>
        `  ${m.header.trim()}: ${m.role === "metric" ? `${m.unit}, ${m.direction} is better${m.needsConfirmation ? (accepted ? " (guessed, accepted)" : " (guessed; pass --accept-guesses to accept)") : ""}` : m.role}`
    ),
  ];
}

function limitOf(options: SourceOptions): number {
  if (options.limit === undefined) return Infinity;
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new ArgumentProblem(`--limit must be a whole number, got "${options.limit}"`);
  return limit;
}

function withSourceOptions(command: Command): Command {
  return command
    .option("--sheet <name>", "worksheet to read from an .xlsx (default: the first with data)")
    .option("--source <text>", "source name for rows without one (required for wide tables)")
    .option("--year <year>", "year for rows without one")
    .option("--region <text>", "region for rows without one")
    .option("--licence <text>", "licence for rows without one")
    .option("--illustrative", "mark rows without an illustrative flag as illustrative")
    .option(
      "--accept-guesses",
      "wide tables: accept the guessed unit and direction of every metric column"
    )
    .option("--limit <n>", "print at most n problems")
    .option(
      "--decimal <mark>",
      'decimal mark of the file\'s numbers, "," (1.234,5) or "." (1,234.5); default: inferred from every numeric cell'
    )
    .addHelpText("after", `\nColumns of the canonical format:\n${fieldHelpText()}`);
}

async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ArgumentProblem) {
      console.error(`crossbench reference: ${error.message}`);
      process.exitCode = EXIT_BAD_ARGUMENTS;
      return;
    }
    throw error;
  }
}

export function registerReferenceCommands(program: Command): void {
  const reference = program
    .command("reference")
    .description("check and convert reference data files (CSV, TSV, XLSX, JSON)");

  withSourceOptions(
    reference
      .command("check")
      .argument("<file>", "reference data file")
      .description("validate a reference file and print every problem (exit 1 when invalid)")
  ).action((file: string, options: SourceOptions) =>
    run(async () => {
      const limit = limitOf(options);
      const streamed = streamableCsv(file) ? checkCsvFile(file, streamOptions(options)) : undefined;
      if (streamed) {
        console.log(formatReport(streamed.report, limit));
        if (!streamed.report.ok) process.exitCode = EXIT_INVALID_DATA;
        return;
      }
      const { parsed, report } = await checkFile(file, options);
      for (const line of describeWide(parsed, options.acceptGuesses === true)) console.log(line);
      console.log(formatReport(report, limit));
      if (!report.ok) process.exitCode = EXIT_INVALID_DATA;
    })
  );

  withSourceOptions(
    reference
      .command("convert")
      .argument("<file>", "reference data file")
      .requiredOption("--out <file.csv>", "canonical CSV to write")
      .option(
        "--only-valid-rows",
        "write the valid rows even when others have errors (explicit choice)"
      )
      .description(
        "convert a reference file to the canonical CSV format (nothing is written when it has errors)"
      )
  ).action((file: string, options: SourceOptions & { out: string; onlyValidRows?: boolean }) =>
    run(async () => {
      if (!options.out.toLowerCase().endsWith(".csv"))
        throw new ArgumentProblem(`--out must name a .csv file, got "${options.out}"`);
      const limit = limitOf(options);
      const streamed = streamableCsv(file)
        ? convertCsvFile(file, options.out, {
            ...streamOptions(options),
            onlyValidRows: options.onlyValidRows === true,
          })
        : undefined;
      if (streamed) {
        const { report } = streamed;
        if (!report.ok) console.error(formatReport(report, limit));
        if (streamed.written)
          console.log(
            `Wrote ${report.validCount} reference values to ${options.out}${report.ok ? "" : ` (only the valid rows; ${report.invalidRowCount} rows with errors left out)`}.`
          );
        if (!report.ok) process.exitCode = EXIT_INVALID_DATA;
        return;
      }
      const { parsed, report } = await checkFile(file, options);
      const rows = rowsToImport(
        report,
        options.onlyValidRows ? "only-valid-rows" : "all-or-nothing"
      );
      if (!report.ok) {
        for (const line of describeWide(parsed, options.acceptGuesses === true))
          console.error(line);
        console.error(formatReport(report, limit));
      }
      if (!report.ok && !options.onlyValidRows) {
        process.exitCode = EXIT_INVALID_DATA;
        return;
      }
      writeFileSync(options.out, toCanonicalCsv(rows), "utf8");
      console.log(
        `Wrote ${rows.length} reference values to ${options.out}${report.ok ? "" : ` (only the valid rows; ${report.invalidRowCount} rows with errors left out)`}.`
      );
      if (!report.ok) process.exitCode = EXIT_INVALID_DATA;
    })
  );
}
