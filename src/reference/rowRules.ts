/**
 * The checks one data row goes through, as small named rules run in order from ROW_RULES. Each rule
 * reads the row's cells (through the field table's kinds), records what it parsed on the row state and
 * reports problems against a field; `buildValue` turns a row without errors into a reference value.
 */
import { CANONICAL_COLUMNS, CanonicalField, CellValue, canonicalColumn } from "./canonical";
import {
  AmbiguityLog,
  NumberContext,
  Say,
  plainInteger,
  quoteCell,
  readBoolean,
  readDirection,
  readInteger,
  readNumber,
  readText,
  readUnit,
} from "./cells";
import { DuplicateIndex } from "./duplicateIndex";
import { startsLikeFormula } from "./textSafety";
import { catalogueMetric } from "./library";
import {
  Direction,
  MetricDefinition,
  QUANTILES,
  ReferenceValue,
  STATISTIC_KEYS,
  Statistics,
  UNITS,
  Unit,
} from "./model";
import type { NumberConvention } from "./numbers";
import type { ImportDefaults } from "./validationReport";

type TextField =
  | "industry"
  | "industry_code"
  | "metric"
  | "unit"
  | "direction"
  | "region"
  | "source"
  | "source_url"
  | "licence"
  | "notes";
const TEXT_FIELDS = CANONICAL_COLUMNS.filter(
  (c) => c.kind === "text" || c.kind === "unit" || c.kind === "direction"
).map((c) => c.field as TextField);

/** Catalogue lookups by metric text, remembered per file (a million rows name few metrics). */
function knownMetric(file: FileContext, metric: string): MetricDefinition | undefined {
  const cache = (file.catalogueCache ??= new Map());
  const cached = cache.get(metric);
  if (cached !== undefined) return cached ?? undefined;
  const found = catalogueMetric(metric);
  if (cache.size < 10_000) cache.set(metric, found ?? null);
  return found;
}

/** Shared by every row of one file. */
export interface FileContext {
  catalogueCache?: Map<string, MetricDefinition | null>;
  /** By TEXT_FIELDS index: the field's last cell that readText took as it is, without a message. */
  cleanText?: string[];
  /** The row being checked, and callbacks bound to it (see sayFor). */
  current?: RowState;
  sayCache?: Map<CanonicalField, Say>;
  numberContexts?: Map<CanonicalField, NumberContext>;
  defaults: ImportDefaults;
  convention: NumberConvention;
  ambiguity: AmbiguityLog;
  /** Duplicate key -> first row that used it. */
  duplicates?: DuplicateIndex;
}

/** One row's cells by field, and how to name a field's column in messages. */
export interface RowInput {
  row: number;
  cell(field: CanonicalField): CellValue;
  label(field: CanonicalField): string;
}

export interface RowState {
  input: RowInput;
  file: FileContext;
  say(field: CanonicalField, severity: "error" | "warning", message: string): void;
  text: Partial<Record<TextField, string>>;
  known?: MetricDefinition;
  unit?: Unit;
  direction?: Direction;
  statistics: Statistics;
  year?: number;
  n?: number;
  illustrative: boolean;
  /** Set by a rule that leaves the row out on purpose (with a warning), e.g. an aggregate row. */
  skipped: boolean;
  /** Set by the quantile rule when a best-to-worst row was put in rising order. */
  reversedQuantiles: boolean;
}

export interface RowRule {
  name: string;
  check(state: RowState): void;
}

function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/**
 * Per-field callbacks made once per file, not once per cell: they act on the row being checked
 * (`file.current`). A million rows would otherwise allocate tens of millions of closures.
 */
function sayFor(state: RowState, field: CanonicalField): Say {
  const cache = (state.file.sayCache ??= new Map());
  let say: Say | undefined = cache.get(field);
  if (!say) {
    const file = state.file;
    say = (severity, message) => file.current?.say(field, severity, message);
    cache.set(field, say);
  }
  return say;
}

function numberContext(state: RowState, field: CanonicalField): NumberContext {
  const cache = (state.file.numberContexts ??= new Map());
  let context: NumberContext | undefined = cache.get(field);
  if (!context) {
    const file = state.file;
    context = {
      convention: file.convention,
      ambiguity: file.ambiguity,
      where: () => `row ${file.current?.input.row}, column ${file.current?.input.label(field)}`,
    };
    cache.set(field, context);
  }
  return context;
}

const readTextFields: RowRule = {
  name: "text fields",
  check(state) {
    // Each field's last cell that read as itself with nothing to say: most columns of a large file
    // repeat their text (source, licence, region ...), and readText is pure apart from what it says.
    const clean = (state.file.cleanText ??= []);
    for (let i = 0; i < TEXT_FIELDS.length; i++) {
      const field = TEXT_FIELDS[i];
      const cell = state.input.cell(field);
      if (cell === null) continue;
      if (cell === clean[i]) {
        state.text[field] = cell;
        continue;
      }
      const text = readText(cell, sayFor(state, field));
      if (text !== undefined) state.text[field] = text;
      if (text === cell && !startsLikeFormula(text)) clean[i] = text;
    }
  },
};

const requiredKeys: RowRule = {
  name: "industry and metric",
  check(state) {
    // A cell that was refused already has its message; "missing" is only for blank cells.
    for (const field of ["industry", "metric"] as const)
      if (!state.text[field] && isBlank(state.input.cell(field)))
        state.say(field, "error", `The ${field} is missing.`);
    if (state.text.metric) state.known = knownMetric(state.file, state.text.metric);
  },
};

// "Total", "All industries", "Average (all settings)", "Median of all firms", "Overall": summaries of
// the other rows, not an industry of their own.
const AGGREGATE_ROW =
  /^(total|totals|grand total|sum|overall|all|all industries|all sectors|all firms|all companies)\b|^(average|mean|median)\b.*\ball\b|\(all\b|^(average|mean|median)$/i;

const aggregateRows: RowRule = {
  name: "aggregate rows",
  check(state) {
    const industry = state.text.industry;
    if (!industry || !AGGREGATE_ROW.test(industry)) return;
    state.skipped = true;
    state.say(
      "industry",
      "warning",
      `${quoteCell(industry)} looks like an aggregate of the other rows, not an industry; the row is not imported.`
    );
  },
};

const unitRule: RowRule = {
  name: "unit",
  check(state) {
    const { known } = state;
    const text = state.text.unit;
    if (text) {
      state.unit = readUnit(text, sayFor(state, "unit"));
      if (state.unit && known && state.unit !== known.unit)
        state.say(
          "unit",
          "warning",
          `"${known.name}" is measured in ${known.unit} in the Crossbench catalogue; this row says ${state.unit}.`
        );
    } else if (known) {
      state.unit = known.unit;
    } else if (state.text.metric) {
      state.say(
        "unit",
        "error",
        `The unit is missing, and ${quoteCell(state.text.metric)} is not a catalogue metric whose unit is known. Use one of: ${UNITS.join(", ")}.`
      );
    }
  },
};

const directionRule: RowRule = {
  name: "direction",
  check(state) {
    const text = state.text.direction;
    if (text) state.direction = readDirection(text, sayFor(state, "direction"));
    else if (state.known) state.direction = state.known.direction;
    else if (state.text.metric)
      state.say(
        "direction",
        "error",
        `The direction is missing, and ${quoteCell(state.text.metric)} is not a catalogue metric. Say "higher" or "lower" (which way is better).`
      );
  },
};

const statisticsRule: RowRule = {
  name: "figures",
  check(state) {
    let anyCell = false;
    for (const key of STATISTIC_KEYS) {
      const cell = state.input.cell(key);
      if (isBlank(cell)) continue;
      anyCell = true;
      const number =
        plainInteger(cell) ?? readNumber(cell, key, numberContext(state, key), sayFor(state, key));
      if (number !== undefined) state.statistics[key] = number;
    }
    if (!anyCell)
      state.say(
        "median",
        "error",
        "The row has no figures: give at least one of p10, p25, median, p75, p90, mean or value."
      );
  },
};

/** The common case, without allocating: the quantiles present rise (or stay level). */
function quantilesRise(statistics: Statistics): boolean {
  let previous = -Infinity;
  for (const { key } of QUANTILES) {
    const value = statistics[key];
    if (value === undefined) continue;
    if (value < previous) return false;
    previous = value;
  }
  return true;
}

/**
 * Quantiles must rise. Statement studies print lower-is-better ratios best-to-worst (the "upper
 * quartile" is the lowest figure); a row that falls throughout is accepted for a lower-is-better metric
 * and stored in rising order, with a warning saying so.
 */
const quantileOrder: RowRule = {
  name: "quantile order",
  check(state) {
    if (quantilesRise(state.statistics)) return;
    const present = QUANTILES.filter((q) => state.statistics[q.key] !== undefined);
    const values = present.map((q) => state.statistics[q.key] as number);
    const rises = values.every((v, i) => i === 0 || v >= values[i - 1]);
    if (rises) return;
    const falls = values.every((v, i) => i === 0 || v <= values[i - 1]);
    if (falls && state.direction === "lower") {
      const sorted = [...values].reverse();
      present.forEach((q, i) => (state.statistics[q.key] = sorted[i]));
      state.reversedQuantiles = true;
      state.say(
        present[0].key,
        "warning",
        `The quantiles fall from ${present[0].key} to ${present[present.length - 1].key}, as sources print lower-is-better figures best first; stored in rising order (${present.map((q, i) => `${q.key} ${sorted[i]}`).join(", ")}).`
      );
      return;
    }
    for (let i = 1; i < present.length; i++) {
      if (values[i] >= values[i - 1]) continue;
      const hint = falls
        ? ` They fall throughout: if lower is better for this metric, say so in the direction column and the order is accepted.`
        : "";
      state.say(
        present[i].key,
        "error",
        `Quantiles are out of order: ${present[i].key} (${values[i]}) is below ${present[i - 1].key} (${values[i - 1]}); they must rise p10 ≤ p25 ≤ median ≤ p75 ≤ p90.${hint}`
      );
      if (falls) return;
    }
  },
};

const percentScale: RowRule = {
  name: "percent scale",
  check(state) {
    if (state.unit !== "%") return;
    const whole = Object.entries(state.statistics).find(([, v]) => Math.abs(v as number) > 1.5);
    if (whole)
      state.say(
        whole[0] as CanonicalField,
        "warning",
        `${whole[0]} is ${whole[1]} for a percentage; Crossbench stores percentages as fractions (35 % = 0.35). Check the figure is not a whole-number percent.`
      );
  },
};

function integerRule(field: "n" | "year"): RowRule {
  const range = canonicalColumn(field).range as { min: number; max: number };
  const label = field === "n" ? "The sample size n" : "The year";
  return {
    name: field,
    check(state) {
      const value = readInteger(
        state.input.cell(field),
        label,
        range,
        numberContext(state, field),
        sayFor(state, field)
      );
      if (value !== undefined) state[field] = value;
    },
  };
}

const sourceRule: RowRule = {
  name: "source",
  check(state) {
    if (!(state.text.source ?? state.file.defaults.source))
      state.say(
        "source",
        "error",
        "The source is missing: say where the figures come from (survey, publisher, your own data)."
      );
    const url = state.text.source_url ?? state.file.defaults.sourceUrl;
    if (url && !/^https?:\/\/\S+$/i.test(url))
      state.say(
        "source_url",
        "warning",
        `The source URL ${quoteCell(url)} is not an http(s) link.`
      );
  },
};

const illustrativeRule: RowRule = {
  name: "illustrative",
  check(state) {
    const flag = readBoolean(
      state.input.cell("illustrative"),
      "illustrative",
      sayFor(state, "illustrative")
    );
    state.illustrative = flag ?? state.file.defaults.illustrative ?? false;
  },
};

const duplicates: RowRule = {
  name: "duplicates",
  check(state) {
    const { industry, metric } = state.text;
    if (!industry || !metric || state.skipped) return;
    const first = (state.file.duplicates ??= new DuplicateIndex()).firstRow(
      industry,
      metric,
      state.year ?? state.file.defaults.year,
      regionOf(state),
      state.input.row
    );
    if (first !== undefined && first !== state.input.row)
      state.say(
        "industry",
        "error",
        `Duplicate of row ${first}: the same industry × metric × year × region appears twice.`
      );
  },
};

export const ROW_RULES: readonly RowRule[] = [
  readTextFields,
  requiredKeys,
  aggregateRows,
  unitRule,
  directionRule,
  statisticsRule,
  quantileOrder,
  percentScale,
  integerRule("n"),
  integerRule("year"),
  sourceRule,
  illustrativeRule,
  duplicates,
];

function regionOf(state: RowState): string {
  return state.text.region ?? state.file.defaults.region ?? "";
}

export function newRowState(input: RowInput, file: FileContext, say: RowState["say"]): RowState {
  return {
    input,
    file,
    say,
    text: {},
    statistics: {},
    illustrative: false,
    skipped: false,
    reversedQuantiles: false,
  };
}

/** Runs every rule over a row. */
export function checkRowRules(state: RowState, rules: readonly RowRule[] = ROW_RULES): RowState {
  state.file.current = state;
  for (const rule of rules) rule.check(state);
  return state;
}

/** The reference value of a row whose rules found no error. */
export function buildValue(state: RowState): ReferenceValue | undefined {
  const { text, known, unit, direction, file } = state;
  const source = text.source ?? file.defaults.source;
  if (!text.industry || !text.metric || !unit || !direction || !source) return undefined;
  const year = state.year ?? file.defaults.year;
  const sourceUrl = text.source_url ?? file.defaults.sourceUrl;
  const licence = text.licence ?? file.defaults.licence;
  // Assigned in the canonical order rather than spread: this runs once per row of a large file.
  const value = { industry: text.industry } as ReferenceValue;
  if (text.industry_code) value.industryCode = text.industry_code;
  value.metric =
    known && known.name.toLowerCase() === text.metric.toLowerCase() ? known.name : text.metric;
  value.unit = unit;
  value.direction = direction;
  value.region = regionOf(state);
  if (year !== undefined) value.year = year;
  value.statistics = state.statistics;
  if (state.n !== undefined) value.n = state.n;
  value.source = source;
  if (sourceUrl) value.sourceUrl = sourceUrl;
  if (licence) value.licence = licence;
  if (text.notes) value.notes = text.notes;
  value.illustrative = state.illustrative;
  return value;
}
