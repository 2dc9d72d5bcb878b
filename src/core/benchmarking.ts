/**
 * Pure benchmarking maths shared by the BENCH reference functions: where a value stands between
 * published distribution points, the gap to a target performance level, and industry similarity.
 * "Performance" levels are direction-adjusted: 0.9 always means better than 90 % of the reference.
 */
import { mean, sampleStandardDeviation } from "simple-statistics";
import { notAvailable, numError, valueError } from "./errors";

export type Direction = "higher" | "lower";

export interface DistributionPoint {
  /** Percentile level of the published point, e.g. 0.25 for p25. */
  level: number;
  value: number;
}

export const QUANTILE_LEVELS: Readonly<Record<string, number>> = {
  p10: 0.1,
  p25: 0.25,
  median: 0.5,
  p75: 0.75,
  p90: 0.9,
};

/** Published points in level order; rejects decreasing figures (a distribution cannot run backwards). */
export function orderedPoints(points: readonly DistributionPoint[]): DistributionPoint[] {
  const sorted = points.filter((p) => Number.isFinite(p.value)).sort((a, b) => a.level - b.level);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].value < sorted[i - 1].value) {
      throw valueError(
        `Reference quantiles are out of order: the ${sorted[i].level * 100}th percentile is below the ${sorted[i - 1].level * 100}th.`
      );
    }
  }
  return sorted;
}

/**
 * Raw percentile position of `value` (0-1) by linear interpolation between published points,
 * held at the outermost point beyond them. Where several points share the value, the middle of
 * their levels is used (a tie spans that whole range).
 */
export function rawPosition(value: number, points: readonly DistributionPoint[]): number {
  if (!Number.isFinite(value)) throw valueError("The value must be a finite number.");
  const sorted = orderedPoints(points);
  if (sorted.length < 2)
    throw notAvailable(
      "The reference publishes fewer than two distribution points (p10, p25, median, p75, p90), so a position cannot be interpolated."
    );
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (value < first.value) return first.level;
  if (value > last.value) return last.level;
  const ties = sorted.filter((p) => p.value === value);
  if (ties.length > 0) return (ties[0].level + ties[ties.length - 1].level) / 2;
  for (let i = 0; i < sorted.length - 1; i++) {
    const low = sorted[i];
    const high = sorted[i + 1];
    if (value > low.value && value < high.value) {
      return (
        low.level + ((value - low.value) / (high.value - low.value)) * (high.level - low.level)
      );
    }
  }
  // Unreachable for finite ordered points; kept so the function is total.
  throw numError("Could not place the value among the reference points.");
}

/** Direction-adjusted percentile position: 0.9 means better than 90 % whichever way is better. */
export function percentilePosition(
  value: number,
  points: readonly DistributionPoint[],
  direction: Direction
): number {
  const raw = rawPosition(value, points);
  return direction === "higher" ? raw : 1 - raw;
}

/** Performance target names accepted by GAP, as direction-adjusted levels. */
export const TARGET_LEVELS: Readonly<Record<string, number>> = {
  p10: 0.1,
  p25: 0.25,
  median: 0.5,
  p50: 0.5,
  p75: 0.75,
  p90: 0.9,
};

/** The raw quantile key holding a performance level: for lower-is-better, performance p75 is raw p25. */
export function rawQuantileForTarget(
  target: string,
  direction: Direction
): "p10" | "p25" | "median" | "p75" | "p90" {
  const level = TARGET_LEVELS[target.trim().toLowerCase()];
  if (level === undefined)
    throw valueError(`Unknown target "${target}". Use median, p75 or p90 (or p10, p25).`);
  const rawLevel = direction === "higher" ? level : 1 - level;
  const key = (Object.keys(QUANTILE_LEVELS) as ("p10" | "p25" | "median" | "p75" | "p90")[]).find(
    (k) => Math.abs(QUANTILE_LEVELS[k] - rawLevel) < 1e-9
  );
  if (!key) throw valueError(`Unknown target "${target}".`);
  return key;
}

/** Distance still to go to the target figure in the metric's units; positive = short of it. */
export function gapToTarget(value: number, targetFigure: number, direction: Direction): number {
  if (!Number.isFinite(value)) throw valueError("The value must be a finite number.");
  return direction === "higher" ? targetFigure - value : value - targetFigure;
}

export interface ProfileEntry {
  industry: string;
  metric: string;
  direction: Direction;
  /** The industry's central figure for the metric (median, else its single value). */
  centre: number;
}

/**
 * Similarity of two industries' metric profiles in [0, 1]: each metric's direction-adjusted centre is
 * turned into a z-score across all industries, then the cosine over the metrics both industries share
 * is mapped as (1 + cos) / 2. Metrics with no spread across industries carry no information and are skipped.
 */
export function industrySimilarity(
  entries: readonly ProfileEntry[],
  industryA: string,
  industryB: string,
  minimumShared = 3
): number {
  const byMetric = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    if (!Number.isFinite(entry.centre)) continue;
    const adjusted = entry.direction === "higher" ? entry.centre : -entry.centre;
    let industries = byMetric.get(entry.metric);
    if (!industries) byMetric.set(entry.metric, (industries = new Map()));
    industries.set(entry.industry, adjusted);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (const industries of byMetric.values()) {
    const valueA = industries.get(industryA);
    const valueB = industries.get(industryB);
    if (valueA === undefined || valueB === undefined || industries.size < 2) continue;
    const all = [...industries.values()];
    const sd = sampleStandardDeviation(all);
    if (!(sd > 0)) continue;
    const centre = mean(all);
    a.push((valueA - centre) / sd);
    b.push((valueB - centre) / sd);
  }
  if (a.length < minimumShared) {
    throw notAvailable(
      `"${industryA}" and "${industryB}" share ${a.length} comparable metric(s); similarity needs at least ${minimumShared}.`
    );
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  if (normA === 0 || normB === 0)
    throw notAvailable(
      "One industry sits exactly at the average on every shared metric, so its profile has no direction to compare."
    );
  const cosine = Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
  return (1 + cosine) / 2;
}
