import { BUNDLED_INDUSTRIES } from "./catalogue";
import { industryPracticeTargets, resolveIndustryName } from "./industryNames";
import { PRACTICE_LIBRARY } from "./practices";

const known = BUNDLED_INDUSTRIES.map((i) => i.name);

describe("industry names", () => {
  it.each([
    ["Restaurants", "exact", "Restaurants"],
    ["restaurant", "alias", "Restaurants"],
    ["Healthcare clinic", "alias", "Healthcare clinics"],
    ["clinic", "alias", "Healthcare clinics"],
    ["Café", "alias", "Restaurants"],
    ["gym", "alias", "Fitness and wellness"],
    ["law firm", "alias", "Professional services"],
    ["722511", "code", "Restaurants"],
    ["NAICS 6211", "code", "Healthcare clinics"],
    ["4541", "code", "E-commerce"],
    ["452", "code", "Retail"],
    ["3361", "code", "Automotive"],
  ])("%s resolves (%s) to %s", (typed, kind, name) => {
    expect(resolveIndustryName(typed, known)).toMatchObject({ kind, name });
  });

  it("suggests neighbours for a bakery, never a look-alike name such as Retail?", () => {
    const bakery = resolveIndustryName("Bakery", known);
    expect(bakery.kind).toBe("neighbour");
    expect(bakery.name).toBeUndefined();
    expect(bakery.nearest.map((n) => n.name)).toEqual(["Restaurants", "Retail"]);
    expect(bakery.note).toMatch(
      /“Bakery” is not in the reference library; it is used as your own industry/
    );
    expect(bakery.note).not.toMatch(/Did you mean/);
  });

  it("offers a dental practice the clinics as its neighbour, by name and by NAICS subsector", () => {
    expect(resolveIndustryName("dental practice", known).nearest[0].name).toBe(
      "Healthcare clinics"
    );
    expect(resolveIndustryName("6212", known)).toMatchObject({
      kind: "neighbour",
      nearest: [{ name: "Healthcare clinics" }],
    });
  });

  it("accepts an unknown industry as the user's own, and catches a typo", () => {
    expect(resolveIndustryName("Pet grooming", known)).toMatchObject({ kind: "own", nearest: [] });
    expect(resolveIndustryName("Retial", known)).toMatchObject({
      kind: "typo",
      nearest: [{ name: "Retail" }],
    });
  });

  it("resolves plurals of the user's own imported industries", () => {
    expect(resolveIndustryName("bakery", [...known, "Bakeries"])).toMatchObject({
      kind: "alias",
      name: "Bakeries",
    });
  });

  it("filters practices on the resolved industry, on neighbours, or not at all for the user's own", () => {
    expect(industryPracticeTargets("restaurant", PRACTICE_LIBRARY)).toEqual(
      new Set(["restaurants"])
    );
    expect(industryPracticeTargets("bakery", PRACTICE_LIBRARY)).toEqual(
      new Set(["restaurants", "retail"])
    );
    expect(industryPracticeTargets("Pet grooming", PRACTICE_LIBRARY)).toBeUndefined();
  });
});
