/** Library search for the pane over the active reference values (pure; no Office). */
import type { LibraryEntry } from "../paneActions";

/** The fields of a reference value the pane shows (src/reference's ReferenceValue has them all). */
export type ReferenceRow = LibraryEntry;

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * Entries whose industry, metric or unit contain every word of the query (any order, case- and
 * accent-insensitive), ordered by industry then metric; the whole list for an empty query.
 */
export function searchReference(
  rows: readonly ReferenceRow[],
  query: string,
  limit: number
): { entries: LibraryEntry[]; total: number } {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matches = rows.filter((row) => {
    const haystack = fold(`${row.industry} ${row.metric} ${row.unit}`);
    return words.every((word) => haystack.includes(word));
  });
  matches.sort((a, b) => a.industry.localeCompare(b.industry) || a.metric.localeCompare(b.metric));
  return { entries: matches.slice(0, limit).map(toEntry), total: matches.length };
}

function toEntry(row: ReferenceRow): LibraryEntry {
  return {
    industry: row.industry,
    metric: row.metric,
    unit: row.unit,
    direction: row.direction,
    region: row.region,
    ...(row.year !== undefined ? { year: row.year } : {}),
    statistics: { ...row.statistics },
    ...(row.n !== undefined ? { n: row.n } : {}),
    source: row.source,
    ...(row.sourceUrl ? { sourceUrl: row.sourceUrl } : {}),
    ...(row.licence ? { licence: row.licence } : {}),
    illustrative: row.illustrative,
  };
}
