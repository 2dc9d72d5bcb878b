/**
 * The case file of `crossbench workbook --inputs case.json`: every input of the templates a user can set,
 * declared once as data (key, type, range, description). One generic walk checks a file against it; the
 * README's key table is generated from it (`caseKeyTable`). A bad key or value gives one line naming it.
 */
import { INDUSTRY_NAME_MAX_LENGTH } from "../reference/industryNames";
import { MAX_HORIZON } from "../core/businessCase";
import type { FactorRange } from "../core/risk";
import { suggestion } from "../reference/library";
import type { RoiCostInput, RoiInputs } from "./roiInputs";

type FieldType =
  | { kind: "string"; maxLength: number }
  | { kind: "number"; min: number; max: number; integer?: boolean }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "numbers"; min: number; max: number; maxItems: number; minItems?: number }
  | { kind: "objects"; maxItems: number; fields: readonly CaseField[] }
  | { kind: "object"; fields: readonly CaseField[] }
  | { kind: "record"; min: number; max: number; maxItems: number };

export interface CaseField {
  key: string;
  type: FieldType;
  description: string;
  required?: boolean;
}

const AMOUNT = { kind: "number", min: -1e12, max: 1e12 } as const;
const COST_AMOUNT = { kind: "number", min: 0, max: 1e12 } as const;
const SHARE = { kind: "number", min: 0, max: 1 } as const;
const FACTOR = { kind: "number", min: 0, max: 10 } as const;
const range = (what: string): CaseField => ({
  key: what,
  type: {
    kind: "object",
    fields: [
      {
        key: "low",
        type: FACTOR,
        description: "low, as a multiple of likely (0.8)",
        required: true,
      },
      {
        key: "high",
        type: FACTOR,
        description: "high, as a multiple of likely (1.2)",
        required: true,
      },
    ],
  },
  description: `Monte Carlo and tornado range of the ${what === "kpiChange" ? "KPI change" : what === "unitValue" ? "unit value" : what}: low and high as multiples of the model's value.`,
});

export const CASE_FIELDS: readonly CaseField[] = [
  {
    key: "industry",
    type: { kind: "string", maxLength: INDUSTRY_NAME_MAX_LENGTH },
    description: "Your industry: a library name, alias or NAICS code, or your own (as --industry).",
  },
  {
    key: "currency",
    type: { kind: "string", maxLength: 8 },
    description:
      'Currency code or symbol for every money format, e.g. "EUR" or "$" (as --currency).',
  },
  {
    key: "horizon",
    type: { kind: "number", min: 1, max: MAX_HORIZON, integer: true },
    description: "ROI horizon in years, 1 to 10 (as --horizon).",
  },
  {
    key: "discountRate",
    type: { kind: "number", min: -0.99, max: 0.99 },
    description: "Discount rate per year as a fraction: 0.08 for 8%.",
  },
  {
    key: "kpi",
    description: "The KPI change the ROI values.",
    type: {
      kind: "object",
      fields: [
        { key: "name", type: { kind: "string", maxLength: 200 }, description: "KPI name." },
        {
          key: "unit",
          type: { kind: "string", maxLength: 30 },
          description:
            'Unit; "%" makes before/after fractions (0.22) and the unit value per percentage point.',
        },
        {
          key: "direction",
          type: { kind: "enum", values: ["higher", "lower"] },
          description: "Which way the KPI is better.",
        },
        { key: "before", type: AMOUNT, description: "KPI before (a % KPI as a fraction: 0.22)." },
        { key: "after", type: AMOUNT, description: "KPI after." },
        {
          key: "volume",
          type: { kind: "number", min: 0, max: 1e12 },
          description: "Volume per year the change applies to.",
        },
        {
          key: "unitValue",
          type: AMOUNT,
          description: "Money per KPI unit (per percentage point for a % KPI) per unit of volume.",
        },
        {
          key: "attribution",
          type: SHARE,
          description: "Share of the change due to the initiative, 0 to 1.",
        },
        { key: "confidence", type: SHARE, description: "Confidence in the estimate, 0 to 1." },
        {
          key: "risk",
          type: SHARE,
          description:
            "The KPI line's own risk adjustment (default 0: confidence already discounts it).",
        },
        {
          key: "rampUp",
          type: { kind: "numbers", min: 0, max: 1, maxItems: MAX_HORIZON },
          description: "Share of the full benefit reached in year 1, 2, … (missing years: 1).",
        },
      ],
    },
  },
  {
    key: "measurements",
    description: 'KPI measurements for the "is the change real?" test.',
    type: {
      kind: "object",
      fields: [
        {
          key: "before",
          type: { kind: "numbers", min: -1e12, max: 1e12, minItems: 2, maxItems: 50 },
          description: "Measurements before (2 to 50).",
        },
        {
          key: "after",
          type: { kind: "numbers", min: -1e12, max: 1e12, minItems: 2, maxItems: 50 },
          description: "Measurements after (2 to 50).",
        },
      ],
    },
  },
  {
    key: "benefits",
    description: "Further benefit lines (replace the sample's), at most 10.",
    type: {
      kind: "objects",
      maxItems: 10,
      fields: [
        {
          key: "name",
          type: { kind: "string", maxLength: 200 },
          description: "Line name.",
          required: true,
        },
        {
          key: "annual",
          type: AMOUNT,
          description: "Full annual amount once ramped up.",
          required: true,
        },
        {
          key: "risk",
          type: SHARE,
          description: "Risk adjustment: reduce by this share (default 0).",
        },
        {
          key: "rampUp",
          type: { kind: "numbers", min: 0, max: 1, maxItems: MAX_HORIZON },
          description: "Share reached in year 1, 2, … (missing years: 1).",
        },
      ],
    },
  },
  {
    key: "costs",
    description: "Cost lines (replace the sample's), 1 to 10.",
    type: {
      kind: "objects",
      maxItems: 10,
      fields: [
        {
          key: "name",
          type: { kind: "string", maxLength: 200 },
          description: "Line name.",
          required: true,
        },
        {
          key: "kind",
          type: { kind: "enum", values: ["one-off", "recurring"] },
          description: "one-off or recurring.",
          required: true,
        },
        {
          key: "amount",
          type: COST_AMOUNT,
          description:
            "one-off: the amount (in `year`); recurring: the amount every year from year 1.",
        },
        {
          key: "year",
          type: { kind: "number", min: 0, max: MAX_HORIZON, integer: true },
          description: "Year of a one-off amount (default 0).",
        },
        {
          key: "amounts",
          type: { kind: "numbers", min: 0, max: 1e12, maxItems: MAX_HORIZON + 1 },
          description: "Or: the amounts of Year 0, 1, … as entered (instead of amount/year).",
        },
        {
          key: "risk",
          type: SHARE,
          description: "Risk adjustment: increase by this share (default 0).",
        },
        {
          key: "low",
          type: FACTOR,
          description: "Monte Carlo/tornado low, as a multiple of the line (default 0.95).",
        },
        {
          key: "high",
          type: FACTOR,
          description: "Monte Carlo/tornado high, as a multiple of the line (default 1.25).",
        },
      ],
    },
  },
  {
    key: "monteCarlo",
    description: "Monte Carlo settings and driver ranges.",
    type: {
      kind: "object",
      fields: [
        {
          key: "trials",
          type: { kind: "number", min: 1, max: 1_000_000, integer: true },
          description: "Trials (at most 1,000,000).",
        },
        {
          key: "seed",
          type: { kind: "number", min: -2147483647, max: 2147483647, integer: true },
          description: "Seed: same seed, same result.",
        },
        range("kpiChange"),
        range("volume"),
        range("unitValue"),
      ],
    },
  },
  {
    key: "metrics",
    type: { kind: "record", min: -1e12, max: 1e12, maxItems: 500 },
    description:
      "Your own metric values for the gap analysis: metric name → value (a % as a fraction).",
  },
];

/** A case file that does not match CASE_FIELDS: the message names the key. */
export class CaseInputError extends Error {}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const describe = (value: Json): string => JSON.stringify(value)?.slice(0, 40) ?? String(value);

function checkNumber(
  path: string,
  value: Json,
  type: { min: number; max: number; integer?: boolean }
): void {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new CaseInputError(`${path}: must be a number; got ${describe(value)}.`);
  if (type.integer && !Number.isInteger(value))
    throw new CaseInputError(`${path}: must be a whole number; got ${value}.`);
  if (value < type.min || value > type.max)
    throw new CaseInputError(`${path}: must be between ${type.min} and ${type.max}; got ${value}.`);
}

function checkObject(path: string, value: Json, fields: readonly CaseField[]): void {
  if (!isObject(value))
    throw new CaseInputError(
      `${path || "the case file"}: must be an object { … }; got ${describe(value)}.`
    );
  const keys = fields.map((f) => f.key);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      const name = path ? `${path}.${key}` : key;
      throw new CaseInputError(
        `${name}: unknown key.${suggestion(key, keys)} Keys here: ${keys.join(", ")}.`
      );
    }
  }
  for (const field of fields) {
    const name = path ? `${path}.${field.key}` : field.key;
    if (value[field.key] === undefined) {
      if (field.required) throw new CaseInputError(`${name}: is required.`);
      continue;
    }
    checkField(name, value[field.key], field.type);
  }
}

function checkField(path: string, value: Json, type: FieldType): void {
  switch (type.kind) {
    case "string":
      if (typeof value !== "string" || value.trim() === "")
        throw new CaseInputError(`${path}: must be text; got ${describe(value)}.`);
      if (value.length > type.maxLength)
        throw new CaseInputError(
          `${path}: at most ${type.maxLength} characters; got ${value.length}.`
        );
      return;
    case "number":
      return checkNumber(path, value, type);
    case "enum":
      if (typeof value !== "string" || !type.values.includes(value))
        throw new CaseInputError(
          `${path}: must be one of ${type.values.join(", ")}; got ${describe(value)}.`
        );
      return;
    case "numbers":
      if (!Array.isArray(value))
        throw new CaseInputError(
          `${path}: must be a list of numbers [ … ]; got ${describe(value)}.`
        );
      if (value.length > type.maxItems || value.length < (type.minItems ?? 0))
        throw new CaseInputError(
          `${path}: needs ${type.minItems ?? 0} to ${type.maxItems} numbers; got ${value.length}.`
        );
      value.forEach((item, i) => checkNumber(`${path}[${i}]`, item, type));
      return;
    case "objects":
      if (!Array.isArray(value))
        throw new CaseInputError(`${path}: must be a list [ { … } ]; got ${describe(value)}.`);
      if (value.length > type.maxItems)
        throw new CaseInputError(`${path}: at most ${type.maxItems} lines; got ${value.length}.`);
      value.forEach((item, i) => checkObject(`${path}[${i}]`, item, type.fields));
      return;
    case "object":
      return checkObject(path, value, type.fields);
    case "record":
      if (!isObject(value))
        throw new CaseInputError(
          `${path}: must be an object of metric name → value; got ${describe(value)}.`
        );
      if (Object.keys(value).length > type.maxItems)
        throw new CaseInputError(`${path}: at most ${type.maxItems} metrics.`);
      for (const [key, item] of Object.entries(value)) checkNumber(`${path}.${key}`, item, type);
      return;
  }
}

export interface CaseCost {
  name: string;
  kind: "one-off" | "recurring";
  amount?: number;
  year?: number;
  amounts?: number[];
  risk?: number;
  low?: number;
  high?: number;
}

/** A checked case file. */
export interface CaseInputs {
  industry?: string;
  currency?: string;
  horizon?: number;
  discountRate?: number;
  kpi?: Partial<{
    name: string;
    unit: string;
    direction: "higher" | "lower";
    before: number;
    after: number;
    volume: number;
    unitValue: number;
    attribution: number;
    confidence: number;
    risk: number;
    rampUp: number[];
  }>;
  measurements?: { before?: number[]; after?: number[] };
  benefits?: { name: string; annual: number; risk?: number; rampUp?: number[] }[];
  costs?: CaseCost[];
  monteCarlo?: Partial<{
    trials: number;
    seed: number;
    kpiChange: FactorRange;
    volume: FactorRange;
    unitValue: FactorRange;
  }>;
  metrics?: Record<string, number>;
}

/** Checks parsed JSON against CASE_FIELDS and the rules between keys; throws CaseInputError. */
export function parseCaseInputs(json: Json): CaseInputs {
  checkObject("", json, CASE_FIELDS);
  const value = json as CaseInputs;
  const horizon = value.horizon;
  const years = (path: string, count: number, limit: number | undefined, what: string): void => {
    if (horizon !== undefined && limit !== undefined && count > limit)
      throw new CaseInputError(
        `${path}: has ${count} ${what} but the horizon is ${horizon} years.`
      );
  };
  years("kpi.rampUp", value.kpi?.rampUp?.length ?? 0, horizon, "years");
  value.benefits?.forEach((b, i) =>
    years(`benefits[${i}].rampUp`, b.rampUp?.length ?? 0, horizon, "years")
  );
  if (value.costs !== undefined && value.costs.length === 0)
    throw new CaseInputError("costs: needs at least one cost line.");
  value.costs?.forEach((cost, i) => {
    const path = `costs[${i}]`;
    if (cost.amounts !== undefined && (cost.amount !== undefined || cost.year !== undefined))
      throw new CaseInputError(`${path}: give amounts, or amount (and year), not both.`);
    if (cost.amounts === undefined && cost.amount === undefined)
      throw new CaseInputError(`${path}.amount: is required (or give amounts).`);
    if (cost.kind === "recurring" && cost.year !== undefined)
      throw new CaseInputError(`${path}.year: only for a one-off cost.`);
    years(
      `${path}.amounts`,
      cost.amounts?.length ?? 0,
      horizon === undefined ? undefined : horizon + 1,
      "years"
    );
    if (horizon !== undefined && cost.year !== undefined && cost.year > horizon)
      throw new CaseInputError(`${path}.year: is ${cost.year}, after the ${horizon}-year horizon.`);
    if ((cost.low ?? 0.95) > 1 || (cost.high ?? 1.25) < 1)
      throw new CaseInputError(`${path}: needs low ≤ 1 ≤ high (multiples of the line).`);
  });
  for (const key of ["kpiChange", "volume", "unitValue"] as const) {
    const r = value.monteCarlo?.[key];
    if (r && !(r.low <= 1 && r.high >= 1))
      throw new CaseInputError(
        `monteCarlo.${key}: needs low ≤ 1 ≤ high (multiples of the model's value); got ${r.low}, ${r.high}.`
      );
  }
  const m = value.measurements;
  if (m && (m.before === undefined) !== (m.after === undefined))
    throw new CaseInputError("measurements: give both before and after.");
  return value;
}

function costLine(cost: CaseCost, horizon: number): RoiCostInput {
  const amounts =
    cost.amounts ??
    Array.from({ length: horizon + 1 }, (_, t) =>
      cost.kind === "recurring"
        ? t === 0
          ? 0
          : (cost.amount ?? 0)
        : t === (cost.year ?? 0)
          ? (cost.amount ?? 0)
          : 0
    );
  return { name: cost.name, kind: cost.kind, amounts, risk: cost.risk ?? 0 };
}

/** The ROI inputs with the case file applied on top of `sample`. */
export function applyCase(sample: RoiInputs, value: CaseInputs): RoiInputs {
  const horizon = value.horizon ?? sample.horizon;
  const k = value.kpi ?? {};
  const mc = value.monteCarlo ?? {};
  return {
    ...sample,
    horizon,
    discountRate: value.discountRate ?? sample.discountRate,
    kpi: k.name ?? sample.kpi,
    unit: k.unit ?? sample.unit,
    direction: k.direction ?? sample.direction,
    before: k.before ?? sample.before,
    after: k.after ?? sample.after,
    volume: k.volume ?? sample.volume,
    unitValue: k.unitValue ?? sample.unitValue,
    attribution: k.attribution ?? sample.attribution,
    confidence: k.confidence ?? sample.confidence,
    kpiRisk: k.risk ?? sample.kpiRisk,
    kpiRampUp: k.rampUp ?? sample.kpiRampUp,
    benefits: value.benefits
      ? value.benefits.map((b) => ({
          name: b.name,
          annual: b.annual,
          risk: b.risk ?? 0,
          rampUp: b.rampUp ?? [],
        }))
      : sample.benefits,
    costs: value.costs ? value.costs.map((c) => costLine(c, horizon)) : sample.costs,
    costRanges: value.costs
      ? value.costs.map((c) => ({ low: c.low ?? 0.95, high: c.high ?? 1.25 }))
      : sample.costRanges,
    beforeSamples: value.measurements?.before ?? sample.beforeSamples,
    afterSamples: value.measurements?.after ?? sample.afterSamples,
    ranges: {
      kpiChange: mc.kpiChange ?? sample.ranges.kpiChange,
      volume: mc.volume ?? sample.ranges.volume,
      unitValue: mc.unitValue ?? sample.ranges.unitValue,
    },
    trials: mc.trials ?? sample.trials,
    seed: mc.seed ?? sample.seed,
  };
}

/** The README's key table: one row per key, generated from CASE_FIELDS. */
export function caseKeyTable(): string {
  const rows: string[] = ["| Key | Type | Range | Description |", "| --- | --- | --- | --- |"];
  const walk = (fields: readonly CaseField[], prefix: string): void => {
    for (const field of fields) {
      const key = `${prefix}${field.key}`;
      const t = field.type;
      const [type, span] =
        t.kind === "string"
          ? ["text", `≤ ${t.maxLength} chars`]
          : t.kind === "number"
            ? [t.integer ? "integer" : "number", `${t.min} to ${t.max}`]
            : t.kind === "enum"
              ? ["text", t.values.join(" / ")]
              : t.kind === "numbers"
                ? ["list of numbers", `${t.min} to ${t.max}, ≤ ${t.maxItems} items`]
                : t.kind === "objects"
                  ? ["list of objects", `≤ ${t.maxItems}`]
                  : t.kind === "record"
                    ? ["object: name → number", `≤ ${t.maxItems} entries`]
                    : ["object", ""];
      rows.push(
        `| \`${key}\`${field.required ? " (required)" : ""} | ${type} | ${span} | ${field.description} |`
      );
      if (t.kind === "object") walk(t.fields, `${key}.`);
      if (t.kind === "objects") walk(t.fields, `${key}[].`);
    }
  };
  walk(CASE_FIELDS, "");
  return rows.join("\n");
}
