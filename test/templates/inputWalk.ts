/**
 * The inert-input walk: which input-styled cells of a set of resolved sheets no formula refers to.
 * References are read from every formula outside its string literals: cells and ranges, with or without
 * $ and a (quoted) sheet name, whole columns, and defined names (a name's range counts as referenced).
 */
import { cellAddress, parseCell, type SheetPlan } from "../../src/templates/plan";
import { resolvedCells, resolveSheet, type ResolvedSheet } from "../../src/templates/resolve";
import type { FormulaMode } from "../../src/templates/plan";
import { sheetNamesFor } from "../../src/templates/renderXlsx";

const REFERENCE =
  /(?<![A-Za-z0-9_.$'])(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Z]{1,3})(\$?\d+)?(?::(\$?[A-Z]{1,3})(\$?\d+)?)?(?![A-Za-z0-9_(.!])/g;
const NAME = /(?<![A-Za-z0-9_.$'!])([A-Za-z_][A-Za-z0-9_.]*)(?![A-Za-z0-9_(!])/g;

const withoutStrings = (formula: string): string => formula.replace(/"(?:[^"]|"")*"/g, '""');
const unquote = (sheet: string): string =>
  sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;

/** Cells (sheet name → "row:column" keys) a formula on `home` refers to. */
export function formulaReferences(
  formula: string,
  home: string,
  names: ReadonlyMap<string, { sheet: string; range: string }>
): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const mark = (sheet: string, top: number, left: number, bottom: number, right: number): void => {
    const cells = found.get(sheet) ?? new Set<string>();
    for (let r = Math.min(top, bottom); r <= Math.max(top, bottom); r++)
      for (let c = Math.min(left, right); c <= Math.max(left, right); c++) cells.add(`${r}:${c}`);
    found.set(sheet, cells);
  };
  const markRange = (sheet: string, range: string): void => {
    const [start, end = start] = range.replace(/\$/g, "").split(":");
    const a = parseCell(start);
    const b = parseCell(end);
    mark(sheet, a.row, a.column, b.row, b.column);
  };
  const body = withoutStrings(formula);
  for (const match of body.matchAll(REFERENCE)) {
    const [, sheetPart, startColumn, startRow, endColumn, endRow] = match;
    const sheet = sheetPart ? unquote(sheetPart) : home;
    if (startRow === undefined && endColumn !== undefined && endRow === undefined) {
      // A whole-column reference such as A:A: "*:column" keys.
      const left = parseCell(`${startColumn}1`).column;
      const right = parseCell(`${endColumn}1`).column;
      const cells = found.get(sheet) ?? new Set<string>();
      for (let c = Math.min(left, right); c <= Math.max(left, right); c++) cells.add(`*:${c}`);
      found.set(sheet, cells);
    } else if (startRow !== undefined) {
      markRange(
        sheet,
        endColumn && endRow
          ? `${startColumn}${startRow}:${endColumn}${endRow}`
          : `${startColumn}${startRow}`
      );
    }
  }
  for (const match of body.matchAll(NAME)) {
    const name = names.get(match[1].toLowerCase());
    if (name) markRange(name.sheet, name.range);
  }
  return found;
}

/** Input-styled cells no formula refers to, as "Sheet!A1 (value)". */
export function inertInputs(plans: readonly SheetPlan[], mode: FormulaMode): string[] {
  const sheetNames = sheetNamesFor(plans);
  const sheets: ResolvedSheet[] = plans.map((plan) =>
    resolveSheet(plan, sheetNames[plan.key]!, mode, sheetNames)
  );
  const names = new Map<string, { sheet: string; range: string }>();
  for (const sheet of sheets)
    for (const name of sheet.plan.names ?? [])
      names.set(name.name.toLowerCase(), { sheet: sheet.name, range: name.range });
  const referenced = new Map<string, Set<string>>();
  for (const sheet of sheets)
    for (const cell of resolvedCells(sheet).values()) {
      if (cell.formula === undefined) continue;
      for (const [target, keys] of formulaReferences(cell.formula, sheet.name, names)) {
        const all = referenced.get(target) ?? new Set<string>();
        keys.forEach((key) => all.add(key));
        referenced.set(target, all);
      }
    }
  const inert: string[] = [];
  for (const sheet of sheets)
    for (const [key, cell] of resolvedCells(sheet)) {
      const [row, column] = key.split(":").map(Number);
      const cells = referenced.get(sheet.name);
      if (cell.style !== "input" || cells?.has(key) || cells?.has(`*:${column}`)) continue;
      inert.push(`${sheet.name}!${cellAddress(row, column)} (${JSON.stringify(cell.value)})`);
    }
  return inert;
}
