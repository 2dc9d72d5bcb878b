import { BUNDLED_TEMPLATE_LIBRARY } from "../templates/defaults";
import { normaliseName } from "../reference/model";
import { resolveIndustry } from "./workbook";

describe("--industry", () => {
  it.each([
    ["restaurant", "Restaurants"],
    ["Café", "Restaurants"],
    ["722511", "Restaurants"],
    ["clinic", "Healthcare clinics"],
  ])("resolves %s to %s", (typed, name) => {
    expect(resolveIndustry(typed, BUNDLED_TEMPLATE_LIBRARY, normaliseName)).toBe(name);
  });

  it("names a bakery's neighbours instead of a look-alike", () => {
    expect(() => resolveIndustry("Bakery", BUNDLED_TEMPLATE_LIBRARY, normaliseName)).toThrow(
      /unknown industry "Bakery"\. Closest: Restaurants .*Retail .*--reference/
    );
    expect(() => resolveIndustry("Retial", BUNDLED_TEMPLATE_LIBRARY, normaliseName)).toThrow(
      /Did you mean "Retail"\?/
    );
  });
});
