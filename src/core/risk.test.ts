import fc from "fast-check";
import { errorKind } from "../../test/support/benchErrors";
import { simulateRoi, triangularQuantile } from "./risk";

const BENEFIT = { low: 80, likely: 120, high: 200 };
const COST = { low: 90, likely: 100, high: 130 };

describe("simulateRoi", () => {
  it("is reproducible: same inputs and seed, same figures; another seed, other figures", () => {
    const first = simulateRoi(BENEFIT, COST, 5000, 7);
    expect(simulateRoi(BENEFIT, COST, 5000, 7)).toEqual(first);
    expect(simulateRoi(BENEFIT, COST, 5000, 8)).not.toEqual(first);
  });

  it("returns the exact ROI when nothing is uncertain", () => {
    const result = simulateRoi(
      { low: 150, likely: 150, high: 150 },
      { low: 100, likely: 100, high: 100 },
      100
    );
    expect(result).toEqual({ p10: 0.5, p50: 0.5, p90: 0.5, probabilityPositive: 1, mean: 0.5 });
  });

  it("agrees with the closed form when only the benefit is uncertain", () => {
    // ROI = B/100 - 1 with B triangular(80, 120, 200): mean (80+120+200)/3/100 - 1 = 1/3;
    // P(B > 100) = 1 - (100-80)^2 / ((200-80)(120-80)) = 11/12; median from the inverse CDF.
    const result = simulateRoi(BENEFIT, { low: 100, likely: 100, high: 100 }, 200_000, 3);
    expect(result.mean).toBeCloseTo(1 / 3, 2);
    expect(result.probabilityPositive).toBeCloseTo(11 / 12, 2);
    expect(result.p50).toBeCloseTo(triangularQuantile(BENEFIT, 0.5) / 100 - 1, 2);
    expect(result.p10).toBeLessThan(result.p50);
    expect(result.p50).toBeLessThan(result.p90);
  });

  it.each([
    ["benefit not ordered", () => simulateRoi({ low: 5, likely: 4, high: 6 }, COST), "#VALUE!"],
    [
      "cost not ordered",
      () => simulateRoi(BENEFIT, { low: 100, likely: 90, high: 130 }),
      "#VALUE!",
    ],
    ["cost can be 0", () => simulateRoi(BENEFIT, { low: 0, likely: 90, high: 130 }), "#VALUE!"],
    ["too many trials", () => simulateRoi(BENEFIT, COST, 1_000_001), "#VALUE!"],
    ["zero trials", () => simulateRoi(BENEFIT, COST, 0), "#VALUE!"],
    ["fractional seed", () => simulateRoi(BENEFIT, COST, 10, 1.5), "#VALUE!"],
  ])("%s -> %s", (_label, run, kind) => {
    expect(errorKind(run)).toBe(kind);
  });
});

describe("triangularQuantile", () => {
  it("stays within low..high, is monotone in u and hits the mode at its CDF value", () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 1e6, noNaN: true })
        ),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        ([low, toLikely, toHigh], u, v) => {
          const estimate = { low, likely: low + toLikely, high: low + toLikely + toHigh };
          const [x, y] = [
            triangularQuantile(estimate, Math.min(u, v)),
            triangularQuantile(estimate, Math.max(u, v)),
          ];
          expect(x).toBeGreaterThanOrEqual(estimate.low - 1e-6);
          expect(y).toBeLessThanOrEqual(estimate.high + 1e-6);
          expect(x).toBeLessThanOrEqual(y + 1e-6);
        }
      )
    );
  });
});
