/**
 * Gap analysis template: one row per metric with your value, your industry's distribution, the best
 * other industry, your percentile, the gap to the target level and a priority flag.
 */
import type { MetricDefinition, ReferenceValue } from "../reference/model";
import { ILLUSTRATIVE_NOTICE, normaliseName, QUANTILES } from "../reference/model";
import {
  bench,
  FORMAT,
  formula,
  header,
  input,
  note,
  purpose,
  quoted,
  sectionRow,
  text,
  title,
} from "./cells";
import { TemplateContext, userMetricValue } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { columnLetter } from "./plan";
import { abs, at, SheetRows } from "./sheet";

/** Number format for a metric's unit (percentages are stored as fractions). */
export function formatForUnit(unit: string): string {
  switch (unit) {
    case "%":
      return FORMAT.percent;
    case "count":
      return FORMAT.integer;
    case "currency per unit":
      return FORMAT.currency;
    default:
      return FORMAT.number;
  }
}

/** The value a metric's figure holds as "the middle": the median, else the single published value. */
const middle = (value: ReferenceValue): number | undefined =>
  value.statistics.median ?? value.statistics.value;

/** Picks the most recent value for an industry × metric (ties: the first listed). */
export function findValue(
  values: readonly ReferenceValue[],
  industry: string,
  metric: string
): ReferenceValue | undefined {
  const wantIndustry = normaliseName(industry);
  const wantMetric = normaliseName(metric);
  let best: ReferenceValue | undefined;
  for (const value of values) {
    if (
      normaliseName(value.industry) !== wantIndustry ||
      normaliseName(value.metric) !== wantMetric
    )
      continue;
    if (!best || (value.year ?? 0) > (best.year ?? 0)) best = value;
  }
  return best;
}

/** The best other industry's middle figure for a metric, direction-adjusted. */
export function bestOtherIndustry(
  values: readonly ReferenceValue[],
  metric: MetricDefinition,
  ownIndustry: string
): { industry: string; value: number } | undefined {
  const own = normaliseName(ownIndustry);
  let best: { industry: string; value: number } | undefined;
  for (const value of values) {
    if (
      normaliseName(value.metric) !== normaliseName(metric.name) ||
      normaliseName(value.industry) === own
    )
      continue;
    const figure = middle(value);
    if (figure === undefined) continue;
    const better =
      !best || (metric.direction === "higher" ? figure > best.value : figure < best.value);
    if (better) best = { industry: value.industry, value: figure };
  }
  return best;
}

/**
 * BENCH.PERCENTILE as a native formula over the published points in the row, with src/core's rules:
 * linear between points, held at the outermost point beyond them, the middle level where several points
 * share the value, and 1 - x for lower-is-better metrics. Built at generation time from the points that
 * exist; undefined when fewer than two are published.
 */
export function percentileFormula(
  valueCell: string,
  points: { cell: string; figure: number; level: number }[],
  direction: "higher" | "lower"
): string | undefined {
  if (points.length < 2) return undefined;
  const sorted = [...points].sort((a, b) => a.level - b.level);
  const groups: { cell: string; figure: number; low: number; high: number }[] = [];
  for (const point of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.figure === point.figure) last.high = point.level;
    else
      groups.push({ cell: point.cell, figure: point.figure, low: point.level, high: point.level });
  }
  const level = (x: number): string => String(Math.round(x * 1e6) / 1e6);
  const v = valueCell;
  let expression = level(groups[groups.length - 1].high);
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    const below =
      g === 0
        ? level(group.low)
        : `${level(groups[g - 1].high)}+${level(group.low - groups[g - 1].high)}*(${v}-${groups[g - 1].cell})/(${group.cell}-${groups[g - 1].cell})`;
    expression = `IF(${v}<${group.cell},${below},IF(${v}=${group.cell},${level((group.low + group.high) / 2)},${expression}))`;
  }
  return direction === "lower" ? `=1-${expression}` : `=${expression}`;
}

/** A plausible sample "your value" between the industry's p25 and p75 (clearly labelled as a sample). */
function sampleValue(value: ReferenceValue | undefined, index: number): number | null {
  const p25 = value?.statistics.p25;
  const p75 = value?.statistics.p75;
  const mid = value ? middle(value) : undefined;
  if (p25 !== undefined && p75 !== undefined) {
    const position = ((index * 37) % 100) / 100;
    const raw = p25 + (p75 - p25) * position;
    const magnitude = Math.abs(raw) >= 100 ? 1 : Math.abs(raw) >= 1 ? 100 : 10000;
    return Math.round(raw * magnitude) / magnitude;
  }
  return mid ?? null;
}

export function gapTemplate(context: TemplateContext): SheetPlan {
  const { library, industry, maths } = context;
  const portable = context.mode === "portable";
  const metrics = library.metrics;
  const industries = [...new Set(library.values.map((v) => v.industry))].sort((a, b) =>
    a.localeCompare(b)
  );
  const sheet = new SheetRows();
  const columns = [
    "Metric",
    "Category",
    "Unit",
    "Better when",
    "Your value",
    "P10",
    "P25",
    "Median",
    "P75",
    "P90",
    "Top quartile",
    "Best other industry",
    "Its median",
    "Your percentile",
    "Gap to target",
    "Priority",
  ];
  const width = columns.length;
  const listColumn = width + 2; // drop-down lists sit to the right, past a spacer column

  sheet.add([title("Gap analysis")]);
  sheet.add([
    purpose(
      "Shows where you stand against your industry and the best other industry on each metric, and which gaps to close first."
    ),
  ]);
  const illustrative = library.values.some((v) => v.illustrative);
  sheet.add([
    illustrative
      ? { value: `Reference figures: ${ILLUSTRATIVE_NOTICE}.`, style: "warning" }
      : note("Reference figures from your library; see the Reference sheet for sources."),
  ]);
  const industryRow = sheet.add([text("Your industry"), input(industry)]);
  const targetRow = sheet.add([
    text("Target level (median, p75 or p90)"),
    input(context.preferences?.targetPercentile ?? "p75"),
  ]);
  sheet.add([
    note(
      portable
        ? `Sample "your value" figures: replace them. Reference figures are for ${industry} as generated (open in Excel with Crossbench, or use --formulas bench, for figures that follow the industry cell).`
        : 'Sample "your value" figures: replace them. Reference figures follow the industry cell (BENCH.METRIC).'
    ),
  ]);
  sheet.add(sectionRow("Metrics", width));
  const headerRow = sheet.add(columns.map((c) => header(c)));
  const firstDataRow = sheet.next;
  const industryCell = abs(1, industryRow);
  const targetCell = abs(1, targetRow);

  metrics.forEach((metric, index) => {
    const row = sheet.next;
    const value = findValue(library.values, industry, metric.name);
    const format = formatForUnit(metric.unit);
    const metricCell = `$A${row}`;
    const statisticCell = (key: string): PlanCell => {
      const figure = value?.statistics[key as keyof ReferenceValue["statistics"]];
      return bench(
        {
          formula: `=IFERROR(BENCH.METRIC(${industryCell},${metricCell},${quoted(key)}),"")`,
          portable: { value: figure ?? null },
          cached: figure ?? null,
        },
        format
      );
    };
    const quantileCells = QUANTILES.map((q) => statisticCell(q.key));
    const best = bestOtherIndustry(library.values, metric, industry);
    const yourValue = userMetricValue(context, metric.name) ?? sampleValue(value, index);
    const v = at(4, row);
    const points = QUANTILES.flatMap((q, i) => {
      const figure = value?.statistics[q.key];
      return figure === undefined ? [] : [{ cell: at(5 + i, row), figure, level: q.level }];
    });
    const portablePercentile = percentileFormula(v, points, metric.direction);
    const cachedPercentile =
      yourValue === null ? null : maths.percentile(yourValue, industry, metric.name);
    const pick = (lowerIsBetter: string, higherIsBetter: string): string =>
      metric.direction === "lower" ? lowerIsBetter : higherIsBetter;
    const gapPortable =
      `=IF(${v}="","",IFERROR(IF(${targetCell}="median",${pick(`${v}-${at(7, row)}`, `${at(7, row)}-${v}`)},` +
      `IF(${targetCell}="p90",${pick(`${v}-${at(5, row)}`, `${at(9, row)}-${v}`)},${pick(`${v}-${at(6, row)}`, `${at(8, row)}-${v}`)})),""))`;
    sheet.add([
      input(metric.name),
      text(metric.category),
      text(metric.unit),
      text(metric.direction),
      input(yourValue, format),
      ...quantileCells,
      formula(`=IF(${at(3, row)}="lower",${at(6, row)},${at(8, row)})`, format),
      text(best?.industry ?? ""),
      bench(
        {
          formula: best
            ? `=IFERROR(BENCH.METRIC(${at(11, row)},${metricCell},"median"),"")`
            : '=""',
          portable: { value: best?.value ?? null },
          cached: best?.value ?? null,
        },
        format
      ),
      bench(
        {
          formula: `=IF(${v}="","",BENCH.PERCENTILE(${v},${industryCell},${metricCell}))`,
          portable: portablePercentile
            ? { formula: `=IF(${v}="","",${portablePercentile.slice(1)})` }
            : { value: "n/a: fewer than two published points" },
          cached: cachedPercentile ?? null,
        },
        FORMAT.percent,
        "key"
      ),
      bench(
        {
          formula: `=IF(${v}="","",BENCH.GAP(${v},${industryCell},${metricCell},${targetCell}))`,
          portable: { formula: gapPortable },
        },
        format,
        "key"
      ),
      formula(
        `=IF(ISNUMBER(${at(13, row)}),IF(${at(13, row)}<0.25,"High",IF(${at(13, row)}<0.5,"Medium","Low")),"")`,
        "General",
        "key"
      ),
    ]);
  });
  const lastDataRow = sheet.next - 1;
  sheet.add();
  sheet.add([
    note(
      "Percentile: 0.9 means better than 90% of the industry, whichever way the metric is better. Gap: how far you still are from the target level, in the metric's units (positive = short of it). Priority: High below the 25th percentile, Medium below the median."
    ),
  ]);

  // Drop-down lists, to the right of the table.
  const lists: PlanCell[][] = [];
  const listLength = Math.max(industries.length, metrics.length);
  for (let i = 0; i < listLength + 1; i++) {
    lists.push(
      i === 0
        ? [header("Industries (drop-down list)"), header("Metrics (drop-down list)")]
        : [
            industries[i - 1] !== undefined ? text(industries[i - 1], "note") : { value: null },
            metrics[i - 1] !== undefined ? text(metrics[i - 1].name, "note") : { value: null },
          ]
    );
  }
  const listTop = headerRow;
  const industriesList = `$${columnLetter(listColumn)}$${listTop + 1}:$${columnLetter(listColumn)}$${listTop + Math.max(1, industries.length)}`;
  const metricsList = `$${columnLetter(listColumn + 1)}$${listTop + 1}:$${columnLetter(listColumn + 1)}$${listTop + Math.max(1, metrics.length)}`;
  const dataSpan = (column: number): string =>
    `${at(column, firstDataRow)}:${at(column, Math.max(firstDataRow, lastDataRow))}`;

  return {
    key: "gap",
    name: "Gap analysis",
    purpose: String(sheet.rows[1][0]?.value ?? ""),
    blocks: [
      { at: "A1", rows: sheet.rows },
      { at: at(listColumn, listTop), rows: lists },
    ],
    columnWidths: [30, 18, 12, 10, 12, 10, 10, 10, 10, 10, 12, 22, 12, 12, 12, 10, 3, 24, 30],
    validations: [
      {
        range: at(1, industryRow),
        kind: "list",
        source: `=${industriesList}`,
        prompt: "Pick your industry from the library",
      },
      {
        range: at(1, targetRow),
        kind: "list",
        source: "median,p75,p90",
        prompt: "The performance level you aim for",
      },
      ...(metrics.length > 0
        ? [
            {
              range: dataSpan(0),
              kind: "list" as const,
              source: `=${metricsList}`,
              prompt: "A metric from the library",
            },
          ]
        : []),
    ],
    conditionalFormats:
      metrics.length > 0
        ? [
            {
              range: dataSpan(15),
              operator: "equal",
              formula1: '"High"',
              fill: "#F8CBAD",
              fontColor: "#9C0006",
            },
            {
              range: dataSpan(15),
              operator: "equal",
              formula1: '"Medium"',
              fill: "#FFEB9C",
              fontColor: "#9C5700",
            },
            { range: dataSpan(13), operator: "lessThan", formula1: "0.25", fill: "#FCE4D6" },
          ]
        : [],
    protect: true,
    freeze: { rows: headerRow, columns: 1 },
  };
}
