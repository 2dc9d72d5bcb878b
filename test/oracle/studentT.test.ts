/**
 * Oracle: src/core/studentT's t CDF against stdlib's (@stdlib/stats-base-dists-t-cdf, used here only)
 * over the t values and fractional Welch degrees of freedom the t-tests meet.
 */
import fc from "fast-check";
import stdlibTCdf from "@stdlib/stats-base-dists-t-cdf";
import { lnGamma, studentTCdf } from "../../src/core/studentT";

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 + 1e-10 * Math.abs(expected));
};

it("equals stdlib's t CDF for t in ±60 and df from 0.5 to 100,000", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -60, max: 60, noNaN: true }),
      fc.oneof(
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 30, max: 1e5, noNaN: true })
      ),
      (t, df) => close(studentTCdf(t, df), stdlibTCdf(t, df))
    ),
    { numRuns: 3000 }
  );
});

it("keeps small tail probabilities to relative precision", () => {
  for (const [t, df] of [
    [-8, 3],
    [-20, 10],
    [-40, 200],
    [-6.5, 1.7],
    [-3, 2.5],
  ])
    close(studentTCdf(t, df), stdlibTCdf(t, df));
});

it("handles the edges", () => {
  expect(studentTCdf(0, 4)).toBe(0.5);
  expect(studentTCdf(-Infinity, 4)).toBe(0);
  expect(studentTCdf(Infinity, 4)).toBe(1);
  expect(studentTCdf(1, 0)).toBeNaN();
  expect(lnGamma(1)).toBeCloseTo(0, 14);
  expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
});
