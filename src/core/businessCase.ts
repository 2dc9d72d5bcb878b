/**
 * The TEI-style business case behind the ROI sheet, in plain TypeScript: a KPI change valued
 * Phillips-style (improvement × volume × unit value × attribution × confidence), further benefit lines and
 * cost lines (one-off, recurring), each with its own risk adjustment and, for benefits, a ramp-up, over a
 * horizon of 1–10 years. The sheet's native formulas must reproduce these figures (LibreOffice test).
 *
 * NPV is linear in every driver (KPI change, volume, unit value, each cost line's scale), which is what
 * makes the break-even figures closed-form and the Monte Carlo cheap: a trial only rescales present values.
 */
import { valueError } from "./errors";
import { improvement, irr, npv, payback, type Direction } from "./finance";

export const MAX_HORIZON = 10;

export interface KpiInputs {
  before: number;
  after: number;
  direction: Direction;
  /** True when the KPI is a percentage: the unit value is then per percentage point (0.01). */
  percent: boolean;
  volume: number;
  unitValue: number;
  attribution: number;
  confidence: number;
}

export interface BenefitLine {
  name: string;
  /** Full annual amount once ramped up (for the KPI line: the KPI's annual benefit). */
  annual: number;
  /** Reduce the line by this share (0.1 = 10%). */
  risk: number;
  /** Share of the full amount reached in year 1, 2, …, horizon (1 = fully ramped). */
  rampUp: number[];
}

/** How a cost line recurs; the ROI sheet's drop-down lists these. */
export const COST_KINDS = ["one-off", "recurring"] as const;
export type CostKind = (typeof COST_KINDS)[number];

export interface CostLine {
  name: string;
  kind: CostKind;
  /** Amounts as entered, Year 0 to the horizon. */
  amounts: number[];
  /** Increase the line by this share (0.05 = 5%). */
  risk: number;
}

export interface BusinessCase {
  horizon: number;
  discountRate: number;
  kpi: KpiInputs;
  /** Risk adjustment and ramp-up of the KPI benefit line (its amount comes from `kpi`). */
  kpiLine: { name: string; risk: number; rampUp: number[] };
  otherBenefits: BenefitLine[];
  costs: CostLine[];
}

/** 100 when the KPI is a percentage (its improvement counts in percentage points), else 1. */
export const kpiScale = (kpi: KpiInputs): number => (kpi.percent ? 100 : 1);

/** The KPI line's full annual benefit. */
export function kpiAnnualBenefit(kpi: KpiInputs): number {
  return (
    improvement(kpi.before, kpi.after, kpi.direction) *
    kpiScale(kpi) *
    kpi.volume *
    kpi.unitValue *
    kpi.attribution *
    kpi.confidence
  );
}

/** Year 0 … horizon of a benefit line: nothing in Year 0, then annual × ramp-up × (1 − risk). */
export function benefitFlows(line: BenefitLine, horizon: number): number[] {
  return Array.from({ length: horizon + 1 }, (_, t) =>
    t === 0 ? 0 : line.annual * (line.rampUp[t - 1] ?? 1) * (1 - line.risk)
  );
}

/** Year 0 … horizon of a cost line: amount × (1 + risk). */
export function costFlows(line: CostLine, horizon: number): number[] {
  return Array.from({ length: horizon + 1 }, (_, t) => (line.amounts[t] ?? 0) * (1 + line.risk));
}

export function kpiBenefitLine(c: BusinessCase): BenefitLine {
  return { ...c.kpiLine, annual: kpiAnnualBenefit(c.kpi) };
}

const addRows = (rows: number[][], length: number): number[] =>
  Array.from({ length }, (_, t) => rows.reduce((total, row) => total + row[t], 0));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export interface CaseFlows {
  kpi: number[];
  others: number[][];
  costLines: number[][];
  benefits: number[];
  costs: number[];
  net: number[];
}

export function caseFlows(c: BusinessCase): CaseFlows {
  const length = c.horizon + 1;
  const kpi = benefitFlows(kpiBenefitLine(c), c.horizon);
  const others = c.otherBenefits.map((line) => benefitFlows(line, c.horizon));
  const costLines = c.costs.map((line) => costFlows(line, c.horizon));
  const benefits = addRows([kpi, ...others], length);
  const costs = addRows(costLines, length);
  return { kpi, others, costLines, benefits, costs, net: benefits.map((b, t) => b - costs[t]) };
}

/** A figure, or the reason there is none (IRR without a sign change, payback not recovered). */
export type Figure = number | Error;

const attempt = (compute: () => number): Figure => {
  try {
    return compute();
  } catch (error) {
    return error as Error;
  }
};

export interface CaseResults {
  totalBenefits: number;
  totalCosts: number;
  pvBenefits: number;
  pvCosts: number;
  npv: number;
  irr: Figure;
  /** (total benefits − total costs) / total costs, undiscounted. */
  roiSimple: Figure;
  /** (PV benefits − PV costs) / PV costs. */
  roiPresentValue: Figure;
  payback: Figure;
  discountedPayback: Figure;
}

const ratio = (gain: number, base: number): Figure =>
  attempt(() => {
    if (base === 0) throw valueError("costs add up to 0, so ROI is undefined.");
    return (gain - base) / base;
  });

export function caseResults(c: BusinessCase): CaseResults {
  const flows = caseFlows(c);
  const pvBenefits = npv(c.discountRate, flows.benefits);
  const pvCosts = npv(c.discountRate, flows.costs);
  const totalBenefits = sum(flows.benefits);
  const totalCosts = sum(flows.costs);
  return {
    totalBenefits,
    totalCosts,
    pvBenefits,
    pvCosts,
    npv: npv(c.discountRate, flows.net),
    irr: attempt(() => irr(flows.net)),
    roiSimple: ratio(totalBenefits, totalCosts),
    roiPresentValue: ratio(pvBenefits, pvCosts),
    payback: attempt(() => payback(flows.net)),
    discountedPayback: attempt(() => payback(flows.net, c.discountRate)),
  };
}

// ---------- Sensitivity ----------

/** The drivers the sensitivity and the Monte Carlo vary: each scales its part of the model. */
export interface DriverRange {
  name: string;
  /** Low and high as multiples of the model's value (0.8 = 20% below the likely value). */
  low: number;
  high: number;
}

/** Present values and simple totals of the parts NPV and ROI are linear in. */
export interface LinearCase {
  kpi: { pv: number; total: number };
  others: { pv: number; total: number };
  costs: { pv: number; total: number }[];
}

export function linearCase(c: BusinessCase): LinearCase {
  const flows = caseFlows(c);
  const part = (row: number[]) => ({ pv: npv(c.discountRate, row), total: sum(row) });
  return {
    kpi: part(flows.kpi),
    others: part(addRows(flows.others, c.horizon + 1)),
    costs: flows.costLines.map(part),
  };
}

/** NPV with the KPI line scaled by `kpiFactor` and cost line i by `costFactors[i]`. */
export function scaledNpv(model: LinearCase, kpiFactor: number, costFactors: number[]): number {
  return (
    model.kpi.pv * kpiFactor +
    model.others.pv -
    model.costs.reduce((total, cost, i) => total + cost.pv * (costFactors[i] ?? 1), 0)
  );
}

export interface TornadoBar {
  name: string;
  npvLow: number;
  npvHigh: number;
}

/**
 * Each driver at its low and high, the others at likely. Benefit drivers are the KPI change, volume and
 * unit value (in that order), then one range per cost line.
 */
export function tornado(
  model: LinearCase,
  benefitRanges: DriverRange[],
  costRanges: DriverRange[]
): TornadoBar[] {
  const ones = model.costs.map(() => 1);
  return [
    ...benefitRanges.map((range) => ({
      name: range.name,
      npvLow: scaledNpv(model, range.low, ones),
      npvHigh: scaledNpv(model, range.high, ones),
    })),
    ...costRanges.map((range, i) => ({
      name: range.name,
      npvLow: scaledNpv(
        model,
        1,
        ones.map((one, j) => (j === i ? range.low : one))
      ),
      npvHigh: scaledNpv(
        model,
        1,
        ones.map((one, j) => (j === i ? range.high : one))
      ),
    })),
  ];
}

export interface BreakEven {
  /** KPI improvement (in KPI units, after − before for "higher") at which NPV = 0. */
  improvement: Figure;
  /** Volume at which NPV = 0. */
  volume: Figure;
  /** Total one-off costs as entered (before risk adjustment) at which NPV = 0. */
  oneOffCosts: Figure;
}

export function breakEven(c: BusinessCase): BreakEven {
  const model = linearCase(c);
  const costPv = model.costs.reduce((total, cost) => total + cost.pv, 0);
  const neededKpiPv = costPv - model.others.pv;
  const kpiChange = improvement(c.kpi.before, c.kpi.after, c.kpi.direction);
  const oneOff = c.costs
    .map((line, i) => ({ line, pv: model.costs[i].pv }))
    .filter(({ line }) => line.kind === "one-off");
  const oneOffPv = sum(oneOff.map((o) => o.pv));
  const oneOffEntered = sum(oneOff.map((o) => sum(o.line.amounts.slice(0, c.horizon + 1))));
  const scaled = (base: number, what: string): Figure =>
    attempt(() => {
      if (model.kpi.pv === 0)
        throw valueError(`the KPI line is worth 0, so no ${what} breaks even.`);
      return (base * neededKpiPv) / model.kpi.pv;
    });
  return {
    improvement: scaled(kpiChange, "KPI change"),
    volume: scaled(c.kpi.volume, "volume"),
    oneOffCosts: attempt(() => {
      if (oneOffPv === 0) throw valueError("there are no one-off costs to scale.");
      return (oneOffEntered * (npv(c.discountRate, caseFlows(c).net) + oneOffPv)) / oneOffPv;
    }),
  };
}

/** NPV with the KPI line scaled by `kpiFactor`, discounted at `rate` (the two-way grid). */
export function npvAt(c: BusinessCase, kpiFactor: number, rate: number): number {
  const flows = caseFlows(c);
  return npv(
    rate,
    flows.net.map((net, t) => net + (kpiFactor - 1) * flows.kpi[t])
  );
}
