/** The plans themselves: what every sheet must have, mode by mode, before any renderer draws it. */
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { fromFileFormula, toFileFormula, usesBenchFunctions } from "../../src/templates/formulas";
import { percentileFormula } from "../../src/templates/gap";
import { buildWorkbookPlan } from "../../src/templates/index";
import { FormulaMode, TEMPLATE_IDS } from "../../src/templates/plan";
import { resolvedCells, resolveSheet } from "../../src/templates/resolve";
import { roiLayout } from "../../src/templates/roi";
import { uniqueSheetName, validSheetName } from "../../src/templates/sheetNames";
import { CHARTS_NOT_DRAWN_NOTICE } from "../../src/templates/summary";
import { fixtureLibrary } from "./fixtures";

function plans(mode: FormulaMode, drawsCharts = false, library = BUNDLED_TEMPLATE_LIBRARY) {
  return buildWorkbookPlan({
    templates: TEMPLATE_IDS,
    summary: true,
    drawsCharts,
    mode,
    library,
    maths: coreMaths(library),
    industry: "Retail",
  });
}

const names = (list: ReturnType<typeof plans>) =>
  Object.fromEntries(list.map((p) => [p.key, p.name]));

describe.each([["portable"], ["bench"]] as const)("template plans (%s formulas)", (mode) => {
  const all = plans(mode);

  it("has a title and a one-line purpose at the top of every sheet", () => {
    for (const plan of all) {
      const cells = resolvedCells(resolveSheet(plan, plan.name, mode, names(all)));
      expect([plan.name, cells.get("0:0")?.style]).toEqual([plan.name, "title"]);
      const purpose = cells.get("1:0");
      expect([plan.name, purpose?.style]).toEqual([plan.name, "purpose"]);
      expect(String(purpose?.value)).toBe(plan.purpose);
      expect(plan.purpose.length).toBeGreaterThan(40);
      expect(plan.purpose).not.toContain("\n");
    }
  });

  it("gives every number and every formula a number format", () => {
    const missing: string[] = [];
    for (const plan of all) {
      for (const [key, cell] of resolvedCells(resolveSheet(plan, plan.name, mode, names(all)))) {
        // Formulas that return text (labels, flags, phases, the label/value table) may stay General.
        const textResult =
          cell.formula !== undefined &&
          /"High"|"Improved"|Start small|Inconsistent|BENCH\.BEFOREAFTER|&/.test(cell.formula);
        const numeric =
          typeof cell.value === "number" || (cell.formula !== undefined && !textResult);
        if (numeric && cell.format === "General")
          missing.push(`${plan.name} ${key} ${cell.formula ?? cell.value}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps inputs in the one input style and never puts a formula in an input cell", () => {
    for (const plan of all) {
      const cells = [...resolvedCells(resolveSheet(plan, plan.name, mode, names(all))).values()];
      expect(cells.filter((c) => c.style === "input" && c.formula !== undefined)).toEqual([]);
      if (["gap", "roi", "fit", "portfolio", "log"].includes(plan.key))
        expect(cells.some((c) => c.style === "input")).toBe(true);
    }
  });

  it(
    mode === "portable"
      ? "uses no BENCH function anywhere"
      : "uses BENCH functions where the add-in adds something",
    () => {
      const formulas = all.flatMap((plan) =>
        [...resolvedCells(resolveSheet(plan, plan.name, mode, names(all))).values()].flatMap((c) =>
          c.formula ? [c.formula] : []
        )
      );
      const bench = formulas.filter(usesBenchFunctions);
      if (mode === "portable") expect(bench).toEqual([]);
      else
        for (const name of [
          "NPV",
          "IRR",
          "ROI",
          "PAYBACK",
          "BENEFIT",
          "BEFOREAFTER",
          "ROISIM",
          "FIT",
          "AHPWEIGHTS",
          "AHPCR",
          "PERCENTILE",
          "GAP",
          "METRIC",
          "CHANGE",
        ])
          expect(bench.some((f) => f.includes(`BENCH.${name}(`))).toBe(true);
    }
  );

  it("labels illustrative reference figures", () => {
    const texts = all.flatMap((plan) =>
      plan.blocks.flatMap((b) => b.rows.flat().map((c) => String(c?.value ?? "")))
    );
    expect(texts.some((t) => t.includes("illustrative sample — replace with your sources"))).toBe(
      true
    );
  });

  it("lists the charts it cannot draw on the Summary", () => {
    const summary = all.find((p) => p.key === "summary")!;
    const texts = summary.blocks.flatMap((b) => b.rows.flat().map((c) => String(c?.value ?? "")));
    const charts = all.flatMap((p) => p.charts ?? []);
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts)
      expect(texts).toContain(`${chart.title}: ${CHARTS_NOT_DRAWN_NOTICE}`);
    const drawn = plans(mode, true).find((p) => p.key === "summary")!;
    expect(
      drawn.blocks
        .flatMap((b) => b.rows.flat().map((c) => String(c?.value ?? "")))
        .some((t) => t.includes(CHARTS_NOT_DRAWN_NOTICE))
    ).toBe(false);
  });
});

describe("layout does not depend on the formula mode", () => {
  it("puts the ROI results at the same addresses in both modes (the Summary links to them)", () => {
    const layout = roiLayout();
    for (const mode of ["portable", "bench"] as const) {
      const roi = plans(mode).find((p) => p.key === "roi")!;
      const cells = resolvedCells(resolveSheet(roi, "ROI", mode, {}));
      for (const address of [
        layout.npv,
        layout.irr,
        layout.roi,
        layout.payback,
        layout.discountedPayback,
      ]) {
        const row = Number(address.slice(1)) - 1;
        expect([mode, address, cells.get(`${row}:1`)?.formula !== undefined]).toEqual([
          mode,
          address,
          true,
        ]);
      }
    }
  });
});

describe("formula spelling in files", () => {
  it.each([
    ["=IFNA(A1,0)", "_xlfn.IFNA(A1,0)"],
    [
      "=PERCENTRANK.INC(A1:A9,B1)+t.test(A1:A3,B1:B3,2,3)",
      "_xlfn.PERCENTRANK.INC(A1:A9,B1)+_xlfn.T.TEST(A1:A3,B1:B3,2,3)",
    ],
    ['=IF(A1="IFNA(",NPV(0.1,B1:B3),"")', 'IF(A1="IFNA(",NPV(0.1,B1:B3),"")'],
    ["=SUM(A1:A3)", "SUM(A1:A3)"],
    [
      '=IFNA(BENCH.METRIC($B$4,$A9,"p10"),"")',
      '_xlfn.IFNA(_xldudf_BENCH_METRIC($B$4,$A9,"p10"),"")',
    ],
    ["=BENCH.NPV(B35,B41:E41)+MYBENCH.NPV(1)", "_xldudf_BENCH_NPV(B35,B41:E41)+MYBENCH.NPV(1)"],
  ])("%s -> %s", (formula, file) => {
    expect(toFileFormula(formula)).toBe(file);
    expect(fromFileFormula(file)).toBe(formula.replace(/t\.test/, "T.TEST"));
  });
});

describe("sheet names", () => {
  it.each([
    ["ROI", [], "ROI"],
    ["ROI", ["roi"], "ROI (2)"],
    ["ROI", ["ROI", "ROI (2)"], "ROI (3)"],
    ["A very long sheet name that Excel would refuse", [], "A very long sheet name that Exc"],
    [
      "A very long sheet name that Excel would refuse",
      ["A very long sheet name that Exc"],
      "A very long sheet name that (2)",
    ],
    ["Q1/Q2: [draft]?", [], "Q1 Q2   draft"],
  ] as [string, string[], string][])("%s with %j taken -> %s", (base, taken, expected) => {
    expect(uniqueSheetName(base, taken)).toBe(expected);
    expect(validSheetName(expected)).toBe(expected);
  });
});

describe("native percentile formula", () => {
  it("needs two published points", () => {
    expect(
      percentileFormula("E9", [{ cell: "F9", figure: 1, level: 0.1 }], "higher")
    ).toBeUndefined();
  });
  it("mirrors the level for lower-is-better metrics", () => {
    const points = [
      { cell: "F9", figure: 1, level: 0.1 },
      { cell: "G9", figure: 2, level: 0.5 },
    ];
    expect(percentileFormula("E9", points, "higher")).toBe(
      "=IF(E9<F9,0.1,IF(E9=F9,0.1,IF(E9<G9,0.1+0.4*(E9-F9)/(G9-F9),IF(E9=G9,0.5,0.5))))"
    );
    expect(percentileFormula("E9", points, "lower")).toBe(
      "=1-IF(E9<F9,0.1,IF(E9=F9,0.1,IF(E9<G9,0.1+0.4*(E9-F9)/(G9-F9),IF(E9=G9,0.5,0.5))))"
    );
  });
});

describe("templates take the library as an input", () => {
  it("builds the gap analysis from a fixture library, one row per metric", () => {
    const library = fixtureLibrary(4);
    const gap = buildWorkbookPlan({
      templates: ["gap"],
      summary: false,
      drawsCharts: false,
      mode: "portable",
      library,
      maths: coreMaths(library),
      industry: "Beta",
    })[0];
    const metricCells = gap.blocks[0].rows
      .map((r) => r[0]?.value)
      .filter((v) => typeof v === "string" && v.startsWith("Metric "));
    expect(metricCells).toEqual(["Metric 1", "Metric 2", "Metric 3", "Metric 4"]);
  });
});
