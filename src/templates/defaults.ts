/**
 * The real dependencies of the templates: src/core's calculations and the bundled reference library.
 * Kept apart from the template definitions so tests can pass a fixture library instead.
 */
import { DistributionPoint, percentilePosition, QUANTILE_LEVELS } from "../core/benchmarking";
import { benefit, change, irr, npv, payback, roi } from "../core/finance";
import { ahpConsistencyRatio, ahpWeights, fitScore } from "../core/fit";
import { caseResults } from "../core/businessCase";
import { simulateCase } from "../core/risk";
import { beforeAfterTable } from "../core/statistics";
import { BUNDLED_LIBRARY } from "../reference/bundledLibrary";
import { METRIC_CATALOGUE } from "../reference/catalogue";
import { PRACTICE_LIBRARY } from "../reference/practices";
import type { TemplateLibrary, TemplateMaths } from "./context";
import { findValue } from "./gap";
import type { CellValue } from "./plan";

export const BUNDLED_TEMPLATE_LIBRARY: TemplateLibrary = {
  metrics: METRIC_CATALOGUE,
  values: BUNDLED_LIBRARY,
  practices: PRACTICE_LIBRARY,
};

/** An Error inside BENCH.BEFOREAFTER's table becomes the text of its message in a generated value. */
const cellValue = (value: number | string | Error): CellValue =>
  value instanceof Error ? `n/a: ${value.message}` : value;

export function coreMaths(library: TemplateLibrary): TemplateMaths {
  return {
    npv: (rate, flows) => npv(rate, flows),
    irr: (flows) => irr(flows),
    roi: (benefits, costs) => roi(benefits, costs),
    payback: (flows, rate) => payback(flows, rate),
    benefit: (before, after, volume, unitValue, attribution, confidence, direction) =>
      benefit({ before, after, volume, unitValue, attribution, confidence, direction }),
    change: (before, after, direction) => change(before, after, direction),
    beforeAfter: (before, after, direction) =>
      beforeAfterTable(before, after, direction).map(([label, value]) => [label, cellValue(value)]),
    caseResults: (c) => caseResults(c),
    simulateCase: (inputs, trials, seed) => simulateCase(inputs, trials, seed),
    fit: (ratings, weights, scaleMax) => fitScore(ratings, weights, scaleMax),
    ahpWeights: (pairwise) => ahpWeights(pairwise),
    ahpConsistencyRatio: (pairwise) => ahpConsistencyRatio(pairwise),
    percentile: (value, industry, metric) => {
      const reference = findValue(library.values, industry, metric);
      if (!reference) return undefined;
      const points: DistributionPoint[] = Object.entries(QUANTILE_LEVELS).flatMap(
        ([key, level]) => {
          const figure = reference.statistics[key as keyof typeof reference.statistics];
          return figure === undefined ? [] : [{ level, value: figure }];
        }
      );
      try {
        return percentilePosition(value, points, reference.direction);
      } catch {
        return undefined;
      }
    },
  };
}
