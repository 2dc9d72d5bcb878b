/**
 * The reference data model: metrics (the catalogue), reference values (one row per industry × metric ×
 * region × year in the canonical long format) and cross-industry practices. Pure data types, no I/O.
 */

export const UNITS = [
  "%",
  "days",
  "hours",
  "currency per unit",
  "ratio",
  "count",
  "score",
] as const;
export type Unit = (typeof UNITS)[number];

export const DIRECTIONS = ["higher", "lower"] as const;
/** Which way is better: "higher" (e.g. margin) or "lower" (e.g. days sales outstanding). */
export type Direction = (typeof DIRECTIONS)[number];

export const CATEGORIES = [
  "customer service",
  "delivery/logistics",
  "operations/quality",
  "finance",
  "workforce",
  "digital/marketing",
  "patient or guest experience",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Distribution points in the order they must be non-decreasing, with their percentile level. */
export const QUANTILES = [
  { key: "p10", level: 0.1 },
  { key: "p25", level: 0.25 },
  { key: "median", level: 0.5 },
  { key: "p75", level: 0.75 },
  { key: "p90", level: 0.9 },
] as const;
export type QuantileKey = (typeof QUANTILES)[number]["key"];
export const STATISTIC_KEYS = ["p10", "p25", "median", "p75", "p90", "mean", "value"] as const;
export type StatisticKey = (typeof STATISTIC_KEYS)[number];
export type Statistics = Partial<Record<StatisticKey, number>>;

export interface MetricDefinition {
  /** Stable identifier, e.g. "gross_margin". */
  id: string;
  /** Display name used in formulas, e.g. "Gross margin". */
  name: string;
  unit: Unit;
  direction: Direction;
  category: Category;
  /** One line: what it measures and its formula. */
  definition: string;
}

export interface ReferenceValue {
  industry: string;
  /** Optional NAICS or ISIC code. */
  industryCode?: string;
  metric: string;
  unit: Unit;
  direction: Direction;
  /** Region the figures describe; "" when not stated (treated as "all regions"). */
  region: string;
  year?: number;
  statistics: Statistics;
  /** Sample size behind the statistics. */
  n?: number;
  source: string;
  sourceUrl?: string;
  licence?: string;
  notes?: string;
  /** True when the figures are placeholders, not measurements. */
  illustrative: boolean;
}

export type Effort = "low" | "medium" | "high";
export const ADAPTATION_RISKS = [
  "knowledge gap",
  "business-model mismatch",
  "organisational change",
  "resource constraints",
] as const;
export type AdaptationRisk = (typeof ADAPTATION_RISKS)[number];

export interface Practice {
  id: string;
  sourceIndustry: string;
  practice: string;
  /** The business problem it answers, in the words an owner would use. */
  challenge: string;
  targetIndustries: string[];
  lesson: string;
  howToApply: string;
  /** Metric names (catalogue names) the practice is expected to move. */
  metricsMoved: string[];
  effort: Effort;
  timeToValue: string;
  prerequisites: string[];
  risks: { risk: AdaptationRisk; note: string }[];
  /** Phrases and synonyms owners use for the problem, searched with the challenge. */
  synonyms?: readonly string[];
}

/** Shown wherever bundled figures appear. */
export const ILLUSTRATIVE_NOTICE = "illustrative sample — replace with your sources";
export const ILLUSTRATIVE_SOURCE = "Crossbench illustrative sample";

/**
 * Case-, space- and punctuation-insensitive form used for every name lookup. Compatibility forms are
 * folded (NFKC) and invisible zero-width characters dropped, so look-alike names are one key.
 */
export function normaliseName(name: string): string {
  // Printable ASCII has nothing to fold or drop: skip the Unicode passes (hot in large imports).
  const ascii = /^[\x20-\x7e]*$/.test(name);
  return (ascii ? name : name.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "").normalize("NFKC"))
    .toLowerCase()
    .replace(/[\s_\-.,/&()]+/g, " ")
    .trim();
}

/** The duplicate key of the canonical format: industry × metric × year × region. */
export function referenceKey(
  value: Pick<ReferenceValue, "industry" | "metric" | "year" | "region">
): string {
  return [
    normaliseName(value.industry),
    normaliseName(value.metric),
    value.year ?? "",
    normaliseName(value.region),
  ].join("|");
}
