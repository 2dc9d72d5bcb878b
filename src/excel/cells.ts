/**
 * Small workbook actions the task pane needs: put a formula into the selected cell, activate a sheet,
 * read the selected range (for "use the selected range" in the import flow).
 */
import { officeSupports, SupportsSet } from "./requirements";

/** What to do when Excel refuses to write the selected cell because its sheet is protected. */
export const PROTECTED_CELL_MESSAGE =
  "The selected cell is locked on a protected sheet, so nothing was inserted. Select an empty cell on another sheet or one of the sheet's yellow input cells, or unprotect the sheet (Review > Unprotect Sheet), then insert again.";

/**
 * Writes `formula` into the active cell and returns its address. The active cell (ExcelApi 1.7) exists
 * for every selection, also one of several areas, where getSelectedRange would throw.
 */
export async function insertFormulaIntoSelection(formula: string): Promise<string> {
  if (!formula.startsWith("=")) throw new Error(`A formula must start with "=": ${formula}`);
  try {
    return await Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.formulas = [[formula]];
      cell.load("address");
      await context.sync();
      return cell.address;
    });
  } catch (error) {
    // Excel's own text ("...protected and therefore read-only") says what happened, not what to do.
    if ((error as { code?: string })?.code === "AccessDenied")
      throw new Error(PROTECTED_CELL_MESSAGE);
    throw error;
  }
}

/** Activates the named worksheet. */
export async function activateSheet(name: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}

/** "Use the selected range" reads at most this many cells (a whole-column selection is far more). */
export const MAX_SELECTION_CELLS = 200_000;

const MULTI_AREA_MESSAGE =
  "Several separate areas are selected. Select one block of cells (without Ctrl+click), including the header row, and try again.";

/** What the user is told for a selection Crossbench cannot read in one piece. */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SelectionError";
  }
}

/**
 * The selected range's values (numbers stay numbers: a percentage cell gives its fraction). Reads only
 * the used part of the selection, so a whole-column or whole-sheet selection stays far below Excel's
 * 5,000,000-cell read limit and the 5 MB response limit of Excel on the web; refuses more than
 * MAX_SELECTION_CELLS used cells and multi-area selections, each with a message that says what to do.
 */
export async function readSelectedValues(
  options: { supports?: SupportsSet; maxCells?: number } = {}
): Promise<{ address: string; values: unknown[][] }> {
  const supports = options.supports ?? officeSupports;
  const maxCells = options.maxCells ?? MAX_SELECTION_CELLS;
  return Excel.run(async (context) => {
    if (supports("ExcelApi", "1.9")) {
      const areas = context.workbook.getSelectedRanges();
      areas.load("areaCount");
      await context.sync();
      if (areas.areaCount > 1) throw new SelectionError(MULTI_AREA_MESSAGE);
    }
    const selection = context.workbook.getSelectedRange();
    selection.load("address");
    const used = selection.getUsedRangeOrNullObject(true);
    used.load(["address", "cellCount"]);
    try {
      await context.sync();
    } catch (error) {
      // getSelectedRange throws when several areas are selected (the check above needs ExcelApi 1.9).
      if ((error as { code?: string }).code === "InvalidSelection")
        throw new SelectionError(MULTI_AREA_MESSAGE);
      throw error;
    }
    if (used.isNullObject)
      throw new SelectionError(
        `The selection ${selection.address} is empty. Select the cells that hold your figures, with their header row.`
      );
    if (used.cellCount > maxCells)
      throw new SelectionError(
        `The selection holds ${used.cellCount.toLocaleString("en-US")} used cells (${used.address}); Crossbench reads at most ${maxCells.toLocaleString("en-US")}. Select only the rows and columns of your figures.`
      );
    used.load("values");
    await context.sync();
    return { address: used.address, values: used.values };
  });
}
