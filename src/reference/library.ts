/**
 * The lookup index over reference values: merges the workbook's values over the bundled library,
 * resolves names case-, space- and punctuation-insensitively, and picks one entry per industry × metric
 * (latest year first, then the region-less "all regions" row, then the first row) once, at build time,
 * so every function call is a Map lookup.
 */
import { closest } from "fastest-levenshtein";
import { notAvailable } from "../core/errors";
import { ProfileEntry } from "../core/benchmarking";
import { METRIC_CATALOGUE } from "./catalogue";
import { MetricDefinition, ReferenceValue, normaliseName } from "./model";
import { type IndustryResolution, resolveIndustryName } from "./industryNames";
import { withUserPrecedence } from "./precedence";

export interface MetricSummary {
  metric: string;
  unit: string;
  direction: string;
  category: string;
}

const catalogueByName = new Map(METRIC_CATALOGUE.map((m) => [normaliseName(m.name), m]));
const catalogueById = new Map(METRIC_CATALOGUE.map((m) => [normaliseName(m.id), m]));

/** The catalogue definition for a metric name or id, if it is one of ours. */
export function catalogueMetric(name: string): MetricDefinition | undefined {
  const key = normaliseName(name);
  return catalogueByName.get(key) ?? catalogueById.get(key);
}

function preferred(candidate: ReferenceValue, current: ReferenceValue): boolean {
  const yearC = candidate.year ?? -Infinity;
  const yearK = current.year ?? -Infinity;
  if (yearC !== yearK) return yearC > yearK;
  const regionlessC =
    normaliseName(candidate.region) === "" || normaliseName(candidate.region) === "all regions";
  const regionlessK =
    normaliseName(current.region) === "" || normaliseName(current.region) === "all regions";
  return regionlessC && !regionlessK;
}

/** "Did you mean" text for an unknown name: the closest known name by edit distance (or containment). */
export function suggestion(name: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const wanted = normaliseName(name);
  const contained = known.find((k) => wanted.length >= 3 && normaliseName(k).includes(wanted));
  const nearest = contained ?? closest(wanted, known.map(normaliseName) as string[]);
  const display = contained ?? known.find((k) => normaliseName(k) === nearest) ?? nearest;
  return ` Did you mean "${display}"?`;
}

/** What to do about an industry without figures: the closest ones, or importing its own. */
function industryHint(resolution: IndustryResolution): string {
  if (resolution.kind === "typo") return ` Did you mean "${resolution.nearest[0].name}"?`;
  if (resolution.nearest.length > 0)
    return ` Closest industries with figures: ${resolution.nearest.map((n) => `"${n.name}" (${n.why})`).join(", ")}; or import figures for your own.`;
  return " Import figures for it (task pane: Import reference metrics), or use BENCH.INDUSTRIES() for the list.";
}

export class ReferenceLibrary {
  /** industry key -> display name */
  private readonly industryNames = new Map<string, string>();
  /** metric key -> display name */
  private readonly metricNames = new Map<string, string>();
  /** "industry key|metric key" -> chosen entry */
  private readonly chosen = new Map<string, ReferenceValue>();
  /** industry key -> metric keys in first-seen order */
  private readonly metricsByIndustry = new Map<string, string[]>();

  constructor(readonly values: readonly ReferenceValue[]) {
    for (const value of values) {
      const industryKey = normaliseName(value.industry);
      const metricKey = normaliseName(value.metric);
      if (!industryKey || !metricKey) continue;
      if (!this.industryNames.has(industryKey))
        this.industryNames.set(industryKey, value.industry.trim());
      if (!this.metricNames.has(metricKey)) this.metricNames.set(metricKey, value.metric.trim());
      const key = `${industryKey}|${metricKey}`;
      const current = this.chosen.get(key);
      if (!current) {
        this.chosen.set(key, value);
        const list = this.metricsByIndustry.get(industryKey) ?? [];
        list.push(metricKey);
        this.metricsByIndustry.set(industryKey, list);
      } else if (preferred(value, current)) {
        this.chosen.set(key, value);
      }
    }
  }

  /** The active library: the user's values over the bundled ones (./precedence decides). */
  static combine(
    userValues: readonly ReferenceValue[],
    bundled: readonly ReferenceValue[]
  ): ReferenceLibrary {
    return new ReferenceLibrary(withUserPrecedence(userValues, bundled));
  }

  get size(): number {
    return this.values.length;
  }

  industries(): string[] {
    return [...this.industryNames.values()].sort((a, b) => a.localeCompare(b));
  }

  /**
   * The key of a library industry for a name as the user types it: any case or spacing, singular or
   * plural, an everyday alias ("café") or a NAICS code. Anything else is #N/A naming the closest
   * industries with figures (never a merely similar-looking name).
   */
  resolveIndustry(name: string): string {
    const key = normaliseName(name);
    if (this.industryNames.has(key)) return key;
    const resolution = resolveIndustryName(name, [...this.industryNames.values()]);
    if (resolution.name !== undefined) return normaliseName(resolution.name);
    throw notAvailable(
      `Industry "${name.trim()}" is not in the reference library.${industryHint(resolution)}`
    );
  }

  resolveMetric(name: string): string {
    const key = normaliseName(name);
    if (this.metricNames.has(key)) return key;
    const byId = catalogueById.get(key);
    if (byId && this.metricNames.has(normaliseName(byId.name))) return normaliseName(byId.name);
    throw notAvailable(
      `Metric "${name}" is not in the reference library.${suggestion(name, [...this.metricNames.values()])}`
    );
  }

  /** The chosen reference entry for an industry × metric, or #N/A naming what is missing. */
  find(industry: string, metric: string): ReferenceValue {
    const industryKey = this.resolveIndustry(industry);
    const metricKey = this.resolveMetric(metric);
    const value = this.chosen.get(`${industryKey}|${metricKey}`);
    if (!value) {
      const available = (this.metricsByIndustry.get(industryKey) ?? []).map(
        (k) => this.metricNames.get(k) ?? k
      );
      throw notAvailable(
        `No "${this.metricNames.get(metricKey)}" figures for "${this.industryNames.get(industryKey)}".${suggestion(metric, available)}`
      );
    }
    return value;
  }

  /** Metric, unit, direction and category rows for one industry, or every metric when omitted. */
  metrics(industry?: string): MetricSummary[] {
    const keys =
      industry === undefined
        ? [...this.metricNames.keys()]
        : (this.metricsByIndustry.get(this.resolveIndustry(industry)) ?? []);
    const industryKey = industry === undefined ? undefined : this.resolveIndustry(industry);
    return keys.map((metricKey) => {
      const entry =
        industryKey !== undefined
          ? this.chosen.get(`${industryKey}|${metricKey}`)
          : this.firstEntryFor(metricKey);
      const name = this.metricNames.get(metricKey) ?? metricKey;
      return {
        metric: name,
        unit: entry?.unit ?? "",
        direction: entry?.direction ?? "",
        category: catalogueMetric(name)?.category ?? "uncategorised",
      };
    });
  }

  private firstEntryFor(metricKey: string): ReferenceValue | undefined {
    for (const [key, value] of this.chosen) if (key.endsWith(`|${metricKey}`)) return value;
    return undefined;
  }

  /** One central figure (median, else value) per industry × metric, for SIMILARITY. */
  profileEntries(): ProfileEntry[] {
    const entries: ProfileEntry[] = [];
    for (const [key, value] of this.chosen) {
      const centre = value.statistics.median ?? value.statistics.value;
      if (centre === undefined) continue;
      const [industry, metric] = key.split("|");
      entries.push({ industry, metric, direction: value.direction, centre });
    }
    return entries;
  }
}
