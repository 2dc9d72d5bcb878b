/**
 * The pane's contract: what the task pane can ask of the workbook and of the other Crossbench modules,
 * and the data types that cross that line. The pane's components receive one `PaneActions` object
 * (composed in ./excelActions.ts for Excel, faked in tests) and never touch Office themselves. A
 * capability left undefined means its module is not available, and the screen that needs it is not shown.
 *
 * This module imports nothing: src/excel implements these interfaces, the screens consume them, and
 * neither side has to load the other to know the shapes.
 */

export const TARGET_PERCENTILES = ["median", "p75", "p90"] as const;
export type TargetPercentile = (typeof TARGET_PERCENTILES)[number];

/** The user's defaults, kept in the workbook's own settings (src/excel/settings.ts). */
export interface PaneSettings {
  /** The user's own industry, as named in the reference library; "" until chosen. */
  industry: string;
  /** Annual discount rate as a fraction (0.08 = 8 %). */
  discountRate: number;
  /** ISO 4217 code used for money formats, e.g. "EUR". */
  currency: string;
  /** The performance level the user aims for. */
  targetPercentile: TargetPercentile;
  /** ROI horizon in years, 1 to 10. */
  horizon: number;
}

export interface FunctionParameterInfo {
  name: string;
  description: string;
  optional: boolean;
}

export interface FunctionInfo {
  /** Full Excel name, e.g. "BENCH.ROI". */
  name: string;
  description: string;
  parameters: FunctionParameterInfo[];
  /** A formula that works as typed, e.g. `=BENCH.ROI({120,80},{150})`. */
  example: string;
  /** The task it serves ("Business case", "Benchmarks", "Practices and fit"), for grouping the list. */
  task?: string;
  helpUrl?: string;
}

export interface TemplateChoice {
  id: string;
  title: string;
  description: string;
}

export interface TemplateActions {
  list(): Promise<TemplateChoice[]>;
  /** Renders the chosen templates into new sheets; returns the sheet names in order. */
  insert(
    templateIds: string[],
    industry: string,
    settings: PaneSettings
  ): Promise<{ sheetNames: string[] }>;
}

export interface LibraryEntry {
  industry: string;
  metric: string;
  unit: string;
  direction: "higher" | "lower";
  region: string;
  year?: number;
  /** Published points such as p10, p25, median, p75, p90, mean or value. */
  statistics: Partial<Record<string, number>>;
  n?: number;
  source: string;
  sourceUrl?: string;
  licence?: string;
  illustrative: boolean;
}

export interface LibraryActions {
  industries(): Promise<string[]>;
  /** Entries whose industry or metric matches every word of `query` (all when empty), capped at `limit`. */
  search(query: string, limit: number): Promise<{ entries: LibraryEntry[]; total: number }>;
}

/** One part of the quick fit estimate: a 1–5 rating, its weight and what it is based on. */
export interface FitPart {
  criterion: "Problem match" | "Industry proximity" | "Resource fit";
  rating: number;
  weight: number;
  basis: string;
}

export interface PracticeMatch {
  id: string;
  sourceIndustry: string;
  practice: string;
  challenge: string;
  lesson: string;
  metricsMoved: string[];
  effort: "low" | "medium" | "high";
  /** Quick fit estimate 0–100 from industry proximity, challenge match and effort. */
  fitEstimate: number;
  /** What the estimate is made of (problem match, industry proximity, resource fit). */
  fitParts: FitPart[];
}

export interface PracticeActions {
  /** Suggested challenge phrases; free text is allowed too. */
  challenges(): Promise<string[]>;
  /** How many practices one scorecard compares (more cannot be ticked). */
  scorecardCapacity: number;
  find(industry: string, challenge: string): Promise<PracticeMatch[]>;
  /** Puts the practices into the fit scorecard sheet (created when missing); returns its name. */
  addToScorecard(
    practiceIds: string[],
    industry: string
  ): Promise<{ sheetName: string; added: number }>;
}

/** A field of the canonical reference format that a source column can be mapped to. */
export interface ImportField {
  key: string;
  label: string;
}

/** A field the mapping and the defaults leave without a value; validation would stop on it. */
export interface ImportRequirement {
  /** A field key, or "statistic" when no statistic column is mapped. */
  field: string;
  label: string;
  /** The validator's message for it. */
  why: string;
  /** A value for every row (the default fields) can stand in for the column. */
  byDefault: boolean;
}

/**
 * A problem in the user's data: exactly src/reference/importProblem.ts's shape, declared again because
 * this module imports nothing (test/build/layers.test.ts checks that the two stay the same type).
 */
export interface ImportProblem {
  file: string;
  sheet?: string;
  /** 1-based row in the source as the user sees it (header = row 1 for files); 0 for the whole file. */
  row: number;
  /** Column letter and header, e.g. "C (median)"; "" for whole-row or whole-file problems. */
  column: string;
  message: string;
  /** Errors keep the row out; warnings are shown but do not. */
  severity: "error" | "warning";
}

/** A metric column of a wide table (rows are industries): its unit and direction need the user's confirmation. */
export interface WideMetricChoice {
  column: number;
  header: string;
  metric: string;
  unit: string;
  direction: string;
  needsConfirmation: boolean;
  /** Why the unit and direction were guessed so, shown to the user. */
  reason: string;
}

/** A parsed source, opaque to the pane except for what it shows. */
export interface ImportSource {
  /** File name, "pasted table" or the selected range's address. */
  label: string;
  headers: string[];
  /** Total data rows. */
  rowCount: number;
  /** The first rows for the preview (texts as in the source). */
  preview: string[][];
  /** Sheet names when the source is a workbook with several sheets. */
  sheets?: string[];
  sheet?: string;
  /** "wide": rows are industries and columns metrics (unit and direction confirmed per metric). */
  layout?: "long" | "wide";
  wideMetrics?: WideMetricChoice[];
  /** Problems that stopped the source from being read at all (shown before any mapping). */
  readProblems?: ImportProblem[];
  /** Defaults read from the file's title rows ("Source: …", "2024", …), to prefill the fields. */
  suggestedDefaults?: ImportDefaults;
  /** How the file writes numbers, inferred from all its numeric cells (shown with the preview). */
  numberConvention?: ImportNumberConvention;
}

export type DecimalMark = "," | ".";

export interface ImportNumberConvention {
  decimal: DecimalMark;
  /** "file": cells only one convention reads decided it; "default": nothing did. */
  decidedBy: "user" | "file" | "default";
  /** Cells that read differently under the two conventions (e.g. "1.500"): the user should choose. */
  ambiguousCells: number;
}

/**
 * Canonical field key -> the source header that feeds it (absent, null or "" = not in the source), the
 * same direction as src/reference/mapping.ts so nothing has to turn it around. A header feeds at most
 * one field.
 */
export type ColumnMapping = Partial<Record<string, string | null>>;

/** Values for every row of a source that has no column for them (a wide table never has one). */
export interface ImportDefaults {
  source?: string;
  year?: number;
  region?: string;
  licence?: string;
}

/** What the user decided on the mapping step. */
export interface ImportChoices {
  mapping: ColumnMapping;
  /** The user's confirmed units and directions for a wide table. */
  wideMetrics?: WideMetricChoice[];
  defaults?: ImportDefaults;
  /** The decimal mark the user chose for an ambiguous file; otherwise the inferred one. */
  decimal?: DecimalMark;
}

/** What to do with a row whose key is in the workbook with different figures. */
export type ConflictChoice = "keep" | "replace";

export interface ImportPreviewChange {
  /** "Retail × Gross margin × 2024 × all regions". */
  label: string;
  /** Changed fields, old -> new as the cells show them. */
  changes: { field: string; before: string; after: string }[];
  unitChanged: boolean;
}

/** What writing would do, computed before anything is written. */
export interface ImportPreview {
  added: number;
  /** Rows whose key exists with different figures (updated on "replace", kept on "keep"). */
  changed: ImportPreviewChange[];
  unchanged: number;
}

/** A write that stopped part-way: exactly what reached the workbook. */
export interface ImportFailure {
  message: string;
  written: number;
  remaining: number;
  /** Labels of the rows written (first ones). */
  writtenRows: string[];
}

export interface ImportValidation {
  validRows: number;
  invalidRows: number;
  problems: ImportProblem[];
}

export interface ImportSummary {
  added: number;
  updated: number;
  /** Rows already in the workbook with the same figures. */
  unchanged?: number;
  /** Invalid rows left out, and existing rows kept although the source differed. */
  skipped: number;
  sheetName: string;
  /** Set when the write stopped part-way (the rows written stay until undone). */
  failure?: ImportFailure;
}

export interface ImportActions {
  fields: ImportField[];
  /**
   * What the field table still requires of these choices (same rules and messages as `validate`), so
   * the pane can mark required fields and refuse to check before anything is validated.
   */
  requirements(
    source: ImportSource,
    choices: Pick<ImportChoices, "mapping" | "defaults">
  ): ImportRequirement[];
  /** Allowed units and directions for confirming wide-table metrics. */
  units?: string[];
  directions?: string[];
  readFile(file: File, sheet?: string): Promise<ImportSource>;
  readPasted(text: string): Promise<ImportSource>;
  /** The preview rows with numbers read as numbers under a decimal mark (default: the inferred one). */
  previewValues?: (source: ImportSource, decimal?: DecimalMark) => Promise<(string | number)[][]>;
  /** undefined when the workbook selection cannot be read (then the option is not offered). */
  readSelection?: () => Promise<ImportSource>;
  /** The header-based suggestion, or the mapping remembered for these headers in this workbook. */
  suggestMapping(source: ImportSource): Promise<ColumnMapping>;
  validate(source: ImportSource, choices: ImportChoices): Promise<ImportValidation>;
  /** What writing would add, change and leave alone; nothing is written. */
  preview?: (
    source: ImportSource,
    choices: ImportChoices,
    onlyValidRows: boolean
  ) => Promise<ImportPreview>;
  write(
    source: ImportSource,
    choices: ImportChoices,
    options: {
      onlyValidRows: boolean;
      onConflict?: ConflictChoice;
      signal: AbortSignal;
      onProgress: (written: number, total: number) => void;
    }
  ): Promise<ImportSummary>;
  /** After a failed write: removes what it added and restores what it changed. */
  undoLastWrite?: () => Promise<{ removed: number; restored: number }>;
}

/** "Explain this cell": why a BENCH cell shows what it shows (src/excel/explainCell.ts). */
export interface CellExplanation {
  address: string;
  formula: string;
  kind: "no-formula" | "not-bench" | "cannot-evaluate" | "value" | "error";
  headline: string;
  /** The full reason for an error (Excel drops it on #NUM! and #DIV/0!). */
  message?: string;
  /** What to change, or what the value means. */
  details: string[];
  arguments: { parameter: string; text: string; shown: string }[];
  /** The whole explanation as plain text, for copying. */
  text: string;
}

export interface SelfCheckLine {
  section: string;
  label: string;
  status: "pass" | "fail" | "info" | "manual";
  detail: string;
}

/** "Check this installation" (src/excel/selfCheck.ts): the report the user copies and sends back. */
export interface SelfCheckReport {
  passed: boolean;
  lines: SelfCheckLine[];
  text: string;
}

export interface PaneActions {
  readSettings(): Promise<PaneSettings>;
  writeSettings(settings: PaneSettings): Promise<void>;
  /** Writes the formula into the selected cell; returns the cell's address. */
  insertFormula(formula: string): Promise<string>;
  activateSheet(name: string): Promise<void>;
  functions?: { list(): Promise<FunctionInfo[]> };
  templates?: TemplateActions;
  library?: LibraryActions;
  practices?: PracticeActions;
  /** Loads the import flow (parsers for CSV, XLSX and JSON) when the user opens it. */
  importer?: () => Promise<ImportActions>;
  /** Explains the active cell's BENCH formula. */
  explainCell?: () => Promise<CellExplanation>;
  /** Runs the installation self-check; `onProgress` names the step running. */
  selfCheck?: (onProgress: (step: string) => void) => Promise<SelfCheckReport>;
  /**
   * Lets the ribbon open the pane at a screen: calls `open` with the requested screen now and whenever
   * the ribbon asks again; returns the unsubscribe function.
   */
  onOpenScreenRequest?: (open: (screen: string) => void) => () => void;
}
