import { BenchError } from "../core/errors";
import {
  cellToNumber,
  directionArg,
  flattenNumbers,
  flattenNumbersKeepingBlanks,
  numberMatrix,
  optionalInteger,
  optionalNumber,
  optionalNumbers,
  requiredNumber,
} from "./args";

function kindOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BenchError) return error.kind;
    if (error instanceof CustomFunctions.Error) return `passed-through ${error.code}`;
    return "plain error";
  }
  return "no error";
}

describe("flattenNumbers", () => {
  it.each([
    [
      "2-D range, blanks as zero",
      [
        [1, null],
        ["", 4],
      ],
      "zero",
      [1, 0, 0, 4],
    ],
    [
      "2-D range, blanks skipped",
      [
        [1, null],
        ["", 4],
      ],
      "skip",
      [1, 4],
    ],
    ["column", [[1], [2], [3]], "skip", [1, 2, 3]],
    ["scalar", 7, "skip", [7]],
    ["1-D array", [1, 2], "skip", [1, 2]],
    ["blank scalar as zero", null, "zero", [0]],
  ] as const)("%s", (_label, range, blank, expected) => {
    expect(flattenNumbers(range, { argName: "x", blank })).toEqual(expected);
  });

  it.each([
    ["text", [["abc"]], "#VALUE!"],
    ["numeric text", [["12"]], "#VALUE!"],
    ["boolean", [[true]], "#VALUE!"],
    ["NaN", [[NaN]], "#VALUE!"],
    ["Infinity", [[-Infinity]], "#VALUE!"],
    ["object", [[{}]], "#VALUE!"],
  ])("refuses %s", (_label, range, kind) => {
    expect(kindOf(() => flattenNumbers(range, { argName: "x" }))).toBe(kind);
  });

  it("refuses blanks under the error policy", () => {
    expect(kindOf(() => flattenNumbers([[1, null]], { argName: "x", blank: "error" }))).toBe(
      "#VALUE!"
    );
  });

  it("passes an Excel error cell through unchanged", () => {
    const cellError = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "upstream");
    expect(kindOf(() => flattenNumbers([[1, cellError]], { argName: "x" }))).toBe(
      "passed-through #N/A"
    );
  });

  it("names the argument and says a number is stored as text", () => {
    expect(() => cellToNumber("12", "costs")).toThrow(
      /costs contains the number 12 stored as text/
    );
  });
});

describe("scalar arguments", () => {
  it.each([
    [null, 0.1],
    [undefined, 0.1],
    ["", 0.1],
    [[[null]], 0.1],
    [0.25, 0.25],
    [[[0.3]], 0.3],
  ])("optionalNumber(%p) = %p", (value, expected) => {
    expect(optionalNumber(value, "guess", 0.1)).toBe(expected);
  });

  it("requires a value", () => {
    expect(kindOf(() => requiredNumber(null, "rate"))).toBe("#VALUE!");
    expect(kindOf(() => requiredNumber([[1, 2]], "rate"))).toBe("#VALUE!");
  });

  it("refuses fractional whole numbers", () => {
    expect(kindOf(() => optionalInteger(2.5, "trials", 10))).toBe("#VALUE!");
    expect(optionalInteger(null, "trials", 10)).toBe(10);
  });

  it("treats an all-blank optional range as omitted", () => {
    expect(optionalNumbers([[null, ""]], { argName: "dates" })).toBeUndefined();
    expect(optionalNumbers(null, { argName: "dates" })).toBeUndefined();
    expect(optionalNumbers([[1, 2]], { argName: "dates" })).toEqual([1, 2]);
  });
});

describe("directionArg", () => {
  it.each([
    [null, "higher"],
    ["", "higher"],
    ["Higher", "higher"],
    [" LOWER ", "lower"],
  ])("%p -> %p", (value, expected) => {
    expect(directionArg(value)).toBe(expected);
  });
  it.each([["up"], [1], [true]])("refuses %p", (value) => {
    expect(kindOf(() => directionArg(value))).toBe("#VALUE!");
  });
});

describe("shape-keeping helpers", () => {
  it("keeps blanks in position", () => {
    expect(flattenNumbersKeepingBlanks([[5, null, "", 3]], "ratings")).toEqual([5, null, null, 3]);
  });
  it("keeps matrix shape and refuses ragged or blank blocks", () => {
    expect(
      numberMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        "m"
      )
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(kindOf(() => numberMatrix([[1, 2], [3]], "m"))).toBe("#VALUE!");
    expect(
      kindOf(() =>
        numberMatrix(
          [
            [1, null],
            [3, 4],
          ],
          "m"
        )
      )
    ).toBe("#VALUE!");
  });
});
