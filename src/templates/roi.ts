/**
 * Before/after ROI template: a TEI-style business case. A KPI change valued Phillips-style (volume × unit
 * value × attribution × confidence), further benefit lines and cost lines with their own risk adjustments
 * and ramp-up, cash flows over the horizon, NPV / IRR / ROI / payback, an "is the change real" test, a
 * tornado, break-even figures, a KPI × rate grid and a Monte Carlo on the model's own drivers.
 *
 * Horizon: the sheet is drawn with exactly the horizon's year columns when it is generated (pane, --horizon
 * or the case file). A native sheet cannot add columns from a cell, so the horizon on the sheet is an
 * output labelled as such: every total, NPV, IRR, ROI, payback and chart covers exactly those years.
 *
 * Each section is a function that adds its rows and returns the addresses later sections need.
 */
import { COST_KINDS, MAX_HORIZON, type CaseResults, type Figure } from "../core/businessCase";
import { DIRECTIONS } from "../reference/model";
import type { CaseSimulation, CaseSimulationInputs } from "../core/risk";
import { HISTOGRAM_BINS } from "../core/risk";
import { BEFORE_AFTER_ROWS, BeforeAfterKind, VERDICTS } from "../core/statistics";
import { kpiAnnualBenefit } from "../core/businessCase";
import { bench, FORMAT, formula, header, input, note, number, sectionRow, text } from "./cells";
import { GENERATED_VALUE_NOTE, TemplateContext, TemplateMaths } from "./context";
import type { ChartPlan, PlanCell, SheetPlan, ValidationPlan } from "./plan";
import { columnLetter } from "./plan";
import { caseSimulationInputs, roiInputs, RoiInputs, toBusinessCase } from "./roiInputs";
import { abs, at, SheetRows } from "./sheet";

export { roiInputs, toBusinessCase } from "./roiInputs";
export type { RoiInputs } from "./roiInputs";

/** Cell addresses of the results, for the Summary sheet and the tests. */
export interface RoiLayout {
  horizon: number;
  npv: string;
  irr: string;
  roi: string;
  roiPresentValue: string;
  pvBenefits: string;
  pvCosts: string;
  payback: string;
  discountedPayback: string;
  annualBenefit: string;
  welchP: string;
  welchT: string;
  cohensD: string;
  verdict: string;
  breakEvenImprovement: string;
  breakEvenVolume: string;
  breakEvenOneOff: string;
  /** Tornado rows: driver name cell, NPV at low, NPV at high. */
  tornado: { name: string; low: string; high: string }[];
  /** Two-way grid: row factors × column rates → NPV cells. */
  grid: { factors: number[]; rates: number[]; cells: string[][] };
  cumulativeRow: number;
  periodRow: number;
  /** First cell of the Monte Carlo NPV row (P10, P50, P90, mean, P>0 to its right). */
  simulationNpv: string;
}

export function roiLayout(context: TemplateContext | null = null): RoiLayout {
  return buildRoi(context).layout;
}

export function roiTemplate(context: TemplateContext): SheetPlan {
  return buildRoi(context).plan;
}

/** Formats for the before/after table's kinds of row (declared in src/core/statistics.ts). */
const BEFORE_AFTER_FORMATS: Record<BeforeAfterKind, string> = {
  count: FORMAT.integer,
  measure: FORMAT.number,
  share: FORMAT.percent,
  statistic: FORMAT.number,
  probability: "0.0000",
  text: "General",
};

/** What the sections share: the sheet under construction, the inputs and the column geometry. */
interface Build {
  sheet: SheetRows;
  inputs: RoiInputs;
  portable: boolean;
  maths: TemplateMaths | undefined;
  /** Width of the section bars. */
  width: number;
  validations: ValidationPlan[];
}

const yearColumn = (t: number): number => 1 + t;
const B = (row: number): string => at(1, row);
const $B = (row: number): string => abs(1, row);

// ---------- 1. Settings ----------

function settingsSection(b: Build): { rate: string; horizon: string } {
  const { sheet, inputs } = b;
  sheet.add(sectionRow("1. Settings", b.width));
  const horizonRow = sheet.add([
    text("Horizon in years (set when generated: pane, --horizon or the case file)"),
    number(inputs.horizon, "0"),
    note("An output, not an input: regenerate the sheet for another horizon (1 to 10 years)."),
  ]);
  const rateRow = sheet.add([
    text("Discount rate (per year)"),
    input(inputs.discountRate, FORMAT.percent),
    formula(
      `=IF(${B(sheet.next)}>=1,"Check: "&${B(sheet.next)}&" means "&TEXT(${B(sheet.next)},"0%")&" a year; for 8% enter 0.08 or 8%","")`,
      "General",
      "warning"
    ),
  ]);
  b.validations.push({
    range: B(rateRow),
    kind: "decimal",
    min: -0.99,
    max: 0.99,
    prompt: "A yearly rate as a percentage, e.g. 8% (0.08)",
  });
  sheet.add();
  return { rate: $B(rateRow), horizon: $B(horizonRow) };
}

// ---------- 2. The KPI change and its annual benefit ----------

interface KpiCells {
  name: string;
  direction: string;
  before: string;
  after: string;
  volume: string;
  unitValue: string;
  attribution: string;
  confidence: string;
  scale: string;
  improvement: string;
  annualBenefit: string;
}

function kpiSection(b: Build): KpiCells {
  const { sheet, inputs } = b;
  sheet.add(sectionRow("2. Annual benefit from the KPI change", b.width));
  const nameRow = sheet.add([text("KPI"), input(inputs.kpi)]);
  const unitRow = sheet.add([
    text('KPI unit ("%" for a percentage)'),
    input(inputs.unit),
    note("A % KPI is entered as a percentage (22%) or a fraction (0.22)."),
  ]);
  const directionRow = sheet.add([
    text("Better when the KPI is (higher / lower)"),
    input(inputs.direction),
  ]);
  const format = inputs.unit.trim() === "%" ? FORMAT.percent : FORMAT.number;
  const beforeRow = sheet.add([text("KPI before"), input(inputs.before, format)]);
  const afterRow = sheet.add([text("KPI after"), input(inputs.after, format)]);
  const percent = `TRIM(${B(unitRow)})="%"`;
  sheet.add([
    text("Scale check"),
    formula(
      `=IF(${percent},IF(OR(ABS(${B(beforeRow)})>1,ABS(${B(afterRow)})>1),"Check: a % KPI above 100%? Enter 22% or 0.22, not 22","OK"),IF(AND(${B(beforeRow)}<>0,${B(afterRow)}<>0,OR(ABS(${B(afterRow)}/${B(beforeRow)})>10,ABS(${B(beforeRow)}/${B(afterRow)})>10)),"Check: before and after differ more than tenfold; same unit?","OK"))`,
      "General",
      "note"
    ),
  ]);
  const volumeRow = sheet.add([
    text("Volume per year (orders, visits, units)"),
    input(inputs.volume, FORMAT.integer),
  ]);
  const unitValueRow = sheet.add([
    formula(
      `=IF(${percent},"Money value of one percentage point of improvement, per unit of volume","Money value of one KPI unit of improvement, per unit of volume")`,
      "General",
      "label"
    ),
    input(inputs.unitValue, FORMAT.currency2),
  ]);
  const attributionRow = sheet.add([
    text("Attribution: share of the change due to this initiative"),
    input(inputs.attribution, FORMAT.percent),
  ]);
  const confidenceRow = sheet.add([
    text("Confidence in the estimate"),
    input(inputs.confidence, FORMAT.percent),
  ]);
  const scaleRow = sheet.add([
    text("KPI units per improvement step (100 for a % KPI: percentage points)"),
    formula(`=IF(${percent},100,1)`, "0"),
  ]);
  const improvementRow = sheet.add([
    text("KPI improvement (in KPI units; positive = better)"),
    formula(
      `=IF(${B(directionRow)}="lower",${B(beforeRow)}-${B(afterRow)},${B(afterRow)}-${B(beforeRow)})`,
      format === FORMAT.percent ? FORMAT.percent : FORMAT.number
    ),
  ]);
  const c = (row: number): string => $B(row);
  const annual = b.maths
    ? safeFigure(() => kpiAnnualBenefit(toBusinessCase(inputs).kpi))
    : undefined;
  const benefitRow = sheet.add([
    text("Full annual benefit of the KPI change", "key"),
    bench(
      {
        formula: `=BENCH.BENEFIT(${c(beforeRow)},${c(afterRow)},${c(volumeRow)},${c(unitValueRow)}*${c(scaleRow)},${c(attributionRow)},${c(confidenceRow)},${c(directionRow)})`,
        portable: {
          formula: `=${c(improvementRow)}*${c(scaleRow)}*${c(volumeRow)}*${c(unitValueRow)}*${c(attributionRow)}*${c(confidenceRow)}`,
        },
        cached: annual,
      },
      FORMAT.currency,
      "key"
    ),
  ]);
  b.validations.push(
    {
      range: B(directionRow),
      kind: "list",
      source: DIRECTIONS.join(","),
      prompt: "higher or lower: which way the KPI is better",
    },
    {
      range: `${B(attributionRow)}:${B(confidenceRow)}`,
      kind: "decimal",
      min: 0,
      max: 1,
      prompt: "A share between 0% and 100%",
    }
  );
  sheet.add();
  return {
    name: c(nameRow),
    direction: c(directionRow),
    before: c(beforeRow),
    after: c(afterRow),
    volume: c(volumeRow),
    unitValue: c(unitValueRow),
    attribution: c(attributionRow),
    confidence: c(confidenceRow),
    scale: c(scaleRow),
    improvement: c(improvementRow),
    annualBenefit: c(benefitRow),
  };
}

/** A cached value is optional: a figure src/core cannot compute simply has none. */
function safeFigure(compute: () => Figure): number | undefined {
  try {
    const value = compute();
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// ---------- 3. Is the change real? ----------

interface TestCells {
  t: string;
  p: string;
  d: string;
  verdict: string;
}

function measurementsSection(b: Build, kpi: KpiCells): TestCells {
  const { sheet, inputs } = b;
  const count = Math.max(inputs.beforeSamples.length, inputs.afterSamples.length);
  sheet.add(
    sectionRow(
      "3. Is the change real? Measurements before and after (one per cell)",
      Math.max(b.width, count + 1)
    )
  );
  const beforeRow = sheet.add([
    text("Before"),
    ...inputs.beforeSamples.map((v) => input(v, FORMAT.number)),
  ]);
  const afterRow = sheet.add([
    text("After"),
    ...inputs.afterSamples.map((v) => input(v, FORMAT.number)),
  ]);
  const end = columnLetter(count);
  const before = `$B$${beforeRow}:$${end}$${beforeRow}`;
  const after = `$B$${afterRow}:$${end}$${afterRow}`;
  const top = sheet.next;
  const ref = (i: number): string => $B(top + i);
  // Native formulas for each row of BENCH.BEFOREAFTER's table, in the order core declares.
  const sd = (range: string): string => `STDEV.S(${range})`;
  const native: string[] = [
    `=COUNT(${before})`,
    `=COUNT(${after})`,
    `=AVERAGE(${before})`,
    `=AVERAGE(${after})`,
    `=${ref(3)}-${ref(2)}`,
    `=IF(${ref(2)}=0,"n/a: the mean before is 0",${ref(4)}/ABS(${ref(2)}))`,
    `=${ref(4)}/SQRT(${sd(before)}^2/${ref(0)}+${sd(after)}^2/${ref(1)})`,
    `=T.TEST(${before},${after},2,3)`,
    `=${ref(4)}/SQRT(((${ref(0)}-1)*${sd(before)}^2+(${ref(1)}-1)*${sd(after)}^2)/(${ref(0)}+${ref(1)}-2))`,
    `=IF(${ref(7)}<0.05,IF((${ref(4)}>0)=(${kpi.direction}="higher"),"${VERDICTS.improved}","${VERDICTS.worse}"),"${VERDICTS.notSignificant}")`,
  ];
  const table = b.maths?.beforeAfter(inputs.beforeSamples, inputs.afterSamples, inputs.direction);
  BEFORE_AFTER_ROWS.forEach((row, i) => {
    const format = BEFORE_AFTER_FORMATS[row.kind];
    if (b.portable) {
      sheet.add([text(row.label), formula(native[i], format)]);
      return;
    }
    const anchor: PlanCell | null =
      i === 0
        ? bench(
            {
              formula: `=BENCH.BEFOREAFTER(${before},${after},${kpi.direction})`,
              portable: { value: row.label },
              cached: table?.[0]?.[0] ?? row.label,
              spill: { rows: BEFORE_AFTER_ROWS.length, columns: 2 },
            },
            "General"
          )
        : null;
    sheet.add([anchor]);
  });
  sheet.add([
    null,
    note(
      b.portable
        ? "Welch's t-test at the 5% level (native T.TEST, AVERAGE, STDEV.S, COUNT)."
        : "BENCH.BEFOREAFTER spills this table: Welch's t-test at the 5% level."
    ),
  ]);
  sheet.add();
  return { t: B(top + 6), p: B(top + 7), d: B(top + 8), verdict: B(top + 9) };
}

// ---------- 4. Benefit lines ----------

interface BenefitLineCells {
  name: string;
  annual: string;
  risk: string;
  /** Ramp-up share of year t (1-based). */
  ramp: (t: number) => string;
}

function benefitLinesSection(b: Build, kpi: KpiCells): BenefitLineCells[] {
  const { sheet, inputs } = b;
  const h = inputs.horizon;
  sheet.add(sectionRow("4. Benefit lines (TEI): full annual amount, risk, ramp-up", b.width));
  sheet.add([
    header("Benefit line"),
    header("Full annual amount"),
    header("Risk adjustment (reduce by)"),
    ...Array.from({ length: h }, (_, t) => header(`Ramp-up Year ${t + 1}`)),
  ]);
  const line = (row: number): BenefitLineCells => ({
    name: abs(0, row),
    annual: $B(row),
    risk: abs(2, row),
    ramp: (t) => abs(2 + t, row),
  });
  const ramp = (values: number[]): PlanCell[] => values.map((v) => input(v, FORMAT.percent));
  const kpiRow = sheet.add([
    formula(`="KPI: "&${kpi.name}`, "General", "label"),
    formula(`=${kpi.annualBenefit}`, FORMAT.currency),
    input(inputs.kpiRisk, FORMAT.percent),
    ...ramp(inputs.kpiRampUp),
  ]);
  const rows = [kpiRow];
  for (const benefit of inputs.benefits)
    rows.push(
      sheet.add([
        input(benefit.name),
        input(benefit.annual, FORMAT.currency),
        input(benefit.risk, FORMAT.percent),
        ...ramp(benefit.rampUp),
      ])
    );
  sheet.add([
    note(
      "Confidence (section 2) already discounts the KPI line, so its risk adjustment starts at 0: set it only if you mean a second haircut. Ramp-up: share of the full amount reached in each year."
    ),
  ]);
  b.validations.push({
    range: `${at(2, kpiRow)}:${at(2 + h, rows[rows.length - 1])}`,
    kind: "decimal",
    min: 0,
    max: 1,
    prompt: "A share between 0% and 100%",
  });
  sheet.add();
  return rows.map(line);
}

const rowOf = (address: string): number => Number(/(\d+)$/.exec(address)?.[1] ?? 0);

// ---------- 5. Cost lines ----------

interface CostLineCells {
  name: string;
  kind: string;
  risk: string;
  amount: (t: number) => string;
}

function costLinesSection(b: Build): { lines: CostLineCells[]; kinds: string } {
  const { sheet, inputs } = b;
  const h = inputs.horizon;
  sheet.add(sectionRow("5. Cost lines: one-off and recurring, as entered", b.width));
  sheet.add([
    header("Cost line"),
    header("Type (one-off / recurring)"),
    header("Risk adjustment (increase by)"),
    ...Array.from({ length: h + 1 }, (_, t) => header(`Year ${t}`)),
  ]);
  const rows = inputs.costs.map((cost) =>
    sheet.add([
      input(cost.name),
      input(cost.kind),
      input(cost.risk, FORMAT.percent),
      ...cost.amounts.map((v) => input(v, FORMAT.currency)),
    ])
  );
  const first = rows[0];
  const last = rows[rows.length - 1];
  b.validations.push(
    {
      range: `${at(1, first)}:${at(1, last)}`,
      kind: "list",
      source: COST_KINDS.join(","),
      prompt: "one-off or recurring",
    },
    {
      range: `${at(2, first)}:${at(2, last)}`,
      kind: "decimal",
      min: 0,
      max: 1,
      prompt: "A share between 0% and 100%",
    }
  );
  sheet.add();
  return {
    lines: rows.map((row) => ({
      name: abs(0, row),
      kind: $B(row),
      risk: abs(2, row),
      amount: (t) => abs(3 + t, row),
    })),
    kinds: `$B$${first}:$B$${last}`,
  };
}

// ---------- 6. Cash flows ----------

interface FlowRows {
  periodRow: number;
  benefitRows: number[];
  totalBenefitRow: number;
  costRows: number[];
  totalCostRow: number;
  netRow: number;
  cumulativeRow: number;
  discountedRow: number;
  cumulativeDiscountedRow: number;
  crossingRow: number;
  discountedCrossingRow: number;
  /** "B12:F12" for a row over the horizon. */
  span: (row: number) => string;
  /** The row's present value as a native formula (Year 0 undiscounted). */
  presentValue: (row: number) => string;
}

function cashFlowSection(
  b: Build,
  rate: string,
  benefits: BenefitLineCells[],
  costs: CostLineCells[]
): FlowRows {
  const { sheet, inputs } = b;
  const h = inputs.horizon;
  const years = h + 1;
  const last = yearColumn(h);
  const span = (row: number): string => `${at(1, row)}:${at(last, row)}`;
  const later = (row: number): string => `${at(2, row)}:${at(last, row)}`;
  const presentValue = (row: number): string =>
    h === 0 ? at(1, row) : `${at(1, row)}+NPV(${rate},${later(row)})`;
  sheet.add(
    sectionRow(`6. Cash flows over ${h} year${h === 1 ? "" : "s"} (risk-adjusted)`, b.width)
  );
  const periodRow = sheet.add(
    [header("")].concat(
      Array.from({ length: years }, (_, t) => number(t, FORMAT.year, "header")),
      [header("Total")]
    )
  );
  const total = (row: number): PlanCell => formula(`=SUM(${span(row)})`, FORMAT.currency);
  const eachYear = (make: (t: number) => string, style: "output" | "key" = "output"): PlanCell[] =>
    Array.from({ length: years }, (_, t) => formula(make(t), FORMAT.currency, style));
  const benefitRows = benefits.map((line) =>
    sheet.add(
      [formula(`=${line.name}`, "General", "label")].concat(
        eachYear((t) => (t === 0 ? "=0" : `=${line.annual}*${line.ramp(t)}*(1-${line.risk})`)),
        [total(sheet.next)]
      )
    )
  );
  const sumOf = (rows: number[], t: number): string =>
    `=${rows.map((row) => at(yearColumn(t), row)).join("+")}`;
  const totalBenefitRow = sheet.add(
    [text("Risk-adjusted benefits", "key")].concat(
      eachYear((t) => sumOf(benefitRows, t), "key"),
      [total(sheet.next)]
    )
  );
  const costRows = costs.map((line) =>
    sheet.add(
      [formula(`=${line.name}`, "General", "label")].concat(
        eachYear((t) => `=${line.amount(t)}*(1+${line.risk})`),
        [total(sheet.next)]
      )
    )
  );
  const totalCostRow = sheet.add(
    [text("Risk-adjusted costs", "key")].concat(
      eachYear((t) => sumOf(costRows, t), "key"),
      [total(sheet.next)]
    )
  );
  const netRow = sheet.add(
    [text("Net cash flow", "key")].concat(
      eachYear(
        (t) => `=${at(yearColumn(t), totalBenefitRow)}-${at(yearColumn(t), totalCostRow)}`,
        "key"
      ),
      [total(sheet.next)]
    )
  );
  const running = (flows: number): PlanCell[] =>
    eachYear((t) =>
      t === 0
        ? `=${at(1, flows)}`
        : `=${at(yearColumn(t - 1), sheet.next)}+${at(yearColumn(t), flows)}`
    );
  const cumulativeRow = sheet.add([text("Cumulative cash flow")].concat(running(netRow)));
  const discountedRow = sheet.add(
    [text("Discounted cash flow")].concat(
      eachYear((t) => `=${at(yearColumn(t), netRow)}/(1+${rate})^${at(yearColumn(t), periodRow)}`),
      [total(sheet.next)]
    )
  );
  const cumulativeDiscountedRow = sheet.add(
    [text("Cumulative discounted cash flow")].concat(running(discountedRow))
  );
  // Where the running total crosses from below 0 to 0 or above: (t−1) + |total after t−1| / flow t.
  // The payback is the last crossing (the running total stays non-negative after it).
  const crossing = (cumulative: number, flows: number): PlanCell[] =>
    Array.from({ length: years }, (_, t) =>
      t === 0
        ? note("")
        : formula(
            `=IF(AND(${at(yearColumn(t - 1), cumulative)}<0,${at(yearColumn(t), cumulative)}>=0),${at(yearColumn(t - 1), periodRow)}+(-${at(yearColumn(t - 1), cumulative)})/${at(yearColumn(t), flows)},"")`,
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
  return {
    periodRow,
    benefitRows,
    totalBenefitRow,
    costRows,
    totalCostRow,
    netRow,
    cumulativeRow,
    discountedRow,
    cumulativeDiscountedRow,
    crossingRow,
    discountedCrossingRow,
    span,
    presentValue,
  };
}

// ---------- 7. Results ----------

interface ResultCells {
  npv: string;
  irr: string;
  roi: string;
  roiPresentValue: string;
  pvBenefits: string;
  pvCosts: string;
  payback: string;
  discountedPayback: string;
}

function resultsSection(
  b: Build,
  rate: string,
  flows: FlowRows,
  figures: CaseResults | undefined
): ResultCells {
  const { sheet } = b;
  const h = b.inputs.horizon;
  const lastColumn = yearColumn(h);
  sheet.add(sectionRow("7. Results", b.width));
  const cached = (value: Figure | undefined): number | undefined =>
    typeof value === "number" ? value : undefined;
  const totalOf = (row: number): string => at(lastColumn + 1, row);
  sheet.add([
    text("Total risk-adjusted benefits"),
    formula(`=${totalOf(flows.totalBenefitRow)}`, FORMAT.currency),
  ]);
  sheet.add([
    text("Total risk-adjusted costs"),
    formula(`=${totalOf(flows.totalCostRow)}`, FORMAT.currency),
  ]);
  const pvBenefitsRow = sheet.add([
    text("Present value of benefits"),
    formula(`=${flows.presentValue(flows.totalBenefitRow)}`, FORMAT.currency),
  ]);
  const pvCostsRow = sheet.add([
    text("Present value of costs"),
    formula(`=${flows.presentValue(flows.totalCostRow)}`, FORMAT.currency),
  ]);
  const net = flows.span(flows.netRow);
  const npvRow = sheet.add([
    text("Net present value (NPV)", "key"),
    bench(
      {
        formula: `=BENCH.NPV(${rate},${net})`,
        portable: { formula: `=${flows.presentValue(flows.netRow)}` },
        cached: cached(figures?.npv),
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
        formula: `=BENCH.IRR(${net})`,
        portable: {
          formula: `=IF(OR(MIN(${net})>=0,MAX(${net})<=0),"n/a: the net cash flows never change sign",IFERROR(IRR(${net}),"n/a: no rate makes the NPV of these flows 0"))`,
        },
        cached: cached(figures?.irr),
      },
      FORMAT.percent2,
      "key"
    ),
    note("The discount rate at which NPV is zero."),
  ]);
  const benefitsSpan = flows.span(flows.totalBenefitRow);
  const costsSpan = flows.span(flows.totalCostRow);
  const roiRow = sheet.add([
    text("ROI on simple totals", "key"),
    bench(
      {
        formula: `=BENCH.ROI(${benefitsSpan},${costsSpan})`,
        portable: {
          formula: `=(SUM(${benefitsSpan})-SUM(${costsSpan}))/SUM(${costsSpan})`,
        },
        cached: cached(figures?.roiSimple),
      },
      FORMAT.percent,
      "key"
    ),
    note("(Total benefits - total costs) / total costs, undiscounted."),
  ]);
  const roiPvRow = sheet.add([
    text("ROI on present values", "key"),
    formula(`=(${B(pvBenefitsRow)}-${B(pvCostsRow)})/${B(pvCostsRow)}`, FORMAT.percent, "key"),
    note("(PV of benefits - PV of costs) / PV of costs, as TEI reports it."),
  ]);
  const payback = (cumulative: number, crossings: number): string => {
    const cumulativeSpan = flows.span(cumulative);
    return `=IF(COUNTIF(${cumulativeSpan},"<0")=0,0,IF(${at(lastColumn, cumulative)}<0,NA(),MAX(${flows.span(crossings)})))`;
  };
  const reason = (row: number): PlanCell =>
    formula(
      `=IF(ISNA(${B(row)}),"Not recovered within the horizon: the cumulative cash flow ends below 0.","When the cumulative cash flow turns non-negative and stays so; interpolated within the year.")`,
      "General",
      "note"
    );
  const paybackRow = sheet.add([
    text("Payback period", "key"),
    bench(
      {
        formula: `=BENCH.PAYBACK(${net})`,
        portable: { formula: payback(flows.cumulativeRow, flows.crossingRow) },
        cached: cached(figures?.payback),
      },
      FORMAT.years,
      "key"
    ),
    reason(sheet.next),
  ]);
  const discountedPaybackRow = sheet.add([
    text("Discounted payback period", "key"),
    bench(
      {
        formula: `=BENCH.PAYBACK(${net},${rate})`,
        portable: { formula: payback(flows.cumulativeDiscountedRow, flows.discountedCrossingRow) },
        cached: cached(figures?.discountedPayback),
      },
      FORMAT.years,
      "key"
    ),
    reason(sheet.next),
  ]);
  sheet.add();
  return {
    npv: B(npvRow),
    irr: B(irrRow),
    roi: B(roiRow),
    roiPresentValue: B(roiPvRow),
    pvBenefits: B(pvBenefitsRow),
    pvCosts: B(pvCostsRow),
    payback: B(paybackRow),
    discountedPayback: B(discountedPaybackRow),
  };
}

// ---------- 8. Sensitivity and break-even ----------

interface SensitivityCells {
  /** The model's linear parts (PV, total): KPI line, other benefit lines, each cost line. */
  parts: string;
  /** Low/high multiples: KPI change, volume, unit value, each cost line. */
  ranges: string;
  tornado: RoiLayout["tornado"];
  tornadoData: string;
  breakEvenImprovement: string;
  breakEvenVolume: string;
  breakEvenOneOff: string;
  grid: RoiLayout["grid"];
}

const GRID_FACTORS = [0.5, 0.75, 1, 1.25, 1.5];
const GRID_RATE_STEPS = [-0.04, -0.02, 0, 0.02, 0.04];

function sensitivitySection(
  b: Build,
  kpi: KpiCells,
  costs: { lines: CostLineCells[]; kinds: string },
  flows: FlowRows,
  results: ResultCells
): SensitivityCells {
  const { sheet, inputs } = b;
  const h = inputs.horizon;
  sheet.add(sectionRow("8. Sensitivity and break-even (live formulas)", b.width));
  // The model's linear parts: NPV = KPI PV × the KPI drivers' factors + other PV − Σ cost PV × factor.
  sheet.add([header("Part of the model"), header("Present value"), header("Simple total")]);
  const totalColumn = yearColumn(h) + 1;
  const partRow = (label: PlanCell, rows: number[]): number =>
    sheet.add([
      label,
      formula(
        rows.length === 0 ? "=0" : `=${rows.map((row) => flows.presentValue(row)).join("+")}`,
        FORMAT.currency
      ),
      formula(
        rows.length === 0 ? "=0" : `=${rows.map((row) => at(totalColumn, row)).join("+")}`,
        FORMAT.currency
      ),
    ]);
  const kpiPartRow = partRow(text("KPI benefit line"), [flows.benefitRows[0]]);
  partRow(text("Other benefit lines"), flows.benefitRows.slice(1));
  const costPartRows = flows.costRows.map((row, i) =>
    partRow(formula(`=${costs.lines[i].name}`, "General", "label"), [row])
  );
  const parts = `$B$${kpiPartRow}:$C$${costPartRows[costPartRows.length - 1]}`;
  const kpiPv = $B(kpiPartRow);
  const costPvs = `$B$${costPartRows[0]}:$B$${costPartRows[costPartRows.length - 1]}`;
  sheet.add();

  sheet.add([
    header("Driver"),
    header("Likely (the model's value)"),
    header("Low (x likely)"),
    header("High (x likely)"),
    header("Low value"),
    header("High value"),
  ]);
  const driverRow = (
    label: PlanCell,
    likely: string,
    range: { low: number; high: number },
    format: string
  ): number => {
    const row = sheet.next;
    return sheet.add([
      label,
      formula(`=${likely}`, format),
      input(range.low, FORMAT.percent),
      input(range.high, FORMAT.percent),
      formula(`=${B(row)}*${at(2, row)}`, format),
      formula(`=${B(row)}*${at(3, row)}`, format),
    ]);
  };
  const improvementFormat = inputs.unit.trim() === "%" ? FORMAT.percent : FORMAT.number;
  const benefitDrivers = [
    driverRow(text("KPI change"), kpi.improvement, inputs.ranges.kpiChange, improvementFormat),
    driverRow(text("Volume"), kpi.volume, inputs.ranges.volume, FORMAT.integer),
    driverRow(text("Unit value"), kpi.unitValue, inputs.ranges.unitValue, FORMAT.currency2),
  ];
  const costDrivers = costs.lines.map((line, i) =>
    driverRow(
      formula(`=${line.name}`, "General", "label"),
      `SUM(${line.amount(0)}:${line.amount(h)})`,
      inputs.costRanges[i],
      FORMAT.currency
    )
  );
  const lastDriver = costDrivers[costDrivers.length - 1];
  const ranges = `$C$${benefitDrivers[0]}:$D$${lastDriver}`;
  sheet.add([
    note(
      "Low and high are multiples of the model's value, so they follow your inputs; the tornado and the Monte Carlo (section 9) both use them."
    ),
  ]);
  sheet.add();

  // Tornado: one rectangle (driver, NPV at low, NPV at high) for the chart.
  const tornadoHeader = sheet.add([
    header("Tornado: driver"),
    header("NPV at low"),
    header("NPV at high"),
    header("Swing"),
  ]);
  const npv = results.npv;
  const tornado = [...benefitDrivers, ...costDrivers].map((driver, i) => {
    const isCost = i >= benefitDrivers.length;
    const pv = isCost ? $B(costPartRows[i - benefitDrivers.length]) : kpiPv;
    const sign = isCost ? "-" : "+";
    const row = sheet.next;
    sheet.add([
      formula(`=${abs(0, driver)}`, "General", "label"),
      formula(`=${npv}${sign}(${at(2, driver)}-1)*${pv}`, FORMAT.currency),
      formula(`=${npv}${sign}(${at(3, driver)}-1)*${pv}`, FORMAT.currency),
      formula(`=ABS(${at(2, row)}-${B(row)})`, FORMAT.currency),
    ]);
    return { name: at(0, row), low: B(row), high: at(2, row) };
  });
  const tornadoData = `A${tornadoHeader}:${tornado[tornado.length - 1].high}`;
  sheet.add();

  // Break-even: NPV is linear in the KPI line, so the KPI change (or volume) that makes NPV 0 scales
  // the model's by (PV of costs − PV of other benefits) / PV of the KPI line.
  const otherPv = $B(kpiPartRow + 1);
  const needed = `(SUM(${costPvs})-${otherPv})/${kpiPv}`;
  const costLikely = `$B$${costDrivers[0]}:$B$${lastDriver}`;
  const oneOffPv = `SUMIF(${costs.kinds},"one-off",${costPvs})`;
  const improvementRow = sheet.add([
    text("Break-even KPI improvement (NPV = 0)"),
    formula(
      `=IF(${kpiPv}=0,"n/a: the KPI line is worth 0",${kpi.improvement}*${needed})`,
      improvementFormat
    ),
  ]);
  const volumeRow = sheet.add([
    text("Break-even volume (NPV = 0)"),
    formula(
      `=IF(${kpiPv}=0,"n/a: the KPI line is worth 0",${kpi.volume}*${needed})`,
      FORMAT.integer
    ),
  ]);
  const oneOffRow = sheet.add([
    text("Break-even one-off costs, as entered (NPV = 0)"),
    formula(
      `=IF(${oneOffPv}=0,"n/a: no one-off costs",SUMIF(${costs.kinds},"one-off",${costLikely})*(${npv}+${oneOffPv})/${oneOffPv})`,
      FORMAT.currency
    ),
  ]);
  sheet.add();

  // Two-way grid: the KPI change (× the model's) down, the discount rate across → NPV. Plain formulas,
  // not an Excel Data Table, so LibreOffice and Excel on the web compute it too.
  const gridHeader = sheet.next;
  const rates = GRID_RATE_STEPS.map((step) => Math.round((inputs.discountRate + step) * 1e6) / 1e6);
  sheet.add([
    header("NPV: KPI change (x model) down, discount rate across"),
    ...rates.map((r) => input(r, FORMAT.percent)),
  ]);
  const period = `$B$${flows.periodRow}:$${columnLetter(yearColumn(h))}$${flows.periodRow}`;
  const netSpan = absSpan(flows.netRow, h);
  const kpiSpan = absSpan(flows.benefitRows[0], h);
  const cells: string[][] = [];
  for (const factor of GRID_FACTORS) {
    const row = sheet.next;
    cells.push(rates.map((_r, j) => at(1 + j, row)));
    sheet.add([
      input(factor, FORMAT.percent),
      ...rates.map((_r, j) =>
        formula(
          `=SUMPRODUCT((${netSpan}+($A${row}-1)*${kpiSpan})/(1+${columnLetter(1 + j)}$${gridHeader})^${period})`,
          FORMAT.currency
        )
      ),
    ]);
  }
  sheet.add([
    note(
      `Centred on the model: 100% and ${rateLabel(inputs.discountRate)} reproduce the NPV above when the rate is unchanged.`
    ),
  ]);
  sheet.add();
  return {
    parts,
    ranges,
    tornado,
    tornadoData,
    breakEvenImprovement: B(improvementRow),
    breakEvenVolume: B(volumeRow),
    breakEvenOneOff: B(oneOffRow),
    grid: { factors: GRID_FACTORS, rates, cells },
  };
}

const rateLabel = (rate: number): string => `${Math.round(rate * 10000) / 100}%`;
const absSpan = (row: number, horizon: number): string =>
  `$B$${row}:$${columnLetter(yearColumn(horizon))}$${row}`;

// ---------- 9. Monte Carlo ----------

function monteCarloSection(
  b: Build,
  sensitivity: SensitivityCells,
  simulation: CaseSimulation | undefined,
  used: CaseSimulationInputs | undefined
): { npv: string; histogramData: string } {
  const { sheet, inputs } = b;
  sheet.add(
    sectionRow("9. Monte Carlo on the model's drivers (triangular low / likely / high)", b.width)
  );
  const trialsRow = sheet.add([text("Trials"), input(inputs.trials, FORMAT.integer)]);
  const seedRow = sheet.add([text("Seed (same seed, same result)"), input(inputs.seed, "0")]);
  const args = `${sensitivity.parts},${sensitivity.ranges},${$B(trialsRow)},${$B(seedRow)}`;
  sheet.add([
    header(""),
    header("P10"),
    header("P50"),
    header("P90"),
    header("Mean"),
    header("P(> 0)"),
  ]);
  const stats = simulation
    ? [simulation.npv, simulation.roi].map((d) => [
        d.p10,
        d.p50,
        d.p90,
        d.mean,
        d.probabilityPositive,
      ])
    : undefined;
  const statRow = (label: string, i: number, format: string): number =>
    sheet.add([
      text(label, "key"),
      ...Array.from({ length: 5 }, (_, j): PlanCell | null => {
        const value = stats?.[i][j] ?? null;
        const cellFormat = j === 4 ? FORMAT.percent : format;
        if (i === 0 && j === 0)
          return bench(
            {
              formula: `=BENCH.CASESIM(${args})`,
              portable: { value },
              cached: value,
              spill: { rows: 2, columns: 5 },
            },
            cellFormat,
            "key"
          );
        return b.portable ? { value, format: cellFormat, style: "output" } : null;
      }),
    ]);
  const npvRow = statRow("NPV", 0, FORMAT.currency);
  statRow("ROI (simple totals)", 1, FORMAT.percent);
  const histogramHeader = sheet.add([
    header("NPV histogram"),
    header("Trials"),
    header("NPV from"),
    header("NPV to"),
  ]);
  const bins = simulation?.histogram;
  for (let i = 0; i < HISTOGRAM_BINS; i++) {
    const bin = bins?.[i];
    const label = bin ? `${Math.round(bin.from)} to ${Math.round(bin.to)}` : null;
    const values: (string | number | null)[] = [
      label,
      bin?.count ?? null,
      bin?.from ?? null,
      bin?.to ?? null,
    ];
    const formats = ["General", FORMAT.integer, FORMAT.currency, FORMAT.currency];
    if (b.portable) {
      sheet.add(
        values.map((value, j) => ({ value, format: formats[j], style: "output" as const }))
      );
    } else {
      sheet.add([
        i === 0
          ? bench(
              {
                formula: `=BENCH.CASESIM(${args},"histogram")`,
                portable: { value: label },
                cached: label,
                spill: { rows: HISTOGRAM_BINS, columns: 4 },
              },
              "General"
            )
          : null,
      ]);
    }
  }
  const histogramData = `A${histogramHeader}:B${histogramHeader + HISTOGRAM_BINS}`;
  if (b.portable) {
    // The simulation cannot be a native formula: it was run on the inputs shown here, and a live check
    // says when the model's inputs (or trials and seed) no longer match them.
    sheet.add([note(GENERATED_VALUE_NOTE)]);
    sheet.add([
      header("Inputs this simulation used"),
      header("PV"),
      header("Total"),
      header("Low"),
      header("High"),
    ]);
    const top = sheet.next;
    const partValues = used ? [used.kpi, used.others, ...used.costs] : [];
    const rangeValues = used ? [...used.benefitRanges, ...used.costRanges] : [];
    const rows = Math.max(partValues.length, rangeValues.length);
    for (let i = 0; i < rows; i++) {
      const part = partValues[i];
      const range = rangeValues[i];
      sheet.add([
        text(
          i === 0 ? "KPI line / KPI change" : i === 1 ? "Other benefits / volume" : `Row ${i + 1}`
        ),
        part ? number(part.pv, FORMAT.currency) : null,
        part ? number(part.total, FORMAT.currency) : null,
        range ? number(range.low, FORMAT.percent) : null,
        range ? number(range.high, FORMAT.percent) : null,
      ]);
    }
    const trialsUsed = sheet.add([
      text("Trials, seed"),
      number(inputs.trials, FORMAT.integer),
      number(inputs.seed, "0"),
    ]);
    const partsUsed = `$B$${top}:$C$${top + partValues.length - 1}`;
    const rangesUsed = `$D$${top}:$E$${top + rangeValues.length - 1}`;
    sheet.add([
      text("Up to date?", "key"),
      formula(
        `=IF(AND(SUMPRODUCT(ABS(${sensitivity.parts}-${partsUsed}))<=0.000001*(1+SUMPRODUCT(ABS(${partsUsed}))),SUMPRODUCT(ABS(${sensitivity.ranges}-${rangesUsed}))<=0.000000001,${$B(trialsRow)}=${B(trialsUsed)},${$B(seedRow)}=${at(2, trialsUsed)}),"Yes: computed from the model's current inputs","No: inputs changed since generation; regenerate the file (or use --formulas bench) for a fresh simulation")`,
        "General",
        "warning"
      ),
    ]);
  } else {
    sheet.add([
      note(
        "BENCH.CASESIM spills these rows from the model's parts and ranges in section 8; the seed keeps them stable."
      ),
    ]);
  }
  sheet.add();
  return { npv: B(npvRow), histogramData };
}

// ---------- Charts ----------

function cashFlowChartData(flows: FlowRows, horizon: number): (PlanCell | null)[][] {
  const years = horizon + 1;
  return [
    [header("")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`="Year "&${at(yearColumn(t), flows.periodRow)}`, "General", "header")
      )
    ),
    [text("Cumulative cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`=${at(yearColumn(t), flows.cumulativeRow)}`, FORMAT.currency)
      )
    ),
    [text("Cumulative discounted cash flow")].concat(
      Array.from({ length: years }, (_, t) =>
        formula(`=${at(yearColumn(t), flows.cumulativeDiscountedRow)}`, FORMAT.currency)
      )
    ),
  ];
}

// ---------- The sheet ----------

function buildRoi(context: TemplateContext | null): { plan: SheetPlan; layout: RoiLayout } {
  const inputs = roiInputs(context);
  const h = inputs.horizon;
  if (h < 1 || h > MAX_HORIZON)
    throw new Error(`ROI horizon must be 1 to ${MAX_HORIZON}; got ${h}`);
  const maths = context?.maths;
  const portable = context?.mode === "portable";
  const b: Build = {
    sheet: new SheetRows(),
    inputs,
    portable,
    maths,
    width: Math.max(4 + h, 9),
    validations: [],
  };
  const c = toBusinessCase(inputs);
  const figures = maths ? safeResults(() => maths.caseResults(c)) : undefined;
  const used = maths ? safeResults(() => caseSimulationInputs(inputs)) : undefined;
  const simulation =
    maths && used
      ? safeResults(() => maths.simulateCase(used, inputs.trials, inputs.seed))
      : undefined;

  b.sheet.header(
    "Before/after ROI",
    `Values a measured KPI improvement and other benefit lines in money and tests whether the investment pays back: NPV, IRR, ROI and payback over a ${h}-year horizon, with sensitivity, break-even and a Monte Carlo range.`,
    "Yellow cells with blue text are inputs (sample figures: replace them). Everything else is calculated. Amounts are in your currency; rates are per year."
  );
  const settings = settingsSection(b);
  const kpi = kpiSection(b);
  const test = measurementsSection(b, kpi);
  const benefitLines = benefitLinesSection(b, kpi);
  const costLines = costLinesSection(b);
  const flows = cashFlowSection(b, settings.rate, benefitLines, costLines.lines);
  const results = resultsSection(b, settings.rate, flows, figures);
  const sensitivity = sensitivitySection(b, kpi, costLines, flows, results);
  const monteCarlo = monteCarloSection(b, sensitivity, simulation, used);

  // Chart data sits right of the charts, so the charts do not cover it.
  const chartColumn = b.width + 11;
  const chartTop = flows.periodRow;
  const chartRight = columnLetter(chartColumn + h + 1);
  const chartAnchor = (row: number): string => at(b.width + 1, row);
  const charts: ChartPlan[] = [
    {
      title: "Cumulative cash flow (plain and discounted)",
      type: "line",
      data: `${at(chartColumn, chartTop)}:${chartRight}${chartTop + 2}`,
      seriesBy: "rows",
      anchor: chartAnchor(5),
      to: at(b.width + 9, 22),
    },
    {
      title: "Tornado: NPV with each driver at its low and high",
      type: "barClustered",
      data: sensitivity.tornadoData,
      seriesBy: "columns",
      anchor: chartAnchor(24),
      to: at(b.width + 9, 42),
    },
    {
      title: "Monte Carlo: NPV histogram",
      type: "columnClustered",
      data: monteCarlo.histogramData,
      seriesBy: "columns",
      anchor: chartAnchor(44),
      to: at(b.width + 9, 62),
    },
  ];
  const layout: RoiLayout = {
    horizon: h,
    npv: results.npv,
    irr: results.irr,
    roi: results.roi,
    roiPresentValue: results.roiPresentValue,
    pvBenefits: results.pvBenefits,
    pvCosts: results.pvCosts,
    payback: results.payback,
    discountedPayback: results.discountedPayback,
    annualBenefit: kpi.annualBenefit.replace(/\$/g, ""),
    welchP: test.p,
    welchT: test.t,
    cohensD: test.d,
    verdict: test.verdict,
    breakEvenImprovement: sensitivity.breakEvenImprovement,
    breakEvenVolume: sensitivity.breakEvenVolume,
    breakEvenOneOff: sensitivity.breakEvenOneOff,
    tornado: sensitivity.tornado,
    grid: sensitivity.grid,
    cumulativeRow: flows.cumulativeRow,
    periodRow: flows.periodRow,
    simulationNpv: monteCarlo.npv,
  };
  const plan: SheetPlan = {
    key: "roi",
    name: "ROI",
    purpose: b.sheet.purpose,
    blocks: [
      { at: "A1", rows: b.sheet.rows },
      { at: at(chartColumn, chartTop), rows: cashFlowChartData(flows, h) },
    ],
    columnWidths: [52, ...Array.from({ length: Math.max(h + 3, 8) }, () => 14)],
    names: [
      { name: "ROI_DiscountRate", range: settings.rate, comment: "Discount rate per year" },
      { name: "ROI_NetCashFlow", range: absSpan(flows.netRow, h) },
      { name: "ROI_NPV", range: abs(1, rowOf(results.npv)) },
    ],
    validations: b.validations,
    conditionalFormats: [
      {
        range: results.npv,
        operator: "lessThan",
        formula1: "0",
        fill: "#F8CBAD",
        fontColor: "#9C0006",
      },
      {
        range: flows.span(flows.cumulativeRow),
        operator: "lessThan",
        formula1: "0",
        fill: "#FCE4D6",
      },
    ],
    charts,
    protect: true,
    freeze: { rows: 3 },
  };
  return { plan, layout };
}

function safeResults<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}
