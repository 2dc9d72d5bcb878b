/**
 * The template plan model: a workbook template described as data (sheets, cell blocks, tables, names,
 * validation, conditional formats, charts, protection). Both renderers (Office.js in src/excel, exceljs in
 * renderXlsx.ts) draw the same plan, so what a user gets in Excel and in a generated file cannot drift.
 * Pure TypeScript: no Office or DOM globals.
 */
// One column-letter helper for templates, import messages and the self-check (dependency-free).
import { columnLetter } from "../reference/importProblem";

export const TEMPLATE_IDS = ["gap", "roi", "fit", "portfolio", "log", "reference"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export type SheetKey = TemplateId | "summary";

/** How formulas that need the Crossbench add-in are written. */
export type FormulaMode = "bench" | "portable";

export type CellValue = string | number | boolean | null;

/** One visual role per cell; the renderers map roles to fills and fonts (styles.ts). */
export type StyleName =
  | "title"
  | "purpose"
  | "section"
  | "header"
  | "label"
  | "input"
  /** Text the user records (a log's notes): typed by them, but no formula's driver, so not yellow. */
  | "record"
  | "output"
  | "key"
  | "note"
  | "warning";

/**
 * What a formula that needs the add-in becomes in portable mode: a native Excel formula, or a value
 * computed by src/core when the file is generated (the template puts GENERATED_VALUE_NOTE beside such cells).
 */
export type PortableFallback = { formula: string } | { value: CellValue };

export interface BenchFormula {
  /** The formula with BENCH functions, e.g. "=BENCH.NPV(B5,B10:E10)". */
  formula: string;
  portable: PortableFallback;
  /** The value src/core computes for the sample inputs (written as the cached result in bench mode). */
  cached?: CellValue;
  /** Cells the formula spills over (rows × columns, anchor included); 1×1 when absent. */
  spill?: { rows: number; columns: number };
}

/** A cell holds exactly one of: a literal, a native formula, or a BENCH formula with its portable fallback. */
export interface PlanCell {
  value?: CellValue;
  /** Native Excel formula starting with "=" (no _xlfn. prefixes: the file renderer adds them). */
  formula?: string;
  bench?: BenchFormula;
  /** Excel number format; every number and numeric formula has one. */
  format?: string;
  style?: StyleName;
}

/** A rectangle of cells written as one 2D array; `null` leaves a cell untouched. */
export interface CellBlock {
  /** Top-left cell, e.g. "A5". */
  at: string;
  rows: (PlanCell | null)[][];
}

export interface TablePlan {
  /** Base table name (unique suffix added when the workbook already has it). */
  name: string;
  /** Header row included, e.g. "A5:M30". */
  range: string;
  style?: string;
}

export interface NamePlan {
  name: string;
  /** Range on this sheet, e.g. "$B$12". */
  range: string;
  comment?: string;
}

export type ValidationPlan =
  | { range: string; kind: "list"; source: string; prompt?: string }
  | { range: string; kind: "whole" | "decimal"; min: number; max: number; prompt?: string };

export interface ConditionalFormatPlan {
  range: string;
  operator: "lessThan" | "greaterThan" | "equal" | "between";
  formula1: string;
  formula2?: string;
  fill: string;
  fontColor?: string;
}

export interface ChartPlan {
  title: string;
  /** barClustered draws horizontal bars (a tornado); columnClustered vertical ones (a histogram). */
  type: "line" | "xyScatter" | "columnClustered" | "barClustered";
  /**
   * One rectangle: the first row (seriesBy rows) or column (seriesBy columns) holds the categories, or
   * the x values of a scatter chart. One rectangle needs no Range arguments beyond charts.add.
   */
  data: string;
  seriesBy: "rows" | "columns";
  /** Where the chart's top-left corner goes. */
  anchor: string;
  /** Optional bottom-right corner. */
  to?: string;
  /** Axis titles: the category axis (the x axis of a scatter chart) and the value axis. */
  axisTitles?: { category?: string; value?: string };
  /** Fixed value-axis bounds (e.g. 0 and 1 for percentiles); automatic when absent. */
  valueRange?: { min: number; max: number };
}

export interface SheetPlan {
  key: SheetKey;
  /** Preferred sheet name; a renderer adds " (2)" etc. when the name exists. */
  name: string;
  /** The one line at the top that says what the sheet is for. */
  purpose: string;
  blocks: CellBlock[];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  tables?: TablePlan[];
  names?: NamePlan[];
  validations?: ValidationPlan[];
  conditionalFormats?: ConditionalFormatPlan[];
  charts?: ChartPlan[];
  /** Lock formula cells (inputs stay unlocked) where protection does not get in the way of use. */
  protect: boolean;
  freeze?: { rows: number; columns?: number };
}

// ---------- A1 address helpers ----------

// One column-letter helper for templates, import messages and the self-check.
export { columnLetter };

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Zero-based row/column of an address such as "B12" or "$B$12". */
export function parseCell(address: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not a cell address: ${address}`);
  return { row: Number(match[2]) - 1, column: columnIndex(match[1]) };
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const start = cellAddress(top, left);
  const end = cellAddress(bottom, right);
  return start === end ? start : `${start}:${end}`;
}

/** Bounds of a block. */
export function blockBounds(block: CellBlock): {
  top: number;
  left: number;
  bottom: number;
  right: number;
} {
  const { row, column } = parseCell(block.at);
  // A loop, not Math.max(...rows): spreading 125,000 rows into arguments overflows the stack.
  const width = block.rows.reduce((widest, r) => Math.max(widest, r.length), 0);
  return { top: row, left: column, bottom: row + block.rows.length - 1, right: column + width - 1 };
}

/** Quotes a sheet name for use in a formula: 'ROI (2)'!. */
export function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}
