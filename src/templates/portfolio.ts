/**
 * Initiative portfolio: the candidate initiatives side by side with benefit, cost, effort, fit, ROI and
 * time to value, a transparent priority score, a phase (start small, then scale) and an impact/effort chart.
 */
import {
  bench,
  FORMAT,
  formula,
  header,
  input,
  note,
  purpose,
  sectionRow,
  text,
  title,
} from "./cells";
import { TemplateContext } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { abs, at, SheetRows } from "./sheet";

const SAMPLE_INITIATIVES: readonly [string, string, number, number, number, number, number][] = [
  [
    "Curbside pickup",
    "Local delivery and curbside pickup (from e-commerce logistics)",
    24000,
    15000,
    2,
    78,
    2,
  ],
  [
    "Loyalty subscription",
    "Subscription-style loyalty (from software and streaming)",
    30000,
    22000,
    3,
    71,
    4,
  ],
  ["Pull-based restocking", "Lean flow (from automotive)", 18000, 9000, 2, 64, 3],
  [
    "Guest CRM follow-up",
    "Customer-relationship management (from hospitality)",
    15000,
    12000,
    1,
    69,
    2,
  ],
  ["Self-service booking", "Online self-service (from software)", 20000, 26000, 3, 58, 6],
  ["Automated invoicing", "Automation (from tech)", 9000, 11000, 2, 55, 3],
];
const BLANK_ROWS = 14;

export function portfolioTemplate(context: TemplateContext): SheetPlan {
  const sheet = new SheetRows();
  const columns = [
    "Initiative",
    "Practice it adapts",
    "Expected annual benefit",
    "Cost over the horizon",
    "Effort (1 low - 5 high)",
    "Fit score (0-100)",
    "ROI",
    "Time to value (months)",
    "Priority score (0-100)",
    "Phase",
  ];
  const width = columns.length;
  sheet.add([title("Initiative portfolio")]);
  sheet.add([
    purpose(
      "Ranks your improvement initiatives by value, fit and effort, and phases them: start small with quick wins, then scale."
    ),
  ]);
  sheet.add([
    note(
      "Yellow cells with blue text are inputs (sample initiatives: replace them). Fit scores come from the Fit scorecard; ROI = (annual benefit x horizon - cost) / cost."
    ),
  ]);
  sheet.add([
    note(
      `Sample initiatives for a ${context.industry.toLowerCase()} business, adapted from other industries.`
    ),
  ]);
  const horizonRow = sheet.add([text("Horizon (years)"), input(3, "0")]);
  sheet.add();
  sheet.add(sectionRow("Initiatives (type one per row; formulas fill in)", width));
  const headerRow = sheet.add(columns.map((c) => header(c)));
  const firstRow = sheet.next;
  const horizon = abs(1, horizonRow);
  for (let i = 0; i < SAMPLE_INITIATIVES.length + BLANK_ROWS; i++) {
    const row = sheet.next;
    const sample = SAMPLE_INITIATIVES[i];
    const [benefitCell, costCell, effortCell, fitCell, roiCell, scoreCell] = [2, 3, 4, 5, 6, 8].map(
      (c) => at(c, row)
    );
    const [nameCell, timeCell] = [at(0, row), at(7, row)];
    const empty = (value: number | string | undefined, format: string): PlanCell =>
      input(value ?? null, format);
    sheet.add([
      empty(sample?.[0], "General"),
      // Free text that no formula needs: typed like a label, not a yellow input.
      { value: sample?.[1] ?? null, format: "General", style: "label" },
      empty(sample?.[2], FORMAT.currency),
      empty(sample?.[3], FORMAT.currency),
      empty(sample?.[4], "0"),
      empty(sample?.[5], FORMAT.score),
      bench(
        {
          formula: `=IF(OR(${benefitCell}="",${costCell}=""),"",BENCH.ROI(${benefitCell}*${horizon},${costCell}))`,
          portable: {
            formula: `=IF(OR(${benefitCell}="",${costCell}="",${costCell}=0),"",(${benefitCell}*${horizon}-${costCell})/${costCell})`,
          },
          cached: sample ? (sample[2] * 3 - sample[3]) / sample[3] : null,
        },
        FORMAT.percent
      ),
      empty(sample?.[6], "0"),
      formula(
        `=IF(OR(${nameCell}="",${roiCell}="",${effortCell}="",${fitCell}=""),"",ROUND(100*(0.4*MIN(MAX(${roiCell},0),3)/3+0.3*${fitCell}/100+0.3*(5-${effortCell})/4),1))`,
        FORMAT.score,
        "key"
      ),
      formula(
        `=IF(${scoreCell}="","",IF(AND(${scoreCell}>=60,${effortCell}<=2,N(${timeCell})<=6),"1 Start small now",IF(${scoreCell}>=45,"2 Scale next","3 Later")))`,
        "General",
        "key"
      ),
    ]);
  }
  const lastRow = sheet.next - 1;
  sheet.add();
  sheet.add([
    note(
      "Priority score = 100 x (40% ROI, capped at 300% / 300% + 30% fit score / 100 + 30% ease: (5 - effort) / 4). Phase 1: score 60+, effort 2 or less and value within 6 months; phase 2: score 45+. Rows without a name are not scored."
    ),
  ]);
  sheet.add([
    note(
      "The impact-versus-effort chart shows the first six rows; to show more, extend its data range (Chart Design > Select Data)."
    ),
  ]);
  // A scatter chart takes x from the first column of one rectangle: effort beside benefit, mirrored here.
  const chartDataColumn = width + 1;
  const chartData: PlanCell[][] = [[header("Effort (x)"), header("Annual benefit (y)")]];
  for (let row = firstRow; row <= lastRow; row++) {
    chartData.push([
      formula(`=IF(${at(4, row)}="","",${at(4, row)})`, "0", "note"),
      formula(`=IF(${at(2, row)}="","",${at(2, row)})`, FORMAT.currency, "note"),
    ]);
  }
  return {
    key: "portfolio",
    name: "Portfolio",
    purpose: String(sheet.rows[1][0]?.value ?? ""),
    blocks: [
      { at: "A1", rows: sheet.rows },
      { at: at(chartDataColumn, headerRow), rows: chartData },
    ],
    columnWidths: [26, 44, 16, 16, 12, 12, 10, 12, 14, 18],
    tables: [
      {
        name: "Initiatives",
        range: `A${headerRow}:${at(width - 1, lastRow)}`,
        style: "TableStyleLight9",
      },
    ],
    validations: [
      {
        range: `${at(4, firstRow)}:${at(4, lastRow)}`,
        kind: "whole",
        min: 1,
        max: 5,
        prompt: "1 (little effort) to 5 (major effort)",
      },
      {
        range: `${at(5, firstRow)}:${at(5, lastRow)}`,
        kind: "decimal",
        min: 0,
        max: 100,
        prompt: "Fit score from the Fit scorecard, 0-100",
      },
    ],
    conditionalFormats: [
      {
        range: `${at(9, firstRow)}:${at(9, lastRow)}`,
        operator: "equal",
        formula1: '"1 Start small now"',
        fill: "#C6EFCE",
        fontColor: "#006100",
      },
    ],
    charts: [
      {
        title: "Impact versus effort",
        type: "xyScatter",
        // Only rows with figures: a blank x value would make Excel number the points 1, 2, 3 instead.
        data: `${at(chartDataColumn, headerRow)}:${at(chartDataColumn + 1, firstRow + SAMPLE_INITIATIVES.length - 1)}`,
        seriesBy: "columns",
        axisTitles: { category: "Effort (1 low - 5 high)", value: "Expected annual benefit" },
        anchor: at(chartDataColumn + 3, headerRow),
        to: at(chartDataColumn + 10, headerRow + 18),
      },
    ],
    // A protected sheet stops the table growing when a row is added, so this sheet stays open.
    protect: false,
    freeze: { rows: headerRow, columns: 1 },
  };
}
