/**
 * BENCH analytics functions: ROI, NPV, IRR, PAYBACK, CHANGE, BENEFIT, BEFOREAFTER, ROISIM, PEERRANK,
 * FIT, AHPWEIGHTS, AHPCR. Thin wrappers: each runs its body from the registry (./benchRegistry, over
 * ./benchAnalytics), the one "Explain this cell" runs too; ./errors turns failures into Excel errors.
 * This file is an input of custom-functions-metadata-plugin: the JSDoc below becomes functions.json,
 * so descriptions are written for the finance user who reads them in Excel's formula builder.
 */

import { BENCH_SPECS } from "./benchRegistry";
import { excelResult, excelSpill } from "./errors";

/**
 * Return on investment: (total benefits − total costs) / total costs, as a fraction (0.25 = 25%).
 * @customfunction ROI
 * @helpurl https://localhost:3000/help.html#benchroi
 * @param benefits Money gained: a value or a range of amounts (blank cells count as 0).
 * @param costs Money spent, as positive amounts: a value or a range (blank cells count as 0).
 * @returns ROI as a fraction: 0.25 = 25% return.
 */
export function ROI(benefits: any[][], costs: any[][]): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.ROI.evaluate([benefits, costs]));
}

/**
 * Net present value with the first cash flow today (not discounted). With dates it works like Excel's XNPV.
 * @customfunction NPV
 * @helpurl https://localhost:3000/help.html#benchnpv
 * @param rate Discount rate per period as a fraction (0.1 = 10%), below 1; per year when dates are given.
 * @param cashflows Cash flows in period order, first one today; money out negative. Blank cells count as 0.
 * @param [dates] Optional: the date of each cash flow (same count); the first date is "today".
 * @returns Net present value, in the currency of the cash flows.
 */
export function NPV(
  rate: number,
  cashflows: any[][],
  dates?: any[][]
): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.NPV.evaluate([rate, cashflows, dates]));
}

/**
 * Internal rate of return: the rate at which the NPV of the cash flows is 0. With dates it works like XIRR. Finds a rate wherever one exists between -99.99% and +1000%.
 * @customfunction IRR
 * @helpurl https://localhost:3000/help.html#benchirr
 * @param cashflows Cash flows in period order; money out negative, money in positive. Blank cells count as 0.
 * @param [dates] Optional: the date of each cash flow (same count), for an annual rate on irregular dates.
 * @param [guess] Optional: where to look first, as a fraction (default 0.1 = 10%); with several answers, the one nearest the guess.
 * @returns Rate per period as a fraction (0.12 = 12%); per year when dates are given.
 */
export function IRR(
  cashflows: any[][],
  dates?: any[][],
  guess?: number
): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.IRR.evaluate([cashflows, dates, guess]));
}

/**
 * Payback period: when the running total of the cash flows turns non-negative and stays so to the end (interpolated within the period).
 * @customfunction PAYBACK
 * @helpurl https://localhost:3000/help.html#benchpayback
 * @param cashflows Cash flows in period order, the investment first (negative). Blank cells count as 0.
 * @param [rate] Optional discount rate per period as a fraction (0.1 = 10%), below 1, for a discounted payback.
 * @returns Number of periods, e.g. 2.5 = halfway through the third period.
 */
export function PAYBACK(cashflows: any[][], rate?: number): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.PAYBACK.evaluate([cashflows, rate]));
}

/**
 * Relative change of a KPI, positive = better. Ranges are averaged first.
 * @customfunction CHANGE
 * @helpurl https://localhost:3000/help.html#benchchange
 * @param before KPI before the change: a value or a range (averaged).
 * @param after KPI after the change: a value or a range (averaged).
 * @param [direction] "higher" (default) if a bigger KPI is better, "lower" if smaller is better (e.g. costs, delays).
 * @returns Relative improvement as a fraction: 0.1 = 10% better, -0.1 = 10% worse.
 */
export function CHANGE(
  before: any[][],
  after: any[][],
  direction?: string
): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.CHANGE.evaluate([before, after, direction]));
}

/**
 * Money value of a KPI improvement (Phillips ROI method): improvement × volume × unit value × attribution × confidence.
 * @customfunction BENEFIT
 * @helpurl https://localhost:3000/help.html#benchbenefit
 * @param before KPI before the change: a value or a range (averaged).
 * @param after KPI after the change: a value or a range (averaged).
 * @param volume How many times the improvement counts, e.g. orders per year.
 * @param unit_value Money per KPI unit per volume unit, e.g. 2 (currency) per minute saved per order.
 * @param [attribution] Optional share of the change caused by the project, 0 to 1 (default 1 = 100%).
 * @param [confidence] Optional confidence in the estimate, 0 to 1 (default 1 = 100%).
 * @param [direction] "higher" (default) if a bigger KPI is better, "lower" if smaller is better.
 * @returns Money value in the currency of unit_value; negative when the KPI got worse.
 */
export function BENEFIT(
  before: any[][],
  after: any[][],
  volume: number,
  unit_value: number,
  attribution?: number,
  confidence?: number,
  direction?: string
): number | CustomFunctions.Error {
  return excelResult(() =>
    BENCH_SPECS.BENEFIT.evaluate([
      before,
      after,
      volume,
      unit_value,
      attribution,
      confidence,
      direction,
    ])
  );
}

/**
 * Compares KPI values before and after a change (Welch's t-test). Spills a two-column table: label, value.
 * @customfunction BEFOREAFTER
 * @helpurl https://localhost:3000/help.html#benchbeforeafter
 * @param before_values KPI observations before the change (at least 2; blank cells are ignored).
 * @param after_values KPI observations after the change (at least 2; blank cells are ignored).
 * @param [direction] "higher" (default) if a bigger KPI is better, "lower" if smaller is better; used for the verdict.
 * @returns Rows: n before, n after, mean before, mean after, change, change %, t, p-value, Cohen's d, verdict.
 */
export function BEFOREAFTER(
  before_values: any[][],
  after_values: any[][],
  direction?: string
): any[][] {
  return excelSpill(() =>
    BENCH_SPECS.BEFOREAFTER.evaluate([before_values, after_values, direction])
  );
}

/**
 * Monte Carlo simulation of ROI from low / likely / high estimates (triangular distributions). Spills one row: P10, P50, P90, probability ROI > 0, mean ROI. Reproducible: the same inputs and seed give the same figures.
 * @customfunction ROISIM
 * @helpurl https://localhost:3000/help.html#benchroisim
 * @param benefit_low Lowest plausible benefit (money).
 * @param benefit_likely Most likely benefit (money).
 * @param benefit_high Highest plausible benefit (money).
 * @param cost_low Lowest plausible cost (money, above 0).
 * @param cost_likely Most likely cost (money).
 * @param cost_high Highest plausible cost (money).
 * @param [trials] Optional number of simulated scenarios (default 10,000; at most 1,000,000).
 * @param [seed] Optional whole number that fixes the random draws (default 1); change it for another sample.
 * @returns One row: P10, P50 and P90 of ROI (fractions), probability that ROI > 0 (0 to 1), mean ROI.
 */
export function ROISIM(
  benefit_low: number,
  benefit_likely: number,
  benefit_high: number,
  cost_low: number,
  cost_likely: number,
  cost_high: number,
  trials?: number,
  seed?: number
): any[][] {
  return excelSpill(() =>
    BENCH_SPECS.ROISIM.evaluate([
      benefit_low,
      benefit_likely,
      benefit_high,
      cost_low,
      cost_likely,
      cost_high,
      trials,
      seed,
    ])
  );
}

/**
 * Monte Carlo on a business case that is linear in its drivers (the ROI sheet's model): the KPI line's PV scales with the KPI change, volume and unit value; each cost line with its own factor. Each driver is triangular (low, 1, high) as a multiple of the model's value. Spills NPV and ROI rows (P10, P50, P90, mean, probability > 0), or with output "histogram" ten NPV bins (label, trials, from, to). Reproducible: the same inputs and seed give the same figures.
 * @customfunction CASESIM
 * @helpurl https://localhost:3000/help.html#benchcasesim
 * @param parts Two columns (present value, simple total), rows: the KPI benefit line, the other benefit lines, then one row per cost line.
 * @param ranges Two columns (low, high as multiples of likely, e.g. 0.8 and 1.2), rows: KPI change, volume, unit value, then one row per cost line.
 * @param [trials] Optional number of simulated scenarios (default 10,000; at most 1,000,000).
 * @param [seed] Optional whole number that fixes the random draws (default 1).
 * @param [output] Optional "summary" (default: NPV and ROI rows) or "histogram" (ten NPV bins).
 * @returns Summary: two rows (NPV, ROI) of P10, P50, P90, mean, probability > 0. Histogram: ten rows of label, trials, from, to.
 */
export function CASESIM(
  parts: any[][],
  ranges: any[][],
  trials?: number,
  seed?: number,
  output?: string
): any[][] {
  return excelSpill(() => BENCH_SPECS.CASESIM.evaluate([parts, ranges, trials, seed, output]));
}

/**
 * Percent rank of a value among peers, like Excel's PERCENTRANK.INC but at full precision: 0 = lowest peer, 1 = highest.
 * @customfunction PEERRANK
 * @helpurl https://localhost:3000/help.html#benchpeerrank
 * @param value Your figure, in the same unit as the peers.
 * @param peers The peers' figures (at least 2; blank cells are ignored).
 * @param [direction] "higher" (default) if a bigger figure is better; "lower" returns 1 − rank so 1 is still best.
 * @returns Rank from 0 to 1 (0.75 = better than three quarters of the span of peers).
 */
export function PEERRANK(
  value: number,
  peers: any[][],
  direction?: string
): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.PEERRANK.evaluate([value, peers, direction]));
}

/**
 * Weighted fit score from 0 (worst rating everywhere) to 100 (best rating everywhere). Unrated criteria are left out.
 * @customfunction FIT
 * @helpurl https://localhost:3000/help.html#benchfit
 * @param ratings Ratings from 1 to scale_max, one per criterion; leave a cell blank if not rated.
 * @param weights Importance of each criterion (same number of cells as ratings, 0 or more; any scale, e.g. percentages or points).
 * @param [scale_max] Optional top of the rating scale (default 5 for a 1–5 scale).
 * @returns Fit score from 0 to 100.
 */
export function FIT(
  ratings: any[][],
  weights: any[][],
  scale_max?: number
): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.FIT.evaluate([ratings, weights, scale_max]));
}

/**
 * Criterion weights from a pairwise comparison matrix (AHP, Saaty's principal eigenvector). Spills one weight per criterion; they add up to 1.
 * @customfunction AHPWEIGHTS
 * @helpurl https://localhost:3000/help.html#benchahpweights
 * @param pairwise Square block: row i, column j says how much more important criterion i is than j (1 to 9); column j, row i holds the reciprocal (1/3 for 3).
 * @returns A column of weights, fractions adding up to 1.
 */
export function AHPWEIGHTS(pairwise: any[][]): any[][] {
  return excelSpill(() => BENCH_SPECS.AHPWEIGHTS.evaluate([pairwise]));
}

/**
 * Consistency ratio of a pairwise comparison matrix (AHP). Below 0.1 the judgements are usually considered consistent enough.
 * @customfunction AHPCR
 * @helpurl https://localhost:3000/help.html#benchahpcr
 * @param pairwise Square block of pairwise comparisons (up to 10 criteria), as for BENCH.AHPWEIGHTS.
 * @returns Consistency ratio as a fraction (0.05 = 5%); 0 for 2 criteria or fewer.
 */
export function AHPCR(pairwise: any[][]): number | CustomFunctions.Error {
  return excelResult(() => BENCH_SPECS.AHPCR.evaluate([pairwise]));
}
