/**
 * What a template needs from the rest of Crossbench, passed in (not imported) so tests can use a small
 * fixture library and so the templates do not care whether figures come from the bundled library, an
 * imported file, or the workbook.
 */
import type { Direction, MetricDefinition, Practice, ReferenceValue } from "../reference/model";
import type { BusinessCase, CaseResults } from "../core/businessCase";
import type { CaseSimulation, CaseSimulationInputs } from "../core/risk";
import type { CellValue, FormulaMode } from "./plan";
import type { RoiInputs } from "./roiInputs";

export interface TemplateLibrary {
  metrics: readonly MetricDefinition[];
  values: readonly ReferenceValue[];
  practices: readonly Practice[];
}

/** The src/core calculations a template uses for cached results and portable values. */
export interface TemplateMaths {
  npv(rate: number, flows: number[]): number;
  irr(flows: number[]): number;
  roi(benefits: number[], costs: number[]): number;
  /** Periods to recover the investment; undiscounted when rate is undefined. */
  payback(flows: number[], rate?: number): number;
  benefit(
    before: number,
    after: number,
    volume: number,
    unitValue: number,
    attribution: number,
    confidence: number,
    direction: Direction
  ): number;
  change(before: number, after: number, direction: Direction): number;
  /** BENCH.BEFOREAFTER's label/value rows. */
  beforeAfter(before: number[], after: number[], direction: Direction): [string, CellValue][];
  /** The ROI sheet's business case (core/businessCase.ts). */
  caseResults(c: BusinessCase): CaseResults;
  /** BENCH.CASESIM: the Monte Carlo on the ROI sheet's own model. */
  simulateCase(inputs: CaseSimulationInputs, trials: number, seed: number): CaseSimulation;
  fit(ratings: (number | null)[], weights: number[], scaleMax: number): number;
  ahpWeights(pairwise: number[][]): number[];
  ahpConsistencyRatio(pairwise: number[][]): number;
  /** BENCH.PERCENTILE against the library; undefined when it has no distribution for the pair. */
  percentile(value: number, industry: string, metric: string): number | undefined;
}

export interface TemplateContext {
  mode: FormulaMode;
  library: TemplateLibrary;
  maths: TemplateMaths;
  /** The user's own industry (gap analysis, fit scorecard). */
  industry: string;
  /** Sheet keys being generated together (the Summary links only to these). */
  included: readonly string[];
  /** Charts the renderer cannot draw (listed on the Summary so they are not dropped silently). */
  chartsNotDrawn?: readonly { sheet: string; title: string }[];
  /**
   * Gap analysis: every catalogue metric instead of only those the industry has figures for, and the
   * user's own values by metric name (instead of the sample values).
   */
  gap?: { allMetrics?: boolean; yourValues?: Readonly<Record<string, number>> };
  /** The user's defaults from the task pane (discount rate for ROI, target level for the gap analysis). */
  preferences?: {
    discountRate?: number;
    targetPercentile?: "median" | "p75" | "p90";
    /** ROI horizon in years (1–10). */
    horizon?: number;
    /** ISO code or symbol shown in every money format (e.g. "EUR", "$"). */
    currency?: string;
  };
  /** The user's own case (crossbench workbook --inputs): applied on top of the ROI sample. */
  roiCase?: (sample: RoiInputs) => RoiInputs;
  /** Fit scorecard: leave the candidates' ratings blank for the user (the pane's "add to scorecard"). */
  blankRatings?: boolean;
}

/** The "computed at generation time" label portable values carry. */
export const GENERATED_VALUE_NOTE =
  "Computed by Crossbench when this file was generated; it does not update. Open in Excel with Crossbench (or generate with --formulas bench) for live formulas.";
