/**
 * The pane's template and scorecard actions: template plans (src/templates) drawn by the Excel renderer
 * (src/excel/templates.ts). Loaded on first use, so the plans and the bundled data they carry are not
 * part of the pane's first download.
 */
import {
  buildWorkbookPlan,
  TEMPLATE_IDS,
  TEMPLATE_TITLES,
  isTemplateId,
  type TemplateId,
} from "../templates";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../templates/defaults";
import type { TemplateLibrary } from "../templates/context";
import { getActiveLibrary } from "../reference/activeLibrary";
import { PRACTICE_LIBRARY } from "../reference/practices";
import { renderTemplatesIntoWorkbook } from "./templates";
import type { TemplateChoice } from "../taskpane/paneActions";

/** The fit scorecard has room for this many candidate practices. */
export const SCORECARD_CAPACITY = 4;

/** Templates read the active library: the workbook's reference rows over the bundled sample. */
function templateLibrary(practices = PRACTICE_LIBRARY): TemplateLibrary {
  return { ...BUNDLED_TEMPLATE_LIBRARY, values: getActiveLibrary().values, practices };
}

function plansFor(templates: readonly TemplateId[], industry: string, library: TemplateLibrary) {
  return buildWorkbookPlan({
    templates,
    // A Summary ties several sheets together; a single template does not need one.
    summary: templates.length > 1,
    drawsCharts: true,
    mode: "bench",
    library,
    maths: coreMaths(library),
    industry,
  });
}

export function listTemplates(): TemplateChoice[] {
  const plans = plansFor(TEMPLATE_IDS, "", templateLibrary());
  return TEMPLATE_IDS.map((id) => ({
    id,
    title: TEMPLATE_TITLES[id],
    description: plans.find((plan) => plan.key === id)?.purpose ?? "",
  }));
}

export async function insertTemplates(
  ids: readonly string[],
  industry: string
): Promise<{ sheetNames: string[] }> {
  const templates = ids.filter(isTemplateId);
  if (templates.length === 0) throw new Error("Tick at least one template.");
  const rendered = await renderTemplatesIntoWorkbook(
    plansFor(templates, industry, templateLibrary()),
    { mode: "bench" }
  );
  return { sheetNames: rendered.map((sheet) => sheet.name) };
}

/**
 * Draws a new fit scorecard whose candidate columns are the chosen practices (at most
 * SCORECARD_CAPACITY), so existing scorecards are never overwritten.
 */
export async function addPracticesToScorecard(
  practiceIds: readonly string[],
  industry: string
): Promise<{ sheetName: string; added: number }> {
  const chosen = practiceIds
    .map((id) => PRACTICE_LIBRARY.find((practice) => practice.id === id))
    .filter((p) => p !== undefined);
  if (chosen.length === 0) throw new Error("Choose at least one practice.");
  if (chosen.length > SCORECARD_CAPACITY) {
    throw new Error(
      `A scorecard compares up to ${SCORECARD_CAPACITY} practices; untick ${chosen.length - SCORECARD_CAPACITY}.`
    );
  }
  // The scorecard lists practices aimed at the user's industry first; only the chosen ones are offered.
  const library = templateLibrary(
    chosen.map((practice) => ({
      ...practice,
      targetIndustries: [...practice.targetIndustries, industry],
    }))
  );
  const [sheet] = await renderTemplatesIntoWorkbook(plansFor(["fit"], industry, library), {
    mode: "bench",
  });
  return { sheetName: sheet.name, added: chosen.length };
}
