/**
 * The pane's "add to fit scorecard": a new Practice fit scorecard whose candidate columns are the
 * practices the user chose, drawn by the template renderer (src/excel/templates.ts) from the active
 * library. Loaded on first use, so the plans and the data they carry are not in the pane's first download.
 */
import { buildWorkbookPlan } from "../templates/index";
import { coreMaths } from "../templates/defaults";
import { PRACTICE_LIBRARY } from "../reference/practices";
import { whenWorkbookLoaded } from "../reference/activeLibrary";
import { activeTemplateLibrary, renderTemplatesIntoWorkbook } from "./templates";

/** The fit scorecard template has room for this many candidate practices. */
export const SCORECARD_CAPACITY = 4;

/** Draws a new scorecard (existing ones are never overwritten: a taken name gets " (2)"). */
export async function addPracticesToScorecard(
  practiceIds: readonly string[],
  industry: string
): Promise<{ sheetName: string; added: number }> {
  const chosen = practiceIds
    .map((id) => PRACTICE_LIBRARY.find((practice) => practice.id === id))
    .filter((practice) => practice !== undefined);
  if (chosen.length === 0) throw new Error("Choose at least one practice.");
  if (chosen.length > SCORECARD_CAPACITY) {
    throw new Error(
      `A scorecard compares up to ${SCORECARD_CAPACITY} practices; untick ${chosen.length - SCORECARD_CAPACITY}.`
    );
  }
  await whenWorkbookLoaded();
  // The scorecard's candidates are the practices aimed at the user's industry: offer exactly the chosen ones.
  const library = {
    ...activeTemplateLibrary(),
    practices: chosen.map((practice) => ({
      ...practice,
      targetIndustries: [...practice.targetIndustries, industry],
    })),
  };
  const plans = buildWorkbookPlan({
    templates: ["fit"],
    summary: false,
    drawsCharts: true,
    mode: "bench",
    library,
    maths: coreMaths(library),
    industry,
    blankRatings: true,
  });
  const [sheet] = await renderTemplatesIntoWorkbook(plans, { mode: "bench" });
  return { sheetName: sheet.name, added: chosen.length };
}
