import { settingsFromStored, DEFAULT_SETTINGS } from "../../src/excel/settings";
import { isDarkTheme } from "../../src/taskpane/theme";
import { parsePercent } from "../../src/taskpane/screens/StartScreen";
import { metricFormula } from "../../src/taskpane/screens/LibraryScreen";
import { exampleFormula, functionCatalogue } from "../../src/taskpane/adapters/functionCatalogue";
import { searchReference, type ReferenceRow } from "../../src/taskpane/adapters/libraryAdapter";

describe("settingsFromStored", () => {
  it.each([
    [{}, DEFAULT_SETTINGS],
    [
      { discountRate: "0.1", currency: " eur ", targetPercentile: "p90", industry: "Retail" },
      {
        industry: "Retail",
        discountRate: 0.1,
        currency: "EUR",
        targetPercentile: "p90",
        horizon: 3,
      },
    ],
    [{ horizon: "7" }, { ...DEFAULT_SETTINGS, horizon: 7 }],
    [{ horizon: 11 }, DEFAULT_SETTINGS],
    [{ horizon: 2.5 }, DEFAULT_SETTINGS],
    [
      { discountRate: -1, currency: "EURO", targetPercentile: "p99", industry: 7 },
      DEFAULT_SETTINGS,
    ],
    [{ discountRate: Number.NaN }, DEFAULT_SETTINGS],
  ])("%j -> %j", (stored, expected) => {
    expect(settingsFromStored(stored)).toEqual(expected);
  });
});

describe("parsePercent", () => {
  it.each([
    ["8", 0.08],
    ["12,5", 0.125],
    [" 7.25 % ", 0.0725],
    ["0", 0],
    ["-100", undefined],
    ["", undefined],
    ["ten", undefined],
  ])("%j -> %p", (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });
});

describe("isDarkTheme", () => {
  it.each([
    ["#ffffff", false],
    ["#F3F2F1", false],
    ["#262626", true],
    ["#000000", true],
    ["#6e6e6e", true],
    ["#a0a0a0", false],
    [undefined, false],
    ["not a colour", false],
  ])("%p -> %p", (colour, dark) => {
    expect(isDarkTheme(colour)).toBe(dark);
  });
});

describe("metricFormula", () => {
  it("quotes names and doubles embedded quotes", () => {
    expect(
      metricFormula({ industry: "Restaurants", metric: "Customer retention rate" }, "p75")
    ).toBe('=BENCH.METRIC("Restaurants","Customer retention rate","p75")');
    expect(metricFormula({ industry: 'Say "cheese" Ltd', metric: "n" }, "median")).toBe(
      '=BENCH.METRIC("Say ""cheese"" Ltd","n","median")'
    );
  });
});

describe("function catalogue from functions.json", () => {
  it("takes the example from the description when it has one, else names the required arguments", () => {
    expect(
      exampleFormula("BENCH.ROI", "ROI. Example: =BENCH.ROI({120,80},{150}) gives 0.333.", [])
    ).toBe("=BENCH.ROI({120,80},{150})");
    expect(
      exampleFormula("BENCH.METRIC", 'E.g. =BENCH.METRIC("Retail","Gross margin","p75").', [])
    ).toBe('=BENCH.METRIC("Retail","Gross margin","p75")');
    expect(
      exampleFormula("BENCH.NPV", "Net present value.", [
        { name: "rate" },
        { name: "cashflows" },
        { name: "dates", optional: true },
      ])
    ).toBe("=BENCH.NPV(rate, cashflows)");
  });

  it("prefixes the namespace and orders by task: the business case (ROI) first", () => {
    const list = functionCatalogue({
      functions: [
        {
          id: "ROI",
          name: "ROI",
          description: "Return",
          parameters: [{ name: "benefits" }, { name: "costs", optional: true }],
        },
        { id: "AHPCR", name: "AHPCR", description: "Consistency" },
        { id: "ZZZ", name: "ZZZ", description: "Unlisted" },
        { id: "METRIC", name: "METRIC", description: "Figure" },
        { id: "IRR", name: "IRR", description: "Rate", helpUrl: "https://x/help.html#benchirr" },
      ],
    });
    expect(list.map((f) => [f.name, f.task])).toEqual([
      ["BENCH.ROI", "Business case"],
      ["BENCH.IRR", "Business case"],
      ["BENCH.METRIC", "Benchmarks"],
      ["BENCH.AHPCR", "Practices and fit"],
      ["BENCH.ZZZ", "Other"],
    ]);
    expect(list[0].parameters).toEqual([
      { name: "benefits", description: "", optional: false },
      { name: "costs", description: "", optional: true },
    ]);
    expect(list[1].helpUrl).toBe("https://x/help.html#benchirr");
    expect(Object.keys(list[0])).not.toContain("position");
  });

  it("refuses metadata without a function list", () => {
    expect(() => functionCatalogue({} as never)).toThrow("functions.json has no function list.");
  });
});

describe("searchReference", () => {
  const row = (industry: string, metric: string): ReferenceRow => ({
    industry,
    metric,
    unit: "%",
    direction: "higher",
    region: "",
    statistics: { median: 1 },
    source: "s",
    illustrative: true,
  });
  const rows = [
    row("Retail", "Gross margin"),
    row("Restaurants", "Customer retention rate"),
    row("Café", "Gross margin"),
  ];

  it.each([
    ["", 3],
    ["margin", 2],
    ["cafe margin", 1],
    ["RETENTION restaurants", 1],
    ["margin retention", 0],
  ])("%j matches %p", (query, count) => {
    expect(searchReference(rows, query, 10).total).toBe(count);
  });

  it("caps the entries but reports the total", () => {
    const found = searchReference(rows, "", 2);
    expect(found.entries.map((e) => e.industry)).toEqual(["Café", "Restaurants"]);
    expect(found.total).toBe(3);
  });
});
