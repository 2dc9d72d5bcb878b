/**
 * Learning log: one line per experiment (what was tried, where the idea came from, what happened and
 * what was decided). A table with the formulas already in place, so logging an experiment is typing one row.
 */
import { DIRECTIONS } from "../reference/model";
import { bench, FORMAT, formula, header, input, record, sectionRow } from "./cells";
import { TemplateContext } from "./context";
import type { CellValue, PlanCell, SheetPlan } from "./plan";
import { at, SheetRows } from "./sheet";

/** What the user decided about an experiment; the log's drop-down lists these. */
export const LOG_DECISIONS = ["scale", "adapt", "stop"] as const;

/** Excel's serial day number of a calendar date (1900 date system). */
export function excelSerialDate(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const SAMPLE: CellValue[] = [
  excelSerialDate(2026, 1, 15),
  "Curbside pickup",
  "E-commerce",
  "Offering pickup slots cuts order fulfilment time without a delivery fleet",
  "Order fulfilment cycle time",
  "lower",
  4,
  2.5,
];
const ROWS = 30;

export function logTemplate(context: TemplateContext): SheetPlan {
  const sheet = new SheetRows();
  const columns = [
    "Date",
    "Practice tried",
    "Source industry",
    "Hypothesis",
    "Metric",
    "Better when",
    "Before",
    "After",
    "Change",
    "Result",
    "Lesson",
    "Decision",
    "Owner",
  ];
  sheet.header(
    "Learning log",
    "Records each experiment in one line (what you tried, what happened, what you decided) so the next one starts from what you learned.",
    "Type one experiment per row; Change and Result fill in. Decision: scale, adapt or stop. The first row is a sample."
  );
  sheet.add(sectionRow("Experiments", columns.length));
  const headerRow = sheet.add(columns.map((c) => header(c)));
  const firstRow = sheet.next;
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.next;
    const sample = i === 0 ? SAMPLE : [];
    const [directionCell, beforeCell, afterCell, changeCell] = [5, 6, 7, 8].map((c) => at(c, row));
    const cell = (index: number, format: string): PlanCell => input(sample[index] ?? null, format);
    const before = sample[6] as number | undefined;
    const after = sample[7] as number | undefined;
    const direction = (sample[5] as "higher" | "lower" | undefined) ?? "higher";
    let cached: CellValue = null;
    if (before !== undefined && after !== undefined) {
      try {
        cached = context.maths.change(before, after, direction);
      } catch {
        cached = null;
      }
    }
    sheet.add([
      cell(0, FORMAT.date),
      record(sample[1] ?? null),
      record(sample[2] ?? null),
      record(sample[3] ?? null),
      record(sample[4] ?? null),
      cell(5, "General"),
      cell(6, FORMAT.number),
      cell(7, FORMAT.number),
      bench(
        {
          formula: `=IF(OR(${beforeCell}="",${afterCell}=""),"",BENCH.CHANGE(${beforeCell},${afterCell},IF(${directionCell}="","higher",${directionCell})))`,
          portable: {
            formula: `=IF(OR(${beforeCell}="",${afterCell}=""),"",IF(${beforeCell}=0,"n/a: before is 0",IF(${directionCell}="lower",${beforeCell}-${afterCell},${afterCell}-${beforeCell})/ABS(${beforeCell})))`,
          },
          cached,
        },
        FORMAT.percent
      ),
      formula(
        `=IF(ISNUMBER(${changeCell}),IF(${changeCell}>0,"Improved",IF(${changeCell}<0,"Worse","No change")),"")`,
        "General"
      ),
      record(
        i === 0
          ? "Pickup works where customers live within 10 minutes; promote it at checkout."
          : null
      ),
      record(i === 0 ? "scale" : null),
      record(i === 0 ? "Store manager" : null),
    ]);
  }
  const lastRow = sheet.next - 1;
  return {
    key: "log",
    name: "Learning log",
    purpose: sheet.purpose,
    blocks: [{ at: "A1", rows: sheet.rows }],
    columnWidths: [12, 24, 18, 44, 28, 10, 10, 10, 10, 12, 44, 10, 16],
    tables: [
      {
        name: "LearningLog",
        range: `A${headerRow}:${at(columns.length - 1, lastRow)}`,
        style: "TableStyleLight9",
      },
    ],
    validations: [
      {
        range: `${at(5, firstRow)}:${at(5, lastRow)}`,
        kind: "list",
        source: DIRECTIONS.join(","),
        prompt: "Which way the metric is better",
      },
      {
        range: `${at(11, firstRow)}:${at(11, lastRow)}`,
        kind: "list",
        source: LOG_DECISIONS.join(","),
        prompt: "What you decided",
      },
    ],
    conditionalFormats: [
      {
        range: `${at(9, firstRow)}:${at(9, lastRow)}`,
        operator: "equal",
        formula1: '"Improved"',
        fill: "#C6EFCE",
        fontColor: "#006100",
      },
      {
        range: `${at(9, firstRow)}:${at(9, lastRow)}`,
        operator: "equal",
        formula1: '"Worse"',
        fill: "#F8CBAD",
        fontColor: "#9C0006",
      },
    ],
    // The table must be able to grow, so the sheet is not protected.
    protect: false,
    freeze: { rows: headerRow },
  };
}
