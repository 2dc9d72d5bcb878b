/**
 * What a user can type where, in a workbook made by the spawned CLI and read back as Excel would:
 * on every protected sheet the inputs are unlocked and every formula locked, and every drop-down offers
 * exactly the values its one declaration lists (directions, cost kinds, weight modes, decisions, target levels).
 */
import ExcelJS from "exceljs";
import path from "path";
import { COST_KINDS } from "../../src/core/businessCase";
import { DIRECTIONS } from "../../src/reference/model";
import { WEIGHT_MODES } from "../../src/templates/fit";
import { GAP_TARGET_LEVELS } from "../../src/templates/gap";
import { LOG_DECISIONS } from "../../src/templates/log";
import { STYLES } from "../../src/templates/styles";
import { runCli, tempFolder } from "./run";

const folder = tempFolder();
const argb = (hex: string | undefined): string | undefined =>
  hex === undefined ? undefined : `FF${hex.replace("#", "").toUpperCase()}`;
const INPUT_FILL = argb(STYLES.input.fill);
const RECORD_FONT = argb(STYLES.record.fontColor);

/** Lists the sheets may offer: each declared once in the code. */
const DECLARED_LISTS: readonly (readonly string[])[] = [
  DIRECTIONS,
  COST_KINDS,
  WEIGHT_MODES,
  LOG_DECISIONS,
  GAP_TARGET_LEVELS,
];

async function workbook(mode: string): Promise<ExcelJS.Workbook> {
  const file = path.join(folder, `${mode}.xlsx`);
  const result = await runCli(["workbook", "--out", file, "--formulas", mode]);
  expect(result.code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

const isProtected = (sheet: ExcelJS.Worksheet): boolean =>
  (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet === true;

const isInputCell = (cell: ExcelJS.Cell): boolean => {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === "pattern" && fill.fgColor?.argb === INPUT_FILL) return true;
  return cell.font?.color?.argb === RECORD_FONT && cell.formula === undefined;
};

const isFormula = (cell: ExcelJS.Cell): boolean =>
  typeof cell.value === "object" && cell.value !== null && "formula" in cell.value;

/** The literal values of a list validation, or undefined for a range-sourced list. */
function listValues(cell: ExcelJS.Cell): string[] | undefined {
  const rule = cell.dataValidation;
  if (rule?.type !== "list") return undefined;
  const formula = String(rule.formulae?.[0] ?? "");
  return formula.startsWith('"') ? formula.slice(1, -1).split(",") : undefined;
}

describe.each(["portable", "bench"])("crossbench workbook --formulas %s", (mode) => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await workbook(mode);
  }, 60_000);

  // Portfolio and Learning log are Excel tables the user extends row by row, so they stay unprotected.
  it("protects the sheets whose formulas the user must not overwrite", () => {
    for (const name of ["Summary", "Gap analysis", "ROI", "Fit scorecard"])
      expect([name, isProtected(book.getWorksheet(name)!)]).toEqual([name, true]);
  });

  it("leaves every input unlocked and locks every formula on protected sheets", () => {
    const wrong: string[] = [];
    let inputs = 0;
    for (const sheet of book.worksheets.filter(isProtected))
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const unlocked = cell.protection?.locked === false;
          if (isInputCell(cell)) {
            inputs++;
            if (!unlocked) wrong.push(`${sheet.name}!${cell.address} input is locked`);
          } else if (isFormula(cell) && unlocked) {
            wrong.push(`${sheet.name}!${cell.address} formula is unlocked`);
          }
        })
      );
    expect(wrong).toEqual([]);
    expect(inputs).toBeGreaterThan(50);
  });

  it("offers in every drop-down exactly one declared list, and one on every direction input", () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const sheet of book.worksheets)
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const values = listValues(cell);
          if (values !== undefined) {
            const declared = DECLARED_LISTS.find((list) => list.join(",") === values.join(","));
            if (declared === undefined)
              wrong.push(`${sheet.name}!${cell.address} lists ${values.join(",")}`);
            else seen.add(values.join(","));
          }
          const typed = typeof cell.value === "string" ? cell.value : undefined;
          if (
            isInputCell(cell) &&
            typed !== undefined &&
            (DIRECTIONS as readonly string[]).includes(typed)
          )
            if (values?.join(",") !== DIRECTIONS.join(","))
              wrong.push(
                `${sheet.name}!${cell.address} direction "${typed}" has no direction list`
              );
        })
      );
    expect(wrong).toEqual([]);
    for (const list of DECLARED_LISTS) expect(seen).toContain(list.join(","));
  });
});
