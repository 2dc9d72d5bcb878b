/**
 * BENCH reference functions: METRIC, PERCENTILE, GAP, INDUSTRIES, METRICS, PRACTICES, SIMILARITY.
 * Thin wrappers: argument coercion (./args), the active library (../reference/activeLibrary: the
 * workbook's `Crossbench Reference` table over the bundled library, cached in the shared runtime) and the
 * pure maths (../core/benchmarking). Bundled figures are an illustrative sample — replace with your sources.
 */
import {
  percentilePosition,
  gapToTarget,
  industrySimilarity,
  rawQuantileForTarget,
  DistributionPoint,
} from "../core/benchmarking";
import { notAvailable, valueError } from "../core/errors";
import { getActiveLibrary, getActiveProfile, whenWorkbookLoaded } from "../reference/activeLibrary";
import { findPractices } from "../reference/practiceSearch";
import { QUANTILES, ReferenceValue } from "../reference/model";
import { ensureReferenceTableSync } from "../excel/referenceTable";
import { optionalWord, requiredNumber } from "./args";
import { excelResultAsync } from "./errors";

const STATISTIC_NAMES = [
  "p10",
  "p25",
  "median",
  "p75",
  "p90",
  "mean",
  "value",
  "n",
  "unit",
  "direction",
  "source",
  "year",
  "licence",
  "illustrative",
  "region",
  "source_url",
  "notes",
];

/** Optional text argument in the user's own spelling (args.optionalWord validates it but lower-cases it). */
function textArg(value: unknown, argName: string): string | undefined {
  if (optionalWord(value, argName) === undefined) return undefined;
  let raw = value;
  while (Array.isArray(raw)) raw = raw[0];
  return String(raw).trim();
}

function requiredText(value: unknown, argName: string): string {
  const text = textArg(value, argName);
  if (text === undefined || text === "") throw valueError(`${argName} is required.`);
  return text;
}

/** One statistic of a reference entry, as the METRIC function returns it. */
export function statisticOf(entry: ReferenceValue, statistic: string): number | string | boolean {
  const key = statistic.replace(/\s+/g, "").toLowerCase();
  const describe = `"${entry.metric}" for "${entry.industry}"`;
  switch (key) {
    case "p10":
    case "p25":
    case "p75":
    case "p90":
    case "mean":
    case "value": {
      const figure = entry.statistics[key];
      if (figure === undefined)
        throw notAvailable(`The reference publishes no ${key} for ${describe}.`);
      return figure;
    }
    case "median":
    case "p50": {
      const figure = entry.statistics.median ?? entry.statistics.value;
      if (figure === undefined)
        throw notAvailable(
          `The reference publishes neither a median nor a single value for ${describe}.`
        );
      return figure;
    }
    case "n":
      if (entry.n === undefined)
        throw notAvailable(`The reference gives no sample size for ${describe}.`);
      return entry.n;
    case "year":
      if (entry.year === undefined)
        throw notAvailable(`The reference gives no year for ${describe}.`);
      return entry.year;
    case "unit":
      return entry.unit;
    case "direction":
      return entry.direction;
    case "source":
      return entry.source;
    case "licence":
    case "license":
      return entry.licence ?? "";
    case "illustrative":
      return entry.illustrative;
    case "region":
      return entry.region;
    case "source_url":
    case "sourceurl":
    case "url":
      return entry.sourceUrl ?? "";
    case "notes":
      return entry.notes ?? "";
    default:
      throw valueError(
        `Unknown statistic "${statistic}". Use one of: ${STATISTIC_NAMES.join(", ")}.`
      );
  }
}

function publishedPoints(entry: ReferenceValue): DistributionPoint[] {
  return QUANTILES.filter((q) => entry.statistics[q.key] !== undefined).map((q) => ({
    level: q.level,
    value: entry.statistics[q.key] as number,
  }));
}

/** The active library, once the workbook's reference table (if any) has been read into it. */
async function loadedLibrary(): Promise<ReturnType<typeof getActiveLibrary>> {
  ensureReferenceTableSync();
  await whenWorkbookLoaded();
  return getActiveLibrary();
}

/** The reference value for an industry and metric named in cells; #N/A with a suggestion if unknown. */
async function referenceEntry(industry: unknown, metricName: unknown): Promise<ReferenceValue> {
  return (await loadedLibrary()).find(
    requiredText(industry, "industry"),
    requiredText(metricName, "metric")
  );
}

async function spill(body: () => unknown[][]): Promise<unknown[][]> {
  const result = await excelResultAsync(async () => {
    await loadedLibrary();
    const rows = body();
    if (rows.length === 0) throw notAvailable("Nothing matches.");
    return rows;
  });
  // Spilling functions report errors by throwing: a returned error would not match their matrix type.
  if (result instanceof CustomFunctions.Error) throw result;
  return result;
}

/**
 * A reference figure for an industry and metric from the active library (the workbook's Crossbench Reference table, then the bundled illustrative sample — replace with your sources).
 * @customfunction METRIC
 * @helpurl https://localhost:3000/help.html#benchmetric
 * @param industry Industry name, e.g. "Retail" (case and spaces ignored).
 * @param metric Metric name, e.g. "Gross margin".
 * @param [statistic] p10, p25, median (default), p75, p90, mean, value, n, unit, direction, source, year, licence or illustrative.
 * @returns The figure; percentages are fractions (0.35 = 35 %).
 */
export async function metric(
  industry: unknown,
  metric: unknown,
  statistic?: unknown
): Promise<unknown> {
  return excelResultAsync(async () => {
    const entry = await referenceEntry(industry, metric);
    return statisticOf(entry, optionalWord(statistic, "statistic") ?? "median");
  });
}

/**
 * Where a value stands in the reference distribution, 0 to 1, direction-adjusted: 0.9 means better than 90 % of the reference. Bundled figures: illustrative sample — replace with your sources.
 * @customfunction PERCENTILE
 * @helpurl https://localhost:3000/help.html#benchpercentile
 * @param value Your figure, in the metric's unit.
 * @param industry Industry name.
 * @param metric Metric name.
 * @returns Position from 0.10 to 0.90 (held at the outermost published point).
 */
export async function percentile(
  value: unknown,
  industry: unknown,
  metric: unknown
): Promise<unknown> {
  return excelResultAsync(async () => {
    const figure = requiredNumber(value, "value");
    const entry = await referenceEntry(industry, metric);
    return percentilePosition(figure, publishedPoints(entry), entry.direction);
  });
}

/**
 * Distance still to go to a target performance level, in the metric's units; positive = short of it. Bundled figures: illustrative sample — replace with your sources.
 * @customfunction GAP
 * @helpurl https://localhost:3000/help.html#benchgap
 * @param value Your figure, in the metric's unit.
 * @param industry Industry name.
 * @param metric Metric name.
 * @param [target] Performance level to reach: median, p75 (default) or p90. For lower-is-better metrics p75 is the raw p25 figure.
 * @returns Gap in the metric's units.
 */
export async function gap(
  value: unknown,
  industry: unknown,
  metric: unknown,
  target?: unknown
): Promise<unknown> {
  return excelResultAsync(async () => {
    const figure = requiredNumber(value, "value");
    const entry = await referenceEntry(industry, metric);
    const targetName = optionalWord(target, "target") ?? "p75";
    const rawKey = rawQuantileForTarget(targetName, entry.direction);
    const targetFigure =
      rawKey === "median"
        ? (entry.statistics.median ?? entry.statistics.value)
        : entry.statistics[rawKey];
    if (targetFigure === undefined)
      throw notAvailable(
        `The reference publishes no ${rawKey} for "${entry.metric}" in "${entry.industry}", needed for target ${targetName}.`
      );
    return gapToTarget(figure, targetFigure, entry.direction);
  });
}

/**
 * Spills the industries in the active library, e.g. as the source of a data-validation list.
 * @customfunction INDUSTRIES
 * @helpurl https://localhost:3000/help.html#benchindustries
 * @returns One industry per row.
 */
export async function industries(): Promise<unknown[][]> {
  return spill(() =>
    getActiveLibrary()
      .industries()
      .map((name) => [name])
  );
}

/**
 * Spills metric, unit, direction and category for an industry (all metrics when omitted).
 * @customfunction METRICS
 * @helpurl https://localhost:3000/help.html#benchmetrics
 * @param [industry] Industry name.
 * @returns Rows of metric, unit, direction, category.
 */
export async function metrics(industry?: unknown): Promise<unknown[][]> {
  return spill(() =>
    getActiveLibrary()
      .metrics(textArg(industry, "industry"))
      .map((m) => [m.metric, m.unit, m.direction, m.category])
  );
}

/**
 * Spills cross-industry practices that fit a target industry and/or a challenge.
 * @customfunction PRACTICES
 * @helpurl https://localhost:3000/help.html#benchpractices
 * @param [industry] Your industry, e.g. "Restaurants" (one not in the library is taken as your own: every practice is a candidate).
 * @param [challenge] The problem in your words, e.g. "patients miss appointments" or "customers pay late".
 * @returns Rows of source industry, practice, challenge, metrics moved, effort.
 */
export async function practices(industry?: unknown, challenge?: unknown): Promise<unknown[][]> {
  return spill(() => {
    const industryName = textArg(industry, "industry");
    const challengeText = optionalWord(challenge, "challenge");
    // Best answer to the words first; the industry (aliases and codes resolved) filters the targets.
    return findPractices({ industry: industryName, challenge: challengeText }).map((p) => [
      p.sourceIndustry,
      p.practice,
      p.challenge,
      p.metricsMoved.join(", "),
      p.effort,
    ]);
  });
}

/**
 * How alike two industries' metric profiles are, 0 to 1 (z-scored direction-adjusted medians, cosine mapped as (1 + cos) / 2). Bundled figures: illustrative sample — replace with your sources.
 * @customfunction SIMILARITY
 * @helpurl https://localhost:3000/help.html#benchsimilarity
 * @param industry_a First industry.
 * @param industry_b Second industry.
 * @returns Similarity from 0 (opposite) to 1 (same profile).
 */
export async function similarity(industry_a: unknown, industry_b: unknown): Promise<unknown> {
  return excelResultAsync(async () => {
    const library = await loadedLibrary();
    const a = library.resolveIndustry(requiredText(industry_a, "industry_a"));
    const b = library.resolveIndustry(requiredText(industry_b, "industry_b"));
    return industrySimilarity(getActiveProfile(), a, b);
  });
}
