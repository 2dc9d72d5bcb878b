/**
 * Whole-file validation. Runs over every row before anything is written and lists every problem with
 * file, row, column and a message: unknown units and directions, non-numeric statistics, quantiles out
 * of order, duplicate industry × metric × year × region rows, missing source, and more. A report with
 * errors imports nothing unless the caller explicitly asks for the valid rows only (rowsToImport).
 */
import { CANONICAL_COLUMNS, CanonicalField, CellValue, isStatisticField } from "./canonical";
import { catalogueMetric } from "./library";
import { ColumnMapping, Layout } from "./mapping";
import {
  DIRECTIONS,
  Direction,
  QUANTILES,
  ReferenceValue,
  STATISTIC_KEYS,
  Statistics,
  UNITS,
  Unit,
  referenceKey,
} from "./model";
import { ImportProblem, MAX_CELL_TEXT, RawTable, columnLetter } from "./parsers";
import { startsLikeFormula, unescapeLeadingQuote } from "./textSafety";
import { WideMetric } from "./wideLayout";

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
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  /** Data rows with at least one error. */
  invalidRowCount: number;
  /** True when there is no error at all (warnings allowed). */
  ok: boolean;
}

const UNIT_SYNONYMS: Record<string, Unit> = {
  "%": "%",
  percent: "%",
  percentage: "%",
  pct: "%",
  "per cent": "%",
  fraction: "%",
  share: "%",
  days: "days",
  day: "days",
  d: "days",
  hours: "hours",
  hour: "hours",
  hrs: "hours",
  hr: "hours",
  h: "hours",
  "currency per unit": "currency per unit",
  currency: "currency per unit",
  money: "currency per unit",
  $: "currency per unit",
  "€": "currency per unit",
  "£": "currency per unit",
  usd: "currency per unit",
  eur: "currency per unit",
  gbp: "currency per unit",
  "currency/unit": "currency per unit",
  "per unit": "currency per unit",
  ratio: "ratio",
  x: "ratio",
  times: "ratio",
  multiple: "ratio",
  count: "count",
  number: "count",
  "#": "count",
  units: "count",
  score: "score",
  points: "score",
  index: "score",
  rating: "score",
  stars: "score",
};
const DIRECTION_SYNONYMS: Record<string, Direction> = {
  higher: "higher",
  "higher is better": "higher",
  high: "higher",
  up: "higher",
  max: "higher",
  maximise: "higher",
  maximize: "higher",
  "+": "higher",
  lower: "lower",
  "lower is better": "lower",
  low: "lower",
  down: "lower",
  min: "lower",
  minimise: "lower",
  minimize: "lower",
  "-": "lower",
};

export function parseUnit(text: string): Unit | undefined {
  return UNIT_SYNONYMS[text.trim().toLowerCase().replace(/\s+/g, " ")];
}
export function parseDirection(text: string): Direction | undefined {
  return DIRECTION_SYNONYMS[text.trim().toLowerCase().replace(/\s+/g, " ")];
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A statistic cell as a number: numbers as they are; text with thousands separators, a decimal comma
 * (when the file uses one), a trailing % (divided by 100) or accounting parentheses. Anything else is
 * `NaN` so the caller can report it; blank is `undefined`.
 */
export function parseNumberCell(cell: CellValue, decimalComma: boolean): number | undefined {
  if (cell === null) return undefined;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : Number.NaN;
  if (typeof cell === "boolean") return Number.NaN;
  let text = cell.trim();
  if (text === "") return undefined;
  // Spaces only count as thousands separators in a proper grouping ("1 234,5"), never inside "1 2".
  if (/^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?%?$/.test(text))
    text = text.replace(/[ \u00a0\u202f]/g, "");
  let percent = false;
  if (text.endsWith("%")) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  if (decimalComma) {
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) text = text.replace(/\./g, "");
    text = text.replace(",", ".");
  } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    text = text.replace(/,/g, "");
  }
  if (!PLAIN_NUMBER.test(text)) return Number.NaN;
  const number = sign * Number(text);
  return percent ? number / 100 : number;
}

function parseBoolean(cell: CellValue): boolean | undefined | "invalid" {
  if (cell === null) return undefined;
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number") return cell === 1 ? true : cell === 0 ? false : "invalid";
  const text = cell.trim().toLowerCase();
  if (text === "") return undefined;
  if (["true", "yes", "y", "1", "x", "wahr", "vrai"].includes(text)) return true;
  if (["false", "no", "n", "0", "falsch", "faux"].includes(text)) return false;
  return "invalid";
}

/** Collects problems and counts errors per row while rows are checked. */
class ProblemLog {
  readonly problems: ImportProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  private readonly rowsWithErrors = new Set<number>();
  constructor(
    private readonly file: string,
    private readonly sheet: string | undefined
  ) {}
  add(row: number, column: string, severity: "error" | "warning", message: string): void {
    this.problems.push({
      file: this.file,
      ...(this.sheet !== undefined ? { sheet: this.sheet } : {}),
      row,
      column,
      severity,
      message,
    });
    if (severity === "error") {
      this.errorCount++;
      if (row > 0) this.rowsWithErrors.add(row);
    } else {
      this.warningCount++;
    }
  }
  rowHasError(row: number): boolean {
    return this.rowsWithErrors.has(row);
  }
  get invalidRowCount(): number {
    return this.rowsWithErrors.size;
  }
}

function describeCell(cell: CellValue): string {
  const text = String(cell);
  return text.length > 40 ? `"${text.slice(0, 37)}..."` : `"${text}"`;
}

/** Reads one data row's text cell: trimmed, our own CSV escape undone, Excel's cell limit enforced. */
function textCell(
  cell: CellValue,
  row: number,
  column: string,
  log: ProblemLog
): string | undefined {
  if (cell === null) return undefined;
  const text = unescapeLeadingQuote(String(cell)).trim();
  if (text.length > MAX_CELL_TEXT) {
    log.add(
      row,
      column,
      "error",
      `The text is ${text.length.toLocaleString("en-US")} characters long; Excel cells hold at most ${MAX_CELL_TEXT.toLocaleString("en-US")}.`
    );
    return undefined;
  }
  if (startsLikeFormula(text))
    log.add(
      row,
      column,
      "warning",
      `The text starts with "${text[0]}"; it will be stored as text, never run as a formula.`
    );
  return text === "" ? undefined : text;
}

interface RowDraft {
  industry?: string;
  industryCode?: string;
  metric?: string;
  unitText?: string;
  directionText?: string;
  region?: string;
  yearCell: CellValue;
  statistics: Partial<Record<(typeof STATISTIC_KEYS)[number], CellValue>>;
  nCell: CellValue;
  source?: string;
  sourceUrl?: string;
  licence?: string;
  notes?: string;
  illustrativeCell: CellValue;
}

/** Field checks shared by the long and wide layouts; returns the value or undefined when the row has errors. */
function checkRow(
  draft: RowDraft,
  row: number,
  col: (field: CanonicalField) => string,
  decimalComma: boolean,
  defaults: ImportDefaults,
  log: ProblemLog,
  seen: Map<string, number>
): ReferenceValue | undefined {
  if (!draft.industry) log.add(row, col("industry"), "error", "The industry is missing.");
  if (!draft.metric) log.add(row, col("metric"), "error", "The metric is missing.");
  const known = draft.metric ? catalogueMetric(draft.metric) : undefined;

  let unit: Unit | undefined;
  if (draft.unitText) {
    unit = parseUnit(draft.unitText);
    if (!unit)
      log.add(
        row,
        col("unit"),
        "error",
        `Unknown unit ${describeCell(draft.unitText)}. Use one of: ${UNITS.join(", ")}.`
      );
    else if (known && unit !== known.unit)
      log.add(
        row,
        col("unit"),
        "warning",
        `"${known.name}" is measured in ${known.unit} in the Crossbench catalogue; this row says ${unit}.`
      );
  } else if (known) {
    unit = known.unit;
  } else if (draft.metric) {
    log.add(
      row,
      col("unit"),
      "error",
      `The unit is missing, and "${draft.metric}" is not a catalogue metric whose unit is known. Use one of: ${UNITS.join(", ")}.`
    );
  }

  let direction: Direction | undefined;
  if (draft.directionText) {
    direction = parseDirection(draft.directionText);
    if (!direction)
      log.add(
        row,
        col("direction"),
        "error",
        `Unknown direction ${describeCell(draft.directionText)}. Use ${DIRECTIONS.join(" or ")} (which way is better).`
      );
  } else if (known) {
    direction = known.direction;
  } else if (draft.metric) {
    log.add(
      row,
      col("direction"),
      "error",
      `The direction is missing, and "${draft.metric}" is not a catalogue metric. Say "higher" or "lower" (which way is better).`
    );
  }

  const statistics: Statistics = {};
  for (const key of STATISTIC_KEYS) {
    const cell = draft.statistics[key];
    if (cell === undefined) continue;
    const number = parseNumberCell(cell, decimalComma);
    if (number === undefined) continue;
    if (Number.isNaN(number)) {
      log.add(row, col(key), "error", `${key} must be a number; found ${describeCell(cell)}.`);
      continue;
    }
    statistics[key] = number;
  }
  const present = QUANTILES.filter((q) => statistics[q.key] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const lower = present[i - 1].key;
    const upper = present[i].key;
    if ((statistics[upper] as number) < (statistics[lower] as number)) {
      log.add(
        row,
        col(upper),
        "error",
        `Quantiles are out of order: ${upper} (${statistics[upper]}) is below ${lower} (${statistics[lower]}); they must rise p10 ≤ p25 ≤ median ≤ p75 ≤ p90.`
      );
    }
  }
  if (
    Object.keys(statistics).length === 0 &&
    STATISTIC_KEYS.every(
      (k) =>
        draft.statistics[k] === undefined ||
        parseNumberCell(draft.statistics[k] as CellValue, decimalComma) === undefined
    )
  ) {
    log.add(
      row,
      col("median"),
      "error",
      "The row has no figures: give at least one of p10, p25, median, p75, p90, mean or value."
    );
  }
  if (unit === "%") {
    const whole = Object.entries(statistics).find(([, v]) => Math.abs(v as number) > 1.5);
    if (whole)
      log.add(
        row,
        col(whole[0] as CanonicalField),
        "warning",
        `${whole[0]} is ${whole[1]} for a percentage; Crossbench stores percentages as fractions (35 % = 0.35). Check the figure is not a whole-number percent.`
      );
  }

  let n: number | undefined;
  const nNumber = parseNumberCell(draft.nCell, decimalComma);
  if (nNumber !== undefined) {
    if (!Number.isInteger(nNumber) || nNumber < 0)
      log.add(
        row,
        col("n"),
        "error",
        `The sample size n must be a whole number ≥ 0; found ${describeCell(draft.nCell)}.`
      );
    else n = nNumber;
  }

  let year = defaults.year;
  const yearNumber = parseNumberCell(draft.yearCell, false);
  if (yearNumber !== undefined) {
    if (!Number.isInteger(yearNumber) || yearNumber < 1900 || yearNumber > 2100) {
      log.add(
        row,
        col("year"),
        "error",
        `The year must be a whole number from 1900 to 2100; found ${describeCell(draft.yearCell)}.`
      );
    } else {
      year = yearNumber;
    }
  }

  const source = draft.source ?? defaults.source;
  if (!source)
    log.add(
      row,
      col("source"),
      "error",
      "The source is missing: say where the figures come from (survey, publisher, your own data)."
    );
  const sourceUrl = draft.sourceUrl ?? defaults.sourceUrl;
  if (sourceUrl && !/^https?:\/\/\S+$/i.test(sourceUrl))
    log.add(
      row,
      col("source_url"),
      "warning",
      `The source URL ${describeCell(sourceUrl)} is not an http(s) link.`
    );

  let illustrative = defaults.illustrative ?? false;
  const flag = parseBoolean(draft.illustrativeCell);
  if (flag === "invalid")
    log.add(
      row,
      col("illustrative"),
      "error",
      `illustrative must be TRUE or FALSE; found ${describeCell(draft.illustrativeCell)}.`
    );
  else if (flag !== undefined) illustrative = flag;

  const region = draft.region ?? defaults.region ?? "";
  if (draft.industry && draft.metric) {
    const key = referenceKey({ industry: draft.industry, metric: draft.metric, year, region });
    const first = seen.get(key);
    if (first !== undefined) {
      log.add(
        row,
        col("industry"),
        "error",
        `Duplicate of row ${first}: the same industry × metric × year × region appears twice.`
      );
    } else {
      seen.set(key, row);
    }
  }

  if (log.rowHasError(row) || !unit || !direction || !source || !draft.industry || !draft.metric)
    return undefined;
  return {
    industry: draft.industry,
    ...(draft.industryCode ? { industryCode: draft.industryCode } : {}),
    metric:
      known && known.name.toLowerCase() === draft.metric.toLowerCase() ? known.name : draft.metric,
    unit,
    direction,
    region,
    ...(year !== undefined ? { year } : {}),
    statistics,
    ...(n !== undefined ? { n } : {}),
    source,
    ...(sourceUrl ? { sourceUrl } : {}),
    ...((draft.licence ?? defaults.licence) ? { licence: draft.licence ?? defaults.licence } : {}),
    ...(draft.notes ? { notes: draft.notes } : {}),
    illustrative,
  };
}

function finish(
  table: RawTable,
  layout: Layout,
  rowsRead: number,
  valid: ValidatedRow[],
  log: ProblemLog
): ValidationReport {
  return {
    file: table.file,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    layout,
    rowsRead,
    valid,
    problems: log.problems,
    errorCount: log.errorCount,
    warningCount: log.warningCount,
    invalidRowCount: log.invalidRowCount,
    ok: log.errorCount === 0,
  };
}

function copyTableProblems(table: RawTable, log: ProblemLog): void {
  for (const p of table.problems) log.add(p.row, p.column, p.severity, p.message);
}

/** Validates a long (canonical or mapped) table whose header is rows[headerIndex]. */
export function validateLong(
  table: RawTable,
  headerIndex: number,
  mapping: ColumnMapping,
  defaults: ImportDefaults = {}
): ValidationReport {
  const log = new ProblemLog(table.file, table.sheet);
  copyTableProblems(table, log);
  const header = (table.rows[headerIndex] ?? []).map((c) => (c === null ? "" : String(c)));
  const headerRow = table.rowNumbers[headerIndex] ?? 1;
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
        `The mapping sends "${wanted}" to ${column.field}, but the header row has no such column.`
      );
      continue;
    }
    const other = usedBy.get(index);
    if (other)
      log.add(
        headerRow,
        `${columnLetter(index)} (${wanted})`,
        "error",
        `The column "${wanted}" is mapped to both ${other} and ${column.field}; map it once.`
      );
    usedBy.set(index, column.field);
    columnOf.set(column.field, index);
  }
  if (!columnOf.has("industry"))
    log.add(
      headerRow,
      "",
      "error",
      'No column is mapped to industry. The header row needs an "industry" column (or map one).'
    );
  if (!columnOf.has("metric"))
    log.add(
      headerRow,
      "",
      "error",
      'No column is mapped to metric. The header row needs a "metric" column (or map one).'
    );
  if (!columnOf.has("source") && !defaults.source)
    log.add(
      headerRow,
      "",
      "error",
      "No column is mapped to source and no default source was given: every figure needs its provenance."
    );
  if (!STATISTIC_KEYS.some((k) => columnOf.has(k)))
    log.add(
      headerRow,
      "",
      "error",
      "No statistic column (p10, p25, median, p75, p90, mean or value) is mapped."
    );
  const unmapped = header
    .map((h, i) => (h && !usedBy.has(i) ? `${columnLetter(i)} (${h})` : ""))
    .filter(Boolean);
  if (unmapped.length > 0)
    log.add(
      headerRow,
      "",
      "warning",
      `Columns not imported: ${unmapped.slice(0, 10).join(", ")}${unmapped.length > 10 ? `, and ${unmapped.length - 10} more` : ""}.`
    );
  if (log.errorCount > 0)
    return finish(table, "long", Math.max(0, table.rows.length - headerIndex - 1), [], log);

  const col = (field: CanonicalField): string => {
    const index = columnOf.get(field);
    return index === undefined ? "" : `${columnLetter(index)} (${header[index]})`;
  };
  const seen = new Map<string, number>();
  const valid: ValidatedRow[] = [];
  const at = (cells: CellValue[], field: CanonicalField): CellValue => {
    const index = columnOf.get(field);
    return index === undefined ? null : (cells[index] ?? null);
  };
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i];
    const row = table.rowNumbers[i];
    if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) continue;
    const text = (field: CanonicalField): string | undefined =>
      textCell(at(cells, field), row, col(field), log);
    const statistics: RowDraft["statistics"] = {};
    for (const key of STATISTIC_KEYS) if (columnOf.has(key)) statistics[key] = at(cells, key);
    const draft: RowDraft = {
      industry: text("industry"),
      industryCode: text("industry_code"),
      metric: text("metric"),
      unitText: text("unit"),
      directionText: text("direction"),
      region: text("region"),
      yearCell: at(cells, "year"),
      statistics,
      nCell: at(cells, "n"),
      source: text("source"),
      sourceUrl: text("source_url"),
      licence: text("licence"),
      notes: text("notes"),
      illustrativeCell: at(cells, "illustrative"),
    };
    const value = checkRow(draft, row, col, table.decimalComma, defaults, log, seen);
    if (value) valid.push({ row, value });
  }
  return finish(table, "long", table.rows.length - headerIndex - 1, valid, log);
}

/**
 * Validates a wide table: rows[headerIndex] starts with the industry-name column, `metrics` describe the
 * metric columns (confirmed by the user). Each filled cell becomes one canonical row holding `value`.
 */
export function validateWide(
  table: RawTable,
  headerIndex: number,
  allColumns: readonly WideMetric[],
  defaults: ImportDefaults = {}
): ValidationReport {
  const log = new ProblemLog(table.file, table.sheet);
  copyTableProblems(table, log);
  const header = table.rows[headerIndex] ?? [];
  const headerRow = table.rowNumbers[headerIndex] ?? 1;
  const industryColumn = header.findIndex((c) => c !== null && c !== "");
  if (!defaults.source)
    log.add(
      headerRow,
      "",
      "error",
      "A wide table has no source column: give the source (publisher, dataset) for its figures."
    );
  const sampleSize = allColumns.find((m) => m.role === "sample size");
  const metrics = allColumns.filter((m) => m.role === "metric");
  for (const m of metrics) {
    if (m.needsConfirmation)
      log.add(
        headerRow,
        `${columnLetter(m.column)} (${m.header})`,
        "error",
        `Confirm the unit (${m.unit}) and direction (${m.direction} is better) of "${m.metric}" before importing.`
      );
    if (!(UNITS as readonly string[]).includes(m.unit))
      log.add(
        headerRow,
        `${columnLetter(m.column)} (${m.header})`,
        "error",
        `Unknown unit "${m.unit}". Use one of: ${UNITS.join(", ")}.`
      );
    if (!(DIRECTIONS as readonly string[]).includes(m.direction))
      log.add(
        headerRow,
        `${columnLetter(m.column)} (${m.header})`,
        "error",
        `Unknown direction "${m.direction}". Use higher or lower.`
      );
  }
  if (metrics.length === 0)
    log.add(
      headerRow,
      "",
      "error",
      "No metric columns were found next to the industry-name column."
    );
  const rowsRead = Math.max(0, table.rows.length - headerIndex - 1);
  if (log.errorCount > 0) return finish(table, "wide", rowsRead, [], log);

  const seen = new Map<string, number>();
  const valid: ValidatedRow[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i];
    const row = table.rowNumbers[i];
    const industryLabel = `${columnLetter(industryColumn)} (${String(header[industryColumn])})`;
    const industry = textCell(cells[industryColumn] ?? null, row, industryLabel, log);
    if (!industry && cells.every((c) => c === null || c === "")) continue;
    for (const m of metrics) {
      const cell = cells[m.column] ?? null;
      if (cell === null || (typeof cell === "string" && cell.trim() === "")) continue;
      const label = `${columnLetter(m.column)} (${m.header})`;
      const draft: RowDraft = {
        industry,
        metric: m.metric,
        unitText: m.unit,
        directionText: m.direction,
        region: defaults.region,
        yearCell: null,
        statistics: { value: cell },
        nCell: sampleSize ? (cells[sampleSize.column] ?? null) : null,
        illustrativeCell: null,
      };
      const value = checkRow(
        draft,
        row,
        (field) => (isStatisticField(field) ? label : industryLabel),
        table.decimalComma,
        defaults,
        log,
        seen
      );
      if (value) valid.push({ row, value });
    }
  }
  return finish(table, "wide", rowsRead, valid, log);
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

/** A printable report: one line per problem, "file, sheet, row, column: message". */
export function formatReport(report: ValidationReport, limit = Infinity): string {
  const lines = [
    `${report.file}${report.sheet ? ` [${report.sheet}]` : ""}: ${report.layout} layout, ${report.rowsRead} data rows, ${report.valid.length} valid reference values, ${report.errorCount} errors in ${report.invalidRowCount} rows, ${report.warningCount} warnings.`,
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
  if (report.problems.length > limit)
    lines.push(`... and ${report.problems.length - limit} more problems.`);
  lines.push(
    report.ok
      ? "Valid: nothing blocks the import."
      : "Invalid: nothing will be imported unless you choose to import only the valid rows."
  );
  return lines.join("\n");
}
