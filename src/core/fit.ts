/**
 * Fit scoring of a supplier/solution against weighted criteria, and AHP (Saaty's analytic hierarchy
 * process) weights and consistency from a pairwise comparison matrix.
 */
import { notAvailable, valueError, divisionByZero } from "./errors";

/**
 * Weighted fit score 0–100: 100 × Σ wᵢ·(rᵢ−1)/(scale_max−1) / Σ wᵢ over the rated criteria. Blank
 * ratings (null) are left out and the remaining weights renormalised.
 */
export function fitScore(
  ratings: readonly (number | null)[],
  weights: readonly number[],
  scaleMax = 5
): number {
  if (ratings.length !== weights.length) {
    throw valueError(
      `ratings has ${ratings.length} cells but weights has ${weights.length}; give one weight per rating.`
    );
  }
  if (!(scaleMax > 1))
    throw valueError(`scale_max must be greater than 1 (e.g. 5 for a 1–5 scale); got ${scaleMax}.`);
  const negative = weights.find((weight) => weight < 0);
  if (negative !== undefined) throw valueError(`weights must not be negative (found ${negative}).`);
  let weighted = 0;
  let totalWeight = 0;
  let rated = 0;
  ratings.forEach((rating, i) => {
    if (rating === null) return;
    if (rating < 1 || rating > scaleMax) {
      throw valueError(`ratings must be between 1 and scale_max (${scaleMax}); found ${rating}.`);
    }
    rated++;
    weighted += weights[i] * ((rating - 1) / (scaleMax - 1));
    totalWeight += weights[i];
  });
  if (rated === 0) throw notAvailable("nothing is rated yet; enter at least one rating.");
  if (totalWeight === 0)
    throw divisionByZero(
      "the rated criteria all have weight 0; give at least one of them a weight."
    );
  // Clamp away rounding that could leave a perfect score a hair above 100.
  return Math.min(100, Math.max(0, (100 * weighted) / totalWeight));
}

/** Saaty's random consistency index by matrix size (n = 1..10). */
export const RANDOM_INDEX: Readonly<Record<number, number>> = {
  1: 0,
  2: 0,
  3: 0.58,
  4: 0.9,
  5: 1.12,
  6: 1.24,
  7: 1.32,
  8: 1.41,
  9: 1.45,
  10: 1.49,
};

/** Largest comparison matrix accepted for weights (AHP practice stays far below this). */
export const MAX_AHP_CRITERIA = 50;

const RECIPROCAL_TOLERANCE = 1e-6;

function checkPairwise(pairwise: readonly (readonly number[])[]): void {
  const n = pairwise.length;
  if (n === 0 || pairwise.some((row) => row.length !== n)) {
    throw valueError(
      `pairwise must be a square block (as many columns as rows); got ${n} rows of ${pairwise.map((row) => row.length).join("/")} cells.`
    );
  }
  if (n > MAX_AHP_CRITERIA)
    throw valueError(`pairwise compares ${n} criteria; at most ${MAX_AHP_CRITERIA} are supported.`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!(pairwise[i][j] > 0)) {
        throw valueError(
          `pairwise entries must be positive (row ${i + 1}, column ${j + 1} is ${pairwise[i][j]}).`
        );
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (Math.abs(pairwise[i][j] * pairwise[j][i] - 1) > RECIPROCAL_TOLERANCE) {
        throw valueError(
          i === j
            ? `the diagonal of pairwise must be 1 (row ${i + 1} has ${pairwise[i][i]}).`
            : `pairwise must be reciprocal: row ${i + 1} column ${j + 1} is ${pairwise[i][j]}, so row ${j + 1} column ${i + 1} must be 1/${pairwise[i][j]} (it is ${pairwise[j][i]}).`
        );
      }
    }
  }
}

const POWER_ITERATION_LIMIT = 10_000;
const POWER_ITERATION_TOLERANCE = 1e-15;

/**
 * The principal (Perron) eigenvalue and its eigenvector normalised to sum 1, by power iteration. A
 * pairwise matrix is positive, so its Perron root is real, simple and strictly the largest in modulus
 * (Perron–Frobenius) and the iteration converges to it from the uniform vector; no general eigensolver
 * is needed (test/oracle checks this against ml-matrix's EigenvalueDecomposition).
 */
function principalEigen(pairwise: readonly (readonly number[])[]): {
  lambdaMax: number;
  weights: number[];
} {
  const n = pairwise.length;
  let weights: number[] = new Array<number>(n).fill(1 / n);
  let lambdaMax = n;
  for (let iteration = 0; iteration < POWER_ITERATION_LIMIT; iteration++) {
    const product = pairwise.map((row) => row.reduce((sum, a, j) => sum + a * weights[j], 0));
    // With the weights summing to 1, the product's sum is the Rayleigh-style estimate of λmax.
    lambdaMax = product.reduce((sum, value) => sum + value, 0);
    const next = product.map((value) => value / lambdaMax);
    const change = Math.max(...next.map((value, i) => Math.abs(value - weights[i])));
    weights = next;
    if (change <= POWER_ITERATION_TOLERANCE) break;
  }
  return { lambdaMax, weights };
}

/** Criterion weights from a pairwise comparison matrix: Saaty's normalised principal eigenvector. */
export function ahpWeights(pairwise: readonly (readonly number[])[]): number[] {
  checkPairwise(pairwise);
  return principalEigen(pairwise).weights;
}

/** Consistency ratio CI/RI with CI = (λmax − n)/(n − 1); 0 for n ≤ 2; Saaty's RI up to n = 10. */
export function ahpConsistencyRatio(pairwise: readonly (readonly number[])[]): number {
  checkPairwise(pairwise);
  const n = pairwise.length;
  if (n <= 2) return 0;
  if (n > 10)
    throw valueError(
      `the consistency ratio needs Saaty's random index, tabulated for up to 10 criteria; got ${n}.`
    );
  const { lambdaMax } = principalEigen(pairwise);
  // λmax ≥ n in exact arithmetic; clamp rounding so a consistent matrix reports 0, not −1e-16.
  return Math.max(0, (lambdaMax - n) / (n - 1)) / RANDOM_INDEX[n];
}
