/**
 * A reference metric's spread as one small horizontal bar: p10–p90 with the middle half (p25–p75)
 * darker and the median where the two middle segments meet, the user's figure marked by a triangle
 * when given. Lower-is-better metrics are drawn mirrored, so right is always better. A table carries
 * the same figures for screen readers.
 */
import React from "react";
import {
  HorizontalBarChart,
  type ChartDataPoint,
  type HorizontalBarChartStyles,
} from "@fluentui/react-charts";
import { makeStyles, tokens } from "@fluentui/react-components";
import { DecorativeChart } from "./DecorativeChart";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable";

export interface DistributionBarProps {
  label: string;
  direction: "higher" | "lower";
  statistics: Partial<Record<string, number>>;
  /** Formats a figure in the metric's unit. */
  format: (value: number) => string;
  /** The user's own figure, marked on the bar. */
  value?: number;
}

const useStyles = makeStyles({
  figure: { margin: 0, minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // The segments are named in the caption and the table; a legend row would crowd a 320 px pane.
  noLegend: { display: "none" },
});

const POINTS = ["p10", "p25", "median", "p75", "p90"] as const;

/** The bar's segments from left (worse) to right (better), in "performance" units (mirrored for lower). */
export function distributionSegments(
  statistics: Partial<Record<string, number>>,
  direction: "higher" | "lower",
  value?: number
):
  | {
      start: number;
      end: number;
      marker?: number;
      segments: { from: string; to: string; width: number }[];
    }
  | undefined {
  const figures = POINTS.map((key) => statistics[key]);
  if (figures.some((f) => f === undefined || !Number.isFinite(f))) return undefined;
  const sign = direction === "higher" ? 1 : -1;
  // Worst to best: p10..p90 for higher-is-better, p90..p10 for lower-is-better.
  const keys = direction === "higher" ? [...POINTS] : [...POINTS].reverse();
  const positions = keys.map((key) => sign * (statistics[key] as number));
  if (positions.some((p, i) => i > 0 && p < positions[i - 1])) return undefined;
  const spread = positions[4] - positions[0] || Math.abs(positions[0]) || 1;
  const mark = value !== undefined && Number.isFinite(value) ? sign * value : undefined;
  const start = Math.min(positions[0], mark ?? Infinity) - spread * 0.1;
  const end = Math.max(positions[4], mark ?? -Infinity) + spread * 0.1;
  const edges = [start, ...positions, end];
  const names = ["", ...keys, ""];
  const segments = edges.slice(1).map((edge, i) => ({
    from: names[i],
    to: names[i + 1],
    width: edge - edges[i],
  }));
  return { start, end, ...(mark !== undefined ? { marker: mark - start } : {}), segments };
}

/**
 * Theme tokens with at least 3:1 against the card in light and dark (WCAG 1.4.11; the segments are
 * separated by gaps of the card colour): the middle half the strongest, the outer quarters lighter.
 */
const OUTER = tokens.colorBrandForeground1;
const MIDDLE = tokens.colorBrandForeground2Pressed;
export const SEGMENT_COLOURS = ["transparent", OUTER, MIDDLE, MIDDLE, OUTER, "transparent"];

export function DistributionBar({
  label,
  direction,
  statistics,
  format,
  value,
}: DistributionBarProps) {
  const styles = useStyles();
  const layout = distributionSegments(statistics, direction, value);
  if (!layout) return null;
  const total = layout.end - layout.start;
  const chartData: ChartDataPoint[] = layout.segments.map((segment, i) => {
    const edge = segment.from && segment.to;
    return {
      legend: edge ? `${segment.from}–${segment.to}` : i === 0 ? "worse" : "better",
      horizontalBarChartdata: { x: segment.width, total },
      color: SEGMENT_COLOURS[i],
      ...(edge
        ? {
            xAxisCalloutData: `${segment.from}–${segment.to}`,
            yAxisCalloutData: `${format(statistics[segment.from] as number)} to ${format(statistics[segment.to] as number)}`,
          }
        : { placeHolder: true }),
    };
  });
  // The triangle marks chartData[0].data on the scale of its total (Fluent's benchmark marker).
  if (layout.marker !== undefined) chartData[0] = { ...chartData[0], data: layout.marker };
  const median = statistics.median as number;
  const summary =
    `${label}: middle half ${format(statistics.p25 as number)} to ${format(statistics.p75 as number)}, median ${format(median)}` +
    (value !== undefined ? `; yours ${format(value)}` : "") +
    (direction === "lower" ? " (lower is better, drawn so right is better)" : "");
  return (
    <figure className={styles.figure} aria-label={summary}>
      <DecorativeChart segments={chartData.length}>
        <HorizontalBarChart
          data={[{ chartTitle: "", chartData }]}
          barHeight={12}
          chartDataMode="hidden"
          styles={{ legendContainer: styles.noLegend } as HorizontalBarChartStyles}
        />
      </DecorativeChart>
      <figcaption className={styles.caption}>
        {direction === "lower" ? "← worse · lower is better · better →" : "← worse · better →"}
        {value !== undefined ? " · ▼ yours" : ""}
      </figcaption>
      <VisuallyHiddenTable
        caption={summary}
        headers={["Statistic", "Figure"]}
        rows={[
          ...POINTS.map((key) => [key, format(statistics[key] as number)]),
          ...(value !== undefined ? [["yours", format(value)]] : []),
        ]}
      />
    </figure>
  );
}
