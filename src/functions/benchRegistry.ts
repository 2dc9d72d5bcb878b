/**
 * Every BENCH function by name, with its parameters and its body (over ./benchAnalytics and
 * ./benchReference): the @customfunction wrappers run these bodies, so each exists once. `evaluateBench(name, args)` computes a call outside Excel's
 * calculation and returns the value or the error with its full message, as the cell would show it —
 * including the message Excel drops for #NUM! and #DIV/0!. "Explain this cell" and the installation
 * self-check use it, so an explanation and the cell it explains cannot disagree.
 */
import {
  ahpCrValue,
  ahpWeightsColumn,
  beforeAfterRows,
  benefitValue,
  caseSimRows,
  changeValue,
  fitValue,
  irrValue,
  npvValue,
  paybackValue,
  peerRankValue,
  roiSimRow,
  roiValue,
} from "./benchAnalytics";
import {
  gapValue,
  industryRows,
  metricRows,
  metricValue,
  percentileValue,
  practiceRows,
  similarityValue,
} from "./benchReference";
import { BenchErrorValue, errorValueOf, hasErrorCode } from "./errors";

export interface BenchFunctionSpec<Result = unknown> {
  /** Parameter names as Excel's formula builder shows them, in order. */
  parameters: readonly string[];
  /** How many leading parameters are required. */
  required: number;
  /** True when the result spills (a 2-D array). */
  spills: boolean;
  /** The wrapper's body: returns the result or throws (a BenchError with the reason). */
  evaluate(args: readonly unknown[]): Result;
}

const scalar = <Result>(
  parameters: readonly string[],
  required: number,
  evaluate: (args: readonly unknown[]) => Result
): BenchFunctionSpec<Result> => ({ parameters, required, spills: false, evaluate });
const spill = <Result>(
  parameters: readonly string[],
  required: number,
  evaluate: (args: readonly unknown[]) => Result
): BenchFunctionSpec<Result> => ({ parameters, required, spills: true, evaluate });

/**
 * Every function's spec by its name, each body's result type kept: the @customfunction wrappers
 * (./analytics, ./reference) run these, so a body is written once.
 */
export const BENCH_SPECS = {
  ROI: scalar(["benefits", "costs"], 2, (a) => roiValue(a[0], a[1])),
  NPV: scalar(["rate", "cashflows", "dates"], 2, (a) => npvValue(a[0], a[1], a[2])),
  IRR: scalar(["cashflows", "dates", "guess"], 1, (a) => irrValue(a[0], a[1], a[2])),
  PAYBACK: scalar(["cashflows", "rate"], 1, (a) => paybackValue(a[0], a[1])),
  CHANGE: scalar(["before", "after", "direction"], 2, (a) => changeValue(a[0], a[1], a[2])),
  BENEFIT: scalar(
    ["before", "after", "volume", "unit_value", "attribution", "confidence", "direction"],
    4,
    (a) => benefitValue(a[0], a[1], a[2], a[3], a[4], a[5], a[6])
  ),
  BEFOREAFTER: spill(["before_values", "after_values", "direction"], 2, (a) =>
    beforeAfterRows(a[0], a[1], a[2])
  ),
  ROISIM: spill(
    [
      "benefit_low",
      "benefit_likely",
      "benefit_high",
      "cost_low",
      "cost_likely",
      "cost_high",
      "trials",
      "seed",
    ],
    6,
    (a) => roiSimRow(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
  ),
  CASESIM: spill(["parts", "ranges", "trials", "seed", "output"], 2, (a) =>
    caseSimRows(a[0], a[1], a[2], a[3], a[4])
  ),
  PEERRANK: scalar(["value", "peers", "direction"], 2, (a) => peerRankValue(a[0], a[1], a[2])),
  FIT: scalar(["ratings", "weights", "scale_max"], 2, (a) => fitValue(a[0], a[1], a[2])),
  AHPWEIGHTS: spill(["pairwise"], 1, (a) => ahpWeightsColumn(a[0])),
  AHPCR: scalar(["pairwise"], 1, (a) => ahpCrValue(a[0])),
  METRIC: scalar(["industry", "metric", "statistic"], 2, (a) => metricValue(a[0], a[1], a[2])),
  PERCENTILE: scalar(["value", "industry", "metric"], 3, (a) => percentileValue(a[0], a[1], a[2])),
  GAP: scalar(["value", "industry", "metric", "target"], 3, (a) =>
    gapValue(a[0], a[1], a[2], a[3])
  ),
  INDUSTRIES: spill([], 0, () => industryRows()),
  METRICS: spill(["industry"], 0, (a) => metricRows(a[0])),
  PRACTICES: spill(["industry", "challenge"], 0, (a) => practiceRows(a[0], a[1])),
  SIMILARITY: scalar(["industry_a", "industry_b"], 2, (a) => similarityValue(a[0], a[1])),
} satisfies Record<string, BenchFunctionSpec>;

/** The same specs looked up by any name, as a formula spells it (Explain, the self-check). */
export const BENCH_FUNCTIONS: Readonly<Record<string, BenchFunctionSpec>> = BENCH_SPECS;

export type BenchCellValue = number | string | boolean | BenchErrorValue;

export type BenchOutcome =
  { ok: true; value: BenchCellValue | BenchCellValue[][] } | ({ ok: false } & BenchErrorValue);

function cellOf(value: unknown): BenchCellValue {
  if (value instanceof Error || hasErrorCode(value)) return errorValueOf(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value === null || value === undefined) return "";
  return String(value);
}

/** Runs BENCH.`name` on arguments shaped as Excel passes them (scalars, 2-D arrays, null when omitted). */
export async function evaluateBench(name: string, args: readonly unknown[]): Promise<BenchOutcome> {
  const spec = BENCH_FUNCTIONS[name.toUpperCase()];
  if (!spec)
    return {
      ok: false,
      error: "#NAME?",
      message: `BENCH.${name} is not a Crossbench function. Known: ${Object.keys(BENCH_FUNCTIONS).join(", ")}.`,
    };
  try {
    const result = await spec.evaluate(args);
    if (Array.isArray(result)) {
      const rows = (result as unknown[]).map((row) =>
        Array.isArray(row) ? row.map(cellOf) : [cellOf(row)]
      );
      return { ok: true, value: rows };
    }
    return { ok: true, value: cellOf(result) };
  } catch (thrown) {
    return { ok: false, ...errorValueOf(thrown) };
  }
}
