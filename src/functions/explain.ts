/**
 * "Explain this cell", the pure part: from a cell's formula, what it shows, and the values of the
 * ranges its BENCH call refers to, compute the call again through the same bodies the functions run
 * (./benchRegistry) and say what the result means or why there is none and what to change.
 * src/excel/explainCell.ts reads the workbook; this module never touches Office.
 */
import { BENCH_FUNCTIONS, BenchCellValue, BenchOutcome, evaluateBench } from "./benchRegistry";
import { BenchCall, FormulaArgument, findBenchCall } from "./formulaCall";

/** A range's contents as Excel.run reads them (`values` and `valueTypes`). */
export interface RangeContents {
  values: unknown[][];
  valueTypes?: string[][];
}

/** The contents of each reference or name argument, keyed by the argument's text. */
export type ArgumentContents = ReadonlyMap<string, RangeContents>;

export interface ExplainedArgument {
  parameter: string;
  text: string;
  /** What was passed, in words ("3 cells from B2:B4", "omitted", "0.08"). */
  shown: string;
}

export interface Explanation {
  address: string;
  formula: string;
  kind: "no-formula" | "not-bench" | "cannot-evaluate" | "value" | "error";
  headline: string;
  /** The full reason for an error, as Crossbench wrote it. */
  message?: string;
  /** What to change (errors) or what the value means (values). */
  details: string[];
  value?: BenchCellValue | BenchCellValue[][];
  arguments: ExplainedArgument[];
}

/** The references and names a call needs read from the workbook. */
export function referencedArguments(call: BenchCall): FormulaArgument[] {
  return call.args.filter((a) => a.kind === "reference" || a.kind === "name");
}

/** Excel's error codes on which it shows a custom function's message (the others drop it). */
const MESSAGE_SHOWN = new Set(["#VALUE!", "#N/A"]);

const ADVICE: Record<string, string> = {
  "#VALUE!": "An argument is not what the function needs: change the argument the message names.",
  "#N/A":
    "The reference data has no figure for these arguments: the message says which name or figure is missing and what to do.",
  "#NUM!":
    "The inputs are valid but have no result as they stand: change the figures as the message says.",
  "#DIV/0!": "A figure that divides is zero: enter a non-zero value where the message says.",
  "#NAME?":
    "Excel does not know this function here: open Crossbench once so its functions load, and check the spelling.",
};

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function percent(value: number): string {
  return `${formatNumber(value * 100)} %`;
}

/** What a scalar result means, in a sentence, per function. */
const MEANING: Record<string, (value: number) => string> = {
  ROI: (v) =>
    `a return of ${percent(v)}: benefits ${v >= 0 ? "exceed" : "fall short of"} costs by ${percent(Math.abs(v))} of the costs.`,
  NPV: (v) =>
    `the cash flows are worth ${formatNumber(v)} today at this rate; ${v >= 0 ? "above 0, the investment earns more than the rate" : "below 0, it earns less than the rate"}.`,
  IRR: (v) => `the cash flows earn ${percent(v)} per period (per year with dates).`,
  PAYBACK: (v) => `the money is back after ${formatNumber(v)} periods.`,
  CHANGE: (v) => `the KPI is ${percent(Math.abs(v))} ${v >= 0 ? "better" : "worse"} than before.`,
  BENEFIT: (v) => `the improvement is worth ${formatNumber(v)} in the currency of unit_value.`,
  PEERRANK: (v) => `your figure ranks at ${percent(v)} of the span of peers (1 = best).`,
  FIT: (v) => `a fit of ${formatNumber(v)} out of 100.`,
  AHPCR: (v) =>
    `a consistency ratio of ${percent(v)}; ${v < 0.1 ? "below 10 %, consistent enough" : "10 % or more: revise the comparisons"}.`,
  PERCENTILE: (v) => `your figure is better than about ${percent(v)} of the reference.`,
  GAP: (v) =>
    v > 0
      ? `you are ${formatNumber(v)} short of the target level, in the metric's units.`
      : `you have reached the target level (by ${formatNumber(-v)}).`,
  SIMILARITY: (v) => `the two industries' profiles are ${percent(v)} alike.`,
};

function describeContents(contents: RangeContents, text: string): string {
  const rows = contents.values.length;
  const columns = contents.values[0]?.length ?? 0;
  if (rows * columns === 1) return `${text} = ${JSON.stringify(contents.values[0][0])}`;
  return `${rows * columns} cells from ${text}`;
}

/** The first error cell among the contents, if any. */
function errorCell(contents: RangeContents): string | undefined {
  for (let r = 0; r < contents.values.length; r++)
    for (let c = 0; c < contents.values[r].length; c++)
      if (contents.valueTypes?.[r]?.[c] === "Error") return String(contents.values[r][c]);
  return undefined;
}

/** Each argument as the function receives it: scalars, 2-D arrays, and null for omitted ones. */
export function argumentValues(
  call: BenchCall,
  contents: ArgumentContents
): { values: unknown[]; problem?: string; errorCode?: string } {
  const values: unknown[] = [];
  for (const arg of call.args) {
    switch (arg.kind) {
      case "omitted":
        values.push(null);
        break;
      case "constant":
        values.push(arg.value);
        break;
      case "array":
        values.push(arg.rows);
        break;
      case "error":
        return {
          values,
          errorCode: arg.code,
          problem: `The argument ${arg.text} is an error constant; the function returns it as it is.`,
        };
      case "expression":
        return {
          values,
          problem: `The argument ${arg.text} is a calculation. Explain reads only constants, cell references and names: put the calculation in a cell of its own and refer to that cell.`,
        };
      case "reference":
      case "name": {
        const read = contents.get(arg.text);
        if (!read) return { values, problem: `${arg.text} could not be read from the workbook.` };
        const error = errorCell(read);
        if (error)
          return {
            values,
            errorCode: error,
            problem: `${arg.text} holds the error ${error}, and the function cannot compute with an error as input: fix that cell first.`,
          };
        values.push(read.values);
        break;
      }
    }
  }
  return { values };
}

function explainArguments(call: BenchCall, contents: ArgumentContents): ExplainedArgument[] {
  const parameters = BENCH_FUNCTIONS[call.name]?.parameters ?? [];
  return call.args.map((arg, i) => {
    const read = contents.get(arg.text);
    const shown =
      arg.kind === "omitted"
        ? "omitted (the default applies)"
        : read
          ? describeContents(read, arg.text)
          : arg.text;
    return { parameter: parameters[i] ?? `argument ${i + 1}`, text: arg.text, shown };
  });
}

function meaningOf(name: string, value: BenchCellValue | BenchCellValue[][]): string[] {
  if (Array.isArray(value)) {
    const columns = value[0]?.length ?? 0;
    const notes = [
      `A table of ${value.length} row${value.length === 1 ? "" : "s"} × ${columns} column${columns === 1 ? "" : "s"} that spills from this cell.`,
    ];
    for (const row of value)
      for (const cell of row)
        if (typeof cell === "object")
          notes.push(`A cell of the table shows ${cell.error}: ${cell.message}`);
    return notes;
  }
  if (typeof value === "number" && MEANING[name]) return [`This is ${MEANING[name](value)}`];
  return [`The value is ${JSON.stringify(value)}.`];
}

/** What the cell shows, compared with what the evaluation gives. */
function shownDiffers(shown: unknown, outcome: BenchOutcome): boolean {
  if (shown === undefined || shown === "#BUSY!") return false;
  if (!outcome.ok) return shown !== outcome.error;
  const top = Array.isArray(outcome.value) ? outcome.value[0]?.[0] : outcome.value;
  const expected = typeof top === "object" ? top.error : top;
  if (typeof shown === "number" && typeof expected === "number")
    return Math.abs(shown - expected) > 1e-9 * Math.max(1, Math.abs(expected));
  return shown !== expected;
}

export interface CellToExplain {
  address: string;
  formula: unknown;
  /** The value the cell shows (top-left of a spill). */
  shown?: unknown;
}

/** Parses a cell's formula; the call (undefined when it has none) or the explanation that ends here. */
export function benchCallOf(cell: CellToExplain): BenchCall | Explanation {
  const formula = typeof cell.formula === "string" ? cell.formula : String(cell.formula ?? "");
  const base = { address: cell.address, formula, details: [], arguments: [] };
  if (!formula.startsWith("="))
    return {
      ...base,
      kind: "no-formula",
      headline: `${cell.address} holds no formula.`,
      details: ["Select a cell with a =BENCH. formula and choose Explain again."],
    };
  try {
    const call = findBenchCall(formula);
    if (call) return call;
  } catch (error) {
    return {
      ...base,
      kind: "cannot-evaluate",
      headline: "The formula could not be read.",
      details: [error instanceof Error ? error.message : String(error)],
    };
  }
  return {
    ...base,
    kind: "not-bench",
    headline: `${cell.address} has no BENCH function.`,
    details: [
      "Explain covers Crossbench's =BENCH. functions; Excel's own functions explain themselves.",
    ],
  };
}

/** The explanation of `cell`, whose BENCH call's references and names have been read into `contents`. */
export async function explainBenchCall(
  cell: CellToExplain,
  call: BenchCall,
  contents: ArgumentContents
): Promise<Explanation> {
  const formula = String(cell.formula);
  const base = {
    address: cell.address,
    formula,
    arguments: explainArguments(call, contents),
  };
  const spec = BENCH_FUNCTIONS[call.name];
  const details: string[] = [];
  if (call.nested)
    details.push(
      `The cell's formula does more than call BENCH.${call.name}; this explains the call ${call.text} inside it.`
    );
  if (spec && call.args.length > spec.parameters.length)
    details.push(
      `BENCH.${call.name} takes at most ${spec.parameters.length} arguments (${spec.parameters.join(", ")}); the formula gives ${call.args.length}.`
    );
  const resolved = argumentValues(call, contents);
  if (resolved.problem) {
    return {
      ...base,
      kind: resolved.errorCode ? "error" : "cannot-evaluate",
      headline: resolved.errorCode
        ? `BENCH.${call.name} returns ${resolved.errorCode} because an input is an error.`
        : `This BENCH.${call.name} call cannot be evaluated here.`,
      details: [resolved.problem, ...details],
    };
  }
  const outcome = await evaluateBench(call.name, resolved.values);
  if (shownDiffers(cell.shown, outcome))
    details.push(
      `The cell shows ${JSON.stringify(cell.shown)}, which differs from this evaluation: recalculate (Ctrl+Alt+F9) and explain again; if it still differs, the cell's inputs changed while it was calculating or the add-in's functions are an older version.`
    );
  if (!outcome.ok) {
    const dropped = MESSAGE_SHOWN.has(outcome.error)
      ? []
      : [
          `Excel shows ${outcome.error} without Crossbench's message; the message above is the reason.`,
        ];
    return {
      ...base,
      kind: "error",
      headline: `BENCH.${call.name} returns ${outcome.error}.`,
      message: outcome.message,
      details: [...(ADVICE[outcome.error] ? [ADVICE[outcome.error]] : []), ...dropped, ...details],
    };
  }
  return {
    ...base,
    kind: "value",
    headline: `BENCH.${call.name} returns ${describeValue(outcome.value)}.`,
    value: outcome.value,
    details: [...meaningOf(call.name, outcome.value), ...details],
  };
}

function describeValue(value: BenchCellValue | BenchCellValue[][]): string {
  if (Array.isArray(value)) return `a ${value.length} × ${value[0]?.length ?? 0} table`;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "object") return value.error;
  return JSON.stringify(value);
}

/** The explanation as plain text, for copying into a message to a colleague or to support. */
export function explanationText(explanation: Explanation): string {
  const lines = [`${explanation.address}: ${explanation.formula}`, explanation.headline];
  if (explanation.message) lines.push(`Reason: ${explanation.message}`);
  lines.push(...explanation.details);
  for (const arg of explanation.arguments) lines.push(`  ${arg.parameter}: ${arg.shown}`);
  return lines.join("\n");
}
