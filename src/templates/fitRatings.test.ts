/** The fit scorecard's ratings: sample figures in a generated workbook, blank for practices chosen in the pane. */
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "./defaults";
import { buildWorkbookPlan } from "./index";
import { FIT_CRITERIA } from "./fit";
import type { SheetPlan } from "./plan";

function fitPlan(blankRatings?: boolean): SheetPlan {
  const [plan] = buildWorkbookPlan({
    templates: ["fit"],
    summary: false,
    drawsCharts: true,
    mode: "bench",
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Restaurants",
    ...(blankRatings === undefined ? {} : { blankRatings }),
  });
  return plan;
}

/** The ratings block: the rows after "Source industry" whose first cell names a criterion. */
function ratingRows(plan: SheetPlan) {
  const rows = plan.blocks[0].rows;
  const start = rows.findIndex((row) => row[0]?.value === "Source industry") + 1;
  return rows.slice(start, start + FIT_CRITERIA.length);
}

describe("fit scorecard ratings", () => {
  it("are sample figures by default", () => {
    const rows = ratingRows(fitPlan());
    expect(rows.map((row) => row[0]?.value)).toEqual(FIT_CRITERIA.map((c) => c.name));
    expect(rows.every((row) => row.slice(1).every((cell) => typeof cell?.value === "number"))).toBe(
      true
    );
  });

  it("are blank input cells when asked (the pane's add-to-scorecard), with no sample fit score", () => {
    const plan = fitPlan(true);
    const rows = ratingRows(plan);
    for (const row of rows)
      for (const cell of row.slice(1)) expect(cell).toMatchObject({ value: null, style: "input" });
    const scoreRow = plan.blocks[0].rows.find((row) => row[0]?.value === "Fit score (0-100)");
    for (const cell of scoreRow!.slice(1)) expect(cell?.bench?.cached).toBeUndefined();
    const sampleScores = fitPlan(false).blocks[0].rows.find(
      (row) => row[0]?.value === "Fit score (0-100)"
    );
    expect(typeof sampleScores![1]?.bench?.cached).toBe("number");
    const notes = plan.blocks[0].rows.flat().map((cell) => String(cell?.value ?? ""));
    expect(notes.some((text) => /sample ratings/.test(text))).toBe(false);
  });
});
