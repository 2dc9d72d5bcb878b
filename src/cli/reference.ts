/**
 * `crossbench reference check FILE` and `crossbench reference convert FILE --out FILE.csv`: the task
 * pane's import pipeline (parse, recognise layout and headers, validate the whole file) for people and
 * scripts. The pipeline (papaparse, and exceljs for .xlsx) loads only when a command runs.
 */
import { Command, Option } from "commander";
import { fieldHelpText } from "../reference/canonical";
import type {
  DecimalMark,
  ImportDefaults,
  ParsedSource,
  SourceKind,
  ValidationReport,
} from "../reference/importPipeline";
import type { ReferenceValue } from "../reference/model";
import { EXIT, ExitCode, InvalidDataError, UsageError, runs } from "./exitCodes";
import { complain, escapeValue, safeJson, say } from "./safeText";
import { checkOutputPath, isSameFile, writeFileAtomically } from "./safeWrite";
import { InputFile, readInputFile } from "./inputFile";
import { reportLines } from "./report";
import type { StreamCheck, StreamCheckOptions } from "../reference/csvStream";
import { streamCheck, streamConvert } from "./referenceStream";
import { trace } from "./trace";

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

interface CheckOptions extends SourceOptions {
  json?: boolean;
}

interface ConvertOptions extends SourceOptions {
  out: string;
  force?: boolean;
  onlyValidRows?: boolean;
}

interface MergeOptions extends SourceOptions {
  out?: string;
  force?: boolean;
  onlyValidRows?: boolean;
  onConflict: "keep" | "replace";
  dryRun?: boolean;
}

/** Options of every reference command: flags and help text. */
const SOURCE_OPTIONS: readonly (readonly [flags: string, description: string])[] = [
  ["--sheet <name>", "worksheet to read from an .xlsx (default: the first with data)"],
  ["--source <text>", "source name for rows without one (required for wide tables)"],
  ["--year <year>", "year for rows without one"],
  ["--region <text>", "region for rows without one"],
  ["--licence <text>", "licence for rows without one"],
  ["--illustrative", "mark rows without an illustrative flag as illustrative"],
  ["--accept-guesses", "wide tables: accept the guessed unit and direction of every metric column"],
  ["--limit <n>", "print at most n problems"],
  [
    "--decimal <mark>",
    'decimal mark of the file\'s numbers, "," (1.234,5) or "." (1,234.5); default: inferred from every numeric cell',
  ],
];

const CHECK_OPTIONS: readonly (readonly [string, string])[] = [
  ["--json", "print the result as JSON (problems as data) for scripts and CI"],
];

const CONVERT_OPTIONS: readonly (readonly [string, string])[] = [
  ["--force", "replace --out if it exists"],
  ["--only-valid-rows", "write the valid rows even when others have errors (explicit choice)"],
];

function withOptions(command: Command, options: readonly (readonly [string, string])[]): Command {
  for (const [flags, description] of options) command.option(flags, description);
  return command;
}

function defaultsFrom(options: SourceOptions): ImportDefaults {
  const defaults: ImportDefaults = {};
  if (options.source) defaults.source = options.source;
  if (options.region) defaults.region = options.region;
  if (options.licence) defaults.licence = options.licence;
  if (options.illustrative) defaults.illustrative = true;
  if (options.year !== undefined) {
    const year = Number(options.year);
    if (!Number.isInteger(year) || year < 1900 || year > 2100)
      throw new UsageError(
        `--year must be a whole number from 1900 to 2100, got "${escapeValue(options.year)}"`
      );
    defaults.year = year;
  }
  return defaults;
}

function decimalFrom(options: SourceOptions): DecimalMark | undefined {
  if (options.decimal === undefined) return undefined;
  if (options.decimal === "," || options.decimal === ".") return options.decimal;
  throw new UsageError(
    `--decimal must be "," or ".", got "${escapeValue(options.decimal.slice(0, 20))}"`
  );
}

function limitOf(options: SourceOptions): number {
  if (options.limit === undefined) return Infinity;
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new UsageError(`--limit must be a whole number, got "${escapeValue(options.limit)}"`);
  return limit;
}

interface Checked {
  parsed: ParsedSource;
  report: ValidationReport;
  accepted: boolean;
}

/** Reads and validates a file with the pane's pipeline; argument problems are exit code 2. */
async function readAndValidate(
  file: string,
  kind: SourceKind,
  bytes: Uint8Array,
  options: SourceOptions
): Promise<Checked> {
  if (options.sheet !== undefined && kind !== "xlsx")
    throw new UsageError("--sheet applies to .xlsx files only");
  const defaults = defaultsFrom(options);
  const decimal = decimalFrom(options);
  const pipeline = await import("../reference/importPipeline");
  const parsed = await pipeline.parseSource({
    ...(decimal ? { decimal } : {}),
    kind,
    name: file.split(/[\\/]/).pop() ?? file,
    bytes,
    ...(options.sheet ? { sheet: options.sheet } : {}),
  });
  if (options.sheet && parsed.sheets.length > 0 && !parsed.sheets.includes(options.sheet)) {
    throw new UsageError(
      `${escapeValue(file)} has no sheet "${escapeValue(options.sheet)}"; sheets: ${parsed.sheets.map(escapeValue).join(", ")}`
    );
  }
  const accepted = parsed.layout === "wide" && options.acceptGuesses === true;
  const wideMetrics = accepted ? pipeline.acceptWideGuesses(parsed.wideMetrics) : undefined;
  const report = pipeline.validateSource(parsed, {
    defaults,
    ...(wideMetrics ? { wideMetrics } : {}),
    ...(decimal ? { decimal } : {}),
  });
  return { parsed, report, accepted };
}

function describeWide({ parsed, accepted }: Checked): string[] {
  if (parsed.layout !== "wide") return [];
  const guess = accepted ? " (guessed, accepted)" : " (guessed; add --accept-guesses to accept)";
  return [
    `Wide layout (header on row ${parsed.headerRow}); metric columns:`,
    ...parsed.wideMetrics.map(
      (m) =>
        `  ${escapeValue(m.header.trim())}: ${m.role === "metric" ? `${m.unit}, ${m.direction} is better${m.needsConfirmation ? guess : ""}` : m.role}`
    ),
  ];
}

function checkAsJson(
  report: ValidationReport,
  {
    parsed,
    accepted,
  }: Pick<Checked, "parsed" | "accepted"> | { parsed?: undefined; accepted: false }
): unknown {
  return {
    file: report.file,
    ...(report.sheet !== undefined ? { sheet: report.sheet } : {}),
    layout: report.layout,
    ok: report.ok,
    rowsRead: report.rowsRead,
    validCount: report.validCount,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    invalidRowCount: report.invalidRowCount,
    problems: report.problems,
    ...(parsed?.layout === "wide"
      ? {
          wideMetrics: parsed.wideMetrics.map((m) => ({
            column: m.column + 1,
            header: m.header,
            role: m.role,
            metric: m.metric,
            unit: m.unit,
            direction: m.direction,
            guessed: m.needsConfirmation,
            accepted: m.needsConfirmation && accepted,
          })),
        }
      : {}),
  };
}

/** `reference check`: exit 0 when nothing blocks the import, 1 when the file has errors. */
export async function checkCommand(file: string, options: CheckOptions): Promise<ExitCode> {
  const limit = limitOf(options);
  const input = await readInputFile(file, "the file");
  const streamed = streamable(input.kind, options)
    ? await streamCheck(file, input.bytes, streamOptions(options))
    : undefined;
  if (streamed) {
    const { report } = streamed;
    if (options.json)
      process.stdout.write(`${safeJson(checkAsJson(report, { accepted: false }))}\n`);
    else {
      for (const line of await reportLines(report, limit)) say(line);
      say(
        report.ok ? "Valid: nothing blocks the import." : "Invalid: fix the errors listed above."
      );
    }
    return report.ok ? EXIT.ok : EXIT.invalidData;
  }
  const checked = await readAndValidate(file, input.kind, input.bytes, options);
  const { report } = checked;
  if (options.json) {
    process.stdout.write(`${safeJson(checkAsJson(report, checked))}\n`);
  } else {
    for (const line of describeWide(checked)) say(line);
    for (const line of await reportLines(report, limit)) say(line);
    say(report.ok ? "Valid: nothing blocks the import." : "Invalid: fix the errors listed above.");
  }
  return report.ok ? EXIT.ok : EXIT.invalidData;
}

/**
 * The rows convert or merge takes from a checked file: all of them, or only the valid ones with
 * --only-valid-rows. The file's problems are printed first; a file with errors (without that option) or
 * with no valid rows stops the command with nothing written (exit 1).
 */
async function rowsToTake(
  file: string,
  checked: Checked,
  onlyValidRows: boolean | undefined,
  limit: number,
  verb: "write" | "merge"
): Promise<ReferenceValue[]> {
  const { report } = checked;
  const { rowsToImport } = await import("../reference/importPipeline");
  const rows = rowsToImport(report, onlyValidRows ? "only-valid-rows" : "all-or-nothing");
  if (!report.ok) {
    for (const line of describeWide(checked)) complain(line);
    for (const line of await reportLines(report, limit)) complain(line);
  }
  if (!report.ok && !onlyValidRows)
    throw new InvalidDataError(
      `${escapeValue(file)} has ${report.errorCount} errors; nothing was written. Add --only-valid-rows to ${verb} only the valid rows.`
    );
  if (rows.length === 0)
    throw new InvalidDataError(`${escapeValue(file)} has no valid rows; nothing was written.`);
  return rows;
}

/**
 * `reference convert`: writes the canonical CSV. Invalid data writes nothing (exit 1) unless
 * --only-valid-rows was chosen (exit 0, the left-out rows counted).
 */
export async function convertCommand(file: string, options: ConvertOptions): Promise<ExitCode> {
  if (!options.out.toLowerCase().endsWith(".csv"))
    throw new UsageError(`--out must name a .csv file, got "${escapeValue(options.out)}"`);
  const limit = limitOf(options);
  const input = await readInputFile(file, "the file");
  if (isSameFile(file, options.out))
    throw new UsageError(`--out is the input file ${escapeValue(file)}; choose another name`);
  checkOutputPath(options.out, options.force === true);
  const streamed = streamable(input.kind, options)
    ? await streamConvert(file, input.bytes, streamOptions(options))
    : undefined;
  if (streamed) return writeStreamed(file, streamed, options, limit);
  const checked = await readAndValidate(file, input.kind, input.bytes, options);
  const { report } = checked;
  const rows = await rowsToTake(file, checked, options.onlyValidRows, limit, "write");
  const { toCanonicalCsv } = await import("../reference/exportCsv");
  await writeFileAtomically(options.out, toCanonicalCsv(rows), options.force === true);
  say(
    `Wrote ${rows.length} reference values to ${escapeValue(options.out)}${report.ok ? "." : `; left out ${report.invalidRowCount} rows with errors (--only-valid-rows).`}`
  );
  return EXIT.ok;
}

/** Validated rows of the library a merge starts from; a library with errors stops the merge (exit 1). */
async function libraryValues(
  file: string,
  input: InputFile,
  limit: number
): Promise<ReferenceValue[]> {
  // The library is a finished canonical file: read as it is, without the incoming file's defaults.
  const checked = await readAndValidate(file, input.kind, input.bytes, {});
  if (!checked.report.ok) {
    for (const line of await reportLines(checked.report, limit)) complain(line);
    throw new InvalidDataError(
      `the library ${escapeValue(file)} has ${checked.report.errorCount} errors; nothing was written. Fix them first (crossbench reference check ${escapeValue(file)}).`
    );
  }
  return checked.report.valid.map((v) => v.value);
}

/**
 * `reference merge`: the incoming file's rows merged into the library by industry × metric × year ×
 * region, with the pane's preview and keep-or-replace choice. The library's figures are never
 * overwritten unless --on-conflict replace was chosen; --dry-run prints the preview and writes nothing.
 */
export async function mergeCommand(
  library: string,
  incoming: string,
  options: MergeOptions
): Promise<ExitCode> {
  const out = options.out;
  if (out === undefined && !options.dryRun)
    throw new UsageError(
      "--out is required: name the merged .csv to write (or add --dry-run to see the preview only)"
    );
  if (out !== undefined && !out.toLowerCase().endsWith(".csv"))
    throw new UsageError(`--out must name a .csv file, got "${escapeValue(out)}"`);
  const limit = limitOf(options);
  const input = await readInputFile(incoming, "the incoming file");
  const libraryInput = await readInputFile(library, "the library");
  if (isSameFile(library, incoming))
    throw new UsageError(
      `the library and the incoming file are the same file (${escapeValue(incoming)}); nothing to merge`
    );
  if (out !== undefined) {
    // --out may be the library itself (updated in place, with --force), never the incoming file.
    if (isSameFile(incoming, out))
      throw new UsageError(
        `--out is the incoming file ${escapeValue(incoming)}; choose another name`
      );
    checkOutputPath(out, options.force === true);
  }
  const existing = await libraryValues(library, libraryInput, limit);
  const checked = await readAndValidate(incoming, input.kind, input.bytes, options);
  const rows = await rowsToTake(incoming, checked, options.onlyValidRows, limit, "merge");
  const merge = await import("./referenceMerge");
  const plan = merge.planMerge(merge.existingRowsOf(existing), rows, options.onConflict);
  say(`Merging ${escapeValue(incoming)} into ${escapeValue(library)}:`);
  for (const line of merge.previewLines(plan)) say(line);
  if (out === undefined || options.dryRun) {
    say("Dry run: nothing was written.");
    return EXIT.ok;
  }
  const { toCanonicalCsv } = await import("../reference/exportCsv");
  await writeFileAtomically(
    out,
    toCanonicalCsv(merge.mergedValues(existing, plan)),
    options.force === true
  );
  say(merge.writtenLine(plan, existing.length, out));
  return EXIT.ok;
}

/** Long CSV files are checked and converted as they stream past (bounded memory). */
function streamable(kind: SourceKind, options: SourceOptions): boolean {
  return kind === "csv" && options.sheet === undefined;
}

function streamOptions(options: SourceOptions): StreamCheckOptions {
  const decimal = decimalFrom(options);
  return { defaults: defaultsFrom(options), ...(decimal ? { decimal } : {}) };
}

/** The streamed conversion's output, with the same rules and messages as the whole-table path. */
async function writeStreamed(
  file: string,
  { check, pieces }: { check: StreamCheck; pieces: Buffer[] },
  options: ConvertOptions,
  limit: number
): Promise<ExitCode> {
  const { report } = check;
  if (!report.ok) for (const line of await reportLines(report, limit)) complain(line);
  if (!report.ok && !options.onlyValidRows)
    throw new InvalidDataError(
      `${escapeValue(file)} has ${report.errorCount} errors; nothing was written. Add --only-valid-rows to write only the valid rows.`
    );
  if (report.validCount === 0)
    throw new InvalidDataError(`${escapeValue(file)} has no valid rows; nothing was written.`);
  trace("writing the converted file");
  await writeFileAtomically(options.out, pieces, options.force === true);
  trace("the converted file written");
  say(
    `Wrote ${report.validCount} reference values to ${escapeValue(options.out)}${report.ok ? "." : `; left out ${report.invalidRowCount} rows with errors (--only-valid-rows).`}`
  );
  return EXIT.ok;
}

const mergeHelp = (): string =>
  [
    "",
    "The source options (--sheet, --source, --year ...) apply to the incoming file; the library is read as it is.",
    "Examples:",
    "  crossbench reference merge library.csv survey-2026.xlsx --dry-run",
    "  crossbench reference merge library.csv survey-2026.xlsx --out library.csv --force --on-conflict replace",
  ].join("\n");

/** The canonical columns, from the one field table. */
const columnsHelp = (): string => `\nColumns of the canonical format:\n${fieldHelpText()}`;

export function registerReferenceCommands(program: Command): void {
  const reference = program
    .command("reference")
    .description("check and convert reference data files (CSV, TSV, XLSX, JSON)");

  withOptions(
    withOptions(
      reference
        .command("check")
        .argument("<file>", "reference data file")
        .description("validate a reference file and print every problem (exit 1 when invalid)"),
      SOURCE_OPTIONS
    ),
    CHECK_OPTIONS
  )
    .addHelpText("after", columnsHelp)
    .action(runs(checkCommand));

  withOptions(
    withOptions(
      reference
        .command("convert")
        .argument("<file>", "reference data file")
        .requiredOption("--out <file.csv>", "canonical CSV to write")
        .description(
          "convert a reference file to the canonical CSV format (nothing is written when it has errors)"
        ),
      SOURCE_OPTIONS
    ),
    CONVERT_OPTIONS
  )
    .addHelpText("after", columnsHelp)
    .action(runs(convertCommand));

  withOptions(
    withOptions(
      reference
        .command("merge")
        .argument("<library>", "your reference library (canonical .csv, or .xlsx) to start from")
        .argument("<incoming>", "reference data file with the rows to add or update")
        .option(
          "--out <file.csv>",
          "merged canonical CSV to write (may be the library, with --force)"
        )
        .addOption(
          new Option(
            "--on-conflict <choice>",
            "rows already in the library with other figures: keep the library's, or replace them"
          )
            .choices(["keep", "replace"])
            .default("keep")
        )
        .option("--dry-run", "print the preview only; write nothing")
        .description(
          "merge a reference file into your library by industry × metric × year × region: prints what is new, what would change (old → new, unit changes flagged) and what is unchanged; existing figures are kept unless --on-conflict replace"
        ),
      SOURCE_OPTIONS
    ),
    CONVERT_OPTIONS
  )
    .addHelpText("after", mergeHelp)
    .action(runs(mergeCommand));
}
