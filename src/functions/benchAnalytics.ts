/**
 * The bodies of the BENCH analytics functions, free of the custom-functions runtime: coerce Excel's
 * arguments (./args), call the pure maths in src/core, and throw a BenchError with the reason when there
 * is no result. The @customfunction wrappers in ./analytics and "Explain this cell" (through
 * ./benchRegistry) both run these, so a cell and its explanation cannot disagree.
 */
import { ahpConsistencyRatio, ahpWeights, fitScore } from "../core/fit";
import { benefit, change, irr, npv, payback, roi } from "../core/finance";
import { simulateRoi } from "../core/risk";
import { beforeAfterTable, percentRankInc } from "../core/statistics";
import { numError, valueError } from "../core/errors";
import {
  directionArg,
  flattenNumbers,
  flattenNumbersKeepingBlanks,
  numberIfGiven,
  numberMatrix,
  optionalInteger,
  optionalNumber,
  optionalNumbers,
  requiredNumber,
} from "./args";

/**
 * A numeric result Excel can show: overflow (e.g. amounts near 1e308) becomes #NUM! with a message
 * instead of an Infinity or NaN that Excel would show without one.
 */
export function finite(value: number): number {
  if (!Number.isFinite(value)) {
    throw numError(
      "the result is too large to represent; check the magnitudes of the inputs (amounts near 1E+308?)."
    );
  }
  return value;
}

/** A spilled table with every number checked by `finite`. */
function finiteTable<T>(rows: T[][]): T[][] {
  for (const row of rows) for (const cell of row) if (typeof cell === "number") finite(cell);
  return rows;
}

/**
 * A discount rate as a fraction. 1 or more (100% a period or more) is almost always a percentage typed
 * as a whole number, so it is refused with the reading that was probably meant rather than discounted
 * at 800%.
 */
function discountRate(value: unknown, argName = "rate"): number {
  const rate = requiredNumber(value, argName);
  if (rate >= 1) {
    const percent = Number((rate * 100).toPrecision(12));
    const fraction = Number((rate / 100).toPrecision(12));
    throw valueError(
      `${argName} is ${rate}: ${rate} means ${percent}% a year; for ${rate}% enter ${fraction} or ${rate}%.`
    );
  }
  return rate;
}

function rateIfGiven(value: unknown): number | undefined {
  const rate = numberIfGiven(value, "rate");
  return rate === undefined ? undefined : discountRate(rate);
}

/** Mean of a range (or single value), for arguments where a range stands for its average. */
function meanOf(range: unknown, argName: string): number {
  const values = flattenNumbers(range, { argName, blank: "skip" });
  if (values.length === 0)
    throw valueError(
      `${argName} has no numbers; enter a value or select cells that contain values.`
    );
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

export function roiValue(benefits: unknown, costs: unknown): number {
  return finite(
    roi(
      flattenNumbers(benefits, { argName: "benefits", blank: "zero" }),
      flattenNumbers(costs, { argName: "costs", blank: "zero" })
    )
  );
}

export function npvValue(rate: unknown, cashflows: unknown, dates?: unknown): number {
  return finite(
    npv(
      discountRate(rate),
      flattenNumbers(cashflows, { argName: "cashflows", blank: "zero" }),
      optionalNumbers(dates, { argName: "dates", blank: "error" })
    )
  );
}

export function irrValue(cashflows: unknown, dates?: unknown, guess?: unknown): number {
  return finite(
    irr(
      flattenNumbers(cashflows, { argName: "cashflows", blank: "zero" }),
      optionalNumbers(dates, { argName: "dates", blank: "error" }),
      optionalNumber(guess, "guess", 0.1)
    )
  );
}

export function paybackValue(cashflows: unknown, rate?: unknown): number {
  return finite(
    payback(flattenNumbers(cashflows, { argName: "cashflows", blank: "zero" }), rateIfGiven(rate))
  );
}

export function changeValue(before: unknown, after: unknown, direction?: unknown): number {
  return finite(change(meanOf(before, "before"), meanOf(after, "after"), directionArg(direction)));
}

export function benefitValue(
  before: unknown,
  after: unknown,
  volume: unknown,
  unitValue: unknown,
  attribution?: unknown,
  confidence?: unknown,
  direction?: unknown
): number {
  return finite(
    benefit({
      before: meanOf(before, "before"),
      after: meanOf(after, "after"),
      volume: requiredNumber(volume, "volume"),
      unitValue: requiredNumber(unitValue, "unit_value"),
      attribution: optionalNumber(attribution, "attribution", 1),
      confidence: optionalNumber(confidence, "confidence", 1),
      direction: directionArg(direction),
    })
  );
}

/** Label/value rows; a statistic that cannot be computed is the Error (usually a BenchError) in its cell. */
export function beforeAfterRows(
  beforeValues: unknown,
  afterValues: unknown,
  direction?: unknown
): (string | number | Error)[][] {
  const table = beforeAfterTable(
    flattenNumbers(beforeValues, { argName: "before_values", blank: "skip" }),
    flattenNumbers(afterValues, { argName: "after_values", blank: "skip" }),
    directionArg(direction)
  );
  return finiteTable(table.map(([label, value]): (string | number | Error)[] => [label, value]));
}

export function roiSimRow(
  benefitLow: unknown,
  benefitLikely: unknown,
  benefitHigh: unknown,
  costLow: unknown,
  costLikely: unknown,
  costHigh: unknown,
  trials?: unknown,
  seed?: unknown
): number[][] {
  const result = simulateRoi(
    {
      low: requiredNumber(benefitLow, "benefit_low"),
      likely: requiredNumber(benefitLikely, "benefit_likely"),
      high: requiredNumber(benefitHigh, "benefit_high"),
    },
    {
      low: requiredNumber(costLow, "cost_low"),
      likely: requiredNumber(costLikely, "cost_likely"),
      high: requiredNumber(costHigh, "cost_high"),
    },
    optionalInteger(trials, "trials", 10_000),
    optionalInteger(seed, "seed", 1)
  );
  return finiteTable([
    [result.p10, result.p50, result.p90, result.probabilityPositive, result.mean],
  ]);
}

export function peerRankValue(value: unknown, peers: unknown, direction?: unknown): number {
  const rank = percentRankInc(
    flattenNumbers(peers, { argName: "peers", blank: "skip" }),
    requiredNumber(value, "value")
  );
  return finite(directionArg(direction) === "lower" ? 1 - rank : rank);
}

export function fitValue(ratings: unknown, weights: unknown, scaleMax?: unknown): number {
  return finite(
    fitScore(
      flattenNumbersKeepingBlanks(ratings, "ratings"),
      flattenNumbers(weights, { argName: "weights", blank: "zero" }),
      optionalNumber(scaleMax, "scale_max", 5)
    )
  );
}

export function ahpWeightsColumn(pairwise: unknown): number[][] {
  return finiteTable(ahpWeights(numberMatrix(pairwise, "pairwise")).map((weight) => [weight]));
}

export function ahpCrValue(pairwise: unknown): number {
  return finite(ahpConsistencyRatio(numberMatrix(pairwise, "pairwise")));
}
