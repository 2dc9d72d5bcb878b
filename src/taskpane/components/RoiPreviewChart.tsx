/**
 * The ROI sheet's business case before it is inserted: the cumulative cash flow, plain and discounted,
 * by year, with where each crosses zero (the paybacks) marked, and the Monte Carlo's NPV range
 * (P10–P50–P90). The key figures are also text, and the yearly figures a table for screen readers.
 */
import React from "react";
import { LineChart, type LineChartPoints } from "@fluentui/react-charts";
import { Body1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { RoiPreview } from "../adapters/roiPreview";
import { useStackStyles } from "./common";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable";

/** Theme tokens with at least 3:1 against the pane in light and dark (WCAG 1.4.11). */
export const ROI_LINE_COLOURS = {
  cumulative: tokens.colorBrandForeground1,
  discounted: tokens.colorPaletteDarkOrangeBorderActive,
};

const useStyles = makeStyles({
  figure: {
    margin: 0,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  chart: { minWidth: 0, overflow: "hidden" },
  swatch: {
    display: "inline-block",
    width: "12px",
    height: "3px",
    verticalAlign: "middle",
    marginInlineEnd: tokens.spacingHorizontalXXS,
  },
});

/** The axis in short amounts ("$79K"): full amounts would not fit a 320 px pane's margin. */
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** The caption names the lines (Fluent's legend row overflows into "+3 more" at 320 px). */
const LEGEND: [string, string][] = [
  ["Cumulative", ROI_LINE_COLOURS.cumulative],
  ["Discounted", ROI_LINE_COLOURS.discounted],
];

const years = (value: number | undefined): string =>
  value === undefined ? "not within the horizon" : `${value.toFixed(1)} years`;

export interface RoiPreviewChartProps {
  preview: RoiPreview;
  /** Formats an amount in the user's currency. */
  money: (value: number) => string;
}

export function roiPreviewSummary(preview: RoiPreview, money: (value: number) => string): string {
  const { npvRange } = preview;
  return (
    `NPV ${money(preview.npv)} over ${preview.horizon} years at ${Math.round(preview.discountRate * 1e4) / 100} %; ` +
    `payback ${years(preview.payback)}, discounted ${years(preview.discountedPayback)}; ` +
    `NPV range P10 ${money(npvRange.p10)}, P50 ${money(npvRange.p50)}, P90 ${money(npvRange.p90)}`
  );
}

function lines(preview: RoiPreview, money: (value: number) => string): LineChartPoints[] {
  const series = (legend: string, values: number[], color: string): LineChartPoints => ({
    legend,
    color,
    data: values.map((y, x) => ({
      x,
      y,
      xAxisCalloutData: `Year ${x}`,
      yAxisCalloutData: money(y),
    })),
  });
  const crossing = (legend: string, at: number | undefined, color: string): LineChartPoints[] =>
    at === undefined
      ? []
      : [
          {
            legend,
            color,
            data: [{ x: at, y: 0, xAxisCalloutData: years(at), yAxisCalloutData: "0" }],
          },
        ];
  return [
    series("Cumulative", preview.cumulative, ROI_LINE_COLOURS.cumulative),
    series("Discounted", preview.discountedCumulative, ROI_LINE_COLOURS.discounted),
    ...crossing("Payback", preview.payback, ROI_LINE_COLOURS.cumulative),
    ...crossing("Discounted payback", preview.discountedPayback, ROI_LINE_COLOURS.discounted),
  ];
}

export function RoiPreviewChart({ preview, money }: RoiPreviewChartProps) {
  const styles = useStyles();
  const stack = useStackStyles();
  const summary = roiPreviewSummary(preview, money);
  const { npvRange } = preview;
  return (
    <figure
      className={mergeClasses(stack.card, styles.figure)}
      aria-label={`ROI sheet preview: ${summary}`}
      tabIndex={0}
    >
      <Body1 className={styles.title}>Cumulative cash flow of the ROI sheet</Body1>
      <div className={styles.chart} data-testid="roi-preview-chart">
        <LineChart
          data={{
            chartTitle: "Cumulative cash flow by year",
            lineChartData: lines(preview, money),
          }}
          height={180}
          xAxisTitle="Year"
          tickValues={preview.years}
          yAxisTickFormat={(value: number) => compact.format(value)}
          hideLegend
        />
      </div>
      <span className={styles.muted}>
        {LEGEND.map(([label, colour], i) => (
          <React.Fragment key={label}>
            {i > 0 && " · "}
            <span
              className={styles.swatch}
              style={{ backgroundColor: colour }}
              aria-hidden="true"
            />
            {label}
          </React.Fragment>
        ))}
        {" · dots: paybacks"}
      </span>
      <Body1 data-testid="roi-preview-figures">
        NPV <strong>{money(preview.npv)}</strong> · payback {years(preview.payback)} (discounted{" "}
        {years(preview.discountedPayback)})
      </Body1>
      <Body1 data-testid="roi-preview-range">
        NPV range: P10 {money(npvRange.p10)} · P50 {money(npvRange.p50)} · P90 {money(npvRange.p90)}
      </Body1>
      <span className={styles.muted}>
        {`${preview.kpi}: the sheet's sample figures. Range from ${preview.trials.toLocaleString("en-US")} Monte Carlo trials (seed ${preview.seed}), as BENCH.CASESIM on the sheet. Edit the yellow cells there.`}
      </span>
      <VisuallyHiddenTable
        caption="Cumulative cash flow by year"
        headers={["Year", "Cumulative", "Discounted cumulative"]}
        rows={preview.years.map((year) => [
          `Year ${year}`,
          money(preview.cumulative[year]),
          money(preview.discountedCumulative[year]),
        ])}
      />
      <VisuallyHiddenTable
        caption="ROI sheet results"
        headers={["Result", "Figure"]}
        rows={[
          ["NPV", money(preview.npv)],
          ["Payback", years(preview.payback)],
          ["Discounted payback", years(preview.discountedPayback)],
          ["NPV P10", money(npvRange.p10)],
          ["NPV P50", money(npvRange.p50)],
          ["NPV P90", money(npvRange.p90)],
        ]}
      />
    </figure>
  );
}
