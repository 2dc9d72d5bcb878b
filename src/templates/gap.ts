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
import { TemplateContext } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { columnLetter } from "./plan";
import { abs, at, SheetRows } from "./sheet";

/** The performance levels a gap analysis can aim for; the sheet's drop-down lists these. */
export const GAP_TARGET_LEVELS = ["median", "p75", "p90"] as const;

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

/** The metrics the sheet lists: those the industry has figures for, or all of them when asked or when it has none. */
export function gapMetrics(context: TemplateContext): {
  metrics: readonly MetricDefinition[];
  industryHasFigures: boolean;
} {
  const { library, industry } = context;
  const own = library.metrics.filter((m) => findValue(library.values, industry, m.name));
  const industryHasFigures = own.length > 0;
  return {
    metrics: context.gap?.allMetrics || !industryHasFigures ? library.metrics : own,
    industryHasFigures,
  };
}

/** Where a metric's figures come from, with the illustrative label only on illustrative figures. */
function provenance(value: ReferenceValue | undefined, bestIllustrative: boolean): string {
  const parts: string[] = [];
  if (!value) parts.push("no figures for your industry");
  else if (value.illustrative) parts.push(ILLUSTRATIVE_NOTICE);
  else parts.push([value.source, value.year].filter((p) => p !== undefined && p !== "").join(", "));
  if (bestIllustrative && !value?.illustrative)
    parts.push(`best other industry: ${ILLUSTRATIVE_NOTICE}`);
  return parts.join("; ");
}

const COLUMNS = [
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
  "Single value",
  "Figures from",
] as const;
const col = (name: (typeof COLUMNS)[number]): number => COLUMNS.indexOf(name);

export function gapTemplate(context: TemplateContext): SheetPlan {
  const { library, industry, maths } = context;
  const portable = context.mode === "portable";
  const { metrics, industryHasFigures } = gapMetrics(context);
  const industries = [...new Set(library.values.map((v) => v.industry))].sort((a, b) =>
    a.localeCompare(b)
  );
  const sheet = new SheetRows();
  const width = COLUMNS.length;
  const listColumn = width; // drop-down lists sit to the right of the table
  const chartColumn = listColumn + 3; // the chart's data, past the lists and a spacer

  sheet.add([title("Gap analysis")]);
  sheet.add([
    purpose(
      "Shows where you stand against your industry and the best other industry on each metric, and which gaps to close first."
    ),
  ]);
  const shown = metrics.map((m) => findValue(library.values, industry, m.name));
  const illustrativeCount = shown.filter((v) => v?.illustrative).length;
  sheet.add([
    illustrativeCount > 0
      ? {
          value:
            illustrativeCount === shown.length
              ? `Reference figures: ${ILLUSTRATIVE_NOTICE}.`
              : `${illustrativeCount} of ${shown.length} metrics use illustrative figures (see "Figures from"): ${ILLUSTRATIVE_NOTICE}.`,
          style: "warning",
        }
      : note("Reference figures from your library; see the Reference sheet for sources."),
  ]);
  // In portable files the figures are fixed when the file is made, so the industry is shown, not asked.
  const industryRow = sheet.add([
    text("Your industry"),
    portable ? { value: industry, style: "output" } : input(industry),
  ]);
  const targetRow = sheet.add([
    text("Target level (median, p75 or p90)"),
    input(context.preferences?.targetPercentile ?? "p75"),
  ]);
  const own = context.gap?.yourValues;
  const valuesNote = own
    ? '"Your value": your figures.'
    : 'Sample "your value" figures: replace them.';
  sheet.add([
    note(
      (portable
        ? `${valuesNote} Reference figures are for ${industry} as generated (open in Excel with Crossbench, or use --formulas bench, for figures that follow the industry cell).`
        : `${valuesNote} Reference figures follow the industry cell (BENCH.METRIC).`) +
        (industryHasFigures
          ? ""
          : ` The library has no figures for ${industry}: every catalogue metric is listed.`)
    ),
  ]);
  sheet.add(sectionRow("Metrics", width));
  const headerRow = sheet.add(COLUMNS.map((c) => header(c)));
  const firstDataRow = sheet.next;
  const industryCell = abs(1, industryRow);
  const targetCell = abs(1, targetRow);
  const charted: number[] = [];

  metrics.forEach((metric, index) => {
    const row = sheet.next;
    const value = findValue(library.values, industry, metric.name);
    const format = formatForUnit(metric.unit);
    const metricCell = `$A${row}`;
    const c = (name: (typeof COLUMNS)[number]): string => at(col(name), row);
    const statisticCell = (key: keyof ReferenceValue["statistics"]): PlanCell => {
      const figure = value?.statistics[key];
      return bench(
        {
          formula: `=IFNA(BENCH.METRIC(${industryCell},${metricCell},${quoted(key)}),"")`,
          portable: { value: figure ?? null },
          cached: figure ?? null,
        },
        format
      );
    };
    const best = bestOtherIndustry(library.values, metric, industry);
    const bestValue = best
      ? library.values.find(
          (v) =>
            normaliseName(v.industry) === normaliseName(best.industry) &&
            normaliseName(v.metric) === normaliseName(metric.name)
        )
      : undefined;
    const yourValue = own?.[metric.name] ?? (own ? null : sampleValue(value, index));
    const v = c("Your value");
    const points = QUANTILES.flatMap((q, i) => {
      const figure = value?.statistics[q.key];
      return figure === undefined ? [] : [{ cell: at(5 + i, row), figure, level: q.level }];
    });
    const portablePercentile = percentileFormula(v, points, metric.direction);
    if (portablePercentile || !portable) charted.push(row);
    const cachedPercentile =
      yourValue === null ? null : maths.percentile(yourValue, industry, metric.name);
    const lower = metric.direction === "lower";
    // Performance levels as raw figures: for lower-is-better metrics p75 performance is the raw p25.
    const perf25 = lower ? c("P75") : c("P25");
    const perf75 = lower ? c("P25") : c("P75");
    const perf90 = lower ? c("P10") : c("P90");
    // BENCH.GAP takes the single published value as the middle when there is no median.
    const middleFigure = `IF(ISNUMBER(${c("Median")}),${c("Median")},${c("Single value")})`;
    const worse = (figure: string): string => (lower ? `${v}>${figure}` : `${v}<${figure}`);
    const short = (figure: string): string => (lower ? `${v}-${figure}` : `${figure}-${v}`);
    const targetFigure = `IF(${targetCell}="median",${middleFigure},IF(${targetCell}="p90",${perf90},${perf75}))`;
    const gapPortable = `=IF(${v}="","",IF(ISNUMBER(${targetFigure}),${short(targetFigure)},"n/a: no "&${targetCell}&" published"))`;
    const percentile = c("Your percentile");
    const median = c("Median");
    // Priority from the figures that exist: below the 25th-percentile performance figure is High even
    // when no p10 is published (the percentile is held at 0.25 below the lowest point).
    const priority =
      `=IF(OR(${v}="",NOT(ISNUMBER(${v}))),"",` +
      `IF(ISNUMBER(${perf25}),IF(${worse(perf25)},"High",IF(ISNUMBER(${median}),IF(${worse(median)},"Medium","Low"),"Low")),` +
      `IF(ISNUMBER(${median}),IF(${worse(median)},"Medium","Low"),` +
      `IF(ISNUMBER(${percentile}),IF(${percentile}<0.25,"High",IF(${percentile}<0.5,"Medium","Low")),"n/a"))))`;
    sheet.add([
      input(metric.name),
      text(metric.category),
      text(metric.unit),
      text(metric.direction),
      input(yourValue, format),
      ...QUANTILES.map((q) => statisticCell(q.key)),
      formula(
        `=IF(${c("Better when")}="lower",IF(ISNUMBER(${c("P25")}),${c("P25")},"n/a"),IF(ISNUMBER(${c("P75")}),${c("P75")},"n/a"))`,
        format
      ),
      text(best?.industry ?? ""),
      bench(
        {
          formula: best
            ? `=IFNA(BENCH.METRIC(${c("Best other industry")},${metricCell},"median"),"")`
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
          formula: `=IF(${v}="","",IFNA(BENCH.GAP(${v},${industryCell},${metricCell},${targetCell}),"n/a: no "&${targetCell}&" published"))`,
          portable: { formula: gapPortable },
        },
        format,
        "key"
      ),
      formula(priority, "General", "key"),
      statisticCell("value"),
      text(
        provenance(value, bestValue?.illustrative === true),
        value?.illustrative ? "warning" : "note"
      ),
    ]);
  });
  const lastDataRow = sheet.next - 1;
  sheet.add();
  sheet.add([
    note(
      "Percentile: 0.9 means better than 90% of the industry, whichever way the metric is better. Gap: how far you still are from the target level, in the metric's units (positive = short of it). Priority: High when worse than the industry's 25th-percentile performance, Medium when worse than its median. Only published figures are shown: a metric with a single value has no quartiles, percentile or priority."
    ),
  ]);
  const chartAnchorRow = sheet.next + 1;

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

  // The gap-position chart's data: each metric with a distribution, your percentile beside the target's.
  const targetLevel = `IF(${targetCell}="median",0.5,IF(${targetCell}="p90",0.9,0.75))`;
  const chartData: PlanCell[][] = [
    [header("Metric (chart data)"), header("You"), header("Target level")],
    ...charted.map((row) => [
      formula(`=""&${at(0, row)}`, "General", "note"),
      formula(
        `=IF(ISNUMBER(${at(col("Your percentile"), row)}),${at(col("Your percentile"), row)},"")`,
        FORMAT.percent,
        "note"
      ),
      formula(`=${targetLevel}`, FORMAT.percent, "note"),
    ]),
  ];
  const chartRows = Math.max(16, Math.ceil(charted.length * 1.1) + 6);

  return {
    key: "gap",
    name: "Gap analysis",
    purpose: String(sheet.rows[1][0]?.value ?? ""),
    blocks: [
      { at: "A1", rows: sheet.rows },
      { at: at(listColumn, listTop), rows: lists },
      ...(charted.length > 0 ? [{ at: at(chartColumn, listTop), rows: chartData }] : []),
    ],
    columnWidths: [
      30, 18, 12, 10, 12, 10, 10, 10, 10, 10, 12, 22, 12, 12, 12, 10, 12, 40, 24, 30, 3, 30, 14, 12,
    ],
    charts:
      charted.length > 0
        ? [
            {
              title: "Your position: percentile against the target level",
              type: "barClustered",
              data: `${at(chartColumn, listTop)}:${at(chartColumn + 2, listTop + charted.length)}`,
              seriesBy: "columns",
              axisTitles: { value: "Percentile in your industry (50% = median)" },
              valueRange: { min: 0, max: 1 },
              anchor: at(0, chartAnchorRow),
              to: at(9, chartAnchorRow + chartRows),
            },
          ]
        : [],
    validations: [
      ...(portable
        ? []
        : [
            {
              range: at(1, industryRow),
              kind: "list" as const,
              source: `=${industriesList}`,
              prompt: "Pick your industry from the library",
            },
          ]),
      {
        range: at(1, targetRow),
        kind: "list",
        source: GAP_TARGET_LEVELS.join(","),
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
              range: dataSpan(col("Priority")),
              operator: "equal",
              formula1: '"High"',
              fill: "#F8CBAD",
              fontColor: "#9C0006",
            },
            {
              range: dataSpan(col("Priority")),
              operator: "equal",
              formula1: '"Medium"',
              fill: "#FFEB9C",
              fontColor: "#9C5700",
            },
            {
              range: dataSpan(col("Your percentile")),
              operator: "lessThan",
              formula1: "0.25",
              fill: "#FCE4D6",
            },
          ]
        : [],
    protect: true,
    freeze: { rows: headerRow, columns: 1 },
  };
}
