import * as formulajs from "@formulajs/formulajs";
import { setWorkbookReferenceValues } from "../reference/activeLibrary";
import { BUNDLED_LIBRARY } from "../reference/bundledLibrary";
import { ReferenceValue } from "../reference/model";
import { callRegistered } from "../../test/support/customFunctionsGlobal";
import * as reference from "./reference";
import { gap, industries, metric, metrics, percentile, practices, similarity } from "./reference";

const bundled = (industry: string, metricName: string): ReferenceValue => {
  const found = BUNDLED_LIBRARY.find((v) => v.industry === industry && v.metric === metricName);
  if (!found) throw new Error(`fixture missing ${industry} ${metricName}`);
  return found;
};

function expectExcelError(result: unknown, code: string, message?: RegExp): void {
  expect(result).toBeInstanceOf(CustomFunctions.Error);
  const error = result as CustomFunctions.Error;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

const own = (over: Partial<ReferenceValue>): ReferenceValue => ({
  industry: "Bakeries",
  metric: "Gross margin",
  unit: "%",
  direction: "higher",
  region: "",
  year: 2024,
  statistics: { p10: 0.2, p25: 0.3, median: 0.4, p75: 0.5, p90: 0.6 },
  n: 31,
  source: "Bakers' guild survey",
  licence: "CC BY 4.0",
  illustrative: false,
  ...over,
});

afterEach(() => setWorkbookReferenceValues([]));

/** The user's own Bakeries figures: a higher-is-better and a lower-is-better metric. */
const ownMarginAndDso = () =>
  setWorkbookReferenceValues([
    own({}),
    own({
      metric: "Days sales outstanding",
      unit: "days",
      direction: "lower",
      statistics: { p10: 20, p25: 30, median: 40, p75: 60, p90: 80 },
    }),
  ]);

describe("BENCH.METRIC", () => {
  const retailMargin = bundled("Retail", "Gross margin");
  it.each([
    ["median", retailMargin.statistics.median],
    ["p10", retailMargin.statistics.p10],
    ["P90", retailMargin.statistics.p90],
    ["mean", retailMargin.statistics.mean],
    ["n", retailMargin.n],
    ["unit", "%"],
    ["direction", "higher"],
    ["source", "Crossbench illustrative sample"],
    ["year", 2025],
    ["illustrative", true],
  ])("returns %s from the bundled library", async (statistic, expected) => {
    expect(await metric("retail", " gross MARGIN ", statistic)).toBe(expected);
  });

  it("defaults to the median", async () => {
    expect(await metric("Retail", "Gross margin")).toBe(retailMargin.statistics.median);
    expect(await metric([["Retail"]], "Gross margin", null)).toBe(retailMargin.statistics.median);
  });

  it("falls back from median to value when no distribution exists", async () => {
    setWorkbookReferenceValues([own({ statistics: { value: 0.42 } })]);
    expect(await metric("Bakeries", "Gross margin")).toBe(0.42);
    expectExcelError(await metric("Bakeries", "Gross margin", "p75"), "#N/A", /no p75/);
  });

  it("reads workbook rows before bundled ones", async () => {
    setWorkbookReferenceValues([own({ industry: "Retail", statistics: { median: 0.123 } })]);
    expect(await metric("Retail", "Gross margin")).toBe(0.123);
    expect(await metric("Retail", "Gross margin", "illustrative")).toBe(false);
    expect(await metric("Retail", "Gross margin", "licence")).toBe("CC BY 4.0");
  });

  it.each([
    [["Retial", "Gross margin"], "#N/A", /Did you mean "Retail"/],
    [["Retail", "Grss margin"], "#N/A", /Did you mean "Gross margin"/],
    [["Retail", "Gross margin", "p99"], "#VALUE!", /Unknown statistic/],
    [["", "Gross margin"], "#VALUE!", /industry is required/],
    [[42, "Gross margin"], "#VALUE!", /industry must be text/],
  ])("returns an error with a message for %j", async (args, code, message) => {
    expectExcelError(
      await (metric as (...a: unknown[]) => Promise<unknown>)(...args),
      code,
      message
    );
  });

  it("passes an incoming Excel error through", async () => {
    const incoming = new CustomFunctions.Error(
      CustomFunctions.ErrorCode.divisionByZero,
      "upstream"
    );
    expect(await metric(incoming, "Gross margin")).toBe(incoming);
  });
});

describe("BENCH.PERCENTILE", () => {
  beforeEach(ownMarginAndDso);

  it.each([
    [0.35, 0.25, 0.3, 0.5, 0.4],
    [0.55, 0.75, 0.5, 0.9, 0.6],
    [0.25, 0.1, 0.2, 0.25, 0.3],
  ])(
    "interpolates %p between published points (Excel FORECAST oracle)",
    async (value, lowLevel, lowValue, highLevel, highValue) => {
      const expected = formulajs.FORECAST(
        value,
        [lowLevel, highLevel],
        [lowValue, highValue]
      ) as number;
      expect(await percentile(value, "Bakeries", "Gross margin")).toBeCloseTo(expected, 12);
    }
  );

  it("direction-adjusts lower-is-better metrics", async () => {
    const raw = formulajs.FORECAST(50, [0.5, 0.75], [40, 60]) as number;
    expect(await percentile(50, "Bakeries", "Days sales outstanding")).toBeCloseTo(1 - raw, 12);
    expect(await percentile(5, "Bakeries", "Days sales outstanding")).toBeCloseTo(0.9, 12);
  });

  it("holds at the outermost point", async () => {
    expect(await percentile(5, "Bakeries", "Gross margin")).toBe(0.9);
    expect(await percentile(-5, "Bakeries", "Gross margin")).toBe(0.1);
  });

  it.each([
    [[0.4, "Bakeries", "Net profit margin"], "#N/A", /No "Net profit margin" figures/],
    [["abc", "Bakeries", "Gross margin"], "#VALUE!", /value/],
    [[null, "Bakeries", "Gross margin"], "#VALUE!", /value is required/],
  ])("errors for %j", async (args, code, message) => {
    expectExcelError(
      await (percentile as (...a: unknown[]) => Promise<unknown>)(...args),
      code,
      message
    );
  });

  it("needs two published points", async () => {
    setWorkbookReferenceValues([own({ statistics: { median: 0.4 } })]);
    expectExcelError(await percentile(0.3, "Bakeries", "Gross margin"), "#N/A", /fewer than two/);
  });
});

describe("BENCH.GAP", () => {
  beforeEach(ownMarginAndDso);

  it.each([
    [0.35, "Gross margin", undefined, 0.5 - 0.35],
    [0.35, "Gross margin", "p90", 0.6 - 0.35],
    [0.35, "Gross margin", "median", 0.4 - 0.35],
    [0.7, "Gross margin", "p75", 0.5 - 0.7],
    [45, "Days sales outstanding", undefined, 45 - 30],
    [45, "Days sales outstanding", "p90", 45 - 20],
    [45, "Days sales outstanding", "median", 45 - 40],
  ])("gap of %p on %s to %s", async (value, metricName, target, expected) => {
    expect(await gap(value, "Bakeries", metricName, target)).toBeCloseTo(expected, 12);
  });

  it("reports unknown targets and missing figures", async () => {
    expectExcelError(await gap(1, "Bakeries", "Gross margin", "top"), "#VALUE!", /Unknown target/);
    setWorkbookReferenceValues([own({ statistics: { median: 0.4 } })]);
    expectExcelError(await gap(1, "Bakeries", "Gross margin"), "#N/A", /no p75/);
  });
});

describe("spilling functions", () => {
  it("INDUSTRIES lists bundled and workbook industries once each", async () => {
    setWorkbookReferenceValues([own({})]);
    const rows = await industries();
    const names = rows.map((r) => r[0]);
    expect(names).toContain("Bakeries");
    expect(names).toContain("Retail");
    expect(new Set(names).size).toBe(names.length);
  });

  it("METRICS spills metric, unit, direction, category", async () => {
    const rows = await metrics("Retail");
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows).toContainEqual(["Days sales outstanding", "days", "lower", "finance"]);
    await expect(metrics("Nowhere")).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringMatching(
        /^No figures for "Nowhere" yet; it counts as your own industry/
      ),
    });
    await expect(metrics(42)).rejects.toMatchObject({ code: "#VALUE!" });
  });

  it("PRACTICES filters by industry and challenge", async () => {
    const rows = await practices("Restaurants", "regulars drift away subscription");
    expect(rows[0][1]).toMatch(/Subscription/);
    rows.forEach((r) => expect(r).toHaveLength(5));
    await expect(practices("Restaurants", "qqqqq zzzzz")).rejects.toMatchObject({
      code: "#N/A",
      message: "Nothing matches.",
    });
    expect((await practices()).length).toBeGreaterThanOrEqual(30);
  });
});

describe("BENCH.SIMILARITY", () => {
  it("is 1 for the same industry, symmetric and inside 0-1", async () => {
    expect(await similarity("Retail", "retail")).toBeCloseTo(1, 12);
    const ab = (await similarity("Retail", "E-commerce")) as number;
    expect(ab).toBeCloseTo((await similarity("E-commerce", "Retail")) as number, 12);
    expect(ab).toBeGreaterThanOrEqual(0);
    expect(ab).toBeLessThanOrEqual(1);
  });

  it("needs three shared metrics", async () => {
    setWorkbookReferenceValues([own({ industry: "Tiny", metric: "Gross margin" })]);
    expectExcelError(await similarity("Tiny", "Retail"), "#N/A", /at least 3/);
    expectExcelError(await similarity("Tiny", "Nowhere"), "#N/A", /No figures for "Nowhere" yet/);
  });
});

describe("metadata generated from the JSDoc", () => {
  it("declares the seven fixed ids, help links, spills and the illustrative notice", async () => {
    const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
    const generated = await generateCustomFunctionsMetadata(["src/functions/reference.ts"]);
    expect(generated.errors).toEqual([]);
    const metadata = JSON.parse(generated.metadataJson) as {
      functions: {
        id: string;
        description: string;
        helpUrl: string;
        parameters: { name: string; description?: string; optional?: boolean }[];
        result: { dimensionality?: string };
      }[];
    };
    const ids = metadata.functions.map((f) => f.id).sort();
    expect(ids).toEqual([
      "GAP",
      "INDUSTRIES",
      "METRIC",
      "METRICS",
      "PERCENTILE",
      "PRACTICES",
      "SIMILARITY",
    ]);
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f]));
    for (const fn of metadata.functions) {
      expect(fn.helpUrl).toBe(`https://localhost:3000/help.html#bench${fn.id.toLowerCase()}`);
      fn.parameters.forEach((p) => expect(p.description?.length).toBeGreaterThan(5));
    }
    ["METRIC", "PERCENTILE", "GAP", "SIMILARITY"].forEach((id) =>
      expect(byId[id].description).toContain("illustrative sample — replace with your sources")
    );
    expect(
      metadata.functions
        .filter((f) => f.result.dimensionality === "matrix")
        .map((f) => f.id)
        .sort()
    ).toEqual(["INDUSTRIES", "METRICS", "PRACTICES"]);
    expect(byId.METRIC.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ["industry", false],
      ["metric", false],
      ["statistic", true],
    ]);
    expect(byId.GAP.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ["value", false],
      ["industry", false],
      ["metric", false],
      ["target", true],
    ]);
  });
});

describe("industries as users type them, through the registered functions", () => {
  // The ids custom-functions-metadata-plugin associates (the @customfunction tags).
  beforeAll(() =>
    CustomFunctions.associate({
      METRIC: reference.metric,
      PERCENTILE: reference.percentile,
      GAP: reference.gap,
      METRICS: reference.metrics,
      SIMILARITY: reference.similarity,
    })
  );
  const call = (id: string, ...args: unknown[]) => Promise.resolve(callRegistered(id, ...args));
  const ownIndustry =
    /^No figures for "Dog grooming" yet; it counts as your own industry\. Import its figures \(Crossbench pane ▸ Import reference metrics\) or compare with /;

  it.each([
    ["restaurant", "Restaurants"],
    ["clinic", "Healthcare clinics"],
    ["Healthcare clinic", "Healthcare clinics"],
    ["NAICS 722511", "Restaurants"],
    ["café", "Restaurants"],
  ])("%s resolves to %s", async (typed, name) => {
    expect(await call("METRIC", typed, "Gross margin")).toBe(
      bundled(name, "Gross margin").statistics.median
    );
  });

  it("an industry without figures is accepted as the user's own, with what to do, in every function", async () => {
    const asOwn = expect.objectContaining({
      code: "#N/A",
      message: expect.stringMatching(ownIndustry),
    });
    expect(await call("METRIC", "Dog grooming", "Gross margin")).toEqual(asOwn);
    expect(await call("PERCENTILE", 0.3, "Dog grooming", "Gross margin")).toEqual(asOwn);
    expect(await call("GAP", 0.3, "Dog grooming", "Gross margin")).toEqual(asOwn);
    expect(await call("SIMILARITY", "Retail", "Dog grooming")).toEqual(asOwn);
    await expect(call("METRICS", "Dog grooming")).rejects.toEqual(asOwn);
    expectExcelError(
      await call("METRIC", "Dog grooming", "Gross margin"),
      "#N/A",
      /compare with an industry from BENCH\.INDUSTRIES\(\)\.$/
    );
  });

  it.each([
    [
      "bakery",
      /compare with "Restaurants" \(food made .*\) or "Retail" \(counter sales of goods\)\.$/,
    ],
    [
      "dental practice",
      /compare with "Healthcare clinics" \(appointment-based outpatient care\)\.$/,
    ],
    ["brewery", /compare with "Manufacturing" .* or "Restaurants"/],
    ["6212", /compare with "Healthcare clinics" \(the same NAICS subsector\)/],
  ])("%s is the user's own industry, compared with its neighbours", async (typed, compare) => {
    const result = (await call("METRIC", typed, "Gross margin")) as CustomFunctions.Error;
    expectExcelError(result, "#N/A", /it counts as your own industry/);
    expect(result.message).toMatch(compare);
    // Excel shows at most 255 characters of a message.
    expect((result.message ?? "").length).toBeLessThanOrEqual(255);
  });

  it("a near typo still asks what was meant", async () => {
    expectExcelError(
      await call("GAP", 0.3, "Retial", "Gross margin"),
      "#N/A",
      /^No figures for "Retial"\. Did you mean "Retail"\? If it is your own industry, import its figures/
    );
  });

  it("an industry only the workbook's table has resolves, also as typed, over the bundled names", async () => {
    setWorkbookReferenceValues([
      own({ industry: "Dog grooming" }),
      own({ industry: "Dental practices", statistics: { median: 0.61, p25: 0.5, p75: 0.7 } }),
    ]);
    expect(await call("METRIC", "dog-grooming", "Gross margin")).toBe(0.4);
    expect(await call("PERCENTILE", 0.4, "Dog grooming", "Gross margin")).toBeCloseTo(0.5, 12);
    expect(await call("GAP", 0.45, "DOG GROOMING", "Gross margin")).toBeCloseTo(0.05, 12);
    // Bundled, "dental practice" is only a neighbour of Healthcare clinics; the user's table names it.
    expect(await call("METRIC", "dental practice", "Gross margin")).toBe(0.61);
    expect(await call("METRICS", "Dog grooming")).toEqual([
      ["Gross margin", "%", "higher", expect.any(String)],
    ]);
  });
});
