/**
 * Data types in `any` parameters. functions.json declares allowCustomDataForDataTypeAny
 * (CustomFunctionsRuntime 1.4), so a cell holding a data type arrives as its cell-value JSON
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts).
 * Both shapes must work: the plain value (older hosts, or the flag ignored) and the data-type object.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { callRegistered as call } from "../../test/support/customFunctionsGlobal";
import { basicValueOf, cellToNumber, flattenNumbers, optionalWord } from "./args";
import * as analytics from "./analytics";

// As in the built add-in, where custom-functions-metadata-plugin appends the associate calls.
beforeAll(() => {
  CustomFunctions.associate({ ...analytics });
});

const formatted = (value: number, numberFormat = "0.0%") => ({
  type: "FormattedNumber",
  basicValue: value,
  numberFormat,
});
const double = (value: number) => ({ type: "Double", basicValue: value, basicType: "Double" });
const entity = {
  type: "Entity",
  text: "Contoso Ltd",
  basicValue: "#VALUE!",
  properties: { Revenue: { type: "Double", basicValue: 1200 } },
};

describe("basic values of data types", () => {
  it.each([
    ["a formatted number", formatted(0.1), 0.1],
    ["a double", double(12.5), 12.5],
    ["a string", { type: "String", basicValue: "lower" }, "lower"],
    ["a boolean", { type: "Boolean", basicValue: true }, true],
    ["an empty cell", { type: "Empty", basicValue: "" }, null],
    ["a plain number", 3, 3],
  ])("%s", (_, cell, expected) => {
    expect(basicValueOf(cell, "x")).toEqual(expected);
  });

  it("an error data type becomes that Excel error", () => {
    const value = basicValueOf(
      { type: "Error", basicValue: "#N/A", errorType: "NotAvailable" },
      "x"
    );
    expect(value).toBeInstanceOf(CustomFunctions.Error);
    expect((value as CustomFunctions.Error).code).toBe("#N/A");
  });

  it("an entity is refused with a message that names the argument and says what to do", () => {
    expect(() => cellToNumber(entity, "rate")).toThrow(
      /rate holds a data type "Contoso Ltd" \(Entity\).*refer to one of its fields/
    );
  });

  it("numbers in a range may be formatted numbers", () => {
    expect(
      flattenNumbers(
        [
          [formatted(-100, "$#,##0"), double(60)],
          [70, null],
        ],
        { argName: "cashflows" }
      )
    ).toEqual([-100, 60, 70]);
    expect(optionalWord([[{ type: "String", basicValue: " Lower " }]], "direction")).toBe("lower");
  });
});

describe("through the registered functions, both shapes give the same result", () => {
  it.each([
    [
      "NPV",
      [0.1, [[-100, 60, 70]]],
      [formatted(0.1), [[formatted(-100, "$#,##0"), double(60), 70]]],
    ],
    ["ROI", [[[150]], [[100]]], [[[formatted(150, "$#,##0")]], [[double(100)]]]],
    [
      "CHANGE",
      [10, 12, "higher"],
      [double(10), formatted(12, "0.0"), { type: "String", basicValue: "higher" }],
    ],
  ])("%s", (id, plain, typed) => {
    const expected = call(id, ...plain);
    expect(typeof expected).toBe("number");
    expect(call(id, ...typed)).toBe(expected);
  });

  it("an entity where a number is needed is #VALUE! with its reason", () => {
    const result = call("NPV", entity, [[-100, 60]]) as CustomFunctions.Error;
    expect(result.code).toBe("#VALUE!");
    expect(result.message).toMatch(/Contoso Ltd/);
  });
});

describe("the build's metadata", () => {
  it("declares allowCustomDataForDataTypeAny, which is why the parsers above take basic values", async () => {
    const generated = await generateCustomFunctionsMetadata(
      ["src/functions/analytics.ts", "src/functions/reference.ts"].map((f) =>
        join(process.cwd(), f)
      ),
      false
    );
    const metadata = JSON.parse(generated.metadataJson) as {
      allowCustomDataForDataTypeAny?: boolean;
    };
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(readFileSync(join(process.cwd(), "webpack.config.js"), "utf8")).toMatch(
      /CustomFunctionsMetadataPlugin/
    );
  });
});
