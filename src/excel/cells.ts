/**
 * Small workbook actions the task pane needs: put a formula into the selected cell, activate a sheet,
 * read the selected range (for "use the selected range" in the import flow).
 */

/** What to do when Excel refuses to write the selected cell because its sheet is protected. */
export const PROTECTED_CELL_MESSAGE =
  "The selected cell is locked on a protected sheet, so nothing was inserted. Select an empty cell on another sheet or one of the sheet's yellow input cells, or unprotect the sheet (Review > Unprotect Sheet), then insert again.";

/** Writes `formula` into the top-left cell of the selection and returns that cell's address. */
export async function insertFormulaIntoSelection(formula: string): Promise<string> {
  if (!formula.startsWith("=")) throw new Error(`A formula must start with "=": ${formula}`);
  try {
    return await Excel.run(async (context) => {
      const cell = context.workbook.getSelectedRange().getCell(0, 0);
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

/** The selected range's values (numbers stay numbers: a percentage cell gives its fraction). */
export async function readSelectedValues(): Promise<{ address: string; values: unknown[][] }> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load(["address", "values"]);
    await context.sync();
    return { address: range.address, values: range.values };
  });
}
