/**
 * Statistics for benchmarking: Excel-compatible percent rank, Student/Welch t-tests and the
 * before/after comparison table. Means and variances come from simple-statistics; the t-distribution
 * from ./studentT (held to stdlib's incomplete beta, accurate to ~1e-15, and to LibreOffice's T.TEST by
 * the oracle tests; jStat's stops at ~1e-8 and disagreed with LibreOffice in the 8th digit).
 */
import { mean, sampleVariance } from "simple-statistics";
import { divisionByZero, notAvailable, valueError } from "./errors";
import { type Direction } from "./finance";
import { studentTCdf } from "./studentT";

/**
 * Rank of `value` among `peers` as a fraction 0..1, like Excel's PERCENTRANK.INC without its 3-digit
 * truncation: (number of peers below value)/(n−1) when value is one of the peers, otherwise linear
 * interpolation between the neighbouring peers (the inverse of PERCENTILE.INC, as LibreOffice does).
 *
 * One pass without sorting: counting is O(n) and allocates nothing, which beats an O(n log n) sort, and
 * Excel hands a fresh array to every call so a sorted copy could not be reused anyway.
 */
export function percentRankInc(peers: readonly number[], value: number): number {
  const n = peers.length;
  if (n < 2) throw notAvailable(`peers needs at least 2 values to rank against; got ${n}.`);
  let below = 0;
  let equal = 0;
  let nearestBelow = -Infinity;
  let nearestAbove = Infinity;
  for (let i = 0; i < n; i++) {
    const peer = peers[i];
    if (peer < value) {
      below++;
      if (peer > nearestBelow) nearestBelow = peer;
    } else if (peer > value) {
      if (peer < nearestAbove) nearestAbove = peer;
    } else {
      equal++;
    }
  }
  if (equal > 0) return below / (n - 1);
  if (below === 0 || below === n) {
    throw notAvailable(
      `value ${value} is outside the peers' range; PEERRANK only ranks values between the lowest and highest peer.`
    );
  }
  const fraction = (value - nearestBelow) / (nearestAbove - nearestBelow);
  return (below - 1 + fraction) / (n - 1);
}

/** Excel's T.TEST types: 1 paired, 2 two-sample equal variance, 3 two-sample unequal variance (Welch). */
export type TTestType = 1 | 2 | 3;

export interface TTestResult {
  /** t statistic of mean(b) − mean(a) (paired: mean of b − a). */
  t: number;
  /** Degrees of freedom (Welch–Satterthwaite for type 3; may be fractional). */
  degreesOfFreedom: number;
  /** Probability of a |t| at least this large if the means were equal, over `tails` tails. */
  p: number;
}

/** Probability that Student's t with `df` degrees of freedom exceeds |t|, per tail, times `tails`. */
function tailProbability(t: number, df: number, tails: 1 | 2): number {
  // The lower tail at −|t| keeps precision for large |t|, where 1 − cdf would round to 0.
  return tails * studentTCdf(-Math.abs(t), df);
}

/**
 * Student's t-test as Excel's T.TEST(a, b, tails, type). Throws #DIV/0! when both samples have no
 * variation (the t statistic is undefined) and #N/A with fewer than 2 values on a side.
 */
export function tTest(
  a: readonly number[],
  b: readonly number[],
  tails: 1 | 2,
  type: TTestType
): TTestResult {
  if (a.length < 2 || b.length < 2) {
    throw notAvailable(
      `each side needs at least 2 values for a t-test; got ${a.length} and ${b.length}.`
    );
  }
  let difference: number;
  let standardError: number;
  let degreesOfFreedom: number;
  if (type === 1) {
    if (a.length !== b.length)
      throw valueError(
        `a paired test needs the same number of values on each side; got ${a.length} and ${b.length}.`
      );
    const differences = b.map((value, i) => value - a[i]);
    difference = mean(differences);
    standardError = Math.sqrt(sampleVariance(differences) / differences.length);
    degreesOfFreedom = differences.length - 1;
  } else {
    const [n1, n2] = [a.length, b.length];
    const [v1, v2] = [sampleVariance(a), sampleVariance(b)];
    difference = mean(b) - mean(a);
    if (type === 2) {
      const pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2);
      standardError = Math.sqrt(pooled * (1 / n1 + 1 / n2));
      degreesOfFreedom = n1 + n2 - 2;
    } else {
      const [s1, s2] = [v1 / n1, v2 / n2];
      standardError = Math.sqrt(s1 + s2);
      degreesOfFreedom = (s1 + s2) ** 2 / (s1 ** 2 / (n1 - 1) + s2 ** 2 / (n2 - 1));
    }
  }
  if (standardError === 0) {
    throw divisionByZero("the values do not vary, so the t statistic is undefined.");
  }
  const t = difference / standardError;
  return { t, degreesOfFreedom, p: tailProbability(t, degreesOfFreedom, tails) };
}

/** Cohen's d: difference of means over the pooled standard deviation. */
export function cohensD(before: readonly number[], after: readonly number[]): number {
  const [n1, n2] = [before.length, after.length];
  const pooled = Math.sqrt(
    ((n1 - 1) * sampleVariance(before) + (n2 - 1) * sampleVariance(after)) / (n1 + n2 - 2)
  );
  if (pooled === 0) throw divisionByZero("the values do not vary, so Cohen's d is undefined.");
  return (mean(after) - mean(before)) / pooled;
}

/** A cell of the before/after table: a number, a verdict text, or the error that explains a gap. */
export type TableValue = number | string | Error;

export const SIGNIFICANCE_LEVEL = 0.05;

/** What a row of the before/after table holds, so a sheet can format it (counts, KPI units, shares…). */
export type BeforeAfterKind = "count" | "measure" | "share" | "statistic" | "probability" | "text";

/** The rows of the before/after table, in order, with what each holds. */
export const BEFORE_AFTER_ROWS = [
  { label: "n before", kind: "count" },
  { label: "n after", kind: "count" },
  { label: "mean before", kind: "measure" },
  { label: "mean after", kind: "measure" },
  { label: "change (after - before)", kind: "measure" },
  { label: "change % (of mean before)", kind: "share" },
  { label: "t (Welch)", kind: "statistic" },
  { label: "p-value (two-sided)", kind: "probability" },
  { label: "Cohen's d", kind: "statistic" },
  { label: "verdict", kind: "text" },
] as const satisfies readonly { label: string; kind: BeforeAfterKind }[];

/** The verdict texts, shared with the sheet's native formula. */
export const VERDICTS = {
  improved: "improved",
  worse: "worse",
  notSignificant: "no significant change at 5%",
  noVariation: "cannot test: no variation in the values",
} as const;

/**
 * The before/after comparison as label/value rows: counts, means, change (after − before), change %
 * (of |mean before|), Welch's t and two-sided p, Cohen's d and a verdict at the 5% level that takes the
 * KPI's direction into account. A statistic that is undefined for these data is an Error in its row.
 */
export function beforeAfterTable(
  before: readonly number[],
  after: readonly number[],
  direction: Direction = "higher"
): [string, TableValue][] {
  if (before.length < 2 || after.length < 2) {
    throw notAvailable(
      `before_values and after_values need at least 2 values each; got ${before.length} and ${after.length}.`
    );
  }
  const meanBefore = mean(before);
  const meanAfter = mean(after);
  const changeValue = meanAfter - meanBefore;
  const attempt = (compute: () => number): number | Error => {
    try {
      return compute();
    } catch (error) {
      return error as Error;
    }
  };
  const changePercent = attempt(() => {
    if (meanBefore === 0)
      throw divisionByZero("the mean before is 0, so a percentage change is undefined.");
    return changeValue / Math.abs(meanBefore);
  });
  const test = (() => {
    try {
      return tTest(before, after, 2, 3);
    } catch (error) {
      return error as Error;
    }
  })();
  const d = attempt(() => cohensD(before, after));
  let verdict: string;
  if (test instanceof Error) {
    verdict = VERDICTS.noVariation;
  } else if (test.p < SIGNIFICANCE_LEVEL) {
    verdict = changeValue > 0 === (direction === "higher") ? VERDICTS.improved : VERDICTS.worse;
  } else {
    verdict = VERDICTS.notSignificant;
  }
  const values: TableValue[] = [
    before.length,
    after.length,
    meanBefore,
    meanAfter,
    changeValue,
    changePercent,
    test instanceof Error ? test : test.t,
    test instanceof Error ? test : test.p,
    d,
    verdict,
  ];
  return BEFORE_AFTER_ROWS.map((row, i) => [row.label, values[i]]);
}
