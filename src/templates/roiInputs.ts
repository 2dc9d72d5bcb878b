/**
 * The ROI sheet's inputs (the yellow cells) as one value: a sample that fits the user's industry, the
 * pane's or CLI's settings (horizon, discount rate) on top, then the user's case file on top of that.
 * `toBusinessCase` turns them into src/core's model, which is what the sheet's formulas must reproduce.
 */
import { linearCase, MAX_HORIZON, type BusinessCase, type CostKind } from "../core/businessCase";
import type { CaseSimulationInputs, FactorRange } from "../core/risk";
import type { Direction } from "../reference/model";
import { normaliseName } from "../reference/model";
import type { TemplateContext, TemplateLibrary } from "./context";
import { findValue } from "./gap";

export interface RoiBenefitInput {
  name: string;
  annual: number;
  risk: number;
  /** Share of the full amount in year 1, 2, …; missing years are fully ramped (1). */
  rampUp: number[];
}

export interface RoiCostInput {
  name: string;
  kind: CostKind;
  /** Year 0 … horizon as entered; missing years are 0. */
  amounts: number[];
  risk: number;
}

export interface RoiInputs {
  horizon: number;
  discountRate: number;
  kpi: string;
  /** The KPI's unit; "%" makes the unit value per percentage point. */
  unit: string;
  direction: Direction;
  before: number;
  after: number;
  volume: number;
  unitValue: number;
  attribution: number;
  confidence: number;
  /** The KPI line's own risk adjustment (0 by default: confidence already discounts it). */
  kpiRisk: number;
  kpiRampUp: number[];
  benefits: RoiBenefitInput[];
  costs: RoiCostInput[];
  beforeSamples: number[];
  afterSamples: number[];
  /** Low/high multiples of likely: KPI change, volume, unit value. */
  ranges: { kpiChange: FactorRange; volume: FactorRange; unitValue: FactorRange };
  /** One per cost line (missing: ±10%). */
  costRanges: FactorRange[];
  trials: number;
  seed: number;
}

export const DEFAULT_HORIZON = 3;
export const DEFAULT_COST_RANGE: FactorRange = { low: 0.95, high: 1.25 };

/** The original sample (Retail-like logistics); the KPI is replaced by one that fits the industry. */
const BASE: RoiInputs = {
  horizon: DEFAULT_HORIZON,
  discountRate: 0.08,
  kpi: "Order fulfilment cycle time",
  unit: "days",
  direction: "lower",
  before: 4,
  after: 2.5,
  volume: 12000,
  unitValue: 1.2,
  attribution: 0.7,
  confidence: 0.8,
  kpiRisk: 0,
  kpiRampUp: [0.75, 1, 1],
  benefits: [
    { name: "Fewer complaints handled (staff time)", annual: 2500, risk: 0.2, rampUp: [] },
  ],
  costs: [
    { name: "Set-up and training", kind: "one-off", amounts: [18000], risk: 0.05 },
    {
      name: "Software and running costs",
      kind: "recurring",
      amounts: [0, 3000, 3000, 3000],
      risk: 0.05,
    },
  ],
  beforeSamples: [4.2, 3.9, 4.1, 4.4, 3.8, 4, 4.3, 3.9],
  afterSamples: [2.6, 2.4, 2.7, 2.3, 2.5, 2.6, 2.4, 2.5],
  ranges: {
    kpiChange: { low: 0.6, high: 1.2 },
    volume: { low: 0.85, high: 1.1 },
    unitValue: { low: 0.8, high: 1.25 },
  },
  costRanges: [
    { low: 0.95, high: 1.3 },
    { low: 0.9, high: 1.2 },
  ],
  trials: 10000,
  seed: 1,
};

const BEFORE_SPREAD = [1.05, 0.975, 1.025, 1.1, 0.95, 1, 1.075, 0.975];
const AFTER_SPREAD = [1.04, 0.96, 1.08, 0.92, 1, 1.04, 0.96, 1];
const round = (value: number, digits: number): number => Number(value.toPrecision(digits));

/**
 * The KPI of the first practice aimed at the industry that the library has figures for, else the first
 * catalogue metric with figures for the industry: a restaurant's sample is about a restaurant's metric.
 */
export function industryKpi(
  library: TemplateLibrary,
  industry: string
): { name: string; unit: string; direction: Direction; median: number } | undefined {
  const wanted = normaliseName(industry);
  const candidates = [
    ...library.practices
      .filter((p) => p.targetIndustries.some((t) => normaliseName(t) === wanted))
      .flatMap((p) => p.metricsMoved),
    ...library.metrics.map((m) => m.name),
  ];
  for (const metric of candidates) {
    const value = findValue(library.values, industry, metric);
    const median = value?.statistics.median ?? value?.statistics.value;
    if (value && median !== undefined && median !== 0)
      return { name: value.metric, unit: value.unit, direction: value.direction, median };
  }
  return undefined;
}

/** The sample inputs for an industry: its KPI at the industry median, improved by about 10%. */
export function sampleRoiInputs(library: TemplateLibrary, industry: string): RoiInputs {
  const kpi = industryKpi(library, industry);
  if (!kpi) return structuredClone(BASE);
  const percent = kpi.unit === "%";
  const sign = kpi.direction === "higher" ? 1 : -1;
  const before = round(kpi.median, 3);
  const step = percent ? Math.min(0.05, Math.max(0.01, (1 - before) / 4)) : Math.abs(before) * 0.1;
  const after = round(before + sign * step, 3);
  const improvement = Math.abs(after - before) * (percent ? 100 : 1);
  // A unit value that makes the KPI line worth about 30,000 a year on the sample volume.
  const unitValue = improvement === 0 ? 1 : round(30000 / (improvement * BASE.volume * 0.56), 2);
  return {
    ...structuredClone(BASE),
    kpi: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    before,
    after,
    unitValue,
    beforeSamples: BEFORE_SPREAD.map((f) => round(before * f, 3)),
    afterSamples: AFTER_SPREAD.map((f) => round(after * f, 3)),
  };
}

/** The inputs the sheet shows: sample, then settings, then the user's case file. */
export function roiInputs(context: TemplateContext | null): RoiInputs {
  const sample = context
    ? sampleRoiInputs(context.library, context.industry)
    : structuredClone(BASE);
  const rate = context?.preferences?.discountRate;
  const horizon = context?.preferences?.horizon;
  const withSettings: RoiInputs = {
    ...sample,
    ...(rate !== undefined && Number.isFinite(rate) ? { discountRate: rate } : {}),
    ...(horizon !== undefined ? { horizon: clampHorizon(horizon) } : {}),
  };
  const own = context?.roiCase ? context.roiCase(withSettings) : withSettings;
  return fitToHorizon(own);
}

export const clampHorizon = (horizon: number): number =>
  Math.min(MAX_HORIZON, Math.max(1, Math.round(horizon)));

/** Recurring sample costs continue over a longer horizon; year arrays are cut or padded to it. */
function fitToHorizon(inputs: RoiInputs): RoiInputs {
  const years = inputs.horizon + 1;
  const costs = inputs.costs.map((line) => {
    const last = line.amounts.length > 1 ? line.amounts[line.amounts.length - 1] : 0;
    const amounts = Array.from({ length: years }, (_, t) =>
      t < line.amounts.length ? line.amounts[t] : line.kind === "recurring" ? last : 0
    );
    return { ...line, amounts };
  });
  const ramp = (values: number[]): number[] =>
    Array.from({ length: inputs.horizon }, (_, t) => values[t] ?? 1);
  return {
    ...inputs,
    kpiRampUp: ramp(inputs.kpiRampUp),
    benefits: inputs.benefits.map((b) => ({ ...b, rampUp: ramp(b.rampUp) })),
    costs,
    costRanges: costs.map((_c, i) => inputs.costRanges[i] ?? DEFAULT_COST_RANGE),
  };
}

export function toBusinessCase(inputs: RoiInputs): BusinessCase {
  return {
    horizon: inputs.horizon,
    discountRate: inputs.discountRate,
    kpi: {
      before: inputs.before,
      after: inputs.after,
      direction: inputs.direction,
      percent: inputs.unit.trim() === "%",
      volume: inputs.volume,
      unitValue: inputs.unitValue,
      attribution: inputs.attribution,
      confidence: inputs.confidence,
    },
    kpiLine: { name: inputs.kpi, risk: inputs.kpiRisk, rampUp: inputs.kpiRampUp },
    otherBenefits: inputs.benefits,
    costs: inputs.costs,
  };
}

/** What BENCH.CASESIM gets for the ROI sheet: the model's linear parts and the drivers' ranges. */
export function caseSimulationInputs(inputs: RoiInputs): CaseSimulationInputs {
  const model = linearCase(toBusinessCase(inputs));
  return {
    kpi: model.kpi,
    others: model.others,
    costs: model.costs,
    benefitRanges: [inputs.ranges.kpiChange, inputs.ranges.volume, inputs.ranges.unitValue],
    costRanges: inputs.costRanges,
  };
}
