import * as formulajs from "@formulajs/formulajs";
import { BenchError } from "./errors";
import {
  gapToTarget,
  industrySimilarity,
  percentilePosition,
  rawPosition,
  rawQuantileForTarget,
  ProfileEntry,
} from "./benchmarking";

const full = [
  { level: 0.1, value: 10 },
  { level: 0.25, value: 20 },
  { level: 0.5, value: 30 },
  { level: 0.75, value: 50 },
  { level: 0.9, value: 90 },
];

/** Independent oracle: Excel's FORECAST.LINEAR between the two bracketing points. */
function forecastBetween(
  value: number,
  low: { level: number; value: number },
  high: { level: number; value: number }
): number {
  return formulajs.FORECAST(value, [low.level, high.level], [low.value, high.value]) as number;
}

describe("rawPosition", () => {
  it.each([
    [15, 0, 1],
    [25, 1, 2],
    [40, 2, 3],
    [70, 3, 4],
    [11, 0, 1],
    [89, 3, 4],
  ])("interpolates %p linearly between published points", (value, i, j) => {
    expect(rawPosition(value, full)).toBeCloseTo(forecastBetween(value, full[i], full[j]), 12);
  });

  it.each([
    [10, 0.1],
    [20, 0.25],
    [30, 0.5],
    [50, 0.75],
    [90, 0.9],
  ])("returns the level at a published point %p", (value, level) => {
    expect(rawPosition(value, full)).toBe(level);
  });

  it.each([
    [-1e9, 0.1],
    [9.99, 0.1],
    [90.01, 0.9],
    [1e12, 0.9],
  ])("holds at the outermost point beyond the range (%p)", (value, level) => {
    expect(rawPosition(value, full)).toBe(level);
  });

  it("holds at the outermost published point when only the inner quartiles exist", () => {
    const quartiles = [full[1], full[2], full[3]];
    expect(rawPosition(0, quartiles)).toBe(0.25);
    expect(rawPosition(1000, quartiles)).toBe(0.75);
  });

  it("places a value tied across several points at the middle of their levels", () => {
    const tied = [
      { level: 0.25, value: 5 },
      { level: 0.5, value: 5 },
      { level: 0.75, value: 9 },
    ];
    expect(rawPosition(5, tied)).toBeCloseTo((0.25 + 0.5) / 2, 12);
  });

  it("accepts points in any order", () => {
    expect(rawPosition(25, [...full].reverse())).toBeCloseTo(rawPosition(25, full), 12);
  });

  it.each([
    ["one point", [{ level: 0.5, value: 3 }], "#N/A"],
    ["no points", [], "#N/A"],
    [
      "decreasing quantiles",
      [
        { level: 0.25, value: 9 },
        { level: 0.5, value: 3 },
      ],
      "#VALUE!",
    ],
  ])("refuses %s", (_label, points, kind) => {
    expect(() => rawPosition(3, points)).toThrow(BenchError);
    try {
      rawPosition(3, points);
    } catch (error) {
      expect((error as BenchError).kind).toBe(kind);
    }
  });

  it("refuses non-finite values", () => {
    expect(() => rawPosition(Number.NaN, full)).toThrow(/finite/);
  });
});

describe("percentilePosition", () => {
  it.each([15, 30, 42, 95, 1])(
    "mirrors the raw position for lower-is-better metrics (%p)",
    (value) => {
      expect(percentilePosition(value, full, "lower")).toBeCloseTo(
        1 - percentilePosition(value, full, "higher"),
        12
      );
    }
  );

  it("means better than 90 % for the best values in either direction", () => {
    expect(percentilePosition(1000, full, "higher")).toBeCloseTo(0.9, 12);
    expect(percentilePosition(0, full, "lower")).toBeCloseTo(0.9, 12);
  });
});

describe("targets and gaps", () => {
  it.each([
    ["p75", "higher", "p75"],
    ["p75", "lower", "p25"],
    ["p90", "lower", "p10"],
    ["p90", "higher", "p90"],
    ["median", "lower", "median"],
    [" P75 ", "higher", "p75"],
  ] as const)("target %s for %s-is-better reads raw %s", (target, direction, raw) => {
    expect(rawQuantileForTarget(target, direction)).toBe(raw);
  });

  it("refuses unknown targets", () => {
    expect(() => rawQuantileForTarget("p99", "higher")).toThrow(/Unknown target/);
  });

  it.each([
    [40, 50, "higher", 10],
    [60, 50, "higher", -10],
    [40, 30, "lower", 10],
    [20, 30, "lower", -10],
  ] as const)("gap of %p to %p (%s is better) is %p", (value, target, direction, expected) => {
    expect(gapToTarget(value, target, direction)).toBe(expected);
  });
});

describe("industrySimilarity", () => {
  const profile: ProfileEntry[] = [];
  const data: Record<string, number[]> = {
    A: [1, 5, 9, 2],
    B: [2, 6, 8, 3],
    C: [9, 1, 2, 8],
    D: [4, 4, 4, 4],
  };
  const directions = ["higher", "higher", "lower", "higher"] as const;
  for (const [industry, values] of Object.entries(data)) {
    values.forEach((centre, m) =>
      profile.push({ industry, metric: `m${m}`, direction: directions[m], centre })
    );
  }

  /** Oracle with Excel functions: STANDARDIZE per metric, then SUMPRODUCT / SQRT(SUMSQ * SUMSQ). */
  function oracle(a: string, b: string): number {
    const za: number[] = [];
    const zb: number[] = [];
    for (let m = 0; m < 4; m++) {
      const sign = directions[m] === "higher" ? 1 : -1;
      const column = Object.values(data).map((v) => sign * v[m]);
      const average = formulajs.AVERAGE(column) as number;
      const sd = formulajs.STDEV.S(column) as number;
      za.push(formulajs.STANDARDIZE(sign * data[a][m], average, sd) as number);
      zb.push(formulajs.STANDARDIZE(sign * data[b][m], average, sd) as number);
    }
    const cos =
      (formulajs.SUMPRODUCT(za, zb) as number) /
      Math.sqrt((formulajs.SUMSQ(za) as number) * (formulajs.SUMSQ(zb) as number));
    return (1 + cos) / 2;
  }

  it.each([
    ["A", "B"],
    ["A", "C"],
    ["B", "C"],
    ["C", "D"],
  ])("matches the spreadsheet oracle for %s vs %s", (a, b) => {
    expect(industrySimilarity(profile, a, b)).toBeCloseTo(oracle(a, b), 12);
  });

  it("is 1 for an industry against itself and symmetric", () => {
    expect(industrySimilarity(profile, "A", "A")).toBeCloseTo(1, 12);
    expect(industrySimilarity(profile, "A", "C")).toBeCloseTo(
      industrySimilarity(profile, "C", "A"),
      12
    );
  });

  it("needs three shared metrics", () => {
    const sparse = profile.filter(
      (e) => !(e.industry === "B" && (e.metric === "m0" || e.metric === "m1"))
    );
    expect(() => industrySimilarity(sparse, "A", "B")).toThrow(/share 2 comparable/);
  });

  it("skips metrics without spread across industries", () => {
    const flat = profile.map((e) => (e.metric === "m3" ? { ...e, centre: 7 } : e));
    expect(() => industrySimilarity(flat, "A", "B", 4)).toThrow(/share 3/);
  });
});
