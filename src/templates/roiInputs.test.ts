import { readFileSync } from "fs";
import path from "path";
import { PRACTICE_LIBRARY } from "../reference/practices";
import { applyCase, caseKeyTable, parseCaseInputs } from "./caseInputs";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "./defaults";
import { roiInputs, sampleRoiInputs } from "./roiInputs";

describe("ROI sample inputs", () => {
  it("take a restaurant's KPI from a practice aimed at restaurants, not a logistics metric", () => {
    const sample = sampleRoiInputs(BUNDLED_TEMPLATE_LIBRARY, "Restaurants");
    expect(sample.kpi).not.toBe("Order fulfilment cycle time");
    const moved = PRACTICE_LIBRARY.filter((p) =>
      p.targetIndustries.includes("Restaurants")
    ).flatMap((p) => p.metricsMoved);
    expect(moved).toContain(sample.kpi);
    // The sample improves the KPI in its better direction.
    const better =
      sample.direction === "higher" ? sample.after > sample.before : sample.after < sample.before;
    expect(better).toBe(true);
  });

  it("keep a % KPI's before/after as fractions", () => {
    const sample = sampleRoiInputs(BUNDLED_TEMPLATE_LIBRARY, "Restaurants");
    if (sample.unit === "%") {
      expect(sample.before).toBeLessThanOrEqual(1);
      expect(sample.after).toBeLessThanOrEqual(1);
    }
  });

  it("fit every year array to the horizon: recurring costs continue, one-off ones do not", () => {
    const inputs = roiInputs({
      mode: "portable",
      library: BUNDLED_TEMPLATE_LIBRARY,
      maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
      industry: "Retail",
      included: ["roi"],
      preferences: { horizon: 6 },
    });
    expect(inputs.horizon).toBe(6);
    expect(inputs.costs.map((c) => c.amounts.length)).toEqual([7, 7]);
    expect(inputs.costs[0].amounts.slice(1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(inputs.costs[1].amounts.slice(4)).toEqual([3000, 3000, 3000]);
    expect(inputs.kpiRampUp).toHaveLength(6);
  });
});

describe("case file", () => {
  it("turns one-off and recurring cost lines into year amounts", () => {
    const own = parseCaseInputs({
      horizon: 4,
      costs: [
        { name: "Fit-out", kind: "one-off", amount: 5000, year: 1 },
        { name: "Licence", kind: "recurring", amount: 300 },
      ],
    });
    const applied = applyCase(sampleRoiInputs(BUNDLED_TEMPLATE_LIBRARY, "Retail"), own);
    expect(applied.costs.map((c) => c.amounts)).toEqual([
      [0, 5000, 0, 0, 0],
      [0, 300, 300, 300, 300],
    ]);
  });

  it("the README's key table is the one generated from CASE_FIELDS", () => {
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(caseKeyTable());
  });
});
