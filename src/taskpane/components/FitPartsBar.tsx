/**
 * The quick fit estimate's three parts as one small bar: each part's share of the 0–100 score
 * (weight × (rating − 1) / 4, so the segments add up to the estimate), with a table of the ratings and
 * what each rests on for screen readers and for anyone who wants the figures.
 */
import React from "react";
import {
  HorizontalBarChart,
  type ChartProps,
  type HorizontalBarChartStyles,
} from "@fluentui/react-charts";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { FitPart } from "../paneActions";
import { DecorativeChart } from "./DecorativeChart";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable";

/** Theme tokens with at least 3:1 against the card in light and dark (WCAG 1.4.11). */
export const PART_COLOURS: Record<FitPart["criterion"], string> = {
  "Problem match": tokens.colorPaletteBlueBorderActive,
  "Industry proximity": tokens.colorPaletteTealBorderActive,
  "Resource fit": tokens.colorPaletteDarkOrangeBorderActive,
};

const useStyles = makeStyles({
  figure: { margin: 0, minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // The caption names the parts with their colours; Fluent's legend row would crowd a 320 px card.
  noLegend: { display: "none" },
  swatch: {
    display: "inline-block",
    width: "8px",
    height: "8px",
    marginInlineEnd: tokens.spacingHorizontalXXS,
    borderRadius: tokens.borderRadiusSmall,
  },
});

/** A part's points of the 0–100 estimate. */
export function partPoints(part: FitPart, parts: readonly FitPart[]): number {
  const totalWeight = parts.reduce((sum, p) => sum + p.weight, 0);
  return (100 * part.weight * (part.rating - 1)) / 4 / totalWeight;
}

export interface FitPartsBarProps {
  practice: string;
  estimate: number;
  parts: readonly FitPart[];
}

export function FitPartsBar({ practice, estimate, parts }: FitPartsBarProps) {
  const styles = useStyles();
  const title = `Fit ≈ ${Math.round(estimate)} / 100`;
  const data: ChartProps[] = [
    {
      chartTitle: "",
      chartData: [
        ...parts.map((part) => ({
          legend: part.criterion,
          horizontalBarChartdata: { x: Math.round(partPoints(part, parts) * 10) / 10, total: 100 },
          color: PART_COLOURS[part.criterion],
          xAxisCalloutData: part.criterion,
          yAxisCalloutData: `${part.rating} / 5 (${part.basis})`,
        })),
        // The rest of the 0–100 scale, so the bar's length is the estimate.
        {
          legend: "Not reached",
          horizontalBarChartdata: { x: Math.max(0, 100 - estimate), total: 100 },
          color: tokens.colorNeutralBackground4,
          placeHolder: true,
        },
      ],
    },
  ];
  return (
    <figure className={styles.figure} aria-label={`Fit estimate of ${practice}: ${title}`}>
      <DecorativeChart segments={data[0].chartData!.length}>
        <HorizontalBarChart
          data={data}
          barHeight={10}
          chartDataMode="hidden"
          styles={{ legendContainer: styles.noLegend } as HorizontalBarChartStyles}
        />
      </DecorativeChart>
      <figcaption className={styles.caption}>
        {parts.map((p, i) => (
          <React.Fragment key={p.criterion}>
            {i > 0 && " · "}
            <span
              className={styles.swatch}
              style={{ backgroundColor: PART_COLOURS[p.criterion] }}
              aria-hidden="true"
            />
            {`${p.criterion} ${p.rating}/5`}
          </React.Fragment>
        ))}
      </figcaption>
      <VisuallyHiddenTable
        caption={`What the fit estimate of ${practice} is made of`}
        headers={["Part", "Rating (1–5)", "Weight", "Based on"]}
        rows={parts.map((p) => [
          p.criterion,
          String(p.rating),
          `${Math.round(p.weight * 100)} %`,
          p.basis,
        ])}
      />
    </figure>
  );
}
