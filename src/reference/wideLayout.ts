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

const HIGHER_IS_BETTER = /\b(margin|profit|return|yield|growth|revenue|income|sales per)\b/i;
const LOWER_IS_BETTER =
  /\b(cost|costs|expense|days|time|debt|leverage|turnover of staff|churn|defect|wait|risk|beta|tax|payout|loss|lead time|absence|no[- ]?show|cac)\b/i;

function looksFractional(values: number[]): boolean {
  return values.length > 0 && values.every((v) => v >= -1.5 && v <= 1.5);
}

/** Guesses unit and direction for each metric column from the catalogue, the header and the numbers. */
export function describeWideMetrics(
  header: readonly CellValue[],
  body: readonly CellValue[][],
  industryColumn: number
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
    const numbers = body
      .map((row) => row[column])
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    const percentLike =
      /%|margin|rate|return|yield|growth|share/i.test(name) ||
      (looksFractional(numbers) && /ratio|pct|percent/i.test(name));
    const unit: Unit = percentLike ? "%" : /days/i.test(name) ? "days" : "ratio";
    const direction: Direction =
      !HIGHER_IS_BETTER.test(name) && LOWER_IS_BETTER.test(name) ? "lower" : "higher";
    metrics.push({
      column,
      header: cell,
      role: "metric",
      metric: name,
      unit,
      direction,
      needsConfirmation: true,
      reason: `Guessed ${unit} from the header${percentLike && looksFractional(numbers) ? " (values are fractions)" : ""}; guessed ${direction} is better${direction === "lower" ? " from a cost/time word" : ""}. Please confirm.`,
    });
  });
  return metrics;
}
