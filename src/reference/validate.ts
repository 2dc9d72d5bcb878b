/**
 * Whole-file validation. Runs every row of a long or wide table through the row rules (rowRules.ts)
 * before anything is written and lists every problem with file, row, column and a message. A report with
 * errors imports nothing unless the caller explicitly asks for the valid rows only (rowsToImport).
 * Rows are all or nothing: a wide row with one bad cell contributes no value at all.
 */
import { DuplicateIndex } from "./duplicateIndex";
import {
  CANONICAL_COLUMNS,
  CanonicalField,
  CellValue,
  isStatisticField,
  unmetRequirements,
} from "./canonical";
import { ColumnMapping } from "./mapping";
import { DIRECTIONS, ReferenceValue, UNITS } from "./model";
import { DecimalMark, NumberConvention, describeDecimal, readNumberText } from "./numbers";
import { MAX_CELL_TEXT, RawTable, tableConvention } from "./parsers";
import { columnLabel } from "./importProblem";
import {
  FileContext,
  RowInput,
  RowState,
  buildValue,
  checkRowRules,
  newRowState,
} from "./rowRules";
import { AmbiguityLog, quoteCell } from "./cells";
import {
  ImportDefaults,
  ProblemLog,
  ValidatedRow,
  ValidationReport,
  finishReport,
} from "./validationReport";
import { WideMetric } from "./wideLayout";

export interface NumberSettings {
  /** The decimal mark the user chose; otherwise the file's convention is inferred. */
  decimal?: DecimalMark;
}

function fileContext(
  table: RawTable,
  defaults: ImportDefaults,
  numbers: NumberSettings
): FileContext {
  return {
    defaults,
    convention: tableConvention(table, numbers.decimal),
    ambiguity: { count: 0 },
  };
}

function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));
}

/** One warning for ambiguous cells that the file's other cells decided, so no reading is silent. */
export function reportAmbiguity(
  context: Pick<FileContext, "ambiguity" | "convention">,
  headerRow: number,
  log: ProblemLog
): void {
  const { ambiguity, convention } = context;
  if (ambiguity.count === 0 || !ambiguity.first) return;
  const evidence = convention.decimal === "," ? convention.commaEvidence : convention.pointEvidence;
  log.add(
    headerRow,
    "",
    "warning",
    `${ambiguity.count} cell${ambiguity.count === 1 ? "" : "s"} such as ${quoteCell(ambiguity.first.text)} (${ambiguity.first.where}) read differently with a decimal point and a decimal comma; read with a ${describeDecimal(convention.decimal)} because ${evidence} other cells only read that way. Choose the decimal mark (CLI: --decimal) if that is wrong.`
  );
}

/** Runs the rules over one row; the caller decides what to do with the state. */
function checkRow(
  input: RowInput,
  context: FileContext,
  log: ProblemLog,
  said?: Set<string>
): RowState {
  const state = newRowState(input, context, (field, severity, message) => {
    const column = input.label(field);
    const key = `${column}\u0000${message}`;
    said ??= new Set();
    if (said.has(key)) return;
    said.add(key);
    log.add(input.row, column, severity, message);
  });
  return checkRowRules(state);
}

function checkMapping(
  header: readonly string[],
  headerRow: number,
  mapping: ColumnMapping,
  defaults: ImportDefaults,
  log: ProblemLog
): Map<CanonicalField, number> {
  const columnOf = new Map<CanonicalField, number>();
  const usedBy = new Map<number, CanonicalField>();
  for (const column of CANONICAL_COLUMNS) {
    const wanted = mapping[column.field];
    if (!wanted) continue;
    const index = header.indexOf(wanted);
    if (index < 0) {
      log.add(
        headerRow,
        "",
        "error",
        `The mapping sends ${quoteCell(wanted)} to ${column.field}, but the header row has no such column.`
      );
      continue;
    }
    const other = usedBy.get(index);
    if (other)
      log.add(
        headerRow,
        columnLabel(index, wanted),
        "error",
        `The column ${quoteCell(wanted)} is mapped to both ${other} and ${column.field}; map it once.`
      );
    usedBy.set(index, column.field);
    columnOf.set(column.field, index);
  }
  // The field table decides what must be mapped (the pane blocks on the same list before this runs).
  for (const unmet of unmetRequirements(columnOf.keys(), defaults, "long"))
    log.add(headerRow, "", "error", unmet.why);
  const unmapped = header
    .map((h, i) => (h && !usedBy.has(i) ? columnLabel(i, h) : ""))
    .filter(Boolean);
  if (unmapped.length > 0)
    log.add(
      headerRow,
      "",
      "warning",
      `Columns not imported: ${unmapped.slice(0, 10).join(", ")}${unmapped.length > 10 ? `, and ${unmapped.length - 10} more` : ""}.`
    );
  return columnOf;
}

/**
 * Checks the data rows of a long table one at a time, so a stream can feed it rows and keep nothing
 * but the log (see csvStream.ts); validateLong feeds it a whole table.
 */
export class LongRowChecker {
  /** False when the mapping itself has errors: then no row is checked. */
  readonly ready: boolean;
  private readonly columnOf: Map<CanonicalField, number>;
  private readonly labels = new Map<CanonicalField, string>();
  private readonly context: FileContext;
  private readonly input: RowInput;
  private cells: readonly CellValue[] = [];

  constructor(
    header: readonly string[],
    private readonly headerRow: number,
    mapping: ColumnMapping,
    defaults: ImportDefaults,
    convention: NumberConvention,
    private readonly log: ProblemLog
  ) {
    this.context = { defaults, convention, ambiguity: { count: 0 } };
    const errorsBefore = log.errorCount;
    this.columnOf = checkMapping(header, headerRow, mapping, defaults, log);
    this.ready = log.errorCount === errorsBefore;
    for (const [field, index] of this.columnOf)
      this.labels.set(field, columnLabel(index, header[index]));
    // One input object for every row (a million rows must not mean millions of closures).
    this.input = {
      row: 0,
      cell: (field) => {
        const index = this.columnOf.get(field);
        return index === undefined ? null : (this.cells[index] ?? null);
      },
      label: (field) => this.labels.get(field) ?? "",
    };
  }

  /** The row's reference value, or undefined when it is blank, skipped or has errors (logged). */
  check(cells: readonly CellValue[], row: number): ReferenceValue | undefined {
    if (isBlankRow(cells)) return undefined;
    this.cells = cells;
    this.input.row = row;
    const state = checkRow(this.input, this.context, this.log);
    if (state.skipped) {
      this.log.skippedRowCount++;
      return undefined;
    }
    return this.log.rowHasError(row) ? undefined : buildValue(state);
  }

  /** The keys of the rows checked so far, for comparing with another part of the file. */
  get duplicates(): DuplicateIndex {
    return (this.context.duplicates ??= new DuplicateIndex());
  }

  /** The ambiguous cells read so far under the file's convention (summed across parts of a file). */
  get ambiguity(): AmbiguityLog {
    return this.context.ambiguity;
  }

  /** Call after the last row: adds the file-level notes (how ambiguous numbers were read). */
  finish(): void {
    reportAmbiguity(this.context, this.headerRow, this.log);
  }
}

/** Validates a long (canonical or mapped) table whose header is rows[headerIndex]. */
export function validateLong(
  table: RawTable,
  headerIndex: number,
  mapping: ColumnMapping,
  defaults: ImportDefaults = {},
  numbers: NumberSettings = {}
): ValidationReport {
  const log = new ProblemLog(table.file, table.sheet);
  log.addAll(table.problems);
  const convention = tableConvention(table, numbers.decimal);
  const header = (table.rows[headerIndex] ?? []).map((c) => (c === null ? "" : String(c)));
  const headerRow = table.rowNumbers[headerIndex] ?? 1;
  const rowsRead = Math.max(0, table.rows.length - headerIndex - 1);
  const checker = new LongRowChecker(header, headerRow, mapping, defaults, convention, log);
  if (!checker.ready || log.errorCount > 0)
    return finishReport(table, "long", rowsRead, [], log, convention);
  const valid: ValidatedRow[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const row = table.rowNumbers[i];
    const value = checker.check(table.rows[i], row);
    if (value) valid.push({ row, value });
  }
  checker.finish();
  return finishReport(table, "long", rowsRead, valid, log, convention);
}

function checkWideColumns(
  metrics: readonly WideMetric[],
  headerRow: number,
  log: ProblemLog
): void {
  for (const m of metrics) {
    const label = columnLabel(m.column, m.header);
    if (m.metric.length > MAX_CELL_TEXT)
      log.add(
        headerRow,
        label,
        "error",
        `The metric name from this header is ${m.metric.length.toLocaleString("en-US")} characters long; Excel cells hold at most ${MAX_CELL_TEXT.toLocaleString("en-US")}.`
      );
    if (m.needsConfirmation)
      log.add(
        headerRow,
        label,
        "error",
        `Confirm the unit (${m.unit}) and direction (${m.direction} is better) of ${quoteCell(m.metric)} before importing.`
      );
    if (!(UNITS as readonly string[]).includes(m.unit))
      log.add(
        headerRow,
        label,
        "error",
        `Unknown unit ${quoteCell(m.unit)}. Use one of: ${UNITS.join(", ")}.`
      );
    if (!(DIRECTIONS as readonly string[]).includes(m.direction))
      log.add(
        headerRow,
        label,
        "error",
        `Unknown direction ${quoteCell(m.direction)}. Use higher or lower.`
      );
  }
}

/**
 * Validates a wide table: rows[headerIndex] starts with the industry-name column, `metrics` describe the
 * metric columns (confirmed by the user). Each filled cell becomes one canonical row holding `value`.
 */
export function validateWide(
  table: RawTable,
  headerIndex: number,
  allColumns: readonly WideMetric[],
  defaults: ImportDefaults = {},
  numbers: NumberSettings = {}
): ValidationReport {
  const log = new ProblemLog(table.file, table.sheet);
  log.addAll(table.problems);
  const context = fileContext(table, defaults, numbers);
  const header = table.rows[headerIndex] ?? [];
  const headerRow = table.rowNumbers[headerIndex] ?? 1;
  const industryColumn = header.findIndex((c) => c !== null && c !== "");
  for (const unmet of unmetRequirements([], context.defaults, "wide"))
    log.add(headerRow, "", "error", unmet.why);
  const sampleSize = allColumns.find((m) => m.role === "sample size");
  const metrics = allColumns.filter((m) => m.role === "metric");
  checkWideColumns(metrics, headerRow, log);
  if (metrics.length === 0)
    log.add(
      headerRow,
      "",
      "error",
      "No metric columns were found next to the industry-name column."
    );
  const rowsRead = Math.max(0, table.rows.length - headerIndex - 1);
  if (log.errorCount > 0) return finishReport(table, "wide", rowsRead, [], log, context.convention);

  const industryLabel = columnLabel(industryColumn, header[industryColumn]);
  const valid: ValidatedRow[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i];
    if (isBlankRow(cells)) continue;
    const row = table.rowNumbers[i];
    const rowValues: ReferenceValue[] = [];
    const said = new Set<string>();
    let skipped = false;
    for (const m of metrics) {
      const cell = cells[m.column] ?? null;
      if (cell === null || (typeof cell === "string" && cell.trim() === "")) continue;
      const metricLabel = columnLabel(m.column, m.header);
      const own: Partial<Record<CanonicalField, CellValue>> = {
        industry: cells[industryColumn] ?? null,
        metric: m.metric,
        unit: m.unit,
        direction: m.direction,
        region: context.defaults.region ?? null,
        value: cell,
        n: sampleSize ? (cells[sampleSize.column] ?? null) : null,
      };
      const input: RowInput = {
        row,
        cell: (field) => own[field] ?? null,
        label: (field) =>
          isStatisticField(field)
            ? metricLabel
            : field === "n" && sampleSize
              ? columnLabel(sampleSize.column, sampleSize.header)
              : industryLabel,
      };
      const state = checkRow(input, context, log, said);
      if (state.skipped) skipped = true;
      const value = buildValue(state);
      if (value) rowValues.push(value);
    }
    if (skipped) {
      log.skippedRowCount++;
      continue;
    }
    // All or nothing: one bad cell keeps the whole row out.
    if (!log.rowHasError(row)) for (const value of rowValues) valid.push({ row, value });
  }
  reportAmbiguity(context, headerRow, log);
  return finishReport(table, "wide", rowsRead, valid, log, context.convention);
}

export { rowsToImport, formatReport } from "./validationReport";
export type {
  ImportChoice,
  ImportDefaults,
  ValidatedRow,
  ValidationReport,
} from "./validationReport";
export { parseUnit, parseDirection } from "./cells";
export type { NumberConvention };

/** A statistic cell as a number under a decimal mark: NaN when it is not one, undefined when blank. */
export function parseNumberCell(cell: CellValue, decimalComma: boolean): number | undefined {
  let failed = false;
  const value = readNumberCellOnly(cell, decimalComma ? "," : ".", () => (failed = true));
  return failed ? Number.NaN : value;
}

function readNumberCellOnly(
  cell: CellValue,
  decimal: DecimalMark,
  fail: () => void
): number | undefined {
  if (cell === null) return undefined;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) fail();
    return cell;
  }
  if (typeof cell === "boolean") {
    fail();
    return undefined;
  }
  const reading = readNumberText(cell, decimal);
  if (!reading) return undefined;
  if (!reading.ok) fail();
  return reading.ok ? reading.value : undefined;
}
