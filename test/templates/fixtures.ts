/** A small reference library for template tests, and a generated one with many metrics for size tests. */
import { ReferenceValue, MetricDefinition, Practice } from "../../src/reference/model";
import type { TemplateLibrary } from "../../src/templates/context";
import { BUNDLED_TEMPLATE_LIBRARY } from "../../src/templates/defaults";

function value(
  industry: string,
  metric: MetricDefinition,
  median: number,
  spread: number
): ReferenceValue {
  return {
    industry,
    metric: metric.name,
    unit: metric.unit,
    direction: metric.direction,
    region: "",
    year: 2025,
    statistics: {
      p10: median - 2 * spread,
      p25: median - spread,
      median,
      p75: median + spread,
      p90: median + 2 * spread,
    },
    n: 50,
    source: "Fixture",
    licence: "test",
    illustrative: true,
  };
}

/** `count` metrics × 3 industries, every one with a full distribution. */
export function fixtureLibrary(count = 3): TemplateLibrary {
  const metrics: MetricDefinition[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    name: `Metric ${i + 1}`,
    unit: i % 3 === 0 ? "%" : i % 3 === 1 ? "days" : "score",
    direction: i % 2 === 0 ? "higher" : "lower",
    category: "operations/quality",
    definition: "test metric",
  }));
  const industries = ["Alpha", "Beta", "Gamma"];
  const values = industries.flatMap((industry, k) =>
    metrics.map((m, i) =>
      m.unit === "%" ? value(industry, m, 0.4 + 0.05 * k, 0.05) : value(industry, m, 10 + i + k, 2)
    )
  );
  const practices: Practice[] = [
    BUNDLED_TEMPLATE_LIBRARY.practices[0],
    BUNDLED_TEMPLATE_LIBRARY.practices[1],
  ].map((p) => ({ ...p, targetIndustries: ["Alpha"] }));
  return { metrics, values, practices };
}
