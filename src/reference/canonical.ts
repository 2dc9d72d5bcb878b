/**
 * The canonical long format: one row per industry × metric × region × year, these columns in this
 * order. The workbook's `Crossbench Reference` table, `reference convert` output and samples/ use it.
 */
import type { ReferenceValue, StatisticKey, Unit, Direction } from "./model";
import { STATISTIC_KEYS } from "./model";

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

/**
 * How a field's cells are read: free text, a statistic (any number), a whole number, TRUE/FALSE, or a
 * word from a vocabulary (units, directions). src/reference/cells.ts holds one parser per kind.
 */
export type FieldKind = "text" | "number" | "integer" | "boolean" | "unit" | "direction";

/**
 * When a field must be given: always; unless the metric is in the catalogue (which knows it); unless a
 * default is given for the whole file (pane field / CLI option); or never.
 */
export type Requirement = "always" | "unless-catalogue" | "unless-default" | "optional";

export interface CanonicalColumn {
  field: CanonicalField;
  /** Label shown in the pane and the CLI help. */
  label: string;
  kind: FieldKind;
  required: Requirement;
  /** Inclusive bounds for numeric kinds. */
  range?: { min: number; max: number };
  /** Other header spellings seen in real sources, used by the mapping suggestion. */
  synonyms: string[];
  description: string;
  /** Why an "unless-default" field cannot be left out (ends the validator's message). */
  needed?: string;
  /** What a default for it looks like, for the wide-table message. */
  defaultHint?: string;
}

export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  {
    field: "industry",
    label: "Industry",
    kind: "text",
    required: "always",
    synonyms: [
      "industry name",
      "sector",
      "industry group",
      "segment",
      "business type",
      "branche",
      "secteur",
    ],
    description:
      "Industry name as you will type it in formulas. Rows named like an aggregate (Total, All industries, Average (all …)) are flagged, not imported.",
  },
  {
    field: "industry_code",
    label: "Industry code (NAICS/ISIC)",
    kind: "text",
    required: "optional",
    synonyms: ["naics", "isic", "sic", "naics code", "isic code", "code"],
    description: "Optional NAICS or ISIC code.",
  },
  {
    field: "metric",
    label: "Metric",
    kind: "text",
    required: "always",
    synonyms: [
      "kpi",
      "measure",
      "indicator",
      "ratio",
      "metric name",
      "variable",
      "kennzahl",
      "indicateur",
    ],
    description:
      'Metric name. Catalogue names (e.g. "Gross margin") get unit and direction automatically.',
  },
  {
    field: "unit",
    label: "Unit",
    kind: "unit",
    required: "unless-catalogue",
    synonyms: ["units", "uom", "unit of measure", "einheit", "unité"],
    description:
      "`%`, `days`, `hours`, `currency per unit`, `ratio`, `count` or `score`; common spellings (percent, pct, hrs, $, x, times…) are accepted.",
  },
  {
    field: "direction",
    label: "Direction",
    kind: "direction",
    required: "unless-catalogue",
    synonyms: ["better", "polarity", "good direction", "higher is better", "richtung"],
    description: "`higher` or `lower`: which way is better.",
  },
  {
    field: "region",
    label: "Region",
    kind: "text",
    required: "optional",
    synonyms: ["country", "geography", "area", "market", "land", "pays"],
    description: "Region the figures describe; blank = all regions.",
  },
  {
    field: "year",
    label: "Year",
    kind: "integer",
    required: "optional",
    range: { min: 1900, max: 2100 },
    synonyms: ["period", "fiscal year", "survey year", "fy", "jahr", "année"],
    description: "Year of the data.",
  },
  {
    field: "p10",
    label: "P10",
    kind: "number",
    required: "optional",
    synonyms: [
      "10th percentile",
      "percentile 10",
      "bottom decile",
      "lower decile",
      "first decile",
      "10%",
      "p 10",
      "decile 1",
      "d1",
    ],
    description:
      "10th percentile. Percentiles must not decrease (p10 ≤ p25 ≤ median ≤ p75 ≤ p90); a row printed best-to-worst is accepted when that matches a lower-is-better direction.",
  },
  {
    field: "p25",
    label: "P25",
    kind: "number",
    required: "optional",
    synonyms: [
      "25th percentile",
      "lower quartile",
      "bottom quartile",
      "q1",
      "first quartile",
      "25%",
      "p 25",
      "quartile 1",
    ],
    description: "25th percentile (lower quartile).",
  },
  {
    field: "median",
    label: "Median",
    kind: "number",
    required: "optional",
    synonyms: [
      "p50",
      "50th percentile",
      "med",
      "q2",
      "50%",
      "middle",
      "second quartile",
      "médiane",
    ],
    description: "Median.",
  },
  {
    field: "p75",
    label: "P75",
    kind: "number",
    required: "optional",
    synonyms: [
      "75th percentile",
      "upper quartile",
      "top quartile",
      "q3",
      "third quartile",
      "75%",
      "p 75",
      "quartile 3",
    ],
    description: "75th percentile (upper quartile).",
  },
  {
    field: "p90",
    label: "P90",
    kind: "number",
    required: "optional",
    synonyms: [
      "90th percentile",
      "percentile 90",
      "top decile",
      "upper decile",
      "ninth decile",
      "90%",
      "p 90",
      "decile 9",
      "d9",
    ],
    description: "90th percentile.",
  },
  {
    field: "mean",
    label: "Mean",
    kind: "number",
    required: "optional",
    synonyms: ["average", "avg", "arithmetic mean", "mittelwert", "moyenne", "durchschnitt"],
    description: "Mean.",
  },
  {
    field: "value",
    label: "Value",
    kind: "number",
    required: "optional",
    synonyms: ["figure", "amount", "aggregate", "industry value", "val"],
    description: "A single figure (e.g. an industry aggregate) when no distribution is published.",
  },
  {
    field: "n",
    label: "Sample size (n)",
    kind: "integer",
    required: "optional",
    range: { min: 0, max: Number.MAX_SAFE_INTEGER },
    synonyms: [
      "sample size",
      "count",
      "respondents",
      "number of firms",
      "observations",
      "obs",
      "firms",
      "number of statements",
      "statements",
      "anzahl",
    ],
    description: "Sample size, a whole number.",
  },
  {
    field: "source",
    label: "Source",
    kind: "text",
    required: "unless-default",
    synonyms: ["source name", "data source", "publisher", "provenance", "quelle"],
    description: 'Where the figures come from: publisher, survey, "own data 2024".',
    needed: "every figure needs its provenance",
    defaultHint: "publisher, dataset",
  },
  {
    field: "source_url",
    label: "Source URL",
    kind: "text",
    required: "optional",
    synonyms: ["url", "link", "source link", "web"],
    description: "Link to the source.",
  },
  {
    field: "licence",
    label: "Licence",
    kind: "text",
    required: "optional",
    synonyms: ["license", "terms", "rights", "licence terms", "lizenz"],
    description: "Licence or terms of use. Only redistribute figures whose licence allows it.",
  },
  {
    field: "notes",
    label: "Notes",
    kind: "text",
    required: "optional",
    synonyms: ["note", "comments", "comment", "remarks"],
    description: "Free notes.",
  },
  {
    field: "illustrative",
    label: "Illustrative",
    kind: "boolean",
    required: "optional",
    synonyms: ["is illustrative", "sample", "placeholder", "example"],
    description: "TRUE for placeholder figures, FALSE (default) for real ones.",
  },
];

export const CANONICAL_HEADERS: readonly string[] = CANONICAL_COLUMNS.map((c) => c.field);

const COLUMN_BY_FIELD = new Map(CANONICAL_COLUMNS.map((c) => [c.field, c]));

export function isCanonicalField(name: string): name is CanonicalField {
  return COLUMN_BY_FIELD.has(name as CanonicalField);
}

export function canonicalColumn(field: CanonicalField): CanonicalColumn {
  return COLUMN_BY_FIELD.get(field) as CanonicalColumn;
}

/** A field the mapping and the file-wide defaults leave without a value (see unmetRequirements). */
export interface UnmetRequirement {
  /** The field, or "statistic" when no statistic (p10 … value) is mapped at all. */
  field: CanonicalField | "statistic";
  label: string;
  /** The validator's message, word for word. */
  why: string;
  /** A value for every row (pane field / CLI option) can stand in for the column. */
  byDefault: boolean;
}

/** File-wide values by field name (source, year, region, licence); blank text counts as none. */
export type FieldDefaults = Partial<Record<CanonicalField, unknown>>;

function hasDefault(defaults: FieldDefaults, field: CanonicalField): boolean {
  const value = defaults[field];
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return value.trim() !== "";
  return value !== undefined && value !== null;
}

/** Fields a wide table's layout supplies: the industry-name column, metric headers and their cells. */
const WIDE_LAYOUT_FIELDS: readonly CanonicalField[] = [
  "industry",
  "metric",
  "unit",
  "direction",
  "value",
];

const STATISTICS_TEXT = `${STATISTIC_KEYS.slice(0, -1).join(", ")} or ${STATISTIC_KEYS[STATISTIC_KEYS.length - 1]}`;

/**
 * What the field table requires that neither a mapped column nor a default gives, in field-table
 * order: "always" fields, "unless-default" fields without a default, and at least one statistic.
 * ("unless-catalogue" fields depend on each row's metric and are checked row by row.) The validator
 * reports exactly these; the pane marks and blocks on them before validating.
 */
export function unmetRequirements(
  mapped: Iterable<string>,
  defaults: FieldDefaults,
  layout: "long" | "wide"
): UnmetRequirement[] {
  const given = new Set<string>(mapped);
  if (layout === "wide") for (const field of WIDE_LAYOUT_FIELDS) given.add(field);
  const unmet: UnmetRequirement[] = [];
  for (const column of CANONICAL_COLUMNS) {
    const { field, label, required } = column;
    if (given.has(field)) continue;
    if (required === "always")
      unmet.push({
        field,
        label,
        why: `No column is mapped to ${field}. The header row needs an "${field}" column (or map one).`,
        byDefault: false,
      });
    else if (required === "unless-default" && !hasDefault(defaults, field))
      unmet.push({
        field,
        label,
        why:
          layout === "wide"
            ? `A wide table has no ${field} column: give the ${field}${column.defaultHint ? ` (${column.defaultHint})` : ""} for its figures.`
            : `No column is mapped to ${field} and no default ${field} was given${column.needed ? `: ${column.needed}` : ""}.`,
        byDefault: true,
      });
  }
  if (!STATISTIC_KEYS.some((key) => given.has(key)))
    unmet.push({
      field: "statistic",
      label: "a statistic (P10 … Value)",
      why: `No statistic column (${STATISTICS_TEXT}) is mapped.`,
      byDefault: false,
    });
  return unmet;
}

const REQUIREMENT_TEXT: Record<Requirement, string> = {
  always: "required",
  "unless-catalogue": "required for metrics outside the catalogue",
  "unless-default": "required unless a default is given",
  optional: "optional",
};

/**
 * The field table as Markdown (README "The canonical format") and plain lines (CLI help): generated
 * from CANONICAL_COLUMNS so the docs cannot drift from validation.
 */
/** "integer, 1900–2100": the kind, with the range where it is a fixed one a reader can act on. */
function kindText(c: CanonicalColumn): string {
  return c.range && c.field === "year" ? `${c.kind}, ${c.range.min}–${c.range.max}` : c.kind;
}

export function fieldTableMarkdown(): string {
  const lines = ["| column | kind | required | meaning |", "|---|---|---|---|"];
  for (const c of CANONICAL_COLUMNS) {
    lines.push(
      `| \`${c.field}\` | ${kindText(c)} | ${REQUIREMENT_TEXT[c.required]} | ${c.description} |`
    );
  }
  return lines.join("\n");
}

export function fieldHelpText(): string {
  const width = CANONICAL_COLUMNS.reduce((widest, c) => Math.max(widest, c.field.length), 0);
  return CANONICAL_COLUMNS.map(
    (c) =>
      `  ${c.field.padEnd(width)}  ${kindText(c)}, ${REQUIREMENT_TEXT[c.required]}: ${c.description}`
  ).join("\n");
}

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
