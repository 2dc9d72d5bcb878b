import fc from "fast-check";
import { errorKind } from "../../test/support/benchErrors";
import { BenchError } from "./errors";
import { benefit, change, irr, npv, payback, roi } from "./finance";

describe("roi", () => {
  it.each([
    [[150], [100], 0.5],
    [[50, 70], [40, 60], 0.2],
    [[0], [100], -1],
  ])("roi(%p, %p) = %p", (benefits, costs, expected) => {
    expect(roi(benefits, costs)).toBeCloseTo(expected, 12);
  });
  it.each([
    [[10], [0, 0], "#DIV/0!"],
    [[10], [100, -5], "#VALUE!"],
  ])("roi(%p, %p) fails with %s", (benefits, costs, kind) => {
    expect(errorKind(() => roi(benefits, costs))).toBe(kind);
  });
});

describe("npv", () => {
  it("does not discount the first flow and discounts flow t by (1+rate)^t", () => {
    // Independent arithmetic: -100 + 60/1.1 + 60/1.21
    expect(npv(0.1, [-100, 60, 60])).toBeCloseTo(-100 + 60 / 1.1 + 60 / 1.21, 10);
  });
  it("treats a zero flow as a period with no money, unlike Excel's skipped blanks", () => {
    expect(npv(0.1, [-100, 0, 121])).toBeCloseTo(0, 10);
  });
  it("truncates dates to whole days, as Excel's XNPV does", () => {
    expect(npv(0.1, [-100, 110], [40000.75, 40365.2])).toBe(npv(0.1, [-100, 110], [40000, 40365]));
    expect(npv(0.1, [-100, 110], [40000, 40365])).toBeCloseTo(0, 10);
  });
  it.each([
    ["rate of -100%", () => npv(-1, [1, 2]), "#VALUE!"],
    ["dates count differs", () => npv(0.1, [1, 2], [40000]), "#VALUE!"],
    ["date before the first", () => npv(0.1, [1, 2, 3], [40000, 40100, 39999]), "#NUM!"],
    ["no flows", () => npv(0.1, []), "#VALUE!"],
  ])("%s -> %s", (_label, run, kind) => {
    expect(errorKind(run)).toBe(kind);
  });
});

describe("irr", () => {
  it.each([
    // roots computed by hand: (1+r)^2 - 2.3(1+r) + 1.32 = 0 -> 1+r = 1.1 or 1.2
    ["two roots, guess near the first", [-100, 230, -132], 0.05, 0.1],
    ["two roots, guess near the second", [-100, 230, -132], 0.3, 0.2],
    ["rate near -99%", [-100, 1], 0.1, -0.99],
    ["950%", [-1, 10.5], 0.1, 9.5],
    ["exactly 0", [-100, 50, 50], 0.1, 0],
  ])("%s", (_label, flows, guess, expected) => {
    expect(irr(flows, undefined, guess)).toBeCloseTo(expected, 9);
  });

  it.each([
    ["all positive", [1, 2, 3]],
    ["all negative", [-1, -2]],
    ["one flow", [-5]],
    ["root above +1000%", [-100, 2000]],
    ["no real root", [-100, 250, -200]],
  ])("%s -> #NUM!", (_label, flows) => {
    expect(errorKind(() => irr(flows))).toBe("#NUM!");
  });

  it("NPV at the IRR is 0 (periodic)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.array(fc.double({ min: -1e5, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (investment, later) => {
          const flows = [-investment, ...later];
          let rate: number;
          try {
            rate = irr(flows);
          } catch (error) {
            // Only "no root in the span" is acceptable, and then NPV must not change sign anywhere in it.
            expect((error as BenchError).kind).toBe("#NUM!");
            const signs = new Set<boolean>();
            for (let k = 0; k <= 4000; k++) {
              const value = npv(-0.9999 + (k / 4000) * 10.9999, flows);
              if (Number.isFinite(value) && value !== 0) signs.add(value > 0);
            }
            expect(signs.size).toBeLessThanOrEqual(1);
            return;
          }
          const scale = flows.reduce((total, flow) => total + Math.abs(flow), 0);
          expect(rate).toBeGreaterThan(-1);
          expect(Math.abs(npv(rate, flows))).toBeLessThanOrEqual(
            1e-9 * scale * Math.max(1, 1 / (1 + rate)) ** flows.length
          );
        }
      )
    );
  });

  it("NPV at the IRR is 0 (dated)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e5, max: 1e5, noNaN: true }),
            fc.integer({ min: 1, max: 3000 })
          ),
          { minLength: 1, maxLength: 12 }
        ),
        (later) => {
          const flows = [-50_000, ...later.map(([flow]) => flow)];
          let date = 44000;
          const dates = [date, ...later.map(([, gap]) => (date += gap))];
          let rate: number;
          try {
            rate = irr(flows, dates);
          } catch (error) {
            expect((error as BenchError).kind).toBe("#NUM!");
            return;
          }
          const scale = flows.reduce((total, flow) => total + Math.abs(flow), 0);
          const longest = (dates[dates.length - 1] - dates[0]) / 365;
          expect(Math.abs(npv(rate, flows, dates))).toBeLessThanOrEqual(
            1e-9 * scale * Math.max(1, 1 / (1 + rate)) ** longest
          );
        }
      )
    );
  });
});

describe("payback", () => {
  it.each([
    [[-100, 50, 50, 50], undefined, 2],
    [[-100, 30, 30, 30, 30], undefined, 3 + 10 / 30],
    [[5, -1], undefined, 0],
    [[0, 10], undefined, 0],
    // discounted at 10%: running totals -100, -50, -8.68..., then +37.56/1.331 recovers within period 3
    [[-100, 55, 50.82, 50], 0.1, 2 + (100 - 50 - 42) / (50 / 1.331)],
    // The one-off cost in Year 1, nothing in Year 0: the running total is 0, then -18000, then recovers
    // (this was "Payback 0.00 yrs" when the first non-negative total won).
    [[0, -18000, 10000, 10000], undefined, 2 + 8000 / 10000],
    // Positive Year 0, a dip later: the later crossing wins.
    [[10, -30, 15, 15], undefined, 2 + 5 / 15],
    // Recovered, lost again, recovered again: the last crossing.
    [[-100, 150, -100, 100], undefined, 2 + 50 / 100],
    [[-100, 100], undefined, 1],
  ])("payback(%p, rate %p) = %p", (flows, rate, expected) => {
    expect(payback(flows, rate)).toBeCloseTo(expected, 9);
  });

  it("says when the investment is never recovered", () => {
    expect(() => payback([-100, 10, 10])).toThrow(/not recovered within the cash flows given/);
    expect(errorKind(() => payback([-100, 10, 10]))).toBe("#N/A");
    // Recovered in Year 1 but below 0 again at the end: not recovered.
    expect(errorKind(() => payback([-100, 150, -100]))).toBe("#N/A");
  });

  it("never gets later when a flow grows (monotone in the flows)", () => {
    const attempt = (flows: number[], rate?: number): number => {
      try {
        return payback(flows, rate);
      } catch {
        return Infinity;
      }
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.nat(),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
        (flows, index, increase, rate) => {
          const larger = [...flows];
          larger[index % flows.length] += increase;
          expect(attempt(larger, rate)).toBeLessThanOrEqual(attempt(flows, rate) + 1e-9);
        }
      )
    );
  });
});

describe("change and benefit", () => {
  it.each([
    [100, 110, "higher", 0.1],
    [100, 110, "lower", -0.1],
    [-50, -40, "higher", 0.2],
    [20, 15, "lower", 0.25],
  ] as const)("change(%p, %p, %s) = %p", (before, after, direction, expected) => {
    expect(change(before, after, direction)).toBeCloseTo(expected, 12);
  });
  it("refuses a zero baseline", () => {
    expect(errorKind(() => change(0, 5))).toBe("#DIV/0!");
  });
  it("values a KPI change Phillips-style", () => {
    // 2 minutes saved per order (lower is better) x 10,000 orders x 0.5 per minute x 80% x 90%
    expect(
      benefit({
        before: 12,
        after: 10,
        volume: 10_000,
        unitValue: 0.5,
        attribution: 0.8,
        confidence: 0.9,
        direction: "lower",
      })
    ).toBeCloseTo(7200, 9);
  });
  it.each([[{ attribution: 1.2 }], [{ confidence: -0.1 }], [{ attribution: NaN }]])(
    "refuses shares outside 0..1: %p",
    (shares) => {
      expect(
        errorKind(() => benefit({ before: 1, after: 2, volume: 1, unitValue: 1, ...shares }))
      ).toBe("#VALUE!");
    }
  );
});
