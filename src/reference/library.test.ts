import { BUNDLED_LIBRARY, fnv1a } from "./bundledLibrary";
import { BUNDLED_INDUSTRIES, METRIC_CATALOGUE } from "./catalogue";
import { ReferenceLibrary, catalogueMetric } from "./library";
import {
  ILLUSTRATIVE_NOTICE,
  ILLUSTRATIVE_SOURCE,
  QUANTILES,
  ReferenceValue,
  normaliseName,
} from "./model";
import { PRACTICE_LIBRARY } from "./practices";
import { findPractices } from "./practiceSearch";

describe("bundled library", () => {
  it("covers at least 12 industries x 20 metrics, one row each", () => {
    const industries = new Set(BUNDLED_LIBRARY.map((v) => v.industry));
    const metrics = new Set(BUNDLED_LIBRARY.map((v) => v.metric));
    expect(industries.size).toBeGreaterThanOrEqual(12);
    expect(metrics.size).toBeGreaterThanOrEqual(20);
    expect(BUNDLED_LIBRARY).toHaveLength(industries.size * metrics.size);
  });

  it("marks every figure illustrative with the sample source and notice", () => {
    for (const value of BUNDLED_LIBRARY) {
      expect(value.illustrative).toBe(true);
      expect(value.source).toBe(ILLUSTRATIVE_SOURCE);
      expect(value.notes).toContain(ILLUSTRATIVE_NOTICE);
    }
  });

  it("has quantiles in order and percentages inside 0-1", () => {
    for (const value of BUNDLED_LIBRARY) {
      const figures = QUANTILES.map((q) => value.statistics[q.key] as number);
      figures.forEach((f) => expect(Number.isFinite(f)).toBe(true));
      for (let i = 1; i < figures.length; i++)
        expect(figures[i]).toBeGreaterThanOrEqual(figures[i - 1]);
      if (value.unit === "%") figures.forEach((f) => expect(f > 0 && f < 1).toBe(true));
      expect(value.unit).toBe(catalogueMetric(value.metric)?.unit);
    }
  });

  it("differs between industries (the rule is not a constant)", () => {
    const margins = new Set(
      BUNDLED_LIBRARY.filter((v) => v.metric === "Gross margin").map((v) => v.statistics.median)
    );
    expect(margins.size).toBeGreaterThan(BUNDLED_INDUSTRIES.length / 2);
  });

  it("uses a stable hash (FNV-1a test vectors)", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });
});

describe("practice library", () => {
  it("has at least 30 practices from at least 10 source industries", () => {
    expect(PRACTICE_LIBRARY.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PRACTICE_LIBRARY.map((p) => p.sourceIndustry)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(PRACTICE_LIBRARY.map((p) => p.id)).size).toBe(PRACTICE_LIBRARY.length);
  });

  it.each([
    ["E-commerce", "Retail", /delivery/i],
    ["Software and SaaS", "Restaurants", /subscription/i],
    ["Automotive", "Manufacturing", /lean/i],
    ["Hospitality", "Healthcare clinics", /relationship/i],
  ])("includes the anchor case %s -> %s", (source, target, name) => {
    expect(
      PRACTICE_LIBRARY.some(
        (p) =>
          p.sourceIndustry === source &&
          p.targetIndustries.includes(target) &&
          name.test(p.practice)
      )
    ).toBe(true);
  });

  it("names only catalogue metrics and bundled target industries, with every field filled", () => {
    const bundled = new Set(BUNDLED_INDUSTRIES.map((i) => i.name));
    for (const p of PRACTICE_LIBRARY) {
      p.metricsMoved.forEach((m) => expect(catalogueMetric(m)?.name).toBe(m));
      p.targetIndustries.forEach((t) => expect(bundled.has(t)).toBe(true));
      [p.practice, p.challenge, p.lesson, p.howToApply, p.timeToValue].forEach((text) =>
        expect(text.length).toBeGreaterThan(3)
      );
      expect(p.risks.length).toBeGreaterThan(0);
      expect(p.prerequisites.length).toBeGreaterThan(0);
    }
  });

  it("finds practices by industry and by challenge words", () => {
    const clinic = findPractices({ industry: "healthcare  CLINICS" });
    expect(clinic.length).toBeGreaterThan(0);
    clinic.forEach((p) => expect(p.targetIndustries).toContain("Healthcare clinics"));
    const noShows = findPractices({ challenge: "too many no-shows and missed appointments" });
    expect(noShows[0].metricsMoved).toContain("Appointment no-show rate");
    expect(findPractices({ challenge: "zzzz qqqq" })).toEqual([]);
  });
});

describe("ReferenceLibrary", () => {
  const row = (over: Partial<ReferenceValue>): ReferenceValue => ({
    industry: "Bakeries",
    metric: "Gross margin",
    unit: "%",
    direction: "higher",
    region: "",
    year: 2024,
    statistics: { median: 0.5 },
    source: "Own survey",
    illustrative: false,
    ...over,
  });

  it("resolves names case-, space- and punctuation-insensitively", () => {
    const library = new ReferenceLibrary(BUNDLED_LIBRARY);
    expect(library.find("  software AND saas ", "GROSS_MARGIN").industry).toBe("Software and SaaS");
    expect(library.find("e commerce", "gross-margin").industry).toBe("E-commerce");
  });

  it("suggests the nearest name for unknown industries and metrics", () => {
    const library = new ReferenceLibrary(BUNDLED_LIBRARY);
    expect(() => library.find("Retial", "Gross margin")).toThrow(/Did you mean "Retail"/);
    expect(() => library.find("Retail", "Gross margn")).toThrow(/Did you mean "Gross margin"/);
    expect(() => library.find("Retail", "Gross margn")).toThrow(
      expect.objectContaining({ kind: "#N/A" })
    );
  });

  it("prefers the latest year, then the all-regions row", () => {
    const library = new ReferenceLibrary([
      row({ year: 2022, statistics: { median: 0.1 } }),
      row({ year: 2024, region: "North", statistics: { median: 0.2 } }),
      row({ year: 2024, region: "", statistics: { median: 0.3 } }),
      row({ year: 2023, statistics: { median: 0.4 } }),
    ]);
    expect(library.find("bakeries", "gross margin").statistics.median).toBe(0.3);
  });

  it("lets workbook rows override every bundled row of the same industry and metric", () => {
    const library = ReferenceLibrary.combine(
      [row({ industry: "retail", statistics: { median: 0.99 }, year: 1990 })],
      BUNDLED_LIBRARY
    );
    expect(library.find("Retail", "Gross margin").statistics.median).toBe(0.99);
    expect(library.find("Retail", "Net profit margin").illustrative).toBe(true);
    expect(library.industries().filter((name) => normaliseName(name) === "retail")).toHaveLength(1);
  });

  it("lists metrics of one industry with their catalogue category", () => {
    const library = ReferenceLibrary.combine(
      [row({}), row({ metric: "Loaves per hour", unit: "count" })],
      BUNDLED_LIBRARY
    );
    expect(library.metrics("Bakeries")).toEqual([
      { metric: "Gross margin", unit: "%", direction: "higher", category: "finance" },
      { metric: "Loaves per hour", unit: "count", direction: "higher", category: "uncategorised" },
    ]);
    expect(library.metrics().length).toBe(METRIC_CATALOGUE.length + 1);
    expect(normaliseName(" A_b-C ")).toBe("a b c");
  });
});
