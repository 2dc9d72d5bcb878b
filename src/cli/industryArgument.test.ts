import { BUNDLED_TEMPLATE_LIBRARY } from "../templates/defaults";
import { normaliseName } from "../reference/model";
import { resolveIndustry } from "./workbook";

const resolve = (typed: string | undefined) =>
  resolveIndustry(typed, BUNDLED_TEMPLATE_LIBRARY, normaliseName);

describe("--industry", () => {
  it.each([
    ["restaurant", "Restaurants"],
    ["Café", "Restaurants"],
    ["722511", "Restaurants"],
    ["clinic", "Healthcare clinics"],
  ])("resolves %s to %s", (typed, name) => {
    expect(resolve(typed)).toEqual({ industry: name });
  });

  it("defaults to Retail", () => {
    expect(resolve(undefined)).toEqual({ industry: "Retail" });
  });

  it("takes a bakery as the user's own industry and names its neighbours in the note", () => {
    const choice = resolve("  Bakery ");
    expect(choice.industry).toBe("Bakery");
    expect(choice.note).toMatch(
      /"Bakery" is not in the reference library, so it is taken as your own industry/
    );
    expect(choice.note).toMatch(/Restaurants .*Retail /);
  });

  it("takes a name with no neighbour as the user's own without inventing a comparison", () => {
    const choice = resolve("Underwater basket weaving");
    expect(choice.industry).toBe("Underwater basket weaving");
    expect(choice.note).not.toMatch(/To compare with/);
  });

  it("still asks about a near typo", () => {
    expect(() => resolve("Retial")).toThrow(/Did you mean "Retail"\?/);
  });

  it.each([
    ["", /--industry is empty/],
    ["x".repeat(101), /longer than 100/],
    ["Ret\u0000ail shop", /control character/],
  ])("refuses %j as an industry name", (typed, message) => {
    expect(() => resolve(typed)).toThrow(message);
  });
});
