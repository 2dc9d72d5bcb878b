/**
 * Draws template plans into the open workbook. New sheets only (an existing name gets " (2)"), the name is
 * passed to worksheets.add (renaming afterwards clears the undo stack on Excel for Windows), one load
 * sync plus one write sync per template (values and formulas as 2D arrays per block, formats in the same
 * batch), one undo group where ExcelApi 1.20 allows, and on failure the sheets it created are removed
 * and the error says so. Worksheet protection and sheet deletion have no undo support (Microsoft's
 * undo-capabilities table): inside an undo group they throw UndoNotSupported, so sheets are protected,
 * and clean-up deletes them, in requests of their own outside the group.
 */
import { getActiveLibrary, whenWorkbookLoaded } from "../reference/activeLibrary";
import { cellText } from "../reference/textSafety";
import { METRIC_CATALOGUE } from "../reference/catalogue";
import { PRACTICE_LIBRARY } from "../reference/practices";
import type { TemplateContext, TemplateLibrary } from "../templates/context";
import { coreMaths } from "../templates/defaults";
import { buildWorkbookPlan } from "../templates/index";
import type { FormulaMode, SheetKey, SheetPlan, TemplateId } from "../templates/plan";
import { columnLetter, rangeAddress } from "../templates/plan";
import { ResolvedCell, ResolvedSheet, resolveSheet } from "../templates/resolve";
import { uniqueSheetName } from "../templates/sheetNames";
import { isInputStyle, STYLES } from "../templates/styles";
import type { StyleName } from "../templates/plan";

import { officeSupports, SupportsSet } from "./requirements";

export type { SupportsSet } from "./requirements";

export interface TemplateRenderOptions {
  /** "bench" (default in the add-in: the BENCH functions are there) or "portable". */
  mode?: FormulaMode;
  supports?: SupportsSet;
  /** Queued-request budget before an extra sync, so a huge sheet stays under Excel's payload limit. */
  requestBudgetBytes?: number;
  /** The user's pane defaults (insertTemplates only). */
  preferences?: TemplateContext["preferences"];
}

export interface RenderedSheet {
  key: SheetKey;
  name: string;
}

/** A template could not be drawn; `message` says what happened, what was cleaned up and what to do. */
export class TemplateRenderError extends Error {
  constructor(
    message: string,
    readonly removedSheets: readonly string[],
    readonly leftBehind: readonly string[],
    readonly excelError?: unknown
  ) {
    super(message);
    this.name = "TemplateRenderError";
  }
}

/** Excel on the web rejects requests over 5 MB; stay well below it. */
const DEFAULT_REQUEST_BUDGET = 4_000_000;
const utf8 = new TextEncoder();
/** The payload limit counts bytes on the wire (UTF-8), not UTF-16 code units: "€" is 3 bytes. */
const utf8Length = (text: string): number => utf8.encode(text).length;
/** Points per character of column width (Calibri 11). */
const POINTS_PER_CHARACTER = 6.5;

/**
 * Literal text goes through the reference writer's text-safety function, so text Excel would read as a
 * formula, number, date, time, error or boolean keeps a leading apostrophe and stays exactly this text.
 */
export function literalForExcel(value: ResolvedCell["value"]): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  return cellText(value, "range");
}

type Rectangle = { top: number; left: number; bottom: number; right: number };

/** Groups cells with the same key into few rectangles (runs per row, then merged down). */
export function rectanglesByKey<K extends string>(cells: Map<string, K>): Map<K, Rectangle[]> {
  const byRow = new Map<number, { column: number; key: K }[]>();
  for (const [address, key] of cells) {
    const [row, column] = address.split(":").map(Number);
    if (!byRow.has(row)) byRow.set(row, []);
    byRow.get(row)!.push({ column, key });
  }
  const open = new Map<string, Rectangle & { key: K }>();
  const result = new Map<K, Rectangle[]>();
  const close = (rect: Rectangle & { key: K }): void => {
    if (!result.has(rect.key)) result.set(rect.key, []);
    result
      .get(rect.key)!
      .push({ top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right });
  };
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    const entries = byRow.get(row)!.sort((a, b) => a.column - b.column);
    const runs: (Rectangle & { key: K })[] = [];
    for (const entry of entries) {
      const last = runs[runs.length - 1];
      if (last && last.key === entry.key && last.right === entry.column - 1)
        last.right = entry.column;
      else
        runs.push({
          top: row,
          bottom: row,
          left: entry.column,
          right: entry.column,
          key: entry.key,
        });
    }
    const seen = new Set<string>();
    for (const run of runs) {
      const id = `${run.left}:${run.right}:${run.key}`;
      const previous = open.get(id);
      if (previous && previous.bottom === row - 1) {
        previous.bottom = row;
      } else {
        if (previous) close(previous);
        open.set(id, run);
      }
      seen.add(id);
    }
    for (const [id, rect] of open) {
      if (!seen.has(id) && rect.bottom < row) {
        close(rect);
        open.delete(id);
      }
    }
  }
  for (const rect of open.values()) close(rect);
  return result;
}

const address = (r: Rectangle): string => rangeAddress(r.top, r.left, r.bottom, r.right);

const OPERATORS = {
  lessThan: "LessThan",
  greaterThan: "GreaterThan",
  equal: "EqualTo",
  between: "Between",
} as const;
const CHART_TYPES = {
  line: "Line",
  xyScatter: "XYScatter",
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
} as const;

/**
 * Queues everything for one sheet. Cell blocks go as 2D arrays; only when the queued request would pass
 * the budget (a very large sheet) does it sync part-way, so ordinary templates take a single sync.
 */
async function queueSheet(
  context: Excel.RequestContext,
  sheet: ResolvedSheet,
  tableNames: Set<string>,
  supports: SupportsSet,
  budget: number
): Promise<void> {
  const { plan } = sheet;
  let bytes = 0;
  // "Until next sync": queued first, so it covers every write of this request (and again after a split).
  const suspendScreen = (): void => {
    if (supports("ExcelApi", "1.9")) context.application.suspendScreenUpdatingUntilNextSync();
  };
  suspendScreen();
  const worksheet = context.workbook.worksheets.add(sheet.name);
  const styles = new Map<string, StyleName>();
  const unlocked = new Map<string, "input">();

  for (const block of sheet.blocks) {
    let chunkStart = 0;
    let chunkBytes = 0;
    const flush = (end: number): void => {
      if (end <= chunkStart) return;
      const rows = block.rows.slice(chunkStart, end);
      const range = worksheet.getRange(
        rangeAddress(block.top + chunkStart, block.left, block.top + end - 1, block.right)
      );
      // null leaves a cell as it is (blank on a new sheet), so a spilled formula has room to spill.
      range.formulas = rows.map((row) =>
        row.map((cell) => (cell ? (cell.formula ?? literalForExcel(cell.value)) : null))
      ) as unknown as string[][];
      range.numberFormat = rows.map((row) =>
        row.map((cell) => (cell ? cell.format : null))
      ) as unknown as string[][];
      bytes += chunkBytes;
      chunkStart = end;
      chunkBytes = 0;
    };
    for (let r = 0; r < block.rows.length; r++) {
      const rowBytes = utf8Length(
        JSON.stringify(
          block.rows[r].map((cell) => (cell ? [cell.formula ?? cell.value, cell.format] : null))
        )
      );
      if (bytes + chunkBytes + rowBytes > budget && (chunkBytes > 0 || bytes > 0)) {
        flush(r);
        // Only for a sheet too large for one request: the payload limit leaves no choice.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        bytes = 0;
        suspendScreen();
      }
      chunkBytes += rowBytes;
    }
    flush(block.rows.length);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const key = `${block.top + r}:${block.left + c}`;
        if (cell?.style) styles.set(key, cell.style);
        if (plan.protect && isInputStyle(cell?.style)) unlocked.set(key, "input");
      })
    );
  }

  for (const [style, rectangles] of rectanglesByKey(styles)) {
    const look = STYLES[style];
    for (const rectangle of rectangles) {
      const format = worksheet.getRange(address(rectangle)).format;
      if (look.fill) format.fill.color = look.fill;
      if (look.fontColor) format.font.color = look.fontColor;
      if (look.bold) format.font.bold = true;
      if (look.italic) format.font.italic = true;
      if (look.size) format.font.size = look.size;
      if (look.wrap) format.wrapText = true;
      if (look.underline) format.borders.getItem("EdgeBottom").style = "Continuous";
    }
  }
  plan.columnWidths?.forEach((width, column) => {
    worksheet.getRange(`${columnLetter(column)}:${columnLetter(column)}`).format.columnWidth =
      width * POINTS_PER_CHARACTER;
  });
  for (const table of plan.tables ?? []) {
    const added = worksheet.tables.add(table.range, true);
    added.name = uniqueTableName(table.name, tableNames);
    if (table.style) added.style = table.style;
  }
  for (const name of plan.names ?? []) {
    // Sheet-scoped, so a second copy of the template (ROI (2)) does not clash with the first.
    worksheet.names.add(name.name, worksheet.getRange(name.range.replace(/\$/g, "")), name.comment);
  }
  for (const validation of sheet.validations) {
    const target = worksheet.getRange(validation.range).dataValidation;
    if (validation.kind === "list") {
      target.rule = { list: { inCellDropDown: true, source: validation.source } };
    } else {
      const rule = {
        formula1: validation.min,
        formula2: validation.max,
        operator: "Between" as const,
      };
      target.rule = validation.kind === "whole" ? { wholeNumber: rule } : { decimal: rule };
    }
    if (validation.prompt)
      target.prompt = { showPrompt: true, message: validation.prompt, title: "Crossbench" };
  }
  for (const format of plan.conditionalFormats ?? []) {
    const conditional = worksheet.getRange(format.range).conditionalFormats.add("CellValue");
    conditional.cellValue.format.fill.color = format.fill;
    if (format.fontColor) conditional.cellValue.format.font.color = format.fontColor;
    conditional.cellValue.rule = {
      formula1: `=${format.formula1}`,
      ...(format.formula2 ? { formula2: `=${format.formula2}` } : {}),
      operator: OPERATORS[format.operator],
    };
  }
  for (const chartPlan of plan.charts ?? []) {
    const chart = worksheet.charts.add(
      CHART_TYPES[chartPlan.type],
      worksheet.getRange(chartPlan.data),
      chartPlan.seriesBy === "rows" ? "Rows" : "Columns"
    );
    chart.title.text = chartPlan.title;
    chart.setPosition(chartPlan.anchor, chartPlan.to);
    // The same axis titles and bounds the file's chart part carries (xlsxCharts.ts).
    if (chartPlan.axisTitles?.category)
      chart.axes.categoryAxis.title.text = chartPlan.axisTitles.category;
    if (chartPlan.axisTitles?.value) chart.axes.valueAxis.title.text = chartPlan.axisTitles.value;
    if (chartPlan.valueRange) {
      chart.axes.valueAxis.minimum = chartPlan.valueRange.min;
      chart.axes.valueAxis.maximum = chartPlan.valueRange.max;
    }
  }
  if (plan.freeze) {
    if (plan.freeze.columns)
      worksheet.freezePanes.freezeAt(
        worksheet.getRange(rangeAddress(0, 0, plan.freeze.rows - 1, plan.freeze.columns - 1))
      );
    else worksheet.freezePanes.freezeRows(plan.freeze.rows);
  }
  if (plan.protect) {
    // Unlocking input cells is a format change (undoable); the protection itself comes later.
    for (const rectangle of rectanglesByKey(unlocked).get("input") ?? []) {
      worksheet.getRange(address(rectangle)).format.protection.locked = false;
    }
  }
}

/** No password: protection guards formulas against slips; Review > Unprotect Sheet lifts it. */
const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: true,
};

/** Table names share one namespace with workbook-scoped defined names (and other tables). */
function uniqueTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** What to tell the user for an error from Excel. */
export function explainExcelError(error: unknown): string {
  const code = (error as { code?: string })?.code ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "RequestPayloadSizeLimitExceeded":
      return "The template was too large for one request to Excel. Try fewer templates at a time.";
    case "AccessDenied":
    case "InvalidOperation":
    case "InvalidOperationInCellEditMode":
      return `Excel refused the change (${detail}). If the workbook structure is protected, unprotect it (Review > Protect Workbook); leave cell edit mode and try again.`;
    case "ItemAlreadyExists":
      return "A sheet or table with the same name appeared while drawing. Try again.";
    default:
      return `Excel could not draw the template (${code || "error"}: ${detail}). Try again; if it keeps failing, reload the add-in.`;
  }
}

/**
 * Draws the plans as new sheets, in order, and returns the names used. Nothing existing is modified:
 * names that are taken get a suffix. On failure the sheets drawn so far are deleted and a
 * TemplateRenderError explains what happened.
 *
 * Three kinds of request, because Excel allows no other split: the drawing, in one undo group where
 * ExcelApi 1.20 exists; then the sheet protection (no undo support, so outside the group); and, only
 * on failure, the clean-up (Worksheet.delete has no undo support either).
 */
export async function renderTemplatesIntoWorkbook(
  plans: readonly SheetPlan[],
  options: TemplateRenderOptions = {}
): Promise<RenderedSheet[]> {
  const mode = options.mode ?? "bench";
  const supports = options.supports ?? officeSupports;
  const budget = options.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET;
  const baseOptions: Excel.RunOptions = {};
  if (supports("ExcelApi", "1.11")) baseOptions.delayForCellEdit = true;
  const drawOptions: Excel.RunOptions = { ...baseOptions };
  if (supports("ExcelApi", "1.20")) drawOptions.mergeUndoGroup = true;

  const started: string[] = [];
  let rendered: RenderedSheet[];
  try {
    rendered = await Excel.run(drawOptions, (context) =>
      drawSheets(context, plans, mode, supports, budget, started)
    );
  } catch (error) {
    throw await cleanUp(baseOptions, started, error);
  }
  const toProtect = rendered.filter((_, i) => plans[i].protect).map((sheet) => sheet.name);
  if (toProtect.length > 0) {
    try {
      await Excel.run(baseOptions, async (context) => {
        for (const name of toProtect)
          context.workbook.worksheets.getItem(name).protection.protect(PROTECTION);
        await context.sync();
      });
    } catch (error) {
      throw await cleanUp(baseOptions, started, error);
    }
  }
  return rendered;
}

/** The drawing request(s): picks free sheet and table names, then one sync per template. */
async function drawSheets(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[],
  mode: FormulaMode,
  supports: SupportsSet,
  budget: number,
  started: string[]
): Promise<RenderedSheet[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const definedNames = context.workbook.names;
  definedNames.load("items/name");
  await context.sync();

  const taken = worksheets.items.map((w) => w.name);
  const names: Partial<Record<SheetKey, string>> = {};
  for (const plan of plans) {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    names[plan.key] = name;
  }
  const tableNames = new Set(
    [...tables.items, ...definedNames.items].map((item) => item.name.toLowerCase())
  );
  for (const plan of plans) {
    const resolved = resolveSheet(plan, names[plan.key]!, mode, names);
    started.push(resolved.name);
    await queueSheet(context, resolved, tableNames, supports, budget);
    // One sync per template by design: a failure then leaves whole sheets to remove, never a mix.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  return plans.map((plan) => ({ key: plan.key, name: names[plan.key]! }));
}

/**
 * Deletes the sheets this insert created, in a request of its own outside any undo group, and builds
 * the error the pane shows.
 */
async function cleanUp(
  runOptions: Excel.RunOptions,
  started: readonly string[],
  error: unknown
): Promise<TemplateRenderError> {
  const reason = error instanceof TemplateRenderError ? error.message : explainExcelError(error);
  const removed: string[] = [];
  let leftBehind: string[] = [];
  if (started.length === 0)
    return new TemplateRenderError(`${reason} No sheets were added.`, [], [], error);
  try {
    await Excel.run(runOptions, async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const present = new Set(worksheets.items.map((w) => w.name));
      for (const name of started) {
        if (!present.has(name)) continue;
        worksheets.getItem(name).delete();
        removed.push(name);
      }
      await context.sync();
    });
  } catch {
    leftBehind = [...started];
    removed.length = 0;
  }
  const cleanup =
    leftBehind.length > 0
      ? ` Crossbench could not remove the unfinished sheets ${leftBehind.map((n) => `"${n}"`).join(", ")}: delete them by hand.`
      : removed.length > 0
        ? ` Crossbench removed the unfinished sheets it had added (${removed.map((n) => `"${n}"`).join(", ")}); your other sheets were not touched.`
        : " No sheets were added.";
  return new TemplateRenderError(reason + cleanup, removed, leftBehind, error);
}

/** The library the add-in's templates use: the active one (workbook rows over the bundled figures). */
export function activeTemplateLibrary(): TemplateLibrary {
  return {
    metrics: METRIC_CATALOGUE,
    values: getActiveLibrary().values,
    practices: PRACTICE_LIBRARY,
  };
}

/**
 * What the task pane calls: builds the chosen templates (plus a Summary when there are several) for the
 * user's industry from the active library and draws them with BENCH formulas. Returns the sheet names.
 */
export async function insertTemplates(
  templates: readonly TemplateId[],
  industry: string,
  options: TemplateRenderOptions = {}
): Promise<RenderedSheet[]> {
  await whenWorkbookLoaded();
  const library = activeTemplateLibrary();
  const plans = buildWorkbookPlan({
    templates,
    summary: templates.length > 1,
    drawsCharts: true,
    mode: options.mode ?? "bench",
    library,
    maths: coreMaths(library),
    industry,
    preferences: options.preferences,
  });
  return renderTemplatesIntoWorkbook(plans, options);
}
