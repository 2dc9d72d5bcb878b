import fc from "fast-check";
import { classifyNumberText, inferConvention, readNumberText } from "./numbers";

const value = (text: string, decimal: "." | ","): number | undefined => {
  const reading = readNumberText(text, decimal);
  return reading?.ok ? reading.value : undefined;
};

describe("readNumberText", () => {
  it.each([
    ["1.234,5", ",", 1234.5],
    ["1 234,5", ",", 1234.5],
    ["1\u00a0234,5", ",", 1234.5],
    ["1\u202f234,5", ",", 1234.5],
    ["1 234.5", ".", 1234.5],
    ["1'234.5", ".", 1234.5],
    ["1\u2019234.5", ".", 1234.5],
    ["1,234.5", ".", 1234.5],
    ["12,5 %", ",", 0.125],
    ["41,2 %", ",", 0.412],
    ["41,2\u00a0%", ",", 0.412],
    ["15.2%", ".", 0.152],
    ["(1.200)", ",", -1200],
    ["(1,200)", ".", -1200],
    ["(1,5 %)", ",", -0.015],
    ["-4 %", ".", -0.04],
    ["95.400", ",", 95400],
    ["95.400", ".", 95.4],
    ["1e3", ".", 1000],
  ] as const)("%j with decimal %j is %p", (text, decimal, expected) => {
    expect(value(text, decimal)).toBe(expected);
  });

  it("writes percentages exactly: 41,2 % is 0.412, not 41.2 / 100", () => {
    expect(value("41,2 %", ",")).toBe(0.412);
    expect(String(value("41.2%", "."))).toBe("0.412");
  });

  it.each(["1e309", "-1e400", "Infinity", "NaN", "1 2", "1,2,3.4.5", "12abc", "1.2.3"])(
    "%j is not a number in either convention",
    (text) => {
      expect(value(text, ".")).toBeUndefined();
      expect(value(text, ",")).toBeUndefined();
    }
  );

  it("says overflow is a range problem, not a format problem", () => {
    expect(readNumberText("1e309", ".")).toEqual({ ok: false, reason: "range" });
  });
});

describe("the file's convention", () => {
  it("classifies cells as evidence or ambiguity", () => {
    expect(classifyNumberText("0,35")).toBe("comma");
    expect(classifyNumberText("1.234,5")).toBe("comma");
    expect(classifyNumberText("12.5")).toBe("point");
    expect(classifyNumberText("1,234.5")).toBe("point");
    expect(classifyNumberText("1.500")).toBe("ambiguous");
    expect(classifyNumberText("950")).toBe("neutral");
  });

  it("is decided by all cells, not a sample: decimal commas far down the file still count", () => {
    const rows = [["median"], ...Array.from({ length: 2000 }, () => ["1.500"]), ["0,5"]];
    expect(inferConvention(rows, ",")).toMatchObject({ decimal: ",", decidedBy: "file" });
  });

  it("defaults to a decimal comma for a semicolon file with no evidence, and to the user's choice", () => {
    const rows = [["1.500", "950"]];
    expect(inferConvention(rows, ";")).toMatchObject({ decimal: ",", decidedBy: "default" });
    expect(inferConvention(rows, ",")).toMatchObject({ decimal: ".", decidedBy: "default" });
    expect(inferConvention(rows, ";", ".")).toMatchObject({ decimal: ".", decidedBy: "user" });
  });
});

describe("a leading zero is never a thousands group", () => {
  it("reads 0.031 and 0,031 as decimals under either evidence", () => {
    // "0.031" cannot be 31 grouped as thousands, so it says nothing against a decimal point.
    expect(classifyNumberText("0.031")).toBe("point");
    expect(classifyNumberText("0,031")).toBe("comma");
    expect(readNumberText("0.031", ",")).toEqual({ ok: false, reason: "format" });
    expect(readNumberText("1.031", ",")).toEqual({ ok: true, value: 1031 });
  });
});

describe("classifyNumberText's fast paths", () => {
  // The regex-only definition the character loop replaced (every cell of a large file goes through it).
  const byRegex = (text: string): ReturnType<typeof classifyNumberText> => {
    if (!/[.,]/.test(text) || /[^\d.,'\s%()+\-eE\u00a0\u202f\u2009\u2019]/.test(text))
      return "neutral";
    const simple = /^[+-]?(\d+)([.,])(\d+)$/.exec(text);
    if (simple) {
      const [, whole, mark, fraction] = simple;
      if (fraction.length === 3 && whole.length <= 3 && whole[0] !== "0") return "ambiguous";
      return mark === "," ? "comma" : "point";
    }
    const point = readNumberText(text, ".");
    const comma = readNumberText(text, ",");
    const pointOk = point?.ok === true;
    const commaOk = comma?.ok === true;
    if (pointOk && commaOk) return point.value === comma.value ? "neutral" : "ambiguous";
    if (pointOk && comma?.ok === false && comma.reason === "format") return "point";
    if (commaOk && point?.ok === false && point.reason === "format") return "comma";
    return "neutral";
  };
  const characters = [..."0123456789.,.,'% ()+-eEx\u00a0\u202f\u2009\u2019\u3000\u00e9\t"];

  it("classify every text of number-like characters as the regex definition does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...characters), { maxLength: 12 }).map((c) => c.join("")),
        (text) => classifyNumberText(text) === byRegex(text)
      ),
      { numRuns: 20_000 }
    );
  });

  it.each([
    "1.500",
    "-1,500",
    "+0.500",
    "12.5",
    "1,5",
    "CC BY 4.0",
    "4.0\u00e9",
    "1\u2019234.5",
    "",
  ])("classify %j as the regex definition does", (text) =>
    expect(classifyNumberText(text)).toBe(byRegex(text))
  );
});
