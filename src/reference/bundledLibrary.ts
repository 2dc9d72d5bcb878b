/**
 * The bundled library: illustrative figures for every bundled industry × catalogue metric, generated
 * by a documented deterministic rule so that no figure can pose as a measurement (README, "Reference data").
 *
 * Rule, per metric m and industry i:
 *   u      = FNV-1a hash of "i.id:m.id" mapped to [-1, 1]
 *   median = anchor(m) shifted by u × tilt(m)   (log scale; logit scale for percentages)
 *   pXX    = median shifted by z(XX) × spread(m) on the same scale (z10 = -1.2816, z25 = -0.6745, ...)
 *   mean   = mean of the five published points; n = 40 + hash mod 160; year 2025; region blank
 * Anchors are round numbers chosen to look plausible; they are not taken from any survey.
 */
import { BUNDLED_INDUSTRIES, METRIC_CATALOGUE } from "./catalogue";
import {
  ILLUSTRATIVE_NOTICE,
  ILLUSTRATIVE_SOURCE,
  MetricDefinition,
  ReferenceValue,
} from "./model";

interface GenerationParameters {
  anchor: number;
  /** How far industries spread around the anchor (scale units). */
  tilt: number;
  /** Within-industry spread (scale units per standard normal unit). */
  spread: number;
}

const PARAMETERS: Record<string, GenerationParameters> = {
  csat: { anchor: 0.8, tilt: 0.5, spread: 0.6 },
  nps: { anchor: 30, tilt: 0.5, spread: 0.5 },
  first_contact_resolution: { anchor: 0.7, tilt: 0.4, spread: 0.5 },
  response_time: { anchor: 8, tilt: 0.8, spread: 0.6 },
  retention: { anchor: 0.7, tilt: 0.6, spread: 0.5 },
  on_time_delivery: { anchor: 0.9, tilt: 0.6, spread: 0.7 },
  fulfilment_cycle: { anchor: 4, tilt: 0.8, spread: 0.5 },
  inventory_turnover: { anchor: 6, tilt: 0.9, spread: 0.45 },
  stockout_rate: { anchor: 0.06, tilt: 0.6, spread: 0.5 },
  first_pass_yield: { anchor: 0.9, tilt: 0.6, spread: 0.6 },
  defect_rate: { anchor: 0.03, tilt: 0.7, spread: 0.6 },
  capacity_utilisation: { anchor: 0.72, tilt: 0.4, spread: 0.4 },
  return_rate: { anchor: 0.06, tilt: 0.8, spread: 0.5 },
  gross_margin: { anchor: 0.38, tilt: 0.7, spread: 0.4 },
  net_margin: { anchor: 0.07, tilt: 0.6, spread: 0.6 },
  dso: { anchor: 40, tilt: 0.5, spread: 0.4 },
  revenue_per_employee: { anchor: 150000, tilt: 0.7, spread: 0.45 },
  current_ratio: { anchor: 1.5, tilt: 0.3, spread: 0.35 },
  employee_turnover: { anchor: 0.25, tilt: 0.7, spread: 0.45 },
  absenteeism: { anchor: 0.035, tilt: 0.4, spread: 0.4 },
  training_hours: { anchor: 24, tilt: 0.6, spread: 0.5 },
  cac: { anchor: 120, tilt: 0.9, spread: 0.6 },
  conversion_rate: { anchor: 0.025, tilt: 0.6, spread: 0.5 },
  repeat_purchase: { anchor: 0.3, tilt: 0.6, spread: 0.45 },
  no_show_rate: { anchor: 0.08, tilt: 0.5, spread: 0.5 },
  review_rating: { anchor: 4.2, tilt: 0.06, spread: 0.06 },
};

const Z = { p10: -1.2816, p25: -0.6745, median: 0, p75: 0.6745, p90: 1.2816 } as const;

/** FNV-1a 32-bit: a stable, dependency-free hash, so the library is identical on every build. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

function roundFigure(value: number, metric: MetricDefinition): number {
  if (metric.unit === "%") return Math.round(value * 10000) / 10000;
  if (metric.id === "review_rating" || metric.unit === "ratio")
    return Math.round(value * 100) / 100;
  // Three significant figures, via toPrecision so no binary residue (23.400000000000002) is left.
  return Number(value.toPrecision(3));
}

function generate(industryId: string, metric: MetricDefinition): Record<keyof typeof Z, number> {
  const parameters = PARAMETERS[metric.id];
  const hash = fnv1a(`${industryId}:${metric.id}`);
  const u = (hash / 0xffffffff) * 2 - 1;
  const percentage = metric.unit === "%";
  const toScale = percentage ? logit : Math.log;
  const fromScale = percentage ? logistic : Math.exp;
  const centre = toScale(parameters.anchor) + u * parameters.tilt;
  const figures = {} as Record<keyof typeof Z, number>;
  for (const key of Object.keys(Z) as (keyof typeof Z)[]) {
    figures[key] = roundFigure(fromScale(centre + Z[key] * parameters.spread), metric);
  }
  return figures;
}

function buildBundledLibrary(): ReferenceValue[] {
  const values: ReferenceValue[] = [];
  for (const industry of BUNDLED_INDUSTRIES) {
    for (const metric of METRIC_CATALOGUE) {
      const figures = generate(industry.id, metric);
      const mean = roundFigure(
        (figures.p10 + figures.p25 + figures.median + figures.p75 + figures.p90) / 5,
        metric
      );
      values.push({
        industry: industry.name,
        industryCode: industry.naics,
        metric: metric.name,
        unit: metric.unit,
        direction: metric.direction,
        region: "",
        year: 2025,
        statistics: { ...figures, mean },
        n: 40 + (fnv1a(`${industry.id}:${metric.id}:n`) % 160),
        source: ILLUSTRATIVE_SOURCE,
        licence: "MIT (generated placeholder figures)",
        notes: `${ILLUSTRATIVE_NOTICE}. Generated by a deterministic rule, not measured.`,
        illustrative: true,
      });
    }
  }
  return values;
}

/** Every bundled reference value; built once per runtime (a few hundred rows, well under a millisecond). */
export const BUNDLED_LIBRARY: readonly ReferenceValue[] = buildBundledLibrary();
