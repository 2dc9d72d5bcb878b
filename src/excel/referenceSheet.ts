/**
 * Where the workbook's reference data lives and how it is read: the `Crossbench Reference` sheet
 * holding the `CrossbenchReference` table (canonical columns; Excel table names cannot contain spaces).
 * Shared by the reader/sync (./referenceSync, in the functions bundle) and the writer
 * (./referenceWriter, in the pane), so it carries no import code.
 */
import type { CellValue } from "../reference/canonical";

export const REFERENCE_SHEET = "Crossbench Reference";
export const REFERENCE_TABLE = "CrossbenchReference";
/** Row of the table's header on its sheet (1-based); the rows above hold a short explanation. */
export const REFERENCE_HEADER_ROW = 3;
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

const encoder = new TextEncoder();
export const bytesOf = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === code;
}

export interface TableSnapshot {
  exists: boolean;
  sheetExists: boolean;
  /** The sheet is protected (by the user: the add-in's own guard is never left on between imports). */
  sheetProtected: boolean;
  header: CellValue[];
  body: CellValue[][];
  /** 0-based sheet row and column of the first data row's first cell. */
  bodyRow: number;
  bodyColumn: number;
  tableId?: string;
  syncs: number;
}

/**
 * Reads the table's header and body. Large bodies are read in row chunks sized from the first chunk's
 * bytes so each response stays under the budget (Excel on the web refuses responses over 5 MB); a
 * chunk Excel still refuses is halved and read again. Syncs: existence, size, then one per chunk.
 */
export async function snapshot(
  context: Excel.RequestContext,
  budgetBytes = DEFAULT_MAX_REQUEST_BYTES
): Promise<TableSnapshot> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(REFERENCE_SHEET);
  const table = context.workbook.tables.getItemOrNullObject(REFERENCE_TABLE);
  // Loading any scalar resolves isNullObject as well.
  sheet.load("name");
  table.load(["name", "id"]);
  await context.sync();
  const empty = {
    exists: false,
    sheetExists: !sheet.isNullObject,
    sheetProtected: false,
    header: [],
    body: [],
    bodyRow: REFERENCE_HEADER_ROW,
    bodyColumn: 0,
  };
  if (table.isNullObject) {
    if (sheet.isNullObject) return { ...empty, syncs: 1 };
    // Never write our table over someone's cells: a sheet of that name must be empty to be used.
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address");
    const protection = sheet.protection.load("protected");
    await context.sync();
    if (!used.isNullObject) {
      throw new Error(
        `The workbook already has a sheet named "${REFERENCE_SHEET}" with other contents and no ${REFERENCE_TABLE} table. Rename or clear that sheet, then import again.`
      );
    }
    return { ...empty, sheetProtected: protection.protected, syncs: 2 };
  }
  const header = table.getHeaderRowRange().load(["values"]);
  const bodyShape = table
    .getDataBodyRange()
    .load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
  const protection = table.worksheet.protection.load("protected");
  await context.sync();
  let syncs = 2;
  const body: CellValue[][] = [];
  let chunkRows = 2000;
  for (let start = 0; start < bodyShape.rowCount;) {
    const rows = Math.min(chunkRows, bodyShape.rowCount - start);
    const chunk = context.workbook.tables
      .getItem(REFERENCE_TABLE)
      .worksheet.getRangeByIndexes(
        bodyShape.rowIndex + start,
        bodyShape.columnIndex,
        rows,
        bodyShape.columnCount
      )
      .load("values");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk is the point: responses must stay under the size limit
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (!hasErrorCode(error, "ResponsePayloadSizeLimitExceeded") || rows === 1) throw error;
      chunkRows = Math.max(1, Math.floor(rows / 2));
      continue;
    }
    body.push(...(chunk.values as CellValue[][]));
    start += rows;
    const bytesPerRow = Math.max(1, bytesOf(chunk.values) / rows);
    chunkRows = Math.max(1, Math.floor((budgetBytes * 0.9) / bytesPerRow));
  }
  return {
    exists: true,
    sheetExists: true,
    sheetProtected: protection.protected,
    header: header.values[0] as CellValue[],
    body,
    bodyRow: bodyShape.rowIndex,
    bodyColumn: bodyShape.columnIndex,
    tableId: table.id,
    syncs,
  };
}
