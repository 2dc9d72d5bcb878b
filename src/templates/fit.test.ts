import fc from "fast-check";
import { ahpConsistencyRatio, ahpWeights, RANDOM_INDEX } from "../core/fit";
import { AHP_SQUARINGS } from "./fit";

const SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9];

/** What the portable sheet's section 4 computes, cell by cell: scaled squarings, row sums, Σ(A·w). */
function sheetMethod(matrix: number[][]): { weights: number[]; cr: number } {
  const n = matrix.length;
  const sum = (m: number[][]): number => m.flat().reduce((a, b) => a + b, 0);
  let block = matrix;
  for (let k = 0; k < AHP_SQUARINGS; k++) {
    const s = sum(block);
    block = block.map((row, i) =>
      row.map(
        (_v, j) => block[i].reduce((acc, _x, m) => acc + block[i][m] * block[m][j], 0) / s ** 2
      )
    );
  }
  const total = sum(block);
  const weights = block.map((row) => row.reduce((a, b) => a + b, 0) / total);
  const lambda = matrix.reduce(
    (acc, row) => acc + row.reduce((a, v, j) => a + v * weights[j], 0),
    0
  );
  return { weights, cr: Math.max(0, (lambda - n) / (n - 1)) / RANDOM_INDEX[n] };
}

const reciprocal = fc.integer({ min: 3, max: 10 }).chain((n) =>
  fc
    .array(fc.constantFrom(...SAATY), {
      minLength: (n * (n - 1)) / 2,
      maxLength: (n * (n - 1)) / 2,
    })
    .map((upper) => {
      const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          m[i][j] = upper[k++];
          m[j][i] = 1 / m[i][j];
        }
      return m;
    })
);

describe("the fit scorecard's native AHP method", () => {
  it("equals src/core's eigenvector weights and CR to 1e-9 on any Saaty-scale reciprocal matrix", () => {
    fc.assert(
      fc.property(reciprocal, (matrix) => {
        const { weights, cr } = sheetMethod(matrix);
        const core = ahpWeights(matrix);
        weights.forEach((w, i) => expect(Math.abs(w - core[i])).toBeLessThan(1e-9));
        expect(Math.abs(cr - ahpConsistencyRatio(matrix))).toBeLessThan(1e-9);
      }),
      { numRuns: 300, seed: 7 }
    );
  });
});
