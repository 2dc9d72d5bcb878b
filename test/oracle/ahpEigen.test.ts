/**
 * Oracle: src/core/fit computes AHP weights and λmax by power iteration; ml-matrix's general
 * eigensolver (EigenvalueDecomposition, used here only) must agree on random pairwise matrices.
 */
import fc from "fast-check";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ahpConsistencyRatio, ahpWeights } from "../../src/core/fit";

const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];
const SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9];

function reciprocal(n: number, upper: number[]): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      m[i][j] = upper[k++];
      m[j][i] = 1 / m[i][j];
    }
  return m;
}

function oracle(m: number[][]): { lambdaMax: number; weights: number[] } {
  const d = new EigenvalueDecomposition(new Matrix(m));
  let best = 0;
  for (let k = 1; k < m.length; k++) if (d.realEigenvalues[k] > d.realEigenvalues[best]) best = k;
  const vector = d.eigenvectorMatrix.getColumn(best);
  const total = vector.reduce((a, b) => a + b, 0);
  return { lambdaMax: d.realEigenvalues[best], weights: vector.map((v) => v / total) };
}

const matrices = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc
    .array(fc.constantFrom(...SAATY), {
      minLength: (n * (n - 1)) / 2,
      maxLength: (n * (n - 1)) / 2,
    })
    .map((upper) => reciprocal(n, upper))
);

it("weights and consistency ratio equal the general eigensolver's to 1e-9", () => {
  fc.assert(
    fc.property(matrices, (m) => {
      const expected = oracle(m);
      const weights = ahpWeights(m);
      weights.forEach((w, i) => expect(Math.abs(w - expected.weights[i])).toBeLessThan(1e-9));
      const n = m.length;
      if (n > 2) {
        const cr = Math.max(0, (expected.lambdaMax - n) / (n - 1)) / RANDOM_INDEX[n];
        expect(Math.abs(ahpConsistencyRatio(m) - cr)).toBeLessThan(1e-9);
      }
    }),
    { numRuns: 500 }
  );
});
