import fc from "fast-check";
import {
  breakEven,
  BusinessCase,
  caseFlows,
  caseResults,
  kpiAnnualBenefit,
  linearCase,
  npvAt,
  scaledNpv,
  tornado,
} from "./businessCase";
import { npv } from "./finance";
import { simulateCase } from "./risk";

const CASE: BusinessCase = {
  horizon: 3,
  discountRate: 0.08,
  kpi: {
    before: 4,
    after: 2.5,
    direction: "lower",
    percent: false,
    volume: 12000,
    unitValue: 1.2,
    attribution: 0.7,
    confidence: 0.8,
  },
  kpiLine: { name: "KPI", risk: 0, rampUp: [0.5, 1, 1] },
  otherBenefits: [{ name: "Other", annual: 2000, risk: 0.2, rampUp: [1, 1, 1] }],
  costs: [
    { name: "Set-up", kind: "one-off", amounts: [18000, 0, 0, 0], risk: 0.05 },
    { name: "Running", kind: "recurring", amounts: [0, 3000, 3000, 3000], risk: 0.1 },
  ],
};

describe("business case", () => {
  it("values the KPI line Phillips-style and a % KPI per percentage point", () => {
    expect(kpiAnnualBenefit(CASE.kpi)).toBeCloseTo(1.5 * 12000 * 1.2 * 0.7 * 0.8, 9);
    const percent = {
      ...CASE.kpi,
      percent: true,
      before: 0.22,
      after: 0.3,
      direction: "higher" as const,
    };
    // 8 percentage points × volume × unit value × shares: not 100× too small.
    expect(kpiAnnualBenefit(percent)).toBeCloseTo(8 * 12000 * 1.2 * 0.7 * 0.8, 6);
  });

  it("applies ramp-up and each line's own risk adjustment once", () => {
    const flows = caseFlows(CASE);
    const annual = kpiAnnualBenefit(CASE.kpi);
    expect(flows.kpi).toEqual([0, annual * 0.5, annual, annual]);
    expect(flows.others[0]).toEqual([0, 1600, 1600, 1600]);
    expect(flows.costs).toEqual([18900, 3300, 3300, 3300].map((v) => expect.closeTo(v, 9)));
  });

  it("reports NPV as PV of benefits minus PV of costs, ROI on totals and on PV", () => {
    const r = caseResults(CASE);
    expect(r.npv).toBeCloseTo(r.pvBenefits - r.pvCosts, 6);
    expect(r.roiSimple).toBeCloseTo((r.totalBenefits - r.totalCosts) / r.totalCosts, 12);
    expect(r.roiPresentValue).toBeCloseTo((r.pvBenefits - r.pvCosts) / r.pvCosts, 12);
  });

  it("break-evens make NPV 0", () => {
    const even = breakEven(CASE);
    const improvement = even.improvement as number;
    const atImprovement: BusinessCase = {
      ...CASE,
      kpi: { ...CASE.kpi, after: CASE.kpi.before - improvement },
    };
    expect(caseResults(atImprovement).npv).toBeCloseTo(0, 6);
    const atVolume: BusinessCase = { ...CASE, kpi: { ...CASE.kpi, volume: even.volume as number } };
    expect(caseResults(atVolume).npv).toBeCloseTo(0, 6);
    const oneOff = even.oneOffCosts as number;
    const atOneOff: BusinessCase = {
      ...CASE,
      costs: [{ ...CASE.costs[0], amounts: [oneOff, 0, 0, 0] }, CASE.costs[1]],
    };
    expect(caseResults(atOneOff).npv).toBeCloseTo(0, 6);
  });

  it("the tornado and the grid agree with rebuilding the case", () => {
    const model = linearCase(CASE);
    const [kpi, , , setUp] = tornado(
      model,
      [
        { name: "KPI change", low: 0.5, high: 1.5 },
        { name: "Volume", low: 1, high: 1 },
        { name: "Unit value", low: 1, high: 1 },
      ],
      [
        { name: "Set-up", low: 0.9, high: 1.4 },
        { name: "Running", low: 1, high: 1 },
      ]
    );
    const halfKpi: BusinessCase = { ...CASE, kpi: { ...CASE.kpi, volume: 6000 } };
    expect(kpi.npvLow).toBeCloseTo(caseResults(halfKpi).npv, 6);
    const dearer: BusinessCase = {
      ...CASE,
      costs: [{ ...CASE.costs[0], amounts: [18000 * 1.4, 0, 0, 0] }, CASE.costs[1]],
    };
    expect(setUp.npvHigh).toBeCloseTo(caseResults(dearer).npv, 6);
    expect(npvAt(CASE, 1, 0.08)).toBeCloseTo(caseResults(CASE).npv, 9);
    expect(npvAt(CASE, 0.5, 0.12)).toBeCloseTo(npv(0.12, caseFlows(halfKpi).net), 6);
  });

  it("NPV is linear in the KPI factor (property)", () => {
    const model = linearCase(CASE);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3, noNaN: true }), (factor) => {
        const scaled = scaledNpv(model, factor, [1, 1]);
        const expected = npvAt(CASE, factor, CASE.discountRate);
        return Math.abs(scaled - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
      })
    );
  });

  it("the Monte Carlo is seeded and collapses to the model when nothing is uncertain", () => {
    const model = linearCase(CASE);
    const fixed = { low: 1, high: 1 };
    const inputs = {
      ...model,
      benefitRanges: [fixed, fixed, fixed],
      costRanges: [fixed, fixed],
    };
    const result = simulateCase(inputs, 500, 4);
    expect(result.npv.p10).toBeCloseTo(caseResults(CASE).npv, 6);
    expect(result.npv.p90).toBeCloseTo(caseResults(CASE).npv, 6);
    expect(result.roi.mean).toBeCloseTo(caseResults(CASE).roiSimple as number, 9);
    const wide = { ...inputs, benefitRanges: [{ low: 0.5, high: 1.2 }, fixed, fixed] };
    const first = simulateCase(wide, 3000, 9);
    expect(simulateCase(wide, 3000, 9)).toEqual(first);
    expect(first.npv.p10).toBeLessThan(first.npv.p90);
    expect(first.histogram.reduce((t, b) => t + b.count, 0)).toBe(3000);
  });
});
