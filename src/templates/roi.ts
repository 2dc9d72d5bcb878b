/**
 * Before/after ROI template: a KPI change valued Phillips-style (volume × unit value × attribution ×
 * confidence), a TEI-style risk adjustment on benefits and costs, cash flows over a 3-year horizon,
 * NPV / IRR / ROI / payback, an "is the change real" block and a Monte Carlo ROI range.
 */
import type { Direction } from "../reference/model";
import {
  bench,
  FORMAT,
  formula,
  header,
  input,
  note,
  number,
  purpose,
  sectionRow,
  text,
  title,
} from "./cells";
import { GENERATED_VALUE_NOTE, TemplateContext } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { columnLetter } from "./plan";
import { abs, at, SheetRows } from "./sheet";

/** The sample inputs the template ships with (blue cells; users replace them). */
export const ROI_SAMPLE = {
  kpi: "Order fulfilment cycle time (days)",
  direction: "lower" as Direction,
  before: 4,
  after: 2.5,
  volume: 12000,
  unitValue: 1.2,
  attribution: 0.7,
  confidence: 0.8,
  oneTimeCosts: [18000, 0, 0, 0],
  recurringCosts: [0, 3000, 3000, 3000],
  benefitRisk: 0.1,
  costRisk: 0.05,
  discountRate: 0.08,
  beforeSamples: [4.2, 3.9, 4.1, 4.4, 3.8, 4, 4.3, 3.9],
  afterSamples: [2.6, 2.4, 2.7, 2.3, 2.5, 2.6, 2.4, 2.5],
  simulation: {
    benefit: [22000, 32000, 39000] as [number, number, number],
    cost: [26000, 28500, 34000] as [number, number, number],
    trials: 10000,
    seed: 1,
  },
};

export type RoiSample = typeof ROI_SAMPLE;

/** The cash-flow rows the sheet computes, in plain TypeScript (the figures the sheet must reproduce). */
export function roiCashFlows(
  sample: RoiSample,
  annualBenefit: number
): { benefits: number[]; costs: number[]; net: number[] } {
  const years = sample.oneTimeCosts.length;
  const benefits = Array.from({ length: years }, (_, t) =>
    t === 0 ? 0 : annualBenefit * (1 - sample.benefitRisk)
  );
  const costs = Array.from(
    { length: years },
    (_, t) => (sample.oneTimeCosts[t] + sample.recurringCosts[t]) * (1 + sample.costRisk)
  );
  return { benefits, costs, net: benefits.map((b, t) => b - costs[t]) };
}

/** Cell addresses of the results, for the Summary sheet and the tests. */
export interface RoiLayout {
  npv: string;
  irr: string;
  roi: string;
  payback: string;
  discountedPayback: string;
  annualBenefit: string;
  cumulativeRow: number;
  periodRow: number;
}

export function roiLayout(): RoiLayout {
  return buildRoi(null).layout;
}

export function roiTemplate(context: TemplateContext): SheetPlan {
  return buildRoi(context).plan;
}

/** A cached result is optional: when src/core rejects the sample, the cell simply has no cached value. */
function safe<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

function buildRoi(context: TemplateContext | null): { plan: SheetPlan; layout: RoiLayout } {
  const discountRate = context?.preferences?.discountRate;
  const s =
    discountRate !== undefined && Number.isFinite(discountRate)
      ? { ...ROI_SAMPLE, discountRate }
      : ROI_SAMPLE;
  const maths = context?.maths;
  const portable = context?.mode === "portable";
  const years = s.oneTimeCosts.length;
  const first = 1; // column B holds year 0
  const last = first + years - 1;
  const totalColumn = last + 1;
  const width = totalColumn + 1;
  const span = (row: number): string => `${at(first, row)}:${at(last, row)}`;
  const sheet = new SheetRows();

  sheet.add([title("Before/after ROI")]);
  sheet.add([
    purpose(
      "Values a measured KPI improvement in money and tests whether the investment pays back: NPV, IRR, ROI and payback over a 3-year horizon."
    ),
  ]);
  sheet.add([
    note(
      "Yellow cells with blue text are inputs (sample figures: replace them). Everything else is calculated. Amounts are in your currency; rates are per year."
    ),
  ]);
  sheet.add();

  // 1. Benefit
  sheet.add(sectionRow("1. Annual benefit from the KPI change", width));
  sheet.add([text("KPI"), input(s.kpi)]);
  const directionRow = sheet.add([
    text("Better when the KPI is (higher / lower)"),
    input(s.direction),
  ]);
  const beforeRow = sheet.add([text("KPI before"), input(s.before, FORMAT.number)]);
  const afterRow = sheet.add([text("KPI after"), input(s.after, FORMAT.number)]);
  const volumeRow = sheet.add([
    text("Volume per year (orders, visits, units)"),
    input(s.volume, FORMAT.integer),
  ]);
  const unitValueRow = sheet.add([
    text("Money value of one KPI unit of improvement, per unit of volume"),
    input(s.unitValue, FORMAT.currency2),
  ]);
  const attributionRow = sheet.add([
    text("Attribution: share of the change due to this initiative"),
    input(s.attribution, FORMAT.percent),
  ]);
  const confidenceRow = sheet.add([
    text("Confidence in the estimate"),
    input(s.confidence, FORMAT.percent),
  ]);
  const B = (row: number): string => at(1, row);
  const annualBenefit = maths
    ? safe(() =>
        maths.benefit(
          s.before,
          s.after,
          s.volume,
          s.unitValue,
          s.attribution,
          s.confidence,
          s.direction
        )
      )
    : undefined;
  const benefitRow = sheet.add([
    text("Annual benefit", "key"),
    bench(
      {
        formula: `=BENCH.BENEFIT(${B(beforeRow)},${B(afterRow)},${B(volumeRow)},${B(unitValueRow)},${B(attributionRow)},${B(confidenceRow)},${B(directionRow)})`,
        portable: {
          formula: `=IF(${B(directionRow)}="lower",${B(beforeRow)}-${B(afterRow)},${B(afterRow)}-${B(beforeRow)})*${B(volumeRow)}*${B(unitValueRow)}*${B(attributionRow)}*${B(confidenceRow)}`,
        },
        cached: annualBenefit,
      },
      FORMAT.currency,
      "key"
    ),
  ]);
  sheet.add();

  // 2. Is the change real?
  sheet.add(
    sectionRow(
      "2. Is the change real? Measurements before and after (one per cell)",
      Math.max(width, 9)
    )
  );
  const beforeSamplesRow = sheet.add([
    text("Before"),
    ...s.beforeSamples.map((v) => input(v, FORMAT.number)),
  ]);
  const afterSamplesRow = sheet.add([
    text("After"),
    ...s.afterSamples.map((v) => input(v, FORMAT.number)),
  ]);
  const samplesEnd = columnLetter(s.beforeSamples.length);
  const beforeAfter = maths
    ? safe(() => maths.beforeAfter(s.beforeSamples, s.afterSamples, s.direction))
    : undefined;
  const beforeAfterFormula = `=BENCH.BEFOREAFTER(B${beforeSamplesRow}:${samplesEnd}${beforeSamplesRow},B${afterSamplesRow}:${samplesEnd}${afterSamplesRow},${B(directionRow)})`;
  const testRows = 10;
  for (let i = 0; i < testRows; i++) {
    const [label, value] = beforeAfter?.[i] ?? [null, null];
    const format =
      i < 2 ? FORMAT.integer : i === 5 ? FORMAT.percent : i === 7 ? "0.0000" : FORMAT.number;
    const labelCell: PlanCell | null =
      i === 0
        ? bench(
            {
              formula: beforeAfterFormula,
              portable: { value: label },
              cached: label,
              spill: { rows: testRows, columns: 2 },
            },
            "General"
          )
        : portable
          ? { value: label, style: "output" }
          : null;
    const valueCell: PlanCell | null = portable
      ? { value, format: typeof value === "number" ? format : "General", style: "output" }
      : null;
    // Labels in column A, which is wide enough for them; values in B.
    sheet.add([labelCell, valueCell]);
  }
  // The row exists in both modes so every later address is the same whatever the formula mode.
  sheet.add([
    null,
    note(
      portable
        ? `Welch's t-test at the 5% level. ${GENERATED_VALUE_NOTE}`
        : "BENCH.BEFOREAFTER spills this table: Welch's t-test at the 5% level."
    ),
  ]);
  sheet.add();

  // 3. Cash flows
  sheet.add(
    sectionRow(
      `3. Costs and cash flows (${years - 1}-year horizon; to extend, insert year columns before Total)`,
      width
    )
  );
  const periodRow = sheet.add(
    [header("")].concat(
      Array.from({ length: years }, (_, t) => ({
        value: t,
        format: FORMAT.year,
        style: "header" as const,
      })),
      [header("Total")]
    )
  );
  const total = (row: number, format: string): PlanCell => formula(`=SUM(${span(row)})`, format);
  const benefitRiskRow = sheet.add([
    text("Benefit risk adjustment (reduce benefits by)"),
    input(s.benefitRisk, FORMAT.percent),
  ]);
  const costRiskRow = sheet.add([
    text("Cost risk adjustment (increase costs by)"),
    input(s.costRisk, FORMAT.percent),
  ]);
  const rateRow = sheet.add([
    text("Discount rate (per year)"),
    input(s.discountRate, FORMAT.percent),
  ]);
  const grossRow = sheet.add(
    [text("Annual benefit (year 0 is the investment year)")].concat(
      Array.from({ length: years }, (_, t) =>
        t === 0 ? number(0, FORMAT.currency) : formula(`=${abs(1, benefitRow)}`, FORMAT.currency)
      )
    )
  );
  const adjustedBenefitRow = sheet.add(
    [text("Risk-adjusted benefits")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`=${at(first + t, grossRow)}*(1-${abs(1, benefitRiskRow)})`, FORMAT.currency)
      ),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const oneTimeRow = sheet.add(
    [text("One-time costs")].concat(
      s.oneTimeCosts.map((v) => input(v, FORMAT.currency)),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const recurringRow = sheet.add(
    [text("Recurring costs")].concat(
      s.recurringCosts.map((v) => input(v, FORMAT.currency)),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const adjustedCostRow = sheet.add(
    [text("Risk-adjusted costs")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(
          `=(${at(first + t, oneTimeRow)}+${at(first + t, recurringRow)})*(1+${abs(1, costRiskRow)})`,
          FORMAT.currency
        )
      ),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const netRow = sheet.add(
    [text("Net cash flow", "key")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(
          `=${at(first + t, adjustedBenefitRow)}-${at(first + t, adjustedCostRow)}`,
          FORMAT.currency,
          "key"
        )
      ),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const cumulativeRow = sheet.add(
    [text("Cumulative cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(
          t === 0
            ? `=${at(first, netRow)}`
            : `=${at(first + t - 1, sheet.next)}+${at(first + t, netRow)}`,
          FORMAT.currency
        )
      )
    )
  );
  const discountedRow = sheet.add(
    [text("Discounted cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(
          `=${at(first + t, netRow)}/(1+${abs(1, rateRow)})^${columnLetter(first + t)}$${periodRow}`,
          FORMAT.currency
        )
      ),
      [total(sheet.next, FORMAT.currency)]
    )
  );
  const cumulativeDiscountedRow = sheet.add(
    [text("Cumulative discounted cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(
          t === 0
            ? `=${at(first, discountedRow)}`
            : `=${at(first + t - 1, sheet.next)}+${at(first + t, discountedRow)}`,
          FORMAT.currency
        )
      )
    )
  );
  // Where the running total first turns non-negative: (k-1) + |total after k-1| / flow k, per period.
  const crossing = (cumulative: number, flows: number): PlanCell[] =>
    Array.from({ length: years }, (_, t) =>
      t === 0
        ? ({ value: "", style: "note" } as PlanCell)
        : formula(
            `=IF(AND(${at(first + t - 1, cumulative)}<0,${at(first + t, cumulative)}>=0),${at(first + t - 1, periodRow)}+(-${at(first + t - 1, cumulative)})/${at(first + t, flows)},"")`,
            FORMAT.years,
            "note"
          )
    );
  const crossingRow = sheet.add(
    [text("Payback crossing point (helper)", "note")].concat(crossing(cumulativeRow, netRow))
  );
  const discountedCrossingRow = sheet.add(
    [text("Discounted payback crossing point (helper)", "note")].concat(
      crossing(cumulativeDiscountedRow, discountedRow)
    )
  );
  sheet.add();

  // 4. Results
  const flows = maths ? roiCashFlows(s, annualBenefit ?? 0) : undefined;
  const resultWidth = width;
  sheet.add(sectionRow("4. Results", resultWidth));
  const netSpan = span(netRow);
  const paybackPortable = (cumulative: number, crossingHelper: number): string =>
    `=IF(${at(first, cumulative)}>=0,0,IF(COUNT(${at(first + 1, crossingHelper)}:${at(last, crossingHelper)})=0,"not recovered",MIN(${at(first + 1, crossingHelper)}:${at(last, crossingHelper)})))`;
  const npvRow = sheet.add([
    text("Net present value (NPV)", "key"),
    bench(
      {
        formula: `=BENCH.NPV(${B(rateRow)},${netSpan})`,
        portable: {
          formula: `=${at(first, netRow)}+NPV(${B(rateRow)},${at(first + 1, netRow)}:${at(last, netRow)})`,
        },
        cached: flows && safe(() => maths!.npv(s.discountRate, flows.net)),
      },
      FORMAT.currency,
      "key"
    ),
    note("Year 0 undiscounted; later years discounted at the rate above."),
  ]);
  const irrRow = sheet.add([
    text("Internal rate of return (IRR)", "key"),
    bench(
      {
        formula: `=BENCH.IRR(${netSpan})`,
        portable: { formula: `=IRR(${netSpan})` },
        cached: flows && safe(() => maths!.irr(flows.net)),
      },
      FORMAT.percent2,
      "key"
    ),
    note("The discount rate at which NPV is zero."),
  ]);
  const roiRow = sheet.add([
    text("Return on investment (ROI)", "key"),
    bench(
      {
        formula: `=BENCH.ROI(${span(adjustedBenefitRow)},${span(adjustedCostRow)})`,
        portable: {
          formula: `=(SUM(${span(adjustedBenefitRow)})-SUM(${span(adjustedCostRow)}))/SUM(${span(adjustedCostRow)})`,
        },
        cached: flows && safe(() => maths!.roi(flows.benefits, flows.costs)),
      },
      FORMAT.percent,
      "key"
    ),
    note("(Total risk-adjusted benefits - total risk-adjusted costs) / total risk-adjusted costs."),
  ]);
  const paybackRow = sheet.add([
    text("Payback period", "key"),
    bench(
      {
        formula: `=BENCH.PAYBACK(${netSpan})`,
        portable: { formula: paybackPortable(cumulativeRow, crossingRow) },
        cached: flows && safe(() => maths!.payback(flows.net)),
      },
      FORMAT.years,
      "key"
    ),
    note("Years until the cumulative cash flow reaches zero."),
  ]);
  const discountedPaybackRow = sheet.add([
    text("Discounted payback period", "key"),
    bench(
      {
        formula: `=BENCH.PAYBACK(${netSpan},${B(rateRow)})`,
        portable: { formula: paybackPortable(cumulativeDiscountedRow, discountedCrossingRow) },
        cached: flows && safe(() => maths!.payback(flows.net, s.discountRate)),
      },
      FORMAT.years,
      "key"
    ),
    note("The same on discounted cash flows."),
  ]);
  sheet.add();

  // 5. Monte Carlo range
  sheet.add(
    sectionRow("5. ROI range: low / likely / high estimates (Monte Carlo, triangular)", width)
  );
  sheet.add([header(""), header("Low"), header("Likely"), header("High")]);
  const simBenefitRow = sheet.add(
    [text("Total benefits over the horizon")].concat(
      s.simulation.benefit.map((v) => input(v, FORMAT.currency))
    )
  );
  const simCostRow = sheet.add(
    [text("Total costs over the horizon")].concat(
      s.simulation.cost.map((v) => input(v, FORMAT.currency))
    )
  );
  const trialsRow = sheet.add([text("Trials"), input(s.simulation.trials, FORMAT.integer)]);
  const seedRow = sheet.add([text("Seed (same seed, same result)"), input(s.simulation.seed, "0")]);
  sheet.add([
    header(""),
    header("ROI P10"),
    header("ROI P50"),
    header("ROI P90"),
    header("P(ROI > 0)"),
    header("Mean ROI"),
  ]);
  const simulatedValues = maths
    ? safe(() =>
        maths.roiSimulation(
          s.simulation.benefit,
          s.simulation.cost,
          s.simulation.trials,
          s.simulation.seed
        )
      )
    : undefined;
  const simFormula = `=BENCH.ROISIM(${B(simBenefitRow)},${at(2, simBenefitRow)},${at(3, simBenefitRow)},${B(simCostRow)},${at(2, simCostRow)},${at(3, simCostRow)},${B(trialsRow)},${B(seedRow)})`;
  sheet.add([
    text("Simulated ROI", "key"),
    ...Array.from({ length: 5 }, (_, i): PlanCell | null => {
      const value = simulatedValues?.[i] ?? null;
      if (i === 0)
        return bench(
          {
            formula: simFormula,
            portable: { value },
            cached: value,
            spill: { rows: 1, columns: 5 },
          },
          FORMAT.percent,
          "key"
        );
      return portable ? { value, format: FORMAT.percent, style: "key" } : null;
    }),
  ]);
  sheet.add([
    null,
    note(
      portable
        ? GENERATED_VALUE_NOTE
        : "BENCH.ROISIM spills this row; the seed keeps it stable on recalculation."
    ),
  ]);

  // The chart reads one rectangle: year labels (text, so Excel takes them as categories) over the
  // cumulative cash flow, mirrored beside the chart.
  const chartDataColumn = width + 1;
  const chartData: (PlanCell | null)[][] = [
    [header("Chart data")],
    [header("")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`="Year "&${at(first + t, periodRow)}`, "General", "header")
      )
    ),
    [text("Cumulative cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`=${at(first + t, cumulativeRow)}`, FORMAT.currency)
      )
    ),
  ];
  const layout: RoiLayout = {
    npv: B(npvRow),
    irr: B(irrRow),
    roi: B(roiRow),
    payback: B(paybackRow),
    discountedPayback: B(discountedPaybackRow),
    annualBenefit: B(benefitRow),
    cumulativeRow,
    periodRow,
  };
  const plan: SheetPlan = {
    key: "roi",
    name: "ROI",
    purpose: "Before/after ROI",
    blocks: [
      { at: "A1", rows: sheet.rows },
      { at: at(chartDataColumn, periodRow - 1), rows: chartData },
    ],
    columnWidths: [52, 14, 14, 14, 14, 14, 12, 12, 12],
    names: [
      { name: "ROI_DiscountRate", range: abs(1, rateRow), comment: "Discount rate per year" },
      { name: "ROI_NetCashFlow", range: `${abs(first, netRow)}:${abs(last, netRow)}` },
      { name: "ROI_NPV", range: abs(1, npvRow) },
    ],
    validations: [
      {
        range: B(directionRow),
        kind: "list",
        source: "higher,lower",
        prompt: "higher or lower: which way the KPI is better",
      },
      {
        range: `${B(attributionRow)}:${B(confidenceRow)}`,
        kind: "decimal",
        min: 0,
        max: 1,
        prompt: "A share between 0% and 100%",
      },
      {
        range: `${B(benefitRiskRow)}:${B(costRiskRow)}`,
        kind: "decimal",
        min: 0,
        max: 1,
        prompt: "A share between 0% and 100%",
      },
    ],
    conditionalFormats: [
      {
        range: B(npvRow),
        operator: "lessThan",
        formula1: "0",
        fill: "#F8CBAD",
        fontColor: "#9C0006",
      },
      {
        range: `${at(first, cumulativeRow)}:${at(last, cumulativeRow)}`,
        operator: "lessThan",
        formula1: "0",
        fill: "#FCE4D6",
      },
    ],
    charts: [
      {
        title: "Cumulative cash flow",
        type: "line",
        data: `${at(chartDataColumn, periodRow)}:${at(chartDataColumn + years, periodRow + 1)}`,
        seriesBy: "rows",
        anchor: at(width + 1, 5),
        to: at(width + 8, 22),
      },
    ],
    protect: true,
    freeze: { rows: 3 },
  };
  plan.purpose = String(sheet.rows[1][0]?.value ?? "");
  return { plan, layout };
}
