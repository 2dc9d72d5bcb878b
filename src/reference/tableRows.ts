/**
 * Reads the rows of the workbook's own reference table (canonical columns, written by the add-in and
 * perhaps edited by hand) back into reference values. Deliberately small: the functions bundle needs it
 * and must not carry the import validator or the CSV parser. Cells arrive typed (numbers as numbers),
 * so the only work is checking that each row is still a usable reference value; a row that is not is
 * reported by its sheet row and left out, never guessed at.
 */
import type { CellValue } from "./canonical";
import type { ImportProblem } from "./importProblem";
import { catalogueMetric } from "./library";
import {
  DIRECTIONS,
  Direction,
  ReferenceValue,
  STATISTIC_KEYS,
  Statistics,
  UNITS,
  Unit,
} from "./model";

export interface TableRead {
  values: ReferenceValue[];
  /** By 1-based sheet row; a row is kept or left out whole, so `column` is "". */
  problems: ImportProblem[];
  /** Key of each row read, aligned with `rowIndexes` (0-based body rows), for merge planning. */
  rowIndexes: number[];
}

const text = (cell: CellValue | undefined): string =>
  cell === null || cell === undefined ? "" : String(cell).trim();

function numberOf(cell: CellValue | undefined): number | undefined | "invalid" {
  if (cell === null || cell === undefined || cell === "") return undefined;
  const figure = typeof cell === "number" ? cell : Number(String(cell).trim());
  return Number.isFinite(figure) ? figure : "invalid";
}

function booleanOf(cell: CellValue | undefined): boolean {
  if (typeof cell === "boolean") return cell;
  return ["true", "yes", "1"].includes(text(cell).toLowerCase());
}

/**
 * One row, its cells looked up by canonical field name (the table's own header names them, so this
 * module needs no copy of the column list); a string names what is wrong with it.
 */
export function valueFromCells(
  at: (field: string) => CellValue | undefined
): ReferenceValue | string {
  const industry = text(at("industry"));
  const metric = text(at("metric"));
  if (!industry || !metric) return "industry and metric are required";
  const known = catalogueMetric(metric);
  const unit = text(at("unit")) || known?.unit || "";
  const direction = text(at("direction")).toLowerCase() || known?.direction || "";
  if (!(UNITS as readonly string[]).includes(unit))
    return `unit "${unit}" is not one of ${UNITS.join(", ")}`;
  if (!(DIRECTIONS as readonly string[]).includes(direction))
    return `direction must be higher or lower; found "${direction}"`;
  const statistics: Statistics = {};
  for (const key of STATISTIC_KEYS) {
    const figure = numberOf(at(key));
    if (figure === "invalid") return `${key} must be a number`;
    if (figure !== undefined) statistics[key] = figure;
  }
  if (Object.keys(statistics).length === 0) return "the row has no figures";
  const year = numberOf(at("year"));
  if (
    year === "invalid" ||
    (year !== undefined && (!Number.isInteger(year) || year < 1900 || year > 2100))
  )
    return "year must be a whole number from 1900 to 2100";
  const n = numberOf(at("n"));
  if (n === "invalid" || (n !== undefined && (!Number.isInteger(n) || n < 0)))
    return "n must be a whole number";
  const source = text(at("source"));
  if (!source) return "source is required";
  const optional = (field: string): string | undefined => text(at(field)) || undefined;
  const value: ReferenceValue = {
    industry,
    metric,
    unit: unit as Unit,
    direction: direction as Direction,
    region: text(at("region")),
    statistics,
    source,
    illustrative: booleanOf(at("illustrative")),
  };
  if (year !== undefined) value.year = year;
  if (n !== undefined) value.n = n;
  const code = optional("industry_code");
  if (code) value.industryCode = code;
  const url = optional("source_url");
  if (url) value.sourceUrl = url;
  const licence = optional("licence");
  if (licence) value.licence = licence;
  const notes = optional("notes");
  if (notes) value.notes = notes;
  return value;
}

/**
 * Every non-blank body row under `header`; `firstSheetRow` is the sheet row of body row 0 and `sheet`
 * names the table's sheet in problems.
 */
export function readTableRows(
  header: readonly CellValue[],
  body: readonly (readonly CellValue[])[],
  firstSheetRow: number,
  sheet = "Crossbench Reference"
): TableRead {
  const columns = new Map(header.map((name, index) => [String(name ?? "").trim(), index]));
  const read: TableRead = { values: [], problems: [], rowIndexes: [] };
  body.forEach((cells, index) => {
    if (cells.every((c) => c === "" || c === null)) return;
    const result = valueFromCells((field) => {
      const column = columns.get(field);
      return column === undefined ? undefined : cells[column];
    });
    if (typeof result === "string")
      read.problems.push({
        file: sheet,
        sheet,
        row: firstSheetRow + index,
        column: "",
        message: result,
        severity: "error",
      });
    else {
      read.values.push(result);
      read.rowIndexes.push(index);
    }
  });
  return read;
}
