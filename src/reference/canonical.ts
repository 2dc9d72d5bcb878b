/**
 * The canonical long format: one row per industry × metric × region × year, these columns in this
 * order. The workbook's `Crossbench Reference` table, `reference convert` output and samples/ use it.
 */
import { ReferenceValue, STATISTIC_KEYS, StatisticKey, Unit, Direction } from "./model";

export type CellValue = string | number | boolean | null;

export type CanonicalField =
  | "industry"
  | "industry_code"
  | "metric"
  | "unit"
  | "direction"
  | "region"
  | "year"
  | StatisticKey
  | "n"
  | "source"
  | "source_url"
  | "licence"
  | "notes"
  | "illustrative";

export interface CanonicalColumn {
  field: CanonicalField;
  kind: "text" | "number" | "integer" | "boolean";
  /** Other header spellings seen in real sources, used by the mapping suggestion. */
  synonyms: string[];
  description: string;
}

export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  {
    field: "industry",
    kind: "text",
    synonyms: ["industry name", "sector", "industry group", "segment", "business type"],
    description: "Industry name as used in formulas (required).",
  },
  {
    field: "industry_code",
    kind: "text",
    synonyms: ["naics", "isic", "sic", "naics code", "isic code", "code"],
    description: "Optional NAICS or ISIC code.",
  },
  {
    field: "metric",
    kind: "text",
    synonyms: ["kpi", "measure", "indicator", "ratio", "metric name", "variable"],
    description: "Metric name (required); catalogue names get unit and direction automatically.",
  },
  {
    field: "unit",
    kind: "text",
    synonyms: ["units", "uom", "unit of measure"],
    description:
      "%, days, hours, currency per unit, ratio, count or score (required for metrics outside the catalogue).",
  },
  {
    field: "direction",
    kind: "text",
    synonyms: ["better", "polarity", "good direction", "higher is better"],
    description:
      "higher or lower: which way is better (required for metrics outside the catalogue).",
  },
  {
    field: "region",
    kind: "text",
    synonyms: ["country", "geography", "area", "market"],
    description: "Region the figures describe; blank = all regions.",
  },
  {
    field: "year",
    kind: "integer",
    synonyms: ["period", "fiscal year", "survey year", "fy"],
    description: "Year of the data (1900-2100).",
  },
  {
    field: "p10",
    kind: "number",
    synonyms: ["10th percentile", "percentile 10", "bottom decile", "10%", "p 10", "decile 1"],
    description: "10th percentile.",
  },
  {
    field: "p25",
    kind: "number",
    synonyms: ["25th percentile", "lower quartile", "q1", "first quartile", "25%", "p 25"],
    description: "25th percentile (lower quartile).",
  },
  {
    field: "median",
    kind: "number",
    synonyms: ["p50", "50th percentile", "med", "q2", "50%", "middle"],
    description: "Median.",
  },
  {
    field: "p75",
    kind: "number",
    synonyms: ["75th percentile", "upper quartile", "q3", "third quartile", "75%", "p 75"],
    description: "75th percentile (upper quartile).",
  },
  {
    field: "p90",
    kind: "number",
    synonyms: ["90th percentile", "percentile 90", "top decile", "90%", "p 90", "decile 9"],
    description: "90th percentile.",
  },
  {
    field: "mean",
    kind: "number",
    synonyms: ["average", "avg", "arithmetic mean"],
    description: "Mean.",
  },
  {
    field: "value",
    kind: "number",
    synonyms: ["figure", "amount", "aggregate", "industry value", "val"],
    description: "A single figure (e.g. an industry aggregate) when no distribution is published.",
  },
  {
    field: "n",
    kind: "integer",
    synonyms: [
      "sample size",
      "count",
      "respondents",
      "number of firms",
      "observations",
      "obs",
      "firms",
    ],
    description: "Sample size.",
  },
  {
    field: "source",
    kind: "text",
    synonyms: ["source name", "data source", "publisher", "provenance"],
    description: "Where the figures come from (required).",
  },
  {
    field: "source_url",
    kind: "text",
    synonyms: ["url", "link", "source link", "web"],
    description: "Link to the source.",
  },
  {
    field: "licence",
    kind: "text",
    synonyms: ["license", "terms", "rights", "licence terms"],
    description: "Licence or terms of use.",
  },
  {
    field: "notes",
    kind: "text",
    synonyms: ["note", "comments", "comment", "remarks"],
    description: "Free notes.",
  },
  {
    field: "illustrative",
    kind: "boolean",
    synonyms: ["is illustrative", "sample", "placeholder", "example"],
    description: "TRUE when figures are placeholders, not measurements.",
  },
];

export const CANONICAL_HEADERS: readonly string[] = CANONICAL_COLUMNS.map((c) => c.field);

/** One reference value as a canonical row (numbers stay numbers, absent values are null). */
export function toCanonicalRow(value: ReferenceValue): CellValue[] {
  return CANONICAL_COLUMNS.map(({ field }) => {
    switch (field) {
      case "industry":
        return value.industry;
      case "industry_code":
        return value.industryCode ?? null;
      case "metric":
        return value.metric;
      case "unit":
        return value.unit;
      case "direction":
        return value.direction;
      case "region":
        return value.region || null;
      case "year":
        return value.year ?? null;
      case "n":
        return value.n ?? null;
      case "source":
        return value.source;
      case "source_url":
        return value.sourceUrl ?? null;
      case "licence":
        return value.licence ?? null;
      case "notes":
        return value.notes ?? null;
      case "illustrative":
        return value.illustrative;
      default:
        return value.statistics[field] ?? null;
    }
  });
}

export function isStatisticField(field: CanonicalField): field is StatisticKey {
  return (STATISTIC_KEYS as readonly string[]).includes(field);
}

export type { Unit, Direction };
