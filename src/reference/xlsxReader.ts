/**
 * .xlsx reading with exceljs, kept apart from the other readers so that only the import flow (task
 * pane, CLI) loads exceljs: importPipeline imports this module on demand, and functions.js never does.
 */
import ExcelJS from "exceljs";
import { CellValue } from "./canonical";
import { RawTable, detectDecimalComma, emptyTable, fileProblem } from "./parsers";

function excelCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((part) => part.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      // The cached result is what the source's author saw; the formula itself is never imported.
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return result === undefined ? null : excelCellValue(result);
    }
    if ("hyperlink" in value)
      return String(
        (value as { text?: unknown }).text ?? (value as { hyperlink: string }).hyperlink
      );
    if ("error" in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

/** An .xlsx workbook: reads `sheet` (by name) or the first worksheet with data. */
export async function parseXlsxBytes(
  bytes: Uint8Array,
  file: string,
  sheet?: string
): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return emptyTable(file, [
      fileProblem(
        file,
        `This is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)}). Save it as .xlsx or CSV.`
      ),
    ]);
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const worksheet =
    sheet !== undefined
      ? workbook.getWorksheet(sheet)
      : (workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0]);
  const table = emptyTable(file);
  table.sheets = sheets;
  if (!worksheet) {
    table.problems.push(
      fileProblem(
        file,
        sheet !== undefined
          ? `The workbook has no sheet named "${sheet}". Sheets: ${sheets.join(", ")}.`
          : "The workbook has no worksheets."
      )
    );
    return table;
  }
  table.sheet = worksheet.name;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const width = row.cellCount;
    for (let c = 1; c <= width; c++) cells.push(excelCellValue(row.getCell(c).value));
    table.rows.push(cells);
    table.rowNumbers.push(rowNumber);
  });
  table.decimalComma = detectDecimalComma(table.rows, undefined);
  return table;
}
