import fc from "fast-check";
import { BUNDLED_LIBRARY } from "./bundledLibrary";
import { ReferenceLibrary } from "./library";
import { ReferenceValue } from "./model";
import { withUserPrecedence } from "./precedence";

const bundledRetailMargin = BUNDLED_LIBRARY.find(
  (v) => v.industry === "Retail" && v.metric === "Gross margin"
)!;

const userRow = (over: Partial<ReferenceValue> = {}): ReferenceValue => ({
  ...bundledRetailMargin,
  year: 2024,
  statistics: { median: 0.31 },
  source: "Own survey",
  illustrative: false,
  ...over,
});

describe("withUserPrecedence", () => {
  it("keeps the user's 2024 row and drops the bundled 2025 row for the same pair", () => {
    const merged = withUserPrecedence([userRow()], BUNDLED_LIBRARY);
    const pair = merged.filter((v) => v.industry === "Retail" && v.metric === "Gross margin");
    expect(pair).toEqual([userRow()]);
    expect(merged).toHaveLength(BUNDLED_LIBRARY.length);
  });

  it("matches names as the library does (case, spaces, punctuation)", () => {
    const merged = withUserPrecedence(
      [userRow({ industry: " retail ", metric: "GROSS-margin" })],
      BUNDLED_LIBRARY
    );
    expect(
      merged.filter(
        (v) =>
          v.source === bundledRetailMargin.source &&
          v.industry === "Retail" &&
          v.metric === "Gross margin"
      )
    ).toEqual([]);
  });

  it("hides the region-less bundled row behind a user row for one region", () => {
    const merged = withUserPrecedence([userRow({ region: "EU" })], BUNDLED_LIBRARY);
    expect(merged.filter((v) => v.metric === "Gross margin" && v.industry === "Retail")).toEqual([
      userRow({ region: "EU" }),
    ]);
  });

  it("keeps a bundled regional row that no user row covers", () => {
    const bundledEu = { ...bundledRetailMargin, region: "EU" };
    expect(withUserPrecedence([userRow({ region: "US" })], [bundledEu])).toHaveLength(2);
    expect(withUserPrecedence([userRow({ region: "" })], [bundledEu])).toHaveLength(1);
  });

  it("lets the library find the user's figure whatever the years", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), (year) => {
        const library = ReferenceLibrary.combine([userRow({ year })], BUNDLED_LIBRARY);
        expect(library.find("Retail", "Gross margin").source).toBe("Own survey");
      })
    );
  });
});
