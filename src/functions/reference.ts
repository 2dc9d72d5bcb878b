/**
 * BENCH reference functions: METRIC, PERCENTILE, GAP, INDUSTRIES, METRICS, PRACTICES, SIMILARITY.
 * Thin wrappers: each runs its body from the registry (./benchRegistry, over ./benchReference: argument
 * coercion, the active library, the pure maths), the one "Explain this cell" runs too; ./errors turns
 * failures into Excel errors.
 * Bundled figures are an illustrative sample — replace with your sources.
 */
import { BENCH_SPECS } from "./benchRegistry";
import { excelResultAsync, excelSpillAsync } from "./errors";

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
  return excelResultAsync(() => BENCH_SPECS.METRIC.evaluate([industry, metric, statistic]));
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
  return excelResultAsync(() => BENCH_SPECS.PERCENTILE.evaluate([value, industry, metric]));
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
  return excelResultAsync(() => BENCH_SPECS.GAP.evaluate([value, industry, metric, target]));
}

/**
 * Spills the industries in the active library, e.g. as the source of a data-validation list.
 * @customfunction INDUSTRIES
 * @helpurl https://localhost:3000/help.html#benchindustries
 * @returns One industry per row.
 */
export async function industries(): Promise<unknown[][]> {
  return excelSpillAsync(() => BENCH_SPECS.INDUSTRIES.evaluate([]));
}

/**
 * Spills metric, unit, direction and category for an industry (all metrics when omitted).
 * @customfunction METRICS
 * @helpurl https://localhost:3000/help.html#benchmetrics
 * @param [industry] Industry name.
 * @returns Rows of metric, unit, direction, category.
 */
export async function metrics(industry?: unknown): Promise<unknown[][]> {
  return excelSpillAsync(() => BENCH_SPECS.METRICS.evaluate([industry]));
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
  return excelSpillAsync(() => BENCH_SPECS.PRACTICES.evaluate([industry, challenge]));
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
  return excelResultAsync(() => BENCH_SPECS.SIMILARITY.evaluate([industry_a, industry_b]));
}
