/**
 * The template catalogue: builds the plans for a set of templates. Renderers: src/excel/templates.ts
 * (into the open workbook) and renderXlsx.ts (into a file).
 */
import { TemplateContext } from "./context";
import { fitTemplate } from "./fit";
import { gapTemplate } from "./gap";
import { logTemplate } from "./log";
import { TEMPLATE_IDS, TemplateId, type SheetPlan } from "./plan";
import { portfolioTemplate } from "./portfolio";
import { referenceTemplate } from "./reference";
import { roiTemplate } from "./roi";
import { summaryTemplate } from "./summary";

export const TEMPLATE_BUILDERS: Record<TemplateId, (context: TemplateContext) => SheetPlan> = {
  gap: gapTemplate,
  roi: roiTemplate,
  fit: fitTemplate,
  portfolio: portfolioTemplate,
  log: logTemplate,
  reference: referenceTemplate,
};

export const TEMPLATE_TITLES: Record<TemplateId, string> = {
  gap: "Gap analysis",
  roi: "Before/after ROI",
  fit: "Practice fit scorecard",
  portfolio: "Initiative portfolio",
  log: "Learning log",
  reference: "Reference library",
};

export function isTemplateId(name: string): name is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(name);
}

export interface WorkbookPlanOptions extends Omit<TemplateContext, "included" | "chartsNotDrawn"> {
  templates: readonly TemplateId[];
  /** Add the Summary sheet (first). */
  summary: boolean;
  /** False for renderers that cannot draw charts (exceljs): the Summary then lists them. */
  drawsCharts: boolean;
}

/** The plans for a workbook, Summary first when asked for, then templates in the order given. */
export function buildWorkbookPlan(options: WorkbookPlanOptions): SheetPlan[] {
  const unique = [...new Set(options.templates)];
  const base: TemplateContext = { ...options, included: unique };
  const sheets = unique.map((id) => TEMPLATE_BUILDERS[id](base));
  if (!options.summary) return sheets;
  const chartsNotDrawn = options.drawsCharts
    ? []
    : sheets.flatMap((s) => (s.charts ?? []).map((c) => ({ sheet: s.name, title: c.title })));
  return [summaryTemplate({ ...base, chartsNotDrawn }, sheets), ...sheets];
}

export { TEMPLATE_IDS };
export type { TemplateId };
