/** Input files in the shapes users have, written into a test's folder. */
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import Papa from "papaparse";
import path from "path";
import { SAMPLES } from "./run";

export const sample = (name: string): string => path.join(SAMPLES, name);

/** The canonical sample as rows of text. */
export function canonicalRows(): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(sample("reference-canonical.csv"), "utf8"), {
    skipEmptyLines: true,
  });
  return parsed.data;
}

export function writeCsv(
  folder: string,
  name: string,
  rows: readonly (readonly string[])[]
): string {
  const file = path.join(folder, name);
  writeFileSync(file, Papa.unparse(rows as string[][]) + "\n");
  return file;
}

/** Tab-separated with decimal commas, as a European spreadsheet exports it. */
export function writeEuropeanTsv(folder: string, name = "reference.tsv"): string {
  const rows = canonicalRows().map((row, i) =>
    i === 0 ? row : row.map((cell) => (/^-?\d+\.\d+$/.test(cell) ? cell.replace(".", ",") : cell))
  );
  const file = path.join(folder, name);
  writeFileSync(file, rows.map((r) => r.join("\t")).join("\n") + "\n");
  return file;
}

/** An .xlsx with the data on a sheet named "Data", after a notes sheet unless `notesFirst` is false. */
export async function writeXlsx(
  folder: string,
  name = "reference.xlsx",
  rows: readonly (readonly string[])[] = canonicalRows(),
  notesFirst = true
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  if (notesFirst)
    workbook.addWorksheet("Notes").getCell("A1").value = "Figures from our association, 2025";
  const data = workbook.addWorksheet("Data");
  rows.forEach((row, i) =>
    data.addRow(i === 0 ? row : row.map((c) => (c !== "" && !isNaN(Number(c)) ? Number(c) : c)))
  );
  const file = path.join(folder, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** JSON: an array of objects keyed by the canonical headers. */
export function writeJson(folder: string, name = "reference.json"): string {
  const [header, ...body] = canonicalRows();
  const objects = body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify(objects, null, 2));
  return file;
}
