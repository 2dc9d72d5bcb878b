/**
 * The template catalogue: builds the plans for a set of templates. Renderers: src/excel/templates.ts
 * (into the open workbook) and renderXlsx.ts (into a file).
 */
import { FORMAT } from "./cells";
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

/** One line per template for pickers (the task pane, --help). */
export const TEMPLATE_DESCRIPTIONS: Record<TemplateId, string> = {
  gap: "Where you stand on each metric against your industry and the best other industry, and which gaps to close first.",
  roi: "Values a KPI improvement in money: annual benefit, risk-adjusted cash flows, NPV, IRR, ROI, payback and a Monte Carlo range.",
  fit: "Scores candidate practices from other industries against eight weighted criteria (typed or AHP weights).",
  portfolio: "Ranks initiatives by value, fit and effort and phases them: start small, then scale.",
  log: "One line per experiment: what you tried, what happened, what you decided.",
  reference:
    "The reference library as a table, with source, year, licence and the illustrative flag.",
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
  const currency = options.preferences?.currency;
  if (!options.summary) return withCurrency(sheets, currency);
  const chartsNotDrawn = options.drawsCharts
    ? []
    : sheets.flatMap((s) => (s.charts ?? []).map((c) => ({ sheet: s.name, title: c.title })));
  return withCurrency([summaryTemplate({ ...base, chartsNotDrawn }, sheets), ...sheets], currency);
}

/** The money formats (FORMAT.currency, FORMAT.currency2) with a currency code or symbol in front. */
export function currencyFormats(currency: string): Map<string, string> {
  const symbol = `"${currency.replace(/"/g, "")} "`;
  const money = (digits: string): string => `${symbol}${digits};[Red]-${symbol}${digits}`;
  return new Map([
    [FORMAT.currency, money("#,##0")],
    [FORMAT.currency2, money("#,##0.00")],
  ]);
}

/**
 * Every money format of every sheet in the user's currency: one place, so no template can forget it
 * (templates declare money cells with FORMAT.currency / FORMAT.currency2).
 */
export function withCurrency(plans: SheetPlan[], currency: string | undefined): SheetPlan[] {
  if (currency === undefined || currency.trim() === "") return plans;
  const formats = currencyFormats(currency.trim());
  return plans.map((plan) => ({
    ...plan,
    blocks: plan.blocks.map((block) => ({
      ...block,
      rows: block.rows.map((row) =>
        row.map((cell) =>
          cell?.format !== undefined && formats.has(cell.format)
            ? { ...cell, format: formats.get(cell.format) }
            : cell
        )
      ),
    })),
  }));
}

export { TEMPLATE_IDS };
export type { TemplateId };
