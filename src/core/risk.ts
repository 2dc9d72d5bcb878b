/**
 * Monte Carlo of ROI with triangular (low, likely, high) estimates of benefit and cost. The generator
 * is pure-rand's xoroshiro128+ seeded by the caller, so the same inputs always give the same figures:
 * recalculating a workbook must not change the cells.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { quantileSorted } from "simple-statistics";
import { numError, valueError } from "./errors";

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
  checkTrialsAndSeed(trials, seed);
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

/** Summary of one simulated output. */
export interface Distribution {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** Share of trials above 0. */
  probabilityPositive: number;
}

export interface CaseSimulation {
  npv: Distribution;
  roi: Distribution;
  /** NPV histogram: `bins` equal-width bins from the lowest to the highest trial. */
  histogram: { from: number; to: number; count: number }[];
}

/** Present value and simple total of one linear part of the business case (see core/businessCase.ts). */
export interface CasePart {
  pv: number;
  total: number;
}

/** Low and high as multiples of the model's (likely) value; likely is 1. */
export interface FactorRange {
  low: number;
  high: number;
}

export interface CaseSimulationInputs {
  kpi: CasePart;
  others: CasePart;
  costs: CasePart[];
  /** KPI change, volume, unit value: each scales the KPI line. */
  benefitRanges: FactorRange[];
  /** One per cost line. */
  costRanges: FactorRange[];
}

export const HISTOGRAM_BINS = 10;

function checkTrialsAndSeed(trials: number, seed: number): void {
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
}

function summarise(outcomes: Float64Array): Distribution {
  let positive = 0;
  let total = 0;
  for (const value of outcomes) {
    total += value;
    if (value > 0) positive++;
  }
  outcomes.sort();
  const sorted = outcomes as unknown as number[];
  return {
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    mean: total / outcomes.length,
    probabilityPositive: positive / outcomes.length,
  };
}

function histogram(sorted: Float64Array, bins: number): CaseSimulation["histogram"] {
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const width = (highest - lowest) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of sorted) {
    const bin = width === 0 ? 0 : Math.min(bins - 1, Math.floor((value - lowest) / width));
    counts[bin]++;
  }
  return counts.map((count, i) => ({
    from: lowest + i * width,
    to: i === bins - 1 ? highest : lowest + (i + 1) * width,
    count,
  }));
}

/**
 * Monte Carlo on the ROI sheet's own model. Every driver is triangular (low, 1, high) as a multiple of the
 * model's value, drawn independently (no correlation between drivers): KPI change, volume and unit value
 * multiply the KPI line; each cost line has its own factor. A trial's NPV is
 * kpi.pv·f₁f₂f₃ + others.pv − Σ costᵢ.pv·gᵢ and its ROI the same on simple totals, so the simulation
 * rescales present values instead of rebuilding cash flows. Seeded (xoroshiro128+): same inputs, same figures.
 */
export function simulateCase(
  inputs: CaseSimulationInputs,
  trials = 10_000,
  seed = 1
): CaseSimulation {
  checkTrialsAndSeed(trials, seed);
  if (inputs.costRanges.length !== inputs.costs.length)
    throw valueError(
      `give one cost range per cost line: ${inputs.costs.length} cost lines, ${inputs.costRanges.length} ranges.`
    );
  const estimates = [...inputs.benefitRanges, ...inputs.costRanges].map((range, i) => {
    const estimate = { low: range.low, likely: 1, high: range.high };
    checkEstimate(`range ${i + 1} (as a multiple of likely)`, estimate);
    return estimate;
  });
  const benefitCount = inputs.benefitRanges.length;
  const rng = xoroshiro128plus(seed);
  const npvs = new Float64Array(trials);
  const rois = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let kpiFactor = 1;
    for (let i = 0; i < benefitCount; i++)
      kpiFactor *= triangularQuantile(estimates[i], uniformFloat64(rng));
    let costPv = 0;
    let costTotal = 0;
    for (let i = 0; i < inputs.costs.length; i++) {
      const factor = triangularQuantile(estimates[benefitCount + i], uniformFloat64(rng));
      costPv += inputs.costs[i].pv * factor;
      costTotal += inputs.costs[i].total * factor;
    }
    npvs[trial] = inputs.kpi.pv * kpiFactor + inputs.others.pv - costPv;
    const benefitTotal = inputs.kpi.total * kpiFactor + inputs.others.total;
    rois[trial] = costTotal === 0 ? NaN : (benefitTotal - costTotal) / costTotal;
  }
  if (rois.some((value) => Number.isNaN(value)))
    throw numError("the costs add up to 0 in some trials, so ROI is undefined; enter the costs.");
  const npv = summarise(npvs);
  return { npv, roi: summarise(rois), histogram: histogram(npvs, HISTOGRAM_BINS) };
}
