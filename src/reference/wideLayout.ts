/**
 * Wide layouts: rows are industries, columns are metrics, as in the industry-ratio spreadsheets
 * academics publish (a few title rows, a header row starting "Industry Name", percentages stored as
 * fractions). Each metric column needs a unit and a direction; we guess them and the user confirms
 * them in the pane (`needsConfirmation`), then the table becomes canonical rows holding `value`.
 */
import { CellValue } from "./canonical";
import { catalogueMetric } from "./library";
import { headerScore } from "./mapping";
import { Direction, Unit } from "./model";
import { DecimalMark, readNumberText } from "./numbers";

export interface WideMetric {
  /** Column index in the source row. */
  column: number;
  header: string;
  /** "metric" columns become reference values; a "sample size" column gives n for its row; "skip" is ignored. */
  role: "metric" | "sample size" | "skip";
  /** Metric name to store (defaults to the header, or the catalogue name it matches). */
  metric: string;
  unit: Unit;
  direction: Direction;
  /** True while unit and direction are guesses the user has not confirmed. */
  needsConfirmation: boolean;
  /** Why we guessed what we guessed, for the pane. */
  reason: string;
}

const HIGHER_IS_BETTER =
  /\b(margin|profit|return|yield|growth|revenue|income|sales per|satisfaction|nps|retention|utili[sz]ation|occupancy|conversion|on[- ]time|productivity|(asset|inventory|stock|receivables?|capital) turnover)\b/i;
const LOWER_IS_BETTER =
  /\b(costs?|expenses?|days|time|debt|leverage|turnover|churn|defects?|errors?|complaints?|wait|waiting|delay|downtime|risk|beta|tax|payout|loss|losses|lead time|absence|absenteeism|sick|no[- ]?shows?|cac|incidents?|injur(y|ies)|accidents?|scrap|waste|rework)\b/i;
const PERCENT_WORDS =
  /%|\b(margin|rate|return|yield|growth|share|turnover|absence|absenteeism|churn|ratio of|pct|percent|percentage)\b/i;

function looksFractional(values: number[]): boolean {
  return values.length > 0 && values.every((v) => v >= -1.5 && v <= 1.5);
}

/** What the column's cells look like: numbers read under the file's decimal mark, and how many carry %. */
function columnShape(
  body: readonly CellValue[][],
  column: number,
  decimal: DecimalMark
): { numbers: number[]; percentCells: number; cells: number } {
  const numbers: number[] = [];
  let percentCells = 0;
  let cells = 0;
  for (const row of body) {
    const cell = row[column];
    if (cell === null || cell === undefined || cell === "") continue;
    cells++;
    if (typeof cell === "number") {
      if (Number.isFinite(cell)) numbers.push(cell);
      continue;
    }
    if (typeof cell !== "string") continue;
    if (/%\s*$/.test(cell)) percentCells++;
    const reading = readNumberText(cell, decimal);
    if (reading?.ok) numbers.push(reading.value);
  }
  return { numbers, percentCells, cells };
}

/** The unit a column's header words and values suggest, and why. */
function guessUnit(
  name: string,
  shape: ReturnType<typeof columnShape>
): { unit: Unit; why: string } {
  if (shape.percentCells > 0 && shape.percentCells >= shape.cells / 2)
    return { unit: "%", why: "its values carry %" };
  if (/\bdays?\b/i.test(name)) return { unit: "days", why: 'the header says "days"' };
  if (/\b(hours?|hrs)\b/i.test(name)) return { unit: "hours", why: 'the header says "hours"' };
  if (/\b(number of|count of|headcount|employees)\b/i.test(name))
    return { unit: "count", why: "the header counts things" };
  if (/[$€£]|\b(per (employee|customer|unit|order|guest)|usd|eur|gbp)\b/i.test(name))
    return { unit: "currency per unit", why: "the header names an amount per unit" };
  if (PERCENT_WORDS.test(name))
    return {
      unit: "%",
      why: looksFractional(shape.numbers)
        ? "the header names a rate and its values are fractions"
        : "the header names a rate",
    };
  if (looksFractional(shape.numbers) && shape.numbers.some((v) => !Number.isInteger(v)))
    return {
      unit: "ratio",
      why: "its values are small fractions; check whether they are percentages",
    };
  return { unit: "ratio", why: "nothing in the header names a unit" };
}

/** Guesses unit and direction for each metric column from the catalogue, the header and the numbers. */
export function describeWideMetrics(
  header: readonly CellValue[],
  body: readonly CellValue[][],
  industryColumn: number,
  decimal: DecimalMark = "."
): WideMetric[] {
  const metrics: WideMetric[] = [];
  header.forEach((cell, column) => {
    if (column === industryColumn || typeof cell !== "string" || !cell.trim()) return;
    const name = cell.replace(/\s+/g, " ").trim();
    if (headerScore(name, "n") === 1) {
      metrics.push({
        column,
        header: cell,
        role: "sample size",
        metric: name,
        unit: "count",
        direction: "higher",
        needsConfirmation: false,
        reason: "Looks like the number of firms behind each row; used as n.",
      });
      return;
    }
    const known = catalogueMetric(name);
    if (known) {
      metrics.push({
        column,
        header: cell,
        role: "metric",
        metric: known.name,
        unit: known.unit,
        direction: known.direction,
        needsConfirmation: false,
        reason: "Matches the Crossbench catalogue.",
      });
      return;
    }
    const { unit, why } = guessUnit(name, columnShape(body, column, decimal));
    const lowerWord = !HIGHER_IS_BETTER.test(name) ? LOWER_IS_BETTER.exec(name) : null;
    const direction: Direction = lowerWord ? "lower" : "higher";
    metrics.push({
      column,
      header: cell,
      role: "metric",
      metric: name,
      unit,
      direction,
      needsConfirmation: true,
      reason: `Guessed ${unit} because ${why}; guessed ${direction} is better${lowerWord ? ` from the word "${lowerWord[0].toLowerCase()}"` : ""}. Please confirm.`,
    });
  });
  return metrics;
}
