/**
 * The bodies of the BENCH reference functions, free of the custom-functions runtime: argument coercion
 * (./args), the active library (../reference/activeLibrary: the workbook's `Crossbench Reference` table
 * over the bundled library, cached in the shared runtime) and the pure maths (../core/benchmarking).
 * Each throws a BenchError with the reason when there is no result. The @customfunction wrappers in
 * ./reference and "Explain this cell" (through ./benchRegistry) both run these.
 */
import {
  percentilePosition,
  gapToTarget,
  industrySimilarity,
  rawQuantileForTarget,
  DistributionPoint,
} from "../core/benchmarking";
import { notAvailable, valueError } from "../core/errors";
import {
  getActiveLibrary,
  getActiveProfile,
  whenWorkbookLoaded,
  workbookStatus,
} from "../reference/activeLibrary";
import { type IndustryResolution, resolveIndustryName } from "../reference/industryNames";
import { findPractices } from "../reference/practiceSearch";
import { ReferenceLibrary } from "../reference/library";
import { QUANTILES, ReferenceValue } from "../reference/model";
import {
  ensureReferenceTableSync,
  firstReadWaitMs,
  noteAnsweredWithoutTable,
} from "../excel/referenceSync";
import { optionalText, optionalWord, requiredNumber } from "./args";

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
  return optionalText(value, argName);
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
export async function loadedLibrary(): Promise<ReferenceLibrary> {
  ensureReferenceTableSync();
  await whenWorkbookLoaded(firstReadWaitMs());
  // While the workbook's table cannot be read, say so: bundled figures must not pose as the user's.
  const { status, message } = workbookStatus();
  if (status === "unavailable" || status === "loading") noteAnsweredWithoutTable();
  if (status === "unavailable")
    throw notAvailable(message ?? "The workbook's reference table could not be read.");
  if (status === "loading")
    throw notAvailable(
      "The workbook's Crossbench Reference table is still being read; the result appears when it is."
    );
  return getActiveLibrary();
}

/** Where the user brings figures of their own (the pane's start screen). */
const IMPORT_PATH = "Crossbench pane ▸ Import reference metrics";

/**
 * Why an industry has no figures and what to do: a near typo gets "did you mean"; anything else is
 * accepted as the user's own industry, with the library industries to compare with where there are any.
 */
export function noFiguresMessage(resolution: IndustryResolution): string {
  const typed = `"${resolution.input}"`;
  if (resolution.kind === "typo")
    return `No figures for ${typed}. Did you mean "${resolution.nearest[0].name}"? If it is your own industry, import its figures (${IMPORT_PATH}).`;
  const compare =
    resolution.nearest.length > 0
      ? resolution.nearest.map((n) => `"${n.name}" (${n.why})`).join(" or ")
      : "an industry from BENCH.INDUSTRIES()";
  return `No figures for ${typed} yet; it counts as your own industry. Import its figures (${IMPORT_PATH}) or compare with ${compare}.`;
}

/**
 * The library's name for an industry as typed: any case, singular or plural, an everyday alias or a
 * NAICS code (../reference/industryNames), the workbook's own industries included. #N/A otherwise.
 */
function industryWithFigures(library: ReferenceLibrary, typed: string): string {
  const resolution = resolveIndustryName(typed, library.industries());
  if (resolution.name !== undefined) return resolution.name;
  throw notAvailable(noFiguresMessage(resolution));
}

/** The reference value for an industry and metric named in cells. */
async function referenceEntry(industry: unknown, metricName: unknown): Promise<ReferenceValue> {
  const library = await loadedLibrary();
  return library.find(
    industryWithFigures(library, requiredText(industry, "industry")),
    requiredText(metricName, "metric")
  );
}

/** Rows of a spilling reference function; no rows is #N/A. */
async function spillRows(body: () => unknown[][]): Promise<unknown[][]> {
  await loadedLibrary();
  const rows = body();
  if (rows.length === 0) throw notAvailable("Nothing matches.");
  return rows;
}

export async function metricValue(
  industry: unknown,
  metricName: unknown,
  statistic?: unknown
): Promise<number | string | boolean> {
  const entry = await referenceEntry(industry, metricName);
  return statisticOf(entry, optionalWord(statistic, "statistic") ?? "median");
}

export async function percentileValue(
  value: unknown,
  industry: unknown,
  metricName: unknown
): Promise<number> {
  const figure = requiredNumber(value, "value");
  const entry = await referenceEntry(industry, metricName);
  return percentilePosition(figure, publishedPoints(entry), entry.direction);
}

export async function gapValue(
  value: unknown,
  industry: unknown,
  metricName: unknown,
  target?: unknown
): Promise<number> {
  const figure = requiredNumber(value, "value");
  const entry = await referenceEntry(industry, metricName);
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
}

export function industryRows(): Promise<unknown[][]> {
  return spillRows(() =>
    getActiveLibrary()
      .industries()
      .map((name) => [name])
  );
}

export function metricRows(industry?: unknown): Promise<unknown[][]> {
  return spillRows(() => {
    const library = getActiveLibrary();
    const typed = textArg(industry, "industry");
    return library
      .metrics(typed === undefined ? undefined : industryWithFigures(library, typed))
      .map((m) => [m.metric, m.unit, m.direction, m.category]);
  });
}

export function practiceRows(industry?: unknown, challenge?: unknown): Promise<unknown[][]> {
  return spillRows(() => {
    const industryName = textArg(industry, "industry");
    const challengeText = optionalWord(challenge, "challenge");
    // Best answer to the words first; the industry (aliases and codes resolved) filters the targets,
    // and one the library does not know is the user's own: every practice stays a candidate.
    return findPractices({ industry: industryName, challenge: challengeText }).map((p) => [
      p.sourceIndustry,
      p.practice,
      p.challenge,
      p.metricsMoved.join(", "),
      p.effort,
    ]);
  });
}

export async function similarityValue(industryA: unknown, industryB: unknown): Promise<number> {
  const library = await loadedLibrary();
  const keyOf = (value: unknown, argName: string) =>
    library.resolveIndustry(industryWithFigures(library, requiredText(value, argName)));
  const a = keyOf(industryA, "industry_a");
  const b = keyOf(industryB, "industry_b");
  return industrySimilarity(getActiveProfile(), a, b);
}
