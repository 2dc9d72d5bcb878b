import fc from "fast-check";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { callRegistered as call } from "../../test/support/customFunctionsGlobal";
import * as analytics from "./analytics";

const IDS = [
  "ROI",
  "NPV",
  "IRR",
  "PAYBACK",
  "CHANGE",
  "BENEFIT",
  "BEFOREAFTER",
  "ROISIM",
  "CASESIM",
  "PEERRANK",
  "FIT",
  "AHPWEIGHTS",
  "AHPCR",
];

// In the built add-in custom-functions-metadata-plugin appends these associate calls; register the same
// way here so the tests call what Excel calls.
beforeAll(() => {
  CustomFunctions.associate({ ...analytics });
});

function errorOf(result: unknown): { code: string; message: string } | undefined {
  const cell =
    Array.isArray(result) &&
    result.length === 1 &&
    Array.isArray(result[0]) &&
    result[0].length === 1
      ? result[0][0]
      : result;
  return cell instanceof CustomFunctions.Error
    ? { code: cell.code, message: cell.message ?? "" }
    : undefined;
}

describe("metadata generated from the JSDoc", () => {
  let metadata: {
    functions: {
      id: string;
      description?: string;
      helpUrl?: string;
      parameters: { name: string; description?: string }[];
      result: { dimensionality?: string };
    }[];
  };
  let associations: { id: string; functionName: string }[];

  beforeAll(async () => {
    const generated = await generateCustomFunctionsMetadata(["src/functions/analytics.ts"]);
    expect(generated.errors).toEqual([]);
    metadata = JSON.parse(generated.metadataJson);
    associations = generated.associate;
  });

  it("declares the thirteen fixed ids, each bound to its exported function", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...IDS].sort());
    for (const { id, functionName } of associations) {
      expect(typeof (analytics as Record<string, unknown>)[functionName]).toBe("function");
      expect(id).toBe(functionName);
    }
  });

  it("describes every function and parameter and links its help section", () => {
    for (const fn of metadata.functions) {
      expect(fn.description?.length).toBeGreaterThan(20);
      expect(fn.helpUrl).toBe(`https://localhost:3000/help.html#bench${fn.id.toLowerCase()}`);
      for (const parameter of fn.parameters)
        expect(parameter.description?.length).toBeGreaterThan(10);
    }
  });

  it("spills exactly the table functions", () => {
    const spilling = metadata.functions
      .filter((f) => f.result.dimensionality === "matrix")
      .map((f) => f.id);
    expect(spilling.sort()).toEqual(["AHPWEIGHTS", "BEFOREAFTER", "CASESIM", "ROISIM"]);
  });
});

describe("Excel-shaped inputs through the registered functions", () => {
  it.each([
    [
      "ROI with blanks as null and empty text",
      [
        "ROI",
        [
          [100, null],
          ["", 50],
        ],
        [[100]],
      ],
      0.5,
    ],
    ["ROI of single values", ["ROI", 120, 100], 0.2],
    ["NPV with a blank period", ["NPV", 0.1, [[-100], [null], [121]]], 0],
    ["NPV with omitted dates (null)", ["NPV", 0.1, [[-100, 110]], null], 0],
    ["IRR with omitted dates and guess", ["IRR", [[-100, 0, 121]], null, null], 0.1],
    ["PAYBACK with a blank rate cell", ["PAYBACK", [[-100, 50, 50]], null], 2],
    ["CHANGE of range means", ["CHANGE", [[90, 110]], [[120], [100]], "higher"], 0.1],
    ["CHANGE lower is better", ["CHANGE", 100, 80, "Lower"], 0.2],
    ["BENEFIT with defaults", ["BENEFIT", 10, 12, 100, 3], 600],
    ["PEERRANK lower is better", ["PEERRANK", 2, [[1, 2, 3, 4, 5]], "lower"], 0.75],
    ["FIT with an unrated criterion", ["FIT", [[4, ""]], [[2, 8]]], 75],
    [
      "AHPCR of Saaty's example",
      [
        "AHPCR",
        [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [1 / 5, 1 / 2, 1],
        ],
      ],
      0.0031849983,
    ],
  ])("%s", (_label, [id, ...args], expected) => {
    expect(call(id as string, ...args)).toBeCloseTo(expected as number, 9);
  });

  it.each([
    ["ROI", [[[100]], [[0]]], "#DIV/0!", /costs add up to 0/],
    ["ROI", [[[100]], [["abc"]]], "#VALUE!", /costs contains text "abc"/],
    ["ROI", [[[100]], [[-5]]], "#VALUE!", /must not be negative/],
    ["NPV", [-1, [[1, 2]]], "#VALUE!", /greater than -1/],
    ["NPV", [0.1, [[1, 2]], [[40000]]], "#VALUE!", /one date per cash flow/],
    ["NPV", [0.1, [[1, 2]], [[40000, 39000]]], "#NUM!", /on or after the first date/],
    ["IRR", [[[1, 2, 3]]], "#NUM!", /at least one negative/],
    ["IRR", [[[-100, true]]], "#VALUE!", /TRUE where a number is needed/],
    ["PAYBACK", [[[-100, 10]]], "#N/A", /not recovered within the cash flows given/],
    // The percent/fraction trap: 8 typed for 8% would discount at 800% a year.
    ["NPV", [8, [[-100, 50, 60]]], "#VALUE!", /8 means 800% a year; for 8% enter 0\.08 or 8%/],
    ["NPV", [1, [[-100, 50, 60]]], "#VALUE!", /1 means 100% a year; for 1% enter 0\.01 or 1%/],
    ["PAYBACK", [[[-100, 50, 60]], 8], "#VALUE!", /8 means 800% a year; for 8% enter 0\.08/],
    ["CHANGE", [0, 5], "#DIV/0!", /before is 0/],
    ["CHANGE", [1, 5, "up"], "#VALUE!", /"higher".*"lower"/],
    ["BENEFIT", [1, 2, 3, 4, 1.5], "#VALUE!", /attribution must be a fraction/],
    ["BEFOREAFTER", [[[1]], [[1, 2]]], "#N/A", /at least 2 values each/],
    ["ROISIM", [1, 2, 3, 4, 5, 6, 2_000_000], "#VALUE!", /capped at 1,000,000/],
    ["ROISIM", [3, 2, 1, 4, 5, 6], "#VALUE!", /low ≤ likely ≤ high/],
    ["PEERRANK", [10, [[1, 2, 3]]], "#N/A", /outside the peers' range/],
    ["PEERRANK", [1, [[1]]], "#N/A", /at least 2 values/],
    ["FIT", [[[1, 2]], [[1]]], "#VALUE!", /one weight per rating/],
    ["FIT", [[[7]], [[1]]], "#VALUE!", /between 1 and scale_max/],
    ["FIT", [[[null]], [[1]]], "#N/A", /nothing is rated/],
    [
      "AHPWEIGHTS",
      [
        [
          [1, 2],
          [1, 1],
        ],
      ],
      "#VALUE!",
      /must be reciprocal/,
    ],
    ["AHPWEIGHTS", [[[1, 2, 3]]], "#VALUE!", /square/],
    [
      "AHPCR",
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
      "#VALUE!",
      /must be positive/,
    ],
    ["ROI", [[[1e308, 1e308]], [[1]]], "#NUM!", /too large to represent/],
  ])("%s(%j) -> %s, with its reason where Excel shows one", (id, args, code, message) => {
    const error = errorOf(call(id, ...(args as unknown[])));
    expect(error?.code).toBe(code);
    // Excel keeps a custom message only on #VALUE! and #N/A (the test host drops the others, as Excel does).
    if (code === "#VALUE!" || code === "#N/A") expect(error?.message).toMatch(message);
    else expect(error?.message).toBe("");
  });

  it.each([
    ["NPV", [-1, [[1, 2]]]],
    ["BENEFIT", [1, 2, 3, 4, 1.5]],
    ["ROISIM", [3, 2, 1, 4, 5, 6]],
    ["FIT", [[[7]], [[1]]]],
    [
      "AHPCR",
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ],
  ])("%s(%j): an input mistake is #VALUE! so the user sees why", (id, args) => {
    const error = errorOf(call(id, ...(args as unknown[])));
    expect(error?.code).toBe("#VALUE!");
    expect(error?.message.length).toBeGreaterThan(10);
  });

  it("spills BEFOREAFTER as label/value rows with error cells where a statistic is undefined", () => {
    const table = call("BEFOREAFTER", [[5, 5]], [[5, 5]]) as unknown[][];
    expect(table).toHaveLength(10);
    expect(table.every((row) => row.length === 2 && typeof row[0] === "string")).toBe(true);
    expect((table[6][1] as CustomFunctions.Error).code).toBe("#DIV/0!");
  });

  it("spills ROISIM as one row of five figures and AHPWEIGHTS as a column", () => {
    const row = call("ROISIM", 80, 120, 200, 90, 100, 130, 1000, 5) as number[][];
    expect(row).toHaveLength(1);
    expect(row[0]).toHaveLength(5);
    expect(call("ROISIM", 80, 120, 200, 90, 100, 130, 1000, 5)).toEqual(row);
    const weights = call("AHPWEIGHTS", [
      [1, 3],
      [1 / 3, 1],
    ]) as number[][];
    expect(weights.map(([w]) => w)).toEqual([0.75, 0.25].map((w) => expect.closeTo(w, 12)));
  });

  it("spills CASESIM as NPV and ROI rows of five, or ten histogram bins, reproducibly", () => {
    const parts = [
      [30000, 36000],
      [2000, 2500],
      [18000, 18000],
      [8000, 9000],
    ];
    const ranges = [
      [0.6, 1.2],
      [0.85, 1.1],
      [0.8, 1.25],
      [0.95, 1.3],
      [0.9, 1.2],
    ];
    const summary = call("CASESIM", parts, ranges, 2000, 3) as number[][];
    expect(summary.map((row) => row.length)).toEqual([5, 5]);
    expect(call("CASESIM", parts, ranges, 2000, 3)).toEqual(summary);
    const histogram = call("CASESIM", parts, ranges, 2000, 3, "histogram") as unknown[][];
    expect(histogram).toHaveLength(10);
    expect(histogram.reduce((total, row) => total + (row[1] as number), 0)).toBe(2000);
    expect(errorOf(call("CASESIM", parts, ranges.slice(1), 2000, 3))?.message).toMatch(
      /ranges needs two columns \(low, high\) and 5 rows/
    );
    expect(errorOf(call("CASESIM", parts, ranges, 2000, 3, "chart"))?.message).toMatch(
      /output must be "summary" or "histogram"/
    );
  });

  it("passes an Excel error from a referenced cell through unchanged", () => {
    const upstream = new CustomFunctions.Error(
      CustomFunctions.ErrorCode.notAvailable,
      "lookup failed"
    );
    expect(call("ROI", [[upstream]], [[1]])).toBe(upstream);
  });
});

describe("every registered function is total over fuzzed Excel-shaped inputs", () => {
  const cell = fc.oneof(
    fc.double(),
    fc.integer({ min: -10, max: 10 }),
    fc.constantFrom(
      null,
      undefined,
      "",
      "abc",
      "12",
      true,
      false,
      NaN,
      Infinity,
      -Infinity,
      1e308,
      -1e308,
      1e-308,
      0,
      1,
      -1,
      0.1,
      "higher",
      "lower"
    )
  );
  const block = fc.integer({ min: 1, max: 6 }).chain((width) =>
    fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
      minLength: 1,
      maxLength: 6,
    })
  );
  const ragged = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 5 });
  const argument = fc.oneof(cell, block, ragged);

  it.each(IDS)("%s returns a value or a CustomFunctions.Error, never throws", (id) => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 9 }), (args) => {
        let result: unknown;
        expect(() => (result = call(id, ...args))).not.toThrow();
        const isValue = (value: unknown) =>
          ["number", "string"].includes(typeof value) || value instanceof CustomFunctions.Error;
        if (Array.isArray(result)) {
          for (const row of result) {
            for (const value of row as unknown[]) {
              expect(isValue(value)).toBe(true);
              if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
            }
          }
        } else {
          expect(isValue(result)).toBe(true);
          if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
        }
        const error = errorOf(result);
        if (error) expect(error.message).not.toMatch(/^Crossbench could not compute this/);
      }),
      { numRuns: 300 }
    );
  });
});
