/** @jest-environment jsdom */
/**
 * The pane charts: the spread bar's segments in performance order (right is better), the fit parts'
 * points, the ROI preview's figures against src/core's, the colours' contrast in both themes, and the
 * ROI preview drawn in jsdom.
 */
import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import {
  FluentProvider,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { caseResults } from "../../src/core/businessCase";
import { payback } from "../../src/core/finance";
import { simulateCase } from "../../src/core/risk";
import { caseSimRows } from "../../src/functions/benchAnalytics";
import { BUNDLED_TEMPLATE_LIBRARY } from "../../src/templates/defaults";
import { caseSimulationInputs, roiInputs, toBusinessCase } from "../../src/templates/roiInputs";
import { coreMaths } from "../../src/templates/defaults";
import {
  previewInputs,
  roiPreview,
  roiPreviewFor,
  type RoiPreview,
} from "../../src/taskpane/adapters/roiPreview";
import {
  DistributionBar,
  SEGMENT_COLOURS,
  distributionSegments,
} from "../../src/taskpane/components/DistributionBar";
import { PART_COLOURS, partPoints } from "../../src/taskpane/components/FitPartsBar";
import { ROI_LINE_COLOURS, RoiPreviewChart } from "../../src/taskpane/components/RoiPreviewChart";
import NewWorkbookScreen from "../../src/taskpane/screens/NewWorkbookScreen";
import { contrastRatio } from "../../src/taskpane/theme";
import v8 from "v8";

// jsdom's window has no structuredClone (the browser and Node do); the templates' inputs use it.
// Nor does it lay out SVG text or observe sizes, which Fluent's line chart asks for.
(SVGElement.prototype as unknown as { getComputedTextLength: () => number }).getComputedTextLength =
  () => 40;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
globalThis.structuredClone ??= <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;
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

describe("ROI preview adapter", () => {
  const settings = { discountRate: 0.1, horizon: 5 };
  const sheetInputs = () =>
    roiInputs({
      mode: "bench",
      library: BUNDLED_TEMPLATE_LIBRARY,
      maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
      industry: "Restaurants",
      included: ["roi"],
      preferences: settings,
    });

  it("uses the inputs the ROI sheet gets for the industry and the pane's rate and horizon", () => {
    const inputs = previewInputs(BUNDLED_TEMPLATE_LIBRARY, "Restaurants", settings);
    expect(inputs).toEqual(sheetInputs());
    expect(inputs.horizon).toBe(5);
    expect(inputs.discountRate).toBe(0.1);
  });

  it("gives src/core's NPV and paybacks, and BENCH.CASESIM's P10/P50/P90 for the same seed", () => {
    const inputs = sheetInputs();
    const preview = roiPreviewFor(BUNDLED_TEMPLATE_LIBRARY, "Restaurants", settings);
    const results = caseResults(toBusinessCase(inputs));
    expect(preview.npv).toBe(results.npv);
    expect(preview.payback).toBe(results.payback);
    expect(preview.discountedPayback).toBe(results.discountedPayback);
    // The custom function on the sheet, called as the sheet calls it (parts and ranges as cells).
    const used = caseSimulationInputs(inputs);
    const [npvRow] = caseSimRows(
      [
        [used.kpi.pv, used.kpi.total],
        [used.others.pv, used.others.total],
        ...used.costs.map((c) => [c.pv, c.total]),
      ],
      [...used.benefitRanges, ...used.costRanges].map((r) => [r.low, r.high]),
      inputs.trials,
      inputs.seed
    );
    expect([preview.npvRange.p10, preview.npvRange.p50, preview.npvRange.p90]).toEqual(
      npvRow.slice(0, 3)
    );
    expect(preview.npvRange.p10).toBeLessThan(preview.npvRange.p90);
    expect(simulateCase(used, inputs.trials, inputs.seed + 1).npv.p50).not.toBe(
      preview.npvRange.p50
    );
  });

  it("runs the cumulative lines to the NPV and crosses zero at the payback", () => {
    const preview = roiPreview(sheetInputs());
    expect(preview.years).toEqual([0, 1, 2, 3, 4, 5]);
    expect(preview.discountedCumulative[5]).toBeCloseTo(preview.npv, 6);
    const net = preview.cumulative.map((c, t) => c - (preview.cumulative[t - 1] ?? 0));
    expect(payback(net)).toBeCloseTo(preview.payback!, 12);
    const year = Math.floor(preview.payback!);
    expect(preview.cumulative[year]).toBeLessThan(0);
    expect(preview.cumulative[year + 1]).toBeGreaterThanOrEqual(0);
  });

  it("leaves the payback out when the case is not recovered within the horizon", () => {
    const inputs = { ...sheetInputs(), horizon: 1 };
    const preview = roiPreview({
      ...inputs,
      costs: inputs.costs.map((c) => ({ ...c, amounts: c.amounts.map((a) => a * 100) })),
    });
    expect(preview.payback).toBeUndefined();
    expect(preview.discountedPayback).toBeUndefined();
  });
});

/** A token (`var(--colorX)`) as the theme's colour. */
const colour = (theme: Theme, token: string): string =>
  String(theme[/var\(--(\w+)\)/.exec(token)![1] as keyof Theme]);

describe("chart colours (WCAG 1.4.11: graphical objects at least 3:1)", () => {
  const themes: [string, Theme][] = [
    ["light", webLightTheme],
    ["dark", webDarkTheme],
  ];
  const drawn = [
    ...SEGMENT_COLOURS.filter((c) => c !== "transparent").map((c) => ["spread segment", c]),
    ...Object.entries(PART_COLOURS),
    ...Object.entries(ROI_LINE_COLOURS),
  ];
  for (const [name, theme] of themes)
    it(`keeps every segment and line at 3:1 or more against the card (${name})`, () => {
      const card = theme.colorNeutralBackground1;
      const low = drawn
        .map(
          ([what, token]) =>
            [what, colour(theme, token), contrastRatio(colour(theme, token), card)] as const
        )
        .filter(([, , ratio]) => ratio < 3);
      expect(low).toEqual([]);
    });

  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});

const money = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;
const inTheme = (node: React.ReactElement) =>
  render(React.createElement(FluentProvider, { theme: webLightTheme }, node));

describe("ROI preview chart (jsdom)", () => {
  const preview: RoiPreview = roiPreviewFor(BUNDLED_TEMPLATE_LIBRARY, "Retail", {
    discountRate: 0.08,
    horizon: 3,
  });

  it("labels the figure, shows the key figures as text and tabulates the years", () => {
    inTheme(React.createElement(RoiPreviewChart, { preview, money }));
    const figure = screen.getByRole("figure");
    expect(figure.getAttribute("aria-label")).toContain(
      `NPV ${money(preview.npv)} over 3 years at 8 %`
    );
    expect(figure.tabIndex).toBe(0);
    expect(screen.getByTestId("roi-preview-range").textContent).toBe(
      `NPV range: P10 ${money(preview.npvRange.p10)} · P50 ${money(preview.npvRange.p50)} · P90 ${money(preview.npvRange.p90)}`
    );
    const years = screen.getByRole("table", { name: "Cumulative cash flow by year" });
    expect(within(years).getAllByRole("row")).toHaveLength(1 + 4);
    expect(
      within(years).getByRole("rowheader", { name: "Year 3" }).parentElement!.textContent
    ).toContain(money(preview.discountedCumulative[3]));
    const results = screen.getByRole("table", { name: "ROI sheet results" });
    expect(
      within(results).getByRole("rowheader", { name: "NPV P90" }).nextSibling!.textContent
    ).toBe(money(preview.npvRange.p90));
  });

  it("on the new-workbook screen, follows the horizon typed after a pause", async () => {
    jest.useFakeTimers();
    const asked: { industry: string; horizon: number; discountRate: number }[] = [];
    const source = jest.fn(
      async (industry: string, settings: { discountRate: number; horizon: number }) => {
        asked.push({ industry, ...settings });
        return roiPreviewFor(BUNDLED_TEMPLATE_LIBRARY, industry, settings);
      }
    );
    inTheme(
      React.createElement(NewWorkbookScreen, {
        templates: {
          list: async () => [{ id: "roi", title: "ROI", description: "" }],
          insert: async () => ({ sheetNames: [] }),
        },
        activateSheet: async () => undefined,
        settings: {
          industry: "Retail",
          discountRate: 0.08,
          currency: "USD",
          targetPercentile: "p75",
          horizon: 3,
        },
        roiPreview: source,
      })
    );
    await act(async () => jest.advanceTimersByTimeAsync(300));
    const table = () => screen.getByRole("table", { name: "Cumulative cash flow by year" });
    expect(within(table()).getAllByRole("row")).toHaveLength(1 + 4);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const horizon = screen.getByRole("textbox", { name: /ROI horizon/ });
    await user.clear(horizon);
    await user.type(horizon, "6");
    await act(async () => jest.advanceTimersByTimeAsync(300));
    expect(within(table()).getAllByRole("row")).toHaveLength(1 + 7);
    // Typing is debounced: the cleared field (no horizon) asked nothing, "6" once.
    expect(asked.map((a) => a.horizon)).toEqual([3, 6]);
    jest.useRealTimers();
  });
});

describe("spread bar (jsdom)", () => {
  it("hides Fluent's listbox drawing from screen readers and the tab order; the table carries the figures", () => {
    inTheme(
      React.createElement(DistributionBar, {
        label: "Gross margin",
        direction: "higher",
        statistics: stats,
        format: String,
        value: 35,
      })
    );
    const drawing = document.querySelector("[data-decorative-chart]")!;
    expect(drawing.getAttribute("aria-hidden")).toBe("true");
    expect(drawing.hasAttribute("inert")).toBe(true);
    expect(drawing.querySelector('[role="listbox"]')).not.toBeNull();
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByRole("table").textContent).toContain("yours35");
  });
});
