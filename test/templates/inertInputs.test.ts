/**
 * The inert-input walk over every template, in both formula modes, with the samples: each input-styled
 * cell is referenced by at least one formula (so changing it changes something).
 */
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { buildWorkbookPlan } from "../../src/templates/index";
import { TEMPLATE_IDS, type FormulaMode, type SheetPlan } from "../../src/templates/plan";
import { formulaReferences, inertInputs } from "./inputWalk";

const plans = (mode: FormulaMode): SheetPlan[] =>
  buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts: true,
    mode,
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Retail",
  });

describe("formula references", () => {
  const names = new Map([["fit_weights", { sheet: "Fit", range: "$D$9:$D$10" }]]);
  const keys = (formula: string, home = "Here") =>
    Object.fromEntries(
      [...formulaReferences(formula, home, names)].map(([sheet, cells]) => [
        sheet,
        [...cells].sort(),
      ])
    );

  it("reads cells, ranges, sheet-qualified and quoted references, names and whole columns", () => {
    expect(keys("=SUM($B$2:C3)+'ROI (2)'!A1+Gap!$E$5+FIT_Weights+COUNT(Z:Z)")["Here"]).toEqual(
      expect.arrayContaining(["1:1", "1:2", "2:1", "2:2"])
    );
    expect(keys("='ROI (2)'!A1")).toEqual({ "ROI (2)": ["0:0"] });
    expect(keys("=Gap!$E$5")).toEqual({ Gap: ["4:4"] });
    expect(keys("=FIT_Weights*2")).toEqual({ Fit: ["8:3", "9:3"] });
    expect(keys("=COUNT(Z:Z)").Here).toEqual(["*:25"]);
  });

  it("ignores string literals, function names and words", () => {
    expect(keys('=IF(A1="B2 and C3","LOG10",LOG10(D4))')).toEqual({ Here: ["0:0", "3:3"] });
    expect(keys("=T.TEST(A1:A2,B1:B2,2,3)+TRUE")).toEqual({ Here: ["0:0", "0:1", "1:0", "1:1"] });
  });
});

describe.each(["portable", "bench"] as const)("the inert-input walk (%s formulas)", (mode) => {
  const all = plans(mode);
  const inert = inertInputs(all, mode);

  it.each(all.map((p) => [p.key, p]))("every input on %s feeds a formula", (_key, plan) => {
    expect(inert.filter((cell) => cell.startsWith(`${plan.name}!`))).toEqual([]);
  });
});
