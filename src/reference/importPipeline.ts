/**
 * The import API the task pane and the CLI call. Nothing is written until the caller decides:
 *
 *   const parsed = await parseSource({ kind: "csv", name: file.name, bytes });      // csv | xlsx | json | paste | values
 *   // show parsed.previewRows / parsed.headers / parsed.sheets (xlsx: parse again with { sheet })
 *   // long layout: let the user edit parsed.suggestedMapping (field -> header); remember it per workbook
 *   //   with saveReferenceMapping / loadReferenceMapping (src/excel/referenceMapping.ts)
 *   // wide layout: show parsed.wideMetrics (role, unit, direction, reason) and let the user confirm them
 *   const report = validateSource(parsed, { mapping, wideMetrics, defaults: { source: "...", year: 2025 } });
 *   // show report.problems (file, sheet, row, column, message, severity); then, on the user's explicit choice:
 *   const rows = rowsToImport(report, report.ok ? "all-or-nothing" : "only-valid-rows");
 *   const result = await writeReferenceRows(rows, { onProgress, signal, policy: "replace" | "keep" });
 *   // result: added / updated (with before/after per row) / unchanged / kept / cancelled   (src/excel/referenceWriter.ts)
 *
 * readReferenceTable() (src/excel/referenceSync.ts) returns the workbook table's rows and the rows the
 * functions ignore (hand edits that are not usable values). parseSource never throws for bad input: a file it
 * cannot read comes back with `problems` and no rows.
 */
import { CellValue } from "./canonical";
import { ColumnMapping, Layout, detectHeader, suggestMapping } from "./mapping";
import {
  ImportProblem,
  RawTable,
  parseCsvBytes,
  parseDelimitedText,
  parseJsonBytes,
  parseJsonText,
  emptyTable,
  fileProblem,
  parsePastedText,
  parseValues,
  tableConvention,
} from "./parsers";
import type { DecimalMark, NumberConvention } from "./numbers";
import { ImportDefaults, ProblemLog, ValidationReport, finishReport } from "./validationReport";
import { validateLong, validateWide } from "./validate";
import { WideMetric, describeWideMetrics } from "./wideLayout";

export type SourceKind = "csv" | "xlsx" | "json" | "paste" | "values";

export interface SourceInput {
  kind: SourceKind;
  /** File name (or "pasted table", "Sheet1!A1:T200") used in every message. */
  name: string;
  bytes?: Uint8Array | ArrayBuffer;
  text?: string;
  values?: readonly (readonly unknown[])[];
  /** Worksheet to read from an .xlsx (default: the first visible sheet that holds a table). */
  sheet?: string;
  /** The decimal mark the user chose; otherwise inferred from every numeric cell. */
  decimal?: DecimalMark;
}

export interface ParsedSource {
  file: string;
  kind: SourceKind;
  sheets: string[];
  sheet?: string;
  layout: Layout;
  /** 1-based source row of the header. */
  headerRow: number;
  headers: string[];
  /** The first data rows below the header, as read, for the preview grid. */
  previewRows: CellValue[][];
  /** Long layout: suggested field -> header mapping (editable; store it with serializeMapping). */
  suggestedMapping: ColumnMapping;
  /** Wide layout: one entry per metric column with guessed unit and direction to confirm. */
  wideMetrics: WideMetric[];
  decimalComma: boolean;
  /** The decimal mark inferred from every numeric cell (validateSource's `decimal` overrides it). */
  numberConvention: NumberConvention;
  delimiter?: string;
  problems: ImportProblem[];
  /** The whole table, for validateSource. */
  table: RawTable;
  headerIndex: number;
}

export const PREVIEW_ROWS = 20;

/** Guess the kind from a file name, for drag-and-drop and the CLI. */
export function kindFromFileName(name: string): SourceKind | undefined {
  const extension = name.toLowerCase().split(".").pop();
  if (extension === "csv" || extension === "tsv" || extension === "txt") return "csv";
  if (extension === "xlsx" || extension === "xlsm") return "xlsx";
  if (extension === "json") return "json";
  return undefined;
}

function toBytes(input: SourceInput): Uint8Array {
  if (input.bytes instanceof Uint8Array) return input.bytes;
  if (input.bytes) return new Uint8Array(input.bytes);
  return new TextEncoder().encode(input.text ?? "");
}

async function readTable(input: SourceInput): Promise<RawTable> {
  switch (input.kind) {
    case "csv":
      return input.text !== undefined
        ? parseDelimitedText(input.text, input.name)
        : parseCsvBytes(toBytes(input), input.name);
    case "xlsx": {
      // Loaded on demand: exceljs is large and only this path needs it.
      const { parseXlsxBytes } = await import("./xlsxReader");
      return parseXlsxBytes(toBytes(input), input.name, input.sheet);
    }
    case "json":
      return input.text !== undefined
        ? parseJsonText(input.text, input.name)
        : parseJsonBytes(toBytes(input), input.name);
    case "paste":
      return parsePastedText(input.text ?? new TextDecoder().decode(toBytes(input)), input.name);
    case "values":
      return parseValues(input.values ?? [], input.name);
  }
}

/** Reads a source and recognises its layout, header and mapping; never throws for bad input. */
export async function parseSource(input: SourceInput): Promise<ParsedSource> {
  let table: RawTable;
  try {
    table = await readTable(input);
  } catch (error) {
    // Defensive: a reader bug must still end in a report, never in a half-done import.
    const reason = error instanceof Error ? error.message : String(error);
    table = emptyTable(input.name, [
      fileProblem(input.name, `The file could not be read: ${reason.slice(0, 200)}.`),
    ]);
  }
  const detection = detectHeader(table.rows);
  const headerCells = table.rows[detection.headerIndex] ?? [];
  const headers = headerCells.map((c) => (c === null ? "" : String(c)));
  const body = table.rows.slice(detection.headerIndex + 1);
  const problems = [...table.problems];
  if (table.rows.length === 0 && problems.every((p) => p.severity !== "error")) {
    problems.push({
      file: table.file,
      row: 0,
      column: "",
      severity: "error",
      message: "The source is empty.",
    });
  } else if (detection.layout === "unknown" && table.rows.length > 0) {
    problems.push({
      file: table.file,
      ...(table.sheet ? { sheet: table.sheet } : {}),
      row: table.rowNumbers[0] ?? 1,
      column: "",
      severity: "warning",
      message:
        'No header row recognised: expected "industry" and "metric" columns, or a wide table whose header starts "Industry Name". Map the columns by hand.',
    });
  }
  const industryColumn = headerCells.findIndex((c) => c !== null && c !== "");
  return {
    file: table.file,
    kind: input.kind,
    sheets: table.sheets,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    layout: detection.layout,
    headerRow: table.rowNumbers[detection.headerIndex] ?? 1,
    headers,
    previewRows: body.slice(0, PREVIEW_ROWS),
    suggestedMapping: detection.layout === "wide" ? {} : suggestMapping(headers),
    wideMetrics:
      detection.layout === "wide"
        ? describeWideMetrics(
            headerCells,
            body,
            industryColumn,
            tableConvention(table, input.decimal).decimal
          )
        : [],
    decimalComma: table.decimalComma,
    numberConvention: tableConvention(table, input.decimal),
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    problems,
    table: { ...table, problems },
    headerIndex: detection.headerIndex,
  };
}

export interface ValidateOptions {
  /** Long layout: the (possibly edited) mapping; defaults to the suggestion. */
  mapping?: ColumnMapping;
  /** Wide layout: the confirmed metric descriptions; defaults to the guesses (which still need confirming). */
  wideMetrics?: WideMetric[];
  /** Treat the source as wide or long regardless of detection. */
  layout?: "long" | "wide";
  defaults?: ImportDefaults;
  /** The decimal mark the user chose ("," or "."); otherwise inferred from the file. */
  decimal?: DecimalMark;
}

/** Validates the whole parsed source (see validate.ts); the report lists every problem. */
export function validateSource(
  parsed: ParsedSource,
  options: ValidateOptions = {}
): ValidationReport {
  // A file that could not be read (or is empty) has its one message; mapping errors would only add noise.
  if (parsed.table.rows.length === 0 && parsed.problems.some((p) => p.severity === "error"))
    return unreadableReport(parsed);
  const layout = options.layout ?? (parsed.layout === "wide" ? "wide" : "long");
  const decimal =
    options.decimal ??
    (parsed.numberConvention.decidedBy === "user" ? parsed.numberConvention.decimal : undefined);
  const numbers = decimal ? { decimal } : {};
  // A source that could not be read gets its one message, not every mapping complaint after it.
  if (parsed.table.rows.length === 0) {
    const log = new ProblemLog(parsed.table.file, parsed.table.sheet);
    log.addAll(parsed.problems);
    return finishReport(parsed.table, layout, 0, [], log, tableConvention(parsed.table, decimal));
  }
  if (layout === "wide")
    return validateWide(
      parsed.table,
      parsed.headerIndex,
      options.wideMetrics ?? parsed.wideMetrics,
      options.defaults,
      numbers
    );
  return validateLong(
    parsed.table,
    parsed.headerIndex,
    options.mapping ?? parsed.suggestedMapping,
    options.defaults,
    numbers
  );
}

function unreadableReport(parsed: ParsedSource): ValidationReport {
  return {
    file: parsed.file,
    ...(parsed.sheet !== undefined ? { sheet: parsed.sheet } : {}),
    layout: parsed.layout,
    rowsRead: 0,
    valid: [],
    validCount: 0,
    problems: parsed.problems,
    errorCount: parsed.problems.filter((p) => p.severity === "error").length,
    warningCount: parsed.problems.filter((p) => p.severity === "warning").length,
    invalidRowCount: 0,
    skippedRowCount: 0,
    numberConvention: parsed.numberConvention,
    ok: false,
  };
}

/** Marks every wide metric as confirmed as guessed (the CLI's --accept-guesses). */
export function acceptWideGuesses(metrics: readonly WideMetric[]): WideMetric[] {
  return metrics.map((m) => ({ ...m, needsConfirmation: false }));
}

export { rowsToImport, formatReport } from "./validationReport";
export type { ValidationReport, ImportDefaults, ImportChoice } from "./validationReport";
export type { DecimalMark, NumberConvention } from "./numbers";
export { serializeMapping, parseMapping } from "./mapping";
export type { ColumnMapping, WideMetric };
