/**
 * Draws template plans into an .xlsx file with exceljs. exceljs cannot write charts, so the buffer it
 * writes goes through xlsxCharts.ts, which adds the plans' charts as native chart parts.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "fs";
import path from "path";
import { toFileFormula } from "./formulas";
import { parseCell, rangeAddress, SheetKey, type FormulaMode, type SheetPlan } from "./plan";
import { ResolvedCell, ResolvedSheet, resolvedCells, resolveSheet } from "./resolve";
import { uniqueSheetName } from "./sheetNames";
import { isInputStyle, STYLES } from "./styles";
import { addNativeCharts, type ChartSheet } from "./xlsxCharts";
import { cellText } from "../reference/textSafety";
import { withDynamicArrays } from "./xlsxDynamicArrays";

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

/** Applies the cell's number format, style and lock state. */
function styleCell(cell: ExcelJS.Cell, resolved: ResolvedCell, protect: boolean): void {
  if (resolved.format !== "General") cell.numFmt = resolved.format;
  const style = resolved.style ? STYLES[resolved.style] : undefined;
  if (style) {
    if (style.bold || style.italic || style.size || style.fontColor) {
      cell.font = {
        bold: style.bold,
        italic: style.italic,
        size: style.size,
        color: style.fontColor ? { argb: argb(style.fontColor) } : undefined,
      };
    }
    if (style.fill)
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    if (style.underline) cell.border = { bottom: { style: "thin", color: { argb: "FF8EA9DB" } } };
    if (style.wrap) cell.alignment = { wrapText: true, vertical: "top" };
  }
  if (protect && isInputStyle(resolved.style)) cell.protection = { locked: false };
}

type FileCellValue =
  ExcelJS.CellValue | { formula: string; result?: unknown; shareType?: "array"; ref?: string };

/** The value exceljs stores for a resolved cell (formulas get _xlfn. prefixes; arrays become CSE ranges). */
export function fileValue(resolved: ResolvedCell, row: number, column: number): FileCellValue {
  if (resolved.formula === undefined)
    return typeof resolved.value === "string" ? cellText(resolved.value, "file") : resolved.value;
  const value: { formula: string; result?: unknown; shareType?: "array"; ref?: string } = {
    formula: toFileFormula(resolved.formula),
  };
  if (resolved.result !== undefined && resolved.result !== null) value.result = resolved.result;
  if (resolved.spill && (resolved.spill.rows > 1 || resolved.spill.columns > 1)) {
    // exceljs writes this as a legacy array formula over the spill area; renderXlsxBuffer then adds the
    // dynamic-array cell metadata Excel stores for a spill (src/templates/xlsxDynamicArrays.ts).
    value.shareType = "array";
    value.ref = rangeAddress(
      row,
      column,
      row + resolved.spill.rows - 1,
      column + resolved.spill.columns - 1
    );
  }
  return value;
}

function validationFor(
  plan: NonNullable<SheetPlan["validations"]>[number]
): ExcelJS.DataValidation {
  const prompt = plan.prompt ? { showInputMessage: true, prompt: plan.prompt } : {};
  if (plan.kind === "list") {
    const formula = plan.source.startsWith("=") ? plan.source.slice(1) : `"${plan.source}"`;
    return {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      ...prompt,
    };
  }
  return {
    type: plan.kind,
    operator: "between",
    allowBlank: true,
    formulae: [plan.min, plan.max],
    showErrorMessage: true,
    error: plan.prompt,
    ...prompt,
  };
}

function eachCell(range: string, visit: (row: number, column: number) => void): void {
  const [start, end = start] = range.split(":");
  const a = parseCell(start);
  const b = parseCell(end);
  for (let r = a.row; r <= b.row; r++) for (let c = a.column; c <= b.column; c++) visit(r, c);
}

async function drawSheet(
  workbook: ExcelJS.Workbook,
  sheet: ResolvedSheet,
  tableNames: Set<string>
): Promise<void> {
  const { plan } = sheet;
  const ws = workbook.addWorksheet(
    sheet.name,
    plan.freeze
      ? { views: [{ state: "frozen", ySplit: plan.freeze.rows, xSplit: plan.freeze.columns ?? 0 }] }
      : {}
  );
  plan.columnWidths?.forEach((width, index) => {
    ws.getColumn(index + 1).width = width;
  });
  // Printed (or converted to PDF) one page wide, so a sheet never splits down its columns.
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  const cellAt = new Map<string, ResolvedCell>();
  for (const block of sheet.blocks) {
    block.rows.forEach((row, r) =>
      row.forEach((resolved, c) => {
        if (resolved) cellAt.set(`${block.top + r}:${block.left + c}`, resolved);
      })
    );
  }

  // Tables first: exceljs writes a table's cells itself, so the same values go in and styles follow.
  for (const table of plan.tables ?? []) {
    const [start, end] = table.range.split(":");
    const a = parseCell(start);
    const b = parseCell(end);
    const headers: string[] = [];
    for (let c = a.column; c <= b.column; c++)
      headers.push(String(cellAt.get(`${a.row}:${c}`)?.value ?? `Column ${c - a.column + 1}`));
    const rows: unknown[][] = [];
    for (let r = a.row + 1; r <= b.row; r++) {
      const values: unknown[] = [];
      for (let c = a.column; c <= b.column; c++) {
        const resolved = cellAt.get(`${r}:${c}`);
        values.push(resolved ? fileValue(resolved, r, c) : null);
      }
      rows.push(values);
    }
    const name = uniqueTableName(table.name, tableNames);
    ws.addTable({
      name,
      displayName: name,
      ref: start,
      headerRow: true,
      style: {
        theme: (table.style ?? "TableStyleLight9") as ExcelJS.TableStyleProperties["theme"],
        showRowStripes: true,
      },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
  }

  for (const [key, resolved] of cellAt) {
    const [row, column] = key.split(":").map(Number);
    const cell = ws.getCell(row + 1, column + 1);
    const value = fileValue(resolved, row, column);
    if (value !== null && value !== undefined) cell.value = value as ExcelJS.CellValue;
    styleCell(cell, resolved, plan.protect);
  }

  for (const validation of sheet.validations) {
    const rule = validationFor(validation);
    eachCell(validation.range, (r, c) => {
      ws.getCell(r + 1, c + 1).dataValidation = rule;
    });
  }
  let priority = 1;
  for (const format of plan.conditionalFormats ?? []) {
    ws.addConditionalFormatting({
      ref: format.range,
      rules: [
        {
          type: "cellIs",
          operator: format.operator,
          formulae: format.formula2 ? [format.formula1, format.formula2] : [format.formula1],
          priority: priority++,
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(format.fill) } },
            ...(format.fontColor ? { font: { color: { argb: argb(format.fontColor) } } } : {}),
          },
        },
      ],
    });
  }
  for (const name of plan.names ?? []) {
    workbook.definedNames.add(`'${sheet.name.replace(/'/g, "''")}'!${name.range}`, name.name);
  }
  if (plan.protect) {
    // No password: protection guards formulas against slips, not people (Review > Unprotect Sheet).
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      formatCells: true,
    });
  }
}

function uniqueTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Sheet names for a set of plans in a new workbook (unique, valid). */
export function sheetNamesFor(
  plans: readonly SheetPlan[],
  existing: readonly string[] = []
): Partial<Record<SheetKey, string>> {
  const taken = [...existing];
  const names: Partial<Record<SheetKey, string>> = {};
  for (const plan of plans) {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    names[plan.key] = name;
  }
  return names;
}

/** Builds the exceljs workbook for the plans (no charts: renderXlsxBuffer adds them to the bytes). */
export async function renderXlsx(
  plans: readonly SheetPlan[],
  mode: FormulaMode
): Promise<ExcelJS.Workbook> {
  return (await buildWorkbook(plans, mode)).workbook;
}

/** What the chart writer needs from a resolved sheet: its name, charts and generated cell values. */
function chartSheet(sheet: ResolvedSheet): ChartSheet {
  const cells = resolvedCells(sheet);
  return {
    name: sheet.name,
    charts: sheet.plan.charts ?? [],
    cell: (row, column) => {
      const resolved = cells.get(`${row}:${column}`);
      if (!resolved) return undefined;
      return {
        value: resolved.formula === undefined ? resolved.value : (resolved.result ?? undefined),
        format: resolved.format,
      };
    },
  };
}

async function buildWorkbook(
  plans: readonly SheetPlan[],
  mode: FormulaMode
): Promise<{ workbook: ExcelJS.Workbook; sheets: ResolvedSheet[] }> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Crossbench";
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  // Native formulas are written without cached results, so Excel must calculate on open.
  workbook.calcProperties.fullCalcOnLoad = true;
  const names = sheetNamesFor(plans);
  const tableNames = new Set<string>();
  const sheets: ResolvedSheet[] = [];
  for (const plan of plans) {
    const sheet = resolveSheet(plan, names[plan.key]!, mode, names);
    await drawSheet(workbook, sheet, tableNames);
    sheets.push(sheet);
  }
  return { workbook, sheets };
}

/** The .xlsx bytes for the plans, with their charts. */
export async function renderXlsxBuffer(
  plans: readonly SheetPlan[],
  mode: FormulaMode
): Promise<Buffer> {
  const { workbook, sheets } = await buildWorkbook(plans, mode);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return withDynamicArrays(await addNativeCharts(bytes, sheets.map(chartSheet)));
}

/**
 * Writes the file atomically: to a temporary file in the target folder, then renamed, so a failure
 * never leaves a half-written workbook where the user expects the result.
 */
export async function writeXlsxFile(
  plans: readonly SheetPlan[],
  mode: FormulaMode,
  outPath: string
): Promise<void> {
  const bytes = await renderXlsxBuffer(plans, mode);
  const folder = path.dirname(path.resolve(outPath));
  const temporaryFolder = mkdtempSync(path.join(folder, ".crossbench-"));
  const temporary = path.join(temporaryFolder, path.basename(outPath));
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, outPath);
  } finally {
    rmSync(temporaryFolder, { recursive: true, force: true });
  }
}
