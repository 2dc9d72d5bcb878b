/** The pane charts' geometry: segments in performance order (right is better) and the fit parts' points. */
import { distributionSegments } from "../../src/taskpane/components/DistributionBar";
import { partPoints } from "../../src/taskpane/components/FitPartsBar";
import { parseOwnFigure } from "../../src/taskpane/components/MetricSpread";
import type { FitPart } from "../../src/taskpane/paneActions";

const stats = { p10: 10, p25: 20, median: 30, p75: 40, p90: 50 };

describe("distribution bar", () => {
  it("runs p10 to p90 left to right for higher-is-better, with the user's figure marked", () => {
    const layout = distributionSegments(stats, "higher", 45)!;
    expect(layout.segments.map((s) => [s.from, s.to])).toEqual([
      ["", "p10"],
      ["p10", "p25"],
      ["p25", "median"],
      ["median", "p75"],
      ["p75", "p90"],
      ["p90", ""],
    ]);
    expect(layout.segments.slice(1, 5).map((s) => s.width)).toEqual([10, 10, 10, 10]);
    expect(layout.marker).toBeCloseTo(45 - layout.start, 12);
  });

  it("mirrors lower-is-better so the best figure (p10) is on the right", () => {
    const layout = distributionSegments(stats, "lower", 15)!;
    expect(layout.segments[1]).toMatchObject({ from: "p90", to: "p75" });
    expect(layout.segments[4]).toMatchObject({ from: "p25", to: "p10" });
    // 15 is better than the p25 (20): its mark sits right of the p25 edge.
    const p25Edge = layout.segments.slice(0, 4).reduce((sum, s) => sum + s.width, 0);
    expect(layout.marker!).toBeGreaterThan(p25Edge);
  });

  it("widens the scale to a figure outside p10–p90 and draws nothing without all five points", () => {
    const layout = distributionSegments(stats, "higher", 90)!;
    expect(layout.end).toBeGreaterThan(90);
    expect(distributionSegments({ median: 3 }, "higher")).toBeUndefined();
  });

  it("reads the user's figure as typed, percent for % metrics", () => {
    expect(parseOwnFigure("35", "%")).toBeCloseTo(0.35, 12);
    expect(parseOwnFigure("35,5 %", "%")).toBeCloseTo(0.355, 12);
    expect(parseOwnFigure("12", "days")).toBe(12);
    expect(parseOwnFigure("lots", "days")).toBeUndefined();
  });
});

describe("fit parts bar", () => {
  it("splits the estimate into points that add up to it", () => {
    const parts: FitPart[] = [
      { criterion: "Problem match", rating: 5, weight: 0.4, basis: "" },
      { criterion: "Industry proximity", rating: 3, weight: 0.3, basis: "" },
      { criterion: "Resource fit", rating: 1, weight: 0.3, basis: "" },
    ];
    const points = parts.map((p) => partPoints(p, parts));
    expect(points[0]).toBeCloseTo(40, 12);
    expect(points[1]).toBeCloseTo(15, 12);
    expect(points[2]).toBeCloseTo(0, 12);
  });
});
