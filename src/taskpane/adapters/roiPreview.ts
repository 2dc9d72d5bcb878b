/**
 * The ROI sheet's business case before it is inserted: the inputs the sheet will get (the industry's
 * sample with the pane's rate and horizon, src/templates/roiInputs) run through src/core — the cash
 * flows, NPV and paybacks of caseResults and BENCH.CASESIM's seeded Monte Carlo on the same linear
 * model — so the pane's chart shows the figures the sheet will show. Pure but for activeRoiPreview,
 * which reads the active library as the insert does.
 */
import { caseFlows, caseResults, type Figure } from "../../core/businessCase";
import { npv } from "../../core/finance";
import { getActiveLibrary, whenWorkbookLoaded } from "../../reference/activeLibrary";
import { METRIC_CATALOGUE } from "../../reference/catalogue";
import { PRACTICE_LIBRARY } from "../../reference/practices";
import { simulateCase } from "../../core/risk";
import type { TemplateLibrary } from "../../templates/context";
import { coreMaths } from "../../templates/defaults";
import {
  caseSimulationInputs,
  roiInputs,
  toBusinessCase,
  type RoiInputs,
} from "../../templates/roiInputs";

export interface RoiPreview {
  kpi: string;
  horizon: number;
  discountRate: number;
  /** Year 0 … horizon. */
  years: number[];
  /** Running total of the net cash flow, Year 0 … horizon. */
  cumulative: number[];
  /** Running total of the discounted net cash flow (Year 0 undiscounted). */
  discountedCumulative: number[];
  npv: number;
  /** Years to recover the investment, or undefined when it is not recovered within the horizon. */
  payback?: number;
  discountedPayback?: number;
  /** BENCH.CASESIM's NPV distribution on the sheet's trials and seed. */
  npvRange: { p10: number; p50: number; p90: number; probabilityPositive: number };
  trials: number;
  seed: number;
}

const figureOrUndefined = (figure: Figure): number | undefined =>
  figure instanceof Error ? undefined : figure;

/** The chart's figures for the ROI sheet's inputs. */
export function roiPreview(inputs: RoiInputs): RoiPreview {
  const businessCase = toBusinessCase(inputs);
  const { net } = caseFlows(businessCase);
  const results = caseResults(businessCase);
  const simulation = simulateCase(caseSimulationInputs(inputs), inputs.trials, inputs.seed);
  // Each running total is core's NPV of the flows so far: at rate 0 the plain sum.
  const runningNpv = (rate: number) => net.map((_, t) => npv(rate, net.slice(0, t + 1)));
  return {
    kpi: inputs.kpi,
    horizon: inputs.horizon,
    discountRate: inputs.discountRate,
    years: net.map((_, t) => t),
    cumulative: runningNpv(0),
    discountedCumulative: runningNpv(inputs.discountRate),
    npv: results.npv,
    payback: figureOrUndefined(results.payback),
    discountedPayback: figureOrUndefined(results.discountedPayback),
    npvRange: {
      p10: simulation.npv.p10,
      p50: simulation.npv.p50,
      p90: simulation.npv.p90,
      probabilityPositive: simulation.npv.probabilityPositive,
    },
    trials: inputs.trials,
    seed: inputs.seed,
  };
}

export interface RoiPreviewSettings {
  discountRate: number;
  horizon: number;
}

/** The inputs a new ROI sheet gets for this industry and these settings (as the pane inserts it). */
export function previewInputs(
  library: TemplateLibrary,
  industry: string,
  settings: RoiPreviewSettings
): RoiInputs {
  return roiInputs({
    mode: "bench",
    library,
    maths: coreMaths(library),
    industry,
    included: ["roi"],
    preferences: settings,
  });
}

export const roiPreviewFor = (
  library: TemplateLibrary,
  industry: string,
  settings: RoiPreviewSettings
): RoiPreview => roiPreview(previewInputs(library, industry, settings));

/**
 * The preview from the library a new sheet is drawn from: the workbook's reference rows over the
 * bundled figures (what src/excel/templates.ts's insert uses), once the workbook's rows have loaded.
 */
export async function activeRoiPreview(
  industry: string,
  settings: RoiPreviewSettings
): Promise<RoiPreview> {
  await whenWorkbookLoaded();
  const library: TemplateLibrary = {
    metrics: METRIC_CATALOGUE,
    values: getActiveLibrary().values,
    practices: PRACTICE_LIBRARY,
  };
  return roiPreviewFor(library, industry, settings);
}
