/**
 * .xlsx reading with exceljs, kept apart from the other readers so that only the import flow (task
 * pane, CLI) loads exceljs: importPipeline imports this module on demand, and functions.js never does.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "./canonical";
import { detectHeader } from "./mapping";
import { RawTable, emptyTable, fileProblem, inferTableNumbers } from "./parsers";
import { checkInflatedSizes, checkZipLimits } from "./zipGuard";

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

function readRows(worksheet: ExcelJS.Worksheet): { rows: CellValue[][]; rowNumbers: number[] } {
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const width = row.cellCount;
    for (let c = 1; c <= width; c++) cells.push(excelCellValue(row.getCell(c).value));
    rows.push(cells);
    rowNumbers.push(rowNumber);
  });
  return { rows, rowNumbers };
}

/**
 * The sheet to open when the user named none: the first visible sheet whose rows hold a recognisable
 * header (so a "Notes" or cover sheet in front is passed over), else the first visible one with data.
 * Hidden sheets are never opened unasked.
 */
function chooseSheet(
  visible: ExcelJS.Worksheet[]
): { worksheet: ExcelJS.Worksheet; read: ReturnType<typeof readRows> } | undefined {
  let fallback: { worksheet: ExcelJS.Worksheet; read: ReturnType<typeof readRows> } | undefined;
  for (const worksheet of visible) {
    if (worksheet.actualRowCount === 0) continue;
    const read = readRows(worksheet);
    if (detectHeader(read.rows).layout !== "unknown") return { worksheet, read };
    fallback ??= { worksheet, read };
  }
  return (
    fallback ?? (visible[0] ? { worksheet: visible[0], read: readRows(visible[0]) } : undefined)
  );
}

/**
 * An .xlsx workbook: reads `sheet` (by name) or the visible sheet that holds a table. The zip's
 * declared sizes are checked before anything is inflated, and its real sizes before exceljs inflates
 * the parts whole.
 */
export async function parseXlsxBytes(
  bytes: Uint8Array,
  file: string,
  sheet?: string
): Promise<RawTable> {
  const refusal = checkZipLimits(bytes) ?? (await checkInflatedSizes(bytes));
  if (refusal) return emptyTable(file, [fileProblem(file, refusal)]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return emptyTable(file, [
      fileProblem(
        file,
        `This is not a readable .xlsx workbook (${reason.slice(0, 120)}). Save it as .xlsx or CSV.`
      ),
    ]);
  }
  const visible = workbook.worksheets.filter((w) => w.state === undefined || w.state === "visible");
  const table = emptyTable(file);
  table.sheets = visible.map((w) => w.name);
  const named = sheet !== undefined ? workbook.getWorksheet(sheet) : undefined;
  const chosen =
    sheet !== undefined
      ? named
        ? { worksheet: named, read: readRows(named) }
        : undefined
      : chooseSheet(visible);
  if (!chosen) {
    table.problems.push(
      fileProblem(
        file,
        sheet !== undefined
          ? `The workbook has no sheet named "${sheet.slice(0, 60)}". Sheets: ${table.sheets.join(", ")}.`
          : "The workbook has no visible worksheets."
      )
    );
    return table;
  }
  table.sheet = chosen.worksheet.name;
  table.rows = chosen.read.rows;
  table.rowNumbers = chosen.read.rowNumbers;
  return inferTableNumbers(table);
}
