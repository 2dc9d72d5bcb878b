/**
 * Oracle: the worked examples in Microsoft's Excel documentation (support.microsoft.com pages for NPV,
 * XNPV, IRR, XIRR, PERCENTRANK.INC and T.TEST), evaluated through the BENCH wrappers. Expected values
 * are copied from those pages, at the precision the pages print.
 *
 * BENCH.NPV treats its first flow as "today", Excel's NPV discounts every value by at least one period,
 * so Excel's documented `NPV(r, v1..vn) + v0` is BENCH.NPV(r, {v0, v1..vn}).
 */
import { IRR, NPV, PEERRANK } from "../../src/functions/analytics";
import { tTest } from "../../src/core/statistics";

const column = (values: number[]): number[][] => values.map((value) => [value]);

/** Excel's display rounding: a value shown with `decimals` decimals. */
const roundTo = (value: unknown, decimals: number): number =>
  Number((value as number).toFixed(decimals));
/** PERCENTRANK.INC truncates to 3 significant digits by default; BENCH.PEERRANK keeps full precision. */
const truncate3 = (value: unknown): number => Math.floor((value as number) * 1000) / 1000;

describe("NPV (support.microsoft.com, NPV function)", () => {
  it.each([
    // Example 1: rate 10%, first value one year from today, so BENCH gets a 0 for today.
    ["example 1", 0.1, [0, -10000, 3000, 4200, 6800], 1188.44],
    // Example 2: the initial cost is at the start of the first period: NPV(A2, A4:A8) + A3.
    ["example 2", 0.08, [-40000, 8000, 9200, 10000, 12000, 14500], 1922.06],
    [
      "example 2 with a loss in year 6",
      0.08,
      [-40000, 8000, 9200, 10000, 12000, 14500, -9000],
      -3749.47,
    ],
  ])("%s", (_label, rate, flows, expected) => {
    expect(roundTo(NPV(rate, column(flows)), 2)).toBe(expected);
  });
});

const XIRR_VALUES = [-10000, 2750, 4250, 3250, 2750];
// 1-Jan-2008, 1-Mar-2008, 30-Oct-2008, 15-Feb-2009, 1-Apr-2009 as Excel serial numbers.
const XIRR_DATES = [39448, 39508, 39751, 39859, 39904];

describe("XNPV and XIRR (support.microsoft.com)", () => {
  it("XNPV(0.09, values, dates) = 2086.65", () => {
    expect(roundTo(NPV(0.09, column(XIRR_VALUES), column(XIRR_DATES)), 2)).toBe(2086.65);
  });
  it("XIRR(values, dates, 0.1) = 0.373362535", () => {
    // Excel stops iterating at 0.000001% accuracy, so its 9th decimal is not exact: agree to 5e-9.
    expect(IRR(column(XIRR_VALUES), column(XIRR_DATES), 0.1)).toBeCloseTo(0.373362535, 8);
  });
});

describe("IRR (support.microsoft.com, IRR function)", () => {
  const flows = [-70000, 12000, 15000, 18000, 21000, 26000];
  it.each([
    ["after four years", flows.slice(0, 5), undefined, -0.021],
    ["after five years", flows, undefined, 0.087],
    ["after two years, guess -10%", flows.slice(0, 3), -0.1, -0.444],
  ])("%s", (_label, cashflows, guess, expected) => {
    expect(
      roundTo(IRR(column(cashflows as number[]), undefined, guess as number | undefined), 3)
    ).toBe(expected);
  });
});

describe("PERCENTRANK.INC (support.microsoft.com)", () => {
  const data = column([13, 12, 11, 8, 4, 3, 2, 1, 1, 1]);
  it.each([
    [2, 0.333],
    [4, 0.555],
    [8, 0.666],
    [5, 0.583],
  ])("PERCENTRANK.INC(data, %p) = %p", (value, expected) => {
    expect(truncate3(PEERRANK(value, data))).toBe(expected);
  });
});

describe("T.TEST (support.microsoft.com)", () => {
  it("T.TEST(A2:A10, B2:B10, 2, 1) = 0.196016", () => {
    const data1 = [3, 4, 5, 8, 9, 1, 2, 4, 5];
    const data2 = [6, 19, 3, 2, 14, 4, 5, 17, 1];
    expect(roundTo(tTest(data1, data2, 2, 1).p, 6)).toBe(0.196016);
  });
});
