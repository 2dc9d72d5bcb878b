import fc from "fast-check";
import { errorKind } from "../../test/support/benchErrors";
import { BenchError } from "./errors";
import { beforeAfterTable, percentRankInc, tTest } from "./statistics";

describe("percentRankInc", () => {
  it.each([
    // exact matches: (values below) / (n - 1)
    [[1, 2, 3, 4, 5], 1, 0],
    [[1, 2, 3, 4, 5], 5, 1],
    [[1, 2, 3, 4, 5], 2, 0.25],
    // between 2 (rank 0.25) and 3 (rank 0.5), a quarter of the way
    [[5, 4, 3, 2, 1], 2.25, 0.3125],
    // duplicates at the lower neighbour: interpolate from the last copy (position 2 of 0..4) to 3 (position 3)
    [[1, 1, 1, 3, 4], 2, 2.5 / 4],
    [[7, 7], 7, 0],
  ])("percentRankInc(%p, %p) = %p", (peers, value, expected) => {
    expect(percentRankInc(peers, value)).toBeCloseTo(expected, 12);
  });

  it.each([
    [[1, 2, 3], 0.5],
    [[1, 2, 3], 3.5],
    [[1], 1],
    [[], 1],
  ])("percentRankInc(%p, %p) is #N/A", (peers, value) => {
    expect(errorKind(() => percentRankInc(peers, value))).toBe("#N/A");
  });

  it("is the inverse of PERCENTILE.INC (type 7 quantile) inside the peers' range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (peers, p) => {
          const sorted = [...peers].sort((a, b) => a - b);
          const position = p * (sorted.length - 1);
          const lower = Math.floor(position);
          const value =
            sorted[lower] +
            (position - lower) * ((sorted[lower + 1] ?? sorted[lower]) - sorted[lower]);
          const rank = percentRankInc(peers, value);
          // Going back through PERCENTILE.INC gives the value again (ranks of tied values collapse).
          const back = rank * (sorted.length - 1);
          const backLower = Math.floor(back);
          const again =
            sorted[backLower] +
            (back - backLower) * ((sorted[backLower + 1] ?? sorted[backLower]) - sorted[backLower]);
          expect(again).toBeCloseTo(value, 9);
        }
      )
    );
  });
});

describe("tTest", () => {
  // Apple Numbers' TTEST documentation example (same definitions as Excel's T.TEST).
  const sample1 = [57, 75, 66, 98, 92, 80];
  const sample2 = [87, 65, 45, 95, 88, 79];
  it.each([
    [1, 1, 0.418946725989974],
    [2, 1, 0.837893451979947],
    [1, 2, 0.440983897602811],
    [2, 2, 0.881967795205622],
  ] as const)("tails %p, type %p = %p", (tails, type, expected) => {
    expect(tTest(sample1, sample2, tails, type).p).toBeCloseTo(expected, 12);
  });

  it("uses Welch-Satterthwaite degrees of freedom for type 3", () => {
    const a = [1, 2, 3, 4];
    const b = [2, 4, 6, 8, 10, 12];
    const [v1, v2] = [5 / 3 / 4, 14 / 6];
    const result = tTest(a, b, 2, 3);
    expect(result.degreesOfFreedom).toBeCloseTo((v1 + v2) ** 2 / (v1 ** 2 / 3 + v2 ** 2 / 5), 12);
    expect(result.t).toBeCloseTo((7 - 2.5) / Math.sqrt(v1 + v2), 12);
  });

  it.each([
    ["too few values", () => tTest([1], [1, 2], 2, 3), "#N/A"],
    ["paired with different counts", () => tTest([1, 2], [1, 2, 3], 2, 1), "#VALUE!"],
    ["no variation", () => tTest([1, 1], [1, 1], 2, 3), "#DIV/0!"],
  ])("%s -> %s", (_label, run, kind) => {
    expect(errorKind(run)).toBe(kind);
  });
});

describe("beforeAfterTable", () => {
  it("labels ten rows and gives a verdict in the KPI's direction", () => {
    const before = [10, 11, 9, 10, 12, 10];
    const after = [14, 15, 13, 16, 14, 15];
    const higher = beforeAfterTable(before, after, "higher");
    expect(higher.map(([label]) => label)).toEqual([
      "n before",
      "n after",
      "mean before",
      "mean after",
      "change (after - before)",
      "change % (of mean before)",
      "t (Welch)",
      "p-value (two-sided)",
      "Cohen's d",
      "verdict",
    ]);
    const values = Object.fromEntries(higher);
    expect(values["n before"]).toBe(6);
    expect(values["change (after - before)"]).toBeCloseTo(87 / 6 - 62 / 6, 12);
    expect(values["p-value (two-sided)"]).toBeCloseTo(tTest(before, after, 2, 3).p, 15);
    expect(values.verdict).toBe("improved");
    expect(Object.fromEntries(beforeAfterTable(before, after, "lower")).verdict).toBe("worse");
  });

  it("reports no significant change when p >= 5%", () => {
    expect(Object.fromEntries(beforeAfterTable([1, 5, 3, 4], [2, 4, 3, 5])).verdict).toBe(
      "no significant change at 5%"
    );
  });

  it("keeps the table when statistics are undefined, with errors in those rows", () => {
    const table = Object.fromEntries(beforeAfterTable([0, 0], [0, 0]));
    expect(table["change % (of mean before)"]).toBeInstanceOf(BenchError);
    expect(table["t (Welch)"]).toBeInstanceOf(BenchError);
    expect(table.verdict).toMatch(/cannot test/);
  });

  it("needs at least two values per side", () => {
    expect(errorKind(() => beforeAfterTable([1], [1, 2]))).toBe("#N/A");
  });
});
