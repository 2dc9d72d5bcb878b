/**
 * "Explain this cell" in Excel: reads the active cell's formula and value, reads the ranges and names
 * its BENCH call refers to (sizes first, so a whole-column reference is refused before it is loaded:
 * Excel limits a read to 5,000,000 cells and, on the web, a response to 5 MB), and hands everything to
 * the pure explanation in src/functions/explain. One Excel.run, at most three syncs; errors are rethrown.
 */
import {
  ArgumentContents,
  Explanation,
  RangeContents,
  benchCallOf,
  explainBenchCall,
  explanationText,
  referencedArguments,
} from "../functions/explain";
import type { FormulaArgument } from "../functions/formulaCall";

/** The most cells Explain reads for one argument (well inside Excel's read and response limits). */
export const EXPLAIN_CELL_LIMIT = 100_000;

export type CellExplanationResult = Explanation & { text: string };

type Source = { arg: FormulaArgument; range: Excel.Range; name?: Excel.NamedItem };

function sourceFor(
  context: Excel.RequestContext,
  sheet: string,
  arg: FormulaArgument,
  definedNames: ReadonlySet<string>
): Source {
  if (arg.kind === "reference") {
    const worksheet = context.workbook.worksheets.getItem(arg.sheet ?? sheet);
    return { arg, range: worksheet.getRange(arg.address) };
  }
  if (arg.kind !== "name") throw new Error(`${arg.text} is not a reference.`);
  if (!definedNames.has(arg.name.toLowerCase()))
    throw new Error(
      `The formula uses the name ${arg.text}, which is not a workbook-level name in this workbook (Explain reads workbook-level names only).`
    );
  const name = context.workbook.names.getItem(arg.name);
  name.load(["type", "value"]);
  return { arg, range: name.getRangeOrNullObject(), name };
}

/** Explains the active cell (the top-left cell of the selection). */
export async function explainActiveCell(): Promise<CellExplanationResult> {
  const explanation = await Excel.run(async (context): Promise<Explanation> => {
    const cell = context.workbook.getActiveCell();
    cell.load(["address", "formulas", "values"]);
    const worksheet = cell.worksheet.load("name");
    // Workbook-scoped names, so a name argument can be checked before anything is asked of it.
    const names = context.workbook.names.load("items/name");
    await context.sync();
    const target = {
      address: cell.address,
      formula: cell.formulas[0][0] as unknown,
      shown: cell.values[0][0] as unknown,
    };
    const call = benchCallOf(target);
    if (!("args" in call)) return call;

    const definedNames = new Set(names.items.map((n) => n.name.toLowerCase()));
    const sources = referencedArguments(call).map((arg) =>
      sourceFor(context, worksheet.name, arg, definedNames)
    );
    for (const source of sources) source.range.load(["cellCount", "address"]);
    await context.sync();

    const contents = new Map<string, RangeContents>();
    const pending: { source: Source; read: Excel.Range }[] = [];
    for (const source of sources) {
      if (source.range.isNullObject) {
        // A name that holds a constant (e.g. =0.08) rather than a range.
        contents.set(source.arg.text, { values: [[source.name?.value ?? ""]] });
        continue;
      }
      if (source.range.cellCount > EXPLAIN_CELL_LIMIT)
        throw new Error(
          `${source.arg.text} covers ${source.range.cellCount.toLocaleString("en-US")} cells; Explain reads at most ${EXPLAIN_CELL_LIMIT.toLocaleString("en-US")} per argument. Refer to the cells that hold data (e.g. B2:B500 rather than B:B) and explain again.`
        );
      pending.push({ source, read: source.range.load(["values", "valueTypes"]) });
    }
    if (pending.length > 0) await context.sync();
    for (const { source, read } of pending)
      contents.set(source.arg.text, {
        values: read.values as unknown[][],
        valueTypes: read.valueTypes as string[][],
      });
    return explainBenchCall(target, call, contents as ArgumentContents);
  });
  return { ...explanation, text: explanationText(explanation) };
}
