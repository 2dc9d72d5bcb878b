/**
 * Small workbook actions the task pane needs: put a formula into the selected cell, activate a sheet,
 * read the selected range (for "use the selected range" in the import flow).
 */

/** Writes `formula` into the top-left cell of the selection and returns that cell's address. */
export async function insertFormulaIntoSelection(formula: string): Promise<string> {
  if (!formula.startsWith("=")) throw new Error(`A formula must start with "=": ${formula}`);
  return Excel.run(async (context) => {
    const cell = context.workbook.getSelectedRange().getCell(0, 0);
    cell.formulas = [[formula]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
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
