import fc from "fast-check";
import { errorKind } from "../../test/support/benchErrors";
import { ahpConsistencyRatio, ahpWeights, fitScore } from "./fit";

describe("fitScore", () => {
  it.each([
    [[5, 5, 5], [1, 2, 3], 5, 100],
    [[1, 1], [1, 1], 5, 0],
    // 100 x (0.5 x 1 + 0.25 x 3) / 4
    [[3, 2], [1, 3], 5, 31.25],
    // the blank rating drops its weight: 100 x (3/4 x 2) / 2
    [[4, null], [2, 8], 5, 75],
    [[10, 1], [1, 1], 10, 50],
  ])("fitScore(%p, %p, %p) = %p", (ratings, weights, scaleMax, expected) => {
    expect(fitScore(ratings, weights, scaleMax)).toBeCloseTo(expected, 12);
  });

  it.each([
    ["sizes differ", () => fitScore([1, 2], [1]), "#VALUE!"],
    ["negative weight", () => fitScore([1, 2], [1, -1]), "#VALUE!"],
    ["rating above the scale", () => fitScore([6], [1]), "#VALUE!"],
    ["rating below 1", () => fitScore([0], [1]), "#VALUE!"],
    ["nothing rated", () => fitScore([null, null], [1, 1]), "#N/A"],
    ["rated criteria weigh 0", () => fitScore([3, null], [0, 1]), "#DIV/0!"],
    ["scale_max of 1", () => fitScore([1], [1], 1), "#VALUE!"],
  ])("%s -> %s", (_label, run, kind) => {
    expect(errorKind(run)).toBe(kind);
  });

  const criteria = fc.array(
    fc.tuple(
      fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      fc.double({ min: 0.001, max: 1000, noNaN: true })
    ),
    { minLength: 1, maxLength: 20 }
  );

  it("stays within 0..100 and ignores the scale of the weights", () => {
    fc.assert(
      fc.property(criteria, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (pairs, factor) => {
        if (pairs.every(([rating]) => rating === null)) return;
        const ratings = pairs.map(([rating]) => rating);
        const weights = pairs.map(([, weight]) => weight);
        const score = fitScore(ratings, weights);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(
          fitScore(
            ratings,
            weights.map((weight) => weight * factor)
          )
        ).toBeCloseTo(score, 9);
      })
    );
  });
});

const SAATY = [
  [1, 3, 5],
  [1 / 3, 1, 2],
  [1 / 5, 1 / 2, 1],
];

describe("AHP", () => {
  it("reproduces Saaty's example: weights 0.648, 0.230, 0.122 and CR about 0.003", () => {
    expect(ahpWeights(SAATY).map((weight) => Number(weight.toFixed(3)))).toEqual([
      0.648, 0.23, 0.122,
    ]);
    expect(Number(ahpConsistencyRatio(SAATY).toFixed(3))).toBe(0.003);
  });

  it("gives exact weights and CR 0 for a perfectly consistent matrix", () => {
    const priorities = [0.5, 0.3, 0.15, 0.05];
    const consistent = priorities.map((row) => priorities.map((column) => row / column));
    ahpWeights(consistent).forEach((weight, i) => expect(weight).toBeCloseTo(priorities[i], 12));
    expect(ahpConsistencyRatio(consistent)).toBeCloseTo(0, 12);
  });

  it.each([
    ["not square", [[1, 2]], "#VALUE!"],
    [
      "not reciprocal",
      [
        [1, 2],
        [0.4, 1],
      ],
      "#VALUE!",
    ],
    [
      "diagonal not 1",
      [
        [2, 1],
        [1, 0.5],
      ],
      "#VALUE!",
    ],
    [
      "non-positive entry",
      [
        [1, -2],
        [-0.5, 1],
      ],
      "#VALUE!",
    ],
  ])("%s -> %s", (_label, matrix, kind) => {
    expect(errorKind(() => ahpWeights(matrix))).toBe(kind);
  });

  it("CR is 0 up to 2 criteria and undefined above 10", () => {
    expect(
      ahpConsistencyRatio([
        [1, 4],
        [0.25, 1],
      ])
    ).toBe(0);
    const eleven = Array.from({ length: 11 }, () => Array.from({ length: 11 }, () => 1));
    expect(errorKind(() => ahpConsistencyRatio(eleven))).toBe("#VALUE!");
    expect(ahpWeights(eleven)).toHaveLength(11);
  });

  it("weights are positive and sum to 1 for any reciprocal matrix of Saaty judgements", () => {
    const judgement = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9);
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(judgement, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 })
            )
          ),
        ([n, upper]) => {
          const matrix = Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
          let k = 0;
          for (let i = 0; i < n; i++) {
            for (let j = i + 1; j < n; j++) {
              matrix[i][j] = upper[k++];
              matrix[j][i] = 1 / matrix[i][j];
            }
          }
          const weights = ahpWeights(matrix);
          expect(weights.reduce((total, weight) => total + weight, 0)).toBeCloseTo(1, 12);
          weights.forEach((weight) => expect(weight).toBeGreaterThan(0));
          expect(ahpConsistencyRatio(matrix)).toBeGreaterThanOrEqual(0);
        }
      )
    );
  });
});
