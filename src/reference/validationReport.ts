/**
 * The validation report: every problem with file, sheet, row and column; counts; the valid rows; and the
 * rule that a report with errors imports nothing unless the user explicitly chose the valid rows only.
 */
import type { Layout } from "./mapping";
import type { ReferenceValue } from "./model";
import type { NumberConvention } from "./numbers";
import type { ImportProblem, RawTable } from "./parsers";

/** Values applied where the source has no column (or a blank cell) for a field. */
export interface ImportDefaults {
  source?: string;
  sourceUrl?: string;
  licence?: string;
  year?: number;
  region?: string;
  illustrative?: boolean;
}

export interface ValidatedRow {
  /** 1-based source row. */
  row: number;
  value: ReferenceValue;
}

export interface ValidationReport {
  file: string;
  sheet?: string;
  layout: Layout;
  /** Data rows examined (below the header). */
  rowsRead: number;
  valid: ValidatedRow[];
  /** Valid reference values; equals valid.length except for a streamed check, which keeps none. */
  validCount: number;
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  /** Data rows with at least one error. */
  invalidRowCount: number;
  /** Rows left out on purpose (aggregate rows such as "Total"), each with a warning. */
  skippedRowCount: number;
  /** The decimal mark the numbers were read with, and how it was decided. */
  numberConvention: NumberConvention;
  /** True when there is no error at all (warnings allowed). */
  ok: boolean;
}

/** Messages and column labels are bounded; a cell's own text is quoted truncated where it is used. */
const MAX_MESSAGE = 400;
const MAX_COLUMN = 60;
const bounded = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 3)}...` : text;

/** What a log found, in a form that crosses a worker boundary. */
export interface ProblemSummary {
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  skippedRowCount: number;
  invalidRowCount: number;
}

/** Collects problems and counts errors per row while rows are checked. */
export class ProblemLog {
  readonly problems: ImportProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  skippedRowCount = 0;
  private readonly rowsWithErrors = new Set<number>();
  /** Rows with errors that another log found (see append). */
  private appendedInvalidRows = 0;
  constructor(
    private readonly file: string,
    private readonly sheet: string | undefined,
    /** Problems kept in full; beyond it only counted (a million bad rows must not hold a million messages). */
    private readonly keep = 10_000
  ) {}
  add(row: number, column: string, severity: "error" | "warning", message: string): void {
    if (this.problems.length < this.keep)
      this.problems.push({
        file: this.file,
        ...(this.sheet !== undefined ? { sheet: this.sheet } : {}),
        row,
        column: bounded(column, MAX_COLUMN),
        severity,
        message: bounded(message, MAX_MESSAGE),
      });
    if (severity === "error") {
      this.errorCount++;
      if (row > 0) this.rowsWithErrors.add(row);
    } else {
      this.warningCount++;
    }
  }
  /** Problems found before validation (reading the file, parsing it), each logged in this log's file. */
  addAll(
    problems: readonly Pick<ImportProblem, "row" | "column" | "severity" | "message">[]
  ): void {
    for (const p of problems) this.add(p.row, p.column, p.severity, p.message);
  }
  /**
   * Takes in what another log found in later rows of the same file (another part, checked apart):
   * its problems kept up to this log's limit, all of them counted.
   */
  append(summary: ProblemSummary): void {
    for (const problem of summary.problems) {
      if (this.problems.length >= this.keep) break;
      this.problems.push(problem);
    }
    this.errorCount += summary.errorCount;
    this.warningCount += summary.warningCount;
    this.skippedRowCount += summary.skippedRowCount;
    this.appendedInvalidRows += summary.invalidRowCount;
  }
  rowHasError(row: number): boolean {
    return this.rowsWithErrors.has(row);
  }
  get invalidRowCount(): number {
    return this.rowsWithErrors.size + this.appendedInvalidRows;
  }
  get problemCount(): number {
    return this.errorCount + this.warningCount;
  }
}

export function finishReport(
  table: Pick<RawTable, "file" | "sheet">,
  layout: Layout,
  rowsRead: number,
  valid: ValidatedRow[],
  log: ProblemLog,
  numberConvention: NumberConvention,
  validCount = valid.length
): ValidationReport {
  return {
    file: table.file,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    layout,
    rowsRead,
    valid,
    validCount,
    problems: log.problems,
    errorCount: log.errorCount,
    warningCount: log.warningCount,
    invalidRowCount: log.invalidRowCount,
    skippedRowCount: log.skippedRowCount,
    numberConvention,
    ok: log.errorCount === 0,
  };
}

export type ImportChoice = "all-or-nothing" | "only-valid-rows";

/**
 * The rows to write. A report with errors gives nothing unless the user explicitly chose to import only
 * the valid rows; that choice is an argument, never a default.
 */
export function rowsToImport(
  report: ValidationReport,
  choice: ImportChoice = "all-or-nothing"
): ReferenceValue[] {
  if (!report.ok && choice !== "only-valid-rows") return [];
  return report.valid.map((v) => v.value);
}

/** "1 data row", "2 data rows". */
function counted(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** A printable report: one line per problem, "file, sheet, row, column: message". */
export function formatReport(report: ValidationReport, limit = Infinity): string {
  const skipped = report.skippedRowCount
    ? `, ${counted(report.skippedRowCount, "aggregate row")} skipped`
    : "";
  const counts = [
    counted(report.rowsRead, "data row"),
    counted(report.validCount, "valid reference value"),
    `${counted(report.errorCount, "error")} in ${counted(report.invalidRowCount, "row")}`,
    counted(report.warningCount, "warning"),
  ].join(", ");
  const lines = [
    `${report.file}${report.sheet ? ` [${report.sheet}]` : ""}: ${report.layout} layout, ${counts}${skipped}.`,
  ];
  report.problems.slice(0, limit).forEach((p) => {
    const where = [
      p.file,
      p.sheet ? `sheet ${p.sheet}` : "",
      p.row > 0 ? `row ${p.row}` : "whole file",
      p.column ? `column ${p.column}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(`${p.severity.toUpperCase()} ${where}: ${p.message}`);
  });
  const total = report.errorCount + report.warningCount;
  const shown = Math.min(limit, report.problems.length);
  if (total > shown) lines.push(`... and ${total - shown} more problems.`);
  lines.push(
    report.ok
      ? "Valid: nothing blocks the import."
      : "Invalid: nothing will be imported unless you choose to import only the valid rows."
  );
  return lines.join("\n");
}
