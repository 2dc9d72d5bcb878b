/**
 * Header recognition: where the header row is, whether the table is long (canonical) or wide
 * (industries × metrics), and which source column feeds each canonical field. The suggestion is only a
 * starting point: the task pane shows it, the user edits it, and it is stored (as JSON, by header name)
 * in the workbook's settings so the next import of the same kind of file is mapped the same way.
 */
import { distance } from "fastest-levenshtein";
import { CANONICAL_COLUMNS, CanonicalField, CellValue } from "./canonical";
import { normaliseName } from "./model";

/** Canonical field -> source header text (or null when the field is not in the source). */
export type ColumnMapping = Partial<Record<CanonicalField, string | null>>;

export type Layout = "long" | "wide" | "unknown";

/** Longer cells are data or notes, never a header; only a bounded prefix of any cell is looked at. */
const MAX_HEADER_LENGTH = 120;

function headerKey(text: CellValue): string {
  return typeof text === "string" && text.length <= MAX_HEADER_LENGTH
    ? normaliseName(text)
        .replace(/[^a-z0-9% ]/g, "")
        .replace(/\s+/g, " ")
        .trim()
    : "";
}

/** 0 (unrelated) to 1 (exact or synonym) similarity of a source header to a canonical field. */
export function headerScore(header: string, field: CanonicalField): number {
  const key = headerKey(header);
  if (!key) return 0;
  const column = CANONICAL_COLUMNS.find((c) => c.field === field);
  const names = [field.replace(/_/g, " "), ...(column?.synonyms ?? [])].map((n) => headerKey(n));
  let best = 0;
  for (const name of names) {
    if (key === name) return 1;
    const longest = Math.max(key.length, name.length);
    // Fuzzy match tolerates typos ("Indsutry", "medain") but not unrelated short words.
    const edits = distance(key, name);
    const allowed = longest >= 6 ? 2 : longest >= 4 ? 1 : 0;
    if (edits <= allowed) best = Math.max(best, 1 - edits / longest);
  }
  return best;
}

/**
 * Suggested mapping: every canonical field gets the best-scoring header, each header used once,
 * strongest matches assigned first.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const candidates: { field: CanonicalField; header: string; score: number }[] = [];
  for (const column of CANONICAL_COLUMNS) {
    for (const header of headers) {
      const score = headerScore(header, column.field);
      if (score > 0) candidates.push({ field: column.field, header, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const mapping: ColumnMapping = {};
  const usedHeaders = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || usedHeaders.has(c.header)) continue;
    mapping[c.field] = c.header;
    usedHeaders.add(c.header);
  }
  for (const column of CANONICAL_COLUMNS)
    if (mapping[column.field] === undefined) mapping[column.field] = null;
  return mapping;
}

export function serializeMapping(mapping: ColumnMapping): string {
  return JSON.stringify(mapping);
}

/** Reads a stored mapping, dropping anything that is not a known field -> header text. */
export function parseMapping(text: string | null | undefined): ColumnMapping | undefined {
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as unknown;
    if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
    const mapping: ColumnMapping = {};
    for (const column of CANONICAL_COLUMNS) {
      const value = (data as Record<string, unknown>)[column.field];
      if (typeof value === "string" || value === null) mapping[column.field] = value;
    }
    return mapping;
  } catch {
    return undefined;
  }
}

/** "Industry Name" with extra spaces, case changes or a typo or two. */
export function isIndustryNameHeader(cell: CellValue): boolean {
  const key = headerKey(cell).replace(/ /g, "");
  return key.length > 0 && distance(key, "industryname") <= 2;
}

export interface HeaderDetection {
  layout: Layout;
  /** Index into RawTable.rows of the header row (title rows above it are skipped). */
  headerIndex: number;
}

/**
 * Finds the header row among the first 30 rows: a row starting "Industry Name" with metric columns is
 * a wide layout; otherwise the row mapping the most canonical fields (needs industry and metric) is long.
 */
export function detectHeader(rows: readonly CellValue[][]): HeaderDetection {
  let best: HeaderDetection = { layout: "unknown", headerIndex: 0 };
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const row = rows[i];
    const texts = row.map((c) => (typeof c === "string" ? c : ""));
    const firstFilled = row.findIndex((c) => c !== null && c !== "");
    const mapping = suggestMapping(texts);
    const mapped = Object.values(mapping).filter((v) => v).length;
    const hasLongKeys = Boolean(mapping.industry && mapping.metric);
    if (hasLongKeys && mapped > bestScore) {
      best = { layout: "long", headerIndex: i };
      bestScore = mapped;
    }
    if (
      !hasLongKeys &&
      firstFilled >= 0 &&
      isIndustryNameHeader(row[firstFilled]) &&
      row.filter((c) => typeof c === "string" && c.trim()).length >= 2
    ) {
      if (bestScore === 0) return { layout: "wide", headerIndex: i };
    }
  }
  return best;
}
