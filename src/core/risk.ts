/**
 * Monte Carlo of ROI with triangular (low, likely, high) estimates of benefit and cost. The generator
 * is pure-rand's xoroshiro128+ seeded by the caller, so the same inputs always give the same figures:
 * recalculating a workbook must not change the cells.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { quantileSorted } from "simple-statistics";
import { valueError } from "./errors";

export interface TriangularEstimate {
  low: number;
  likely: number;
  high: number;
}

export interface RoiSimulation {
  p10: number;
  p50: number;
  p90: number;
  /** Share of trials with ROI > 0 (benefit above cost). */
  probabilityPositive: number;
  mean: number;
}

export const MAX_TRIALS = 1_000_000;

function checkEstimate(name: string, estimate: TriangularEstimate): void {
  const { low, likely, high } = estimate;
  if (!(low <= likely && likely <= high)) {
    throw valueError(`${name}: need low ≤ likely ≤ high; got ${low}, ${likely}, ${high}.`);
  }
}

/** Inverse CDF of the triangular distribution at u ∈ [0, 1). */
export function triangularQuantile({ low, likely, high }: TriangularEstimate, u: number): number {
  const width = high - low;
  if (width === 0) return low;
  const split = (likely - low) / width;
  return u < split
    ? low + Math.sqrt(u * width * (likely - low))
    : high - Math.sqrt((1 - u) * width * (high - likely));
}

/**
 * Simulates ROI = (benefit − cost)/cost over `trials` draws; percentiles are PERCENTILE.INC-style
 * (simple-statistics' quantileSorted). Costs must be positive throughout so ROI stays defined.
 */
export function simulateRoi(
  benefit: TriangularEstimate,
  cost: TriangularEstimate,
  trials = 10_000,
  seed = 1
): RoiSimulation {
  checkEstimate("benefit", benefit);
  checkEstimate("cost", cost);
  if (!(cost.low > 0))
    throw valueError(`cost_low must be above 0 so ROI is defined; got ${cost.low}.`);
  if (!Number.isInteger(trials) || trials < 1)
    throw valueError(`trials must be a whole number of at least 1; got ${trials}.`);
  if (trials > MAX_TRIALS)
    throw valueError(
      `trials is capped at ${MAX_TRIALS.toLocaleString("en-US")} to keep Excel responsive; got ${trials}.`
    );
  if (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 31 - 1) {
    throw valueError(
      `seed must be a whole number between -2147483647 and 2147483647; got ${seed}.`
    );
  }
  const rng = xoroshiro128plus(seed);
  const outcomes = new Float64Array(trials);
  let positive = 0;
  let total = 0;
  for (let i = 0; i < trials; i++) {
    const benefitDraw = triangularQuantile(benefit, uniformFloat64(rng));
    const costDraw = triangularQuantile(cost, uniformFloat64(rng));
    const roi = (benefitDraw - costDraw) / costDraw;
    outcomes[i] = roi;
    total += roi;
    if (roi > 0) positive++;
  }
  outcomes.sort();
  // quantileSorted only indexes and reads .length, so the typed array can stand in for number[].
  const sorted = outcomes as unknown as number[];
  return {
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    probabilityPositive: positive / trials,
    mean: total / trials,
  };
}
