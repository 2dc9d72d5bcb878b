/**
 * Resolves a sheet plan for one formula mode and the sheet names actually used: picks the BENCH formula or
 * its portable fallback for every cell and fills in cross-sheet references. Both renderers draw the
 * resolved form, which is what keeps them identical.
 */
import {
  blockBounds,
  CellValue,
  FormulaMode,
  parseCell,
  PlanCell,
  SheetKey,
  SheetPlan,
  sheetReference,
  StyleName,
} from "./plan";

export interface ResolvedCell {
  /** A literal, when the cell has no formula. */
  value: CellValue;
  /** Formula starting with "=", or undefined. */
  formula?: string;
  /** Cached result to store with a formula in a file (bench mode). */
  result?: CellValue;
  /** Spill size of a formula that returns an array (bench mode). */
  spill?: { rows: number; columns: number };
  format: string;
  style?: StyleName;
}

export interface ResolvedBlock {
  top: number;
  left: number;
  bottom: number;
  right: number;
  rows: (ResolvedCell | null)[][];
}

export interface ResolvedSheet {
  plan: SheetPlan;
  /** The sheet name this rendering uses. */
  name: string;
  blocks: ResolvedBlock[];
  /** Validation sources and conditional-format formulas with sheet references filled in. */
  validations: NonNullable<SheetPlan["validations"]>;
}

/** `{sheet:roi}` in a formula stands for the ROI sheet's reference (e.g. `'ROI (2)'!`). */
const SHEET_TOKEN = /\{sheet:([a-z]+)\}/g;

export function fillSheetReferences(
  text: string,
  sheetNames: Partial<Record<SheetKey, string>>
): string {
  return text.replace(SHEET_TOKEN, (_match, key: string) => {
    const name = sheetNames[key as SheetKey];
    if (name === undefined)
      throw new Error(`The plan refers to sheet "${key}", which is not being generated.`);
    return sheetReference(name);
  });
}

export function resolveCell(
  cell: PlanCell,
  mode: FormulaMode,
  sheetNames: Partial<Record<SheetKey, string>>
): ResolvedCell {
  const format = cell.format ?? "General";
  if (cell.bench) {
    if (mode === "bench") {
      return {
        value: null,
        formula: fillSheetReferences(cell.bench.formula, sheetNames),
        result: cell.bench.cached,
        spill: cell.bench.spill,
        format,
        style: cell.style,
      };
    }
    const fallback = cell.bench.portable;
    if ("formula" in fallback)
      return {
        value: null,
        formula: fillSheetReferences(fallback.formula, sheetNames),
        format,
        style: cell.style,
      };
    return { value: fallback.value, format, style: cell.style };
  }
  if (cell.formula !== undefined)
    return {
      value: null,
      formula: fillSheetReferences(cell.formula, sheetNames),
      format,
      style: cell.style,
    };
  return { value: cell.value ?? null, format, style: cell.style };
}

export function resolveSheet(
  plan: SheetPlan,
  name: string,
  mode: FormulaMode,
  sheetNames: Partial<Record<SheetKey, string>>
): ResolvedSheet {
  const blocks = plan.blocks.map((block): ResolvedBlock => {
    const bounds = blockBounds(block);
    const width = bounds.right - bounds.left + 1;
    const rows = block.rows.map((row) => {
      const resolved: (ResolvedCell | null)[] = row.map((cell) =>
        cell ? resolveCell(cell, mode, sheetNames) : null
      );
      while (resolved.length < width) resolved.push(null);
      return resolved;
    });
    return { ...bounds, rows };
  });
  const validations = (plan.validations ?? []).map((v) =>
    v.kind === "list" ? { ...v, source: fillSheetReferences(v.source, sheetNames) } : v
  );
  return { plan, name, blocks, validations };
}

/** Every resolved cell by address (for comparisons and tests). */
export function resolvedCells(sheet: ResolvedSheet): Map<string, ResolvedCell> {
  const cells = new Map<string, ResolvedCell>();
  for (const block of sheet.blocks) {
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell) cells.set(`${block.top + r}:${block.left + c}`, cell);
      })
    );
  }
  return cells;
}

export const cellKey = (address: string): string => {
  const { row, column } = parseCell(address);
  return `${row}:${column}`;
};
