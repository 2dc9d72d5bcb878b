/** Summary sheet: what each generated sheet is for, the ROI headline figures, and charts still to add. */
import { FORMAT, formula, header, sectionRow, text } from "./cells";
import { TemplateContext } from "./context";
import type { SheetPlan } from "./plan";
import { roiLayout } from "./roi";
import { SheetRows } from "./sheet";

export const CHARTS_NOT_DRAWN_NOTICE = "open in Excel with Crossbench to add charts";

export function summaryTemplate(context: TemplateContext, sheets: readonly SheetPlan[]): SheetPlan {
  const sheet = new SheetRows();
  sheet.header(
    "Crossbench benchmark workbook",
    "Ties the sheets together: what each is for, the ROI headline figures, and what to do next.",
    `Industry: ${context.industry}. Formulas: ${context.mode === "bench" ? "Crossbench functions (need the add-in)" : "portable (native Excel formulas; values computed at generation time are labelled)"}.`
  );
  sheet.add(sectionRow("Sheets", 3));
  sheet.add([header("Sheet"), header("What it is for"), header("")]);
  for (const plan of sheets) sheet.add([text(plan.name), text(plan.purpose)]);
  sheet.add();
  if (sheets.some((s) => s.key === "roi")) {
    const roi = roiLayout(context);
    sheet.add(sectionRow("ROI headline (from the ROI sheet)", 3));
    sheet.add([
      text("Annual benefit"),
      formula(`={sheet:roi}${roi.annualBenefit}`, FORMAT.currency),
    ]);
    sheet.add([text("Net present value"), formula(`={sheet:roi}${roi.npv}`, FORMAT.currency)]);
    sheet.add([
      text("Internal rate of return"),
      formula(`={sheet:roi}${roi.irr}`, FORMAT.percent2),
    ]);
    sheet.add([text("ROI on simple totals"), formula(`={sheet:roi}${roi.roi}`, FORMAT.percent)]);
    sheet.add([
      text("ROI on present values"),
      formula(`={sheet:roi}${roi.roiPresentValue}`, FORMAT.percent),
    ]);
    sheet.add([text("Payback period"), formula(`={sheet:roi}${roi.payback}`, FORMAT.years)]);
    sheet.add();
  }
  const has = (key: string): boolean => sheets.some((s) => s.key === key);
  if (has("gap") || has("portfolio") || has("log")) {
    sheet.add(sectionRow("Where to act", 3));
    // Whole columns, so rows the user adds are counted too.
    if (has("gap"))
      sheet.add([
        text("Metrics with a High-priority gap"),
        formula(`=COUNTIF({sheet:gap}P:P,"High")`, FORMAT.integer),
      ]);
    if (has("portfolio"))
      sheet.add([
        text("Initiatives to start small now (phase 1)"),
        formula(`=COUNTIF({sheet:portfolio}J:J,"1 Start small now")`, FORMAT.integer),
      ]);
    if (has("log"))
      sheet.add([text("Experiments logged"), formula(`=COUNT({sheet:log}A:A)`, FORMAT.integer)]);
    sheet.add();
  }
  const missing = context.chartsNotDrawn ?? [];
  if (missing.length > 0) {
    sheet.add(sectionRow(`Charts: ${CHARTS_NOT_DRAWN_NOTICE}`, 3));
    for (const chart of missing)
      sheet.add([text(chart.sheet), text(`${chart.title}: ${CHARTS_NOT_DRAWN_NOTICE}`, "warning")]);
    sheet.add();
  }
  sheet.add(sectionRow("Next steps", 3));
  sheet.add([text("1"), text("Replace the yellow sample inputs with your own figures.")]);
  sheet.add([
    text("2"),
    text(
      "Replace illustrative reference figures with your sources (Crossbench task pane: Import)."
    ),
  ]);
  sheet.add([
    text("3"),
    text("Log every experiment in the Learning log; scale what works, stop what does not."),
  ]);
  return {
    key: "summary",
    name: "Summary",
    purpose: sheet.purpose,
    blocks: [{ at: "A1", rows: sheet.rows }],
    columnWidths: [26, 100, 4],
    protect: true,
  };
}
