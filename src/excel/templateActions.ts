/**
 * The task pane's template actions (shape of TemplateActions in src/taskpane/paneActions.ts): the list
 * of templates and "insert these for my industry". The pane wires this in; it never calls Office itself.
 */
import { TEMPLATE_DESCRIPTIONS, TEMPLATE_TITLES, isTemplateId } from "../templates/index";
import { TEMPLATE_IDS, TemplateId } from "../templates/plan";
import { insertTemplates, TemplateRenderOptions } from "./templates";

export interface TemplatePreferences {
  discountRate?: number;
  targetPercentile?: "median" | "p75" | "p90";
  horizon?: number;
  currency?: string;
}

export const templateActions = {
  async list(): Promise<{ id: string; title: string; description: string }[]> {
    return TEMPLATE_IDS.map((id) => ({
      id,
      title: TEMPLATE_TITLES[id],
      description: TEMPLATE_DESCRIPTIONS[id],
    }));
  },
  async insert(
    templateIds: string[],
    industry: string,
    settings: TemplatePreferences,
    options: TemplateRenderOptions = {}
  ): Promise<{ sheetNames: string[] }> {
    const unknown = templateIds.filter((id) => !isTemplateId(id));
    if (unknown.length > 0) throw new Error(`Unknown template: ${unknown.join(", ")}.`);
    if (templateIds.length === 0) throw new Error("Choose at least one template.");
    const rendered = await insertTemplates(templateIds as TemplateId[], industry, {
      ...options,
      preferences: {
        discountRate: settings.discountRate,
        targetPercentile: settings.targetPercentile,
        horizon: settings.horizon,
        currency: settings.currency,
      },
    });
    return { sheetNames: rendered.map((r) => r.name) };
  },
};
