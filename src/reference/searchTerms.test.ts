import { processTerm, stem, meaningfulStems } from "./searchTerms";
import { thesaurusExpansion } from "./challengeThesaurus";

describe("search terms", () => {
  it.each([
    ["customers", "customer"],
    ["paying", "pay"],
    ["pays", "pay"],
    ["stopped", "stop"],
    ["deliveries", "delivery"],
    ["queues", "queu"],
    ["queue", "queu"],
    ["leaving", "leav"],
    ["leave", "leav"],
    ["business", "business"],
    ["quickly", "quick"],
  ])("stems %s as %s", (word, expected) => expect(stem(word)).toBe(expected));

  it("drops stop words, including three-letter ones such as 'with'", () => {
    expect(processTerm("with")).toBeNull();
    expect(processTerm("the")).toBeNull();
    expect(meaningfulStems("build customer loyalty with a subscription")).toEqual([
      "build",
      "customer",
      "loyalty",
      "subscription",
    ]);
  });

  it("folds accents and apostrophes", () => {
    expect(meaningfulStems("Café customers don't")).toEqual(meaningfulStems("cafe customer"));
  });
});

describe("challenge thesaurus", () => {
  it("widens a query with the other words for the same problem", () => {
    expect(thesaurusExpansion("staff keep quitting")).toEqual(
      expect.arrayContaining(["employee turnover", "attrition"])
    );
    expect(thesaurusExpansion("we run out of stock")).toContain("stockout");
    expect(thesaurusExpansion("customers paying late")).toEqual(
      expect.arrayContaining(["debtors", "DSO"])
    );
  });

  it("matches phrases as a whole, not single shared words", () => {
    // "out" alone is no stockout, and "run" alone is not "run out".
    expect(thesaurusExpansion("we run a cafe")).not.toContain("stockout");
  });
});
