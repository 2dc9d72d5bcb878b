/**
 * The import flow over src/reference's pipeline (parseSource -> validateSource -> rowsToImport) and a
 * writer (src/excel/referenceWriter.ts in Excel). The pane's mapping has the pipeline's direction
 * (field -> source column); required fields come from the field table (unmetRequirements).
 */
import type { ReferenceValue } from "../../reference/model";
import type {
  ColumnMapping as FieldMapping,
  ParsedSource,
  WideMetric,
} from "../../reference/importPipeline";
import { CANONICAL_COLUMNS, isCanonicalField, unmetRequirements } from "../../reference/canonical";
import { normaliseName } from "../../reference/model";
import { UNITS, DIRECTIONS } from "../../reference/model";
import { readNumberText } from "../../reference/numbers";
import {
  kindFromFileName,
  parseSource,
  rowsToImport,
  validateSource,
} from "../../reference/importPipeline";
import { CANONICAL_HEADERS, type CellValue } from "../../reference/canonical";
import { rowLabel } from "../../reference/mergePlan";
import type {
  ColumnMapping,
  ConflictChoice,
  ImportActions,
  ImportChoices,
  ImportPreview,
  ImportSource,
  ImportSummary,
} from "../paneActions";

/** A row the writer put into the workbook (opaque here except for its value). */
export interface WrittenReceipt {
  value: ReferenceValue;
}

export interface ReferenceWriter {
  (
    rows: readonly ReferenceValue[],
    options: {
      onProgress: (written: number, total: number) => void;
      signal: AbortSignal;
      policy: ConflictChoice;
    }
  ): Promise<{
    added: number;
    updated: number;
    unchanged?: number;
    skipped?: number;
    sheetName?: string;
  }>;
}

/** Preview and undo over the workbook table (src/excel/referenceWriter in Excel). */
export interface ReferenceStore {
  preview(
    rows: readonly ReferenceValue[],
    policy: ConflictChoice
  ): Promise<{
    adds: readonly unknown[];
    updates: readonly DifferenceRow[];
    conflicts: readonly DifferenceRow[];
    unchanged: number;
  }>;
  undo(written: readonly WrittenReceipt[]): Promise<{ removed: number; restored: number }>;
}

interface DifferenceRow {
  value: ReferenceValue;
  before: CellValue[];
  after: CellValue[];
  unitChanged: boolean;
}

/** The shape of a writer error that says what was written before it stopped. */
interface PartialWrite {
  message: string;
  result: { written: WrittenReceipt[]; remaining: number; added: number; updated: number };
}

function isPartialWrite(error: unknown): error is PartialWrite {
  const result = (error as { result?: { written?: unknown } } | undefined)?.result;
  return Array.isArray(result?.written);
}

const cellLabel = (cell: CellValue): string => (cell === null ? "" : String(cell));

function previewOf(plan: Awaited<ReturnType<ReferenceStore["preview"]>>): ImportPreview {
  return {
    added: plan.adds.length,
    unchanged: plan.unchanged,
    changed: [...plan.updates, ...plan.conflicts].map((d) => ({
      label: rowLabel(d.value),
      unitChanged: d.unitChanged,
      changes: CANONICAL_HEADERS.flatMap((field, i) =>
        (d.before[i] ?? "") === (d.after[i] ?? "")
          ? []
          : [{ field, before: cellLabel(d.before[i]), after: cellLabel(d.after[i]) }]
      ),
    })),
  };
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}

/** The mapping as the pipeline takes it: known fields only, each to a non-empty header. */
function cleanMapping(mapping: ColumnMapping): FieldMapping {
  const result: FieldMapping = {};
  for (const { field } of CANONICAL_COLUMNS) {
    const header = mapping[field];
    if (header) result[field] = header;
  }
  return result;
}

/**
 * Remembers the user's column mapping per header row in the workbook (src/excel/referenceMapping.ts),
 * so the next file with the same headers needs no edits.
 */
export interface MappingMemory {
  load(headers: readonly string[]): Promise<FieldMapping | undefined>;
  save(headers: readonly string[], mapping: FieldMapping): Promise<void>;
}

/**
 * The suggestion for a source: the remembered mapping where its headers exist in this source (spelt
 * alike up to case and spacing, as headerSignature matches them), the header-based suggestion for
 * every other field. A header feeds one field: a remembered header takes it from the suggestion.
 */
export function suggestedMapping(
  headers: readonly string[],
  suggested: FieldMapping,
  remembered: FieldMapping | undefined
): ColumnMapping {
  const bySpelling = new Map<string, string>();
  for (const header of headers)
    if (!bySpelling.has(normaliseName(header))) bySpelling.set(normaliseName(header), header);
  const merged = cleanMapping(suggested);
  for (const [field, header] of Object.entries(remembered ?? {})) {
    if (!header || !isCanonicalField(field)) continue;
    const current = headers.includes(header) ? header : bySpelling.get(normaliseName(header));
    if (current === undefined) continue;
    for (const other of CANONICAL_COLUMNS)
      if (merged[other.field] === current) delete merged[other.field];
    merged[field] = current;
  }
  return merged;
}

/** Trimmed defaults without empty fields (an empty field means "no default"). */
function cleanDefaults(defaults: ImportChoices["defaults"]) {
  if (!defaults) return undefined;
  const clean: { source?: string; year?: number; region?: string; licence?: string } = {};
  if (defaults.source?.trim()) clean.source = defaults.source.trim();
  if (defaults.licence?.trim()) clean.licence = defaults.licence.trim();
  if (defaults.region?.trim()) clean.region = defaults.region.trim();
  if (defaults.year !== undefined && Number.isFinite(defaults.year)) clean.year = defaults.year;
  return clean;
}

/** Defaults stated in the title rows above the header ("Source: …", a year), to prefill the fields. */
export function defaultsFromTitleRows(parsed: ParsedSource): ImportSource["suggestedDefaults"] {
  const titles = parsed.table.rows
    .slice(0, parsed.headerIndex)
    .flat()
    .filter((c): c is string | number => c !== null && c !== "")
    .map((c) => String(c));
  const found: NonNullable<ImportSource["suggestedDefaults"]> = {};
  for (const line of titles) {
    const source = /^\s*(?:source|publisher|data source)\s*[:\-–]\s*(.+)$/i.exec(line);
    if (source && !found.source) found.source = source[1].trim().slice(0, 255);
    const licence = /^\s*(?:licen[cs]e|terms)\s*[:\-–]\s*(.+)$/i.exec(line);
    if (licence && !found.licence) found.licence = licence[1].trim().slice(0, 255);
    const region = /^\s*(?:region|country|geography)\s*[:\-–]\s*(.+)$/i.exec(line);
    if (region && !found.region) found.region = region[1].trim().slice(0, 255);
    const year = /\b(19\d{2}|20\d{2}|2100)\b/.exec(line);
    if (year && found.year === undefined) found.year = Number(year[1]);
  }
  if (!found.source && titles.length > 0) found.source = titles[0].trim().slice(0, 255);
  return found;
}

export function createImportActions(
  writer: ReferenceWriter,
  readSelectionValues?: () => Promise<{ address: string; values: unknown[][] }>,
  memory?: MappingMemory,
  store?: ReferenceStore
): ImportActions {
  // ImportSource objects handed to the pane carry their parsed form here, not in React state.
  const parsedBySource = new WeakMap<ImportSource, ParsedSource>();

  function toSource(parsed: ParsedSource): ImportSource {
    const source: ImportSource = {
      label: parsed.file,
      headers: parsed.headers,
      rowCount: Math.max(0, parsed.table.rows.length - parsed.headerIndex - 1),
      preview: parsed.previewRows.map((row) => row.map(cellText)),
      layout: parsed.layout === "wide" ? "wide" : "long",
      wideMetrics: parsed.wideMetrics.map((metric) => ({ ...metric })),
      readProblems: parsed.problems.filter(
        (problem) => problem.severity === "error" || parsed.table.rows.length === 0
      ),
      suggestedDefaults: defaultsFromTitleRows(parsed),
      numberConvention: {
        decimal: parsed.numberConvention.decimal,
        decidedBy: parsed.numberConvention.decidedBy,
        ambiguousCells: parsed.numberConvention.ambiguousCells,
      },
      ...(parsed.sheets.length > 1 ? { sheets: parsed.sheets } : {}),
      ...(parsed.sheet !== undefined ? { sheet: parsed.sheet } : {}),
    };
    parsedBySource.set(source, parsed);
    return source;
  }

  function parsedOf(source: ImportSource): ParsedSource {
    const parsed = parsedBySource.get(source);
    if (!parsed) throw new Error("This source is no longer loaded; choose it again.");
    return parsed;
  }

  function validationOptions(source: ImportSource, choices: ImportChoices) {
    const defaults = cleanDefaults(choices.defaults);
    return source.layout === "wide"
      ? {
          layout: "wide" as const,
          wideMetrics: (choices.wideMetrics ?? source.wideMetrics ?? []) as WideMetric[],
          defaults,
          ...decimalOption(choices),
        }
      : {
          layout: "long" as const,
          mapping: cleanMapping(choices.mapping),
          defaults,
          ...decimalOption(choices),
        };
  }

  function decimalOption(choices: ImportChoices) {
    return choices.decimal ? { decimal: choices.decimal } : {};
  }

  function rowsFor(source: ImportSource, choices: ImportChoices, onlyValidRows: boolean) {
    const report = validateSource(parsedOf(source), validationOptions(source, choices));
    const rows = rowsToImport(report, onlyValidRows ? "only-valid-rows" : "all-or-nothing");
    if (rows.length === 0)
      throw new Error(
        "Nothing to import: the check found no valid rows, or found errors and you did not choose to import only the valid rows."
      );
    return { report, rows };
  }

  let lastWritten: WrittenReceipt[] = [];

  return {
    // Labels and what is required come from the field table (canonical.ts), as in the validator.
    fields: CANONICAL_COLUMNS.map((column) => ({ key: column.field, label: column.label })),
    requirements: (source, choices) =>
      unmetRequirements(
        Object.keys(cleanMapping(choices.mapping)),
        cleanDefaults(choices.defaults) ?? {},
        source.layout === "wide" ? "wide" : "long"
      ),
    units: [...UNITS],
    directions: [...DIRECTIONS],
    readFile: async (file, sheet) => {
      const kind = kindFromFileName(file.name);
      if (!kind) throw new Error(`"${file.name}" is not a CSV, XLSX or JSON file.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      return toSource(
        await parseSource({ kind, name: file.name, bytes, ...(sheet ? { sheet } : {}) })
      );
    },
    previewValues: async (source, decimal) => {
      const mark = decimal ?? parsedOf(source).numberConvention.decimal;
      return parsedOf(source).previewRows.map((row) =>
        row.map((cell) => {
          if (typeof cell === "number") return cell;
          const text = cellText(cell);
          const reading = readNumberText(text, mark);
          return reading?.ok ? reading.value : text;
        })
      );
    },
    readPasted: async (text) =>
      toSource(await parseSource({ kind: "paste", name: "pasted table", text })),
    ...(readSelectionValues
      ? {
          readSelection: async () => {
            const { address, values } = await readSelectionValues();
            return toSource(await parseSource({ kind: "values", name: address, values }));
          },
        }
      : {}),
    suggestMapping: async (source) => {
      // A remembered mapping that cannot be read is only a lost convenience, never a failed import.
      const remembered =
        source.layout === "wide"
          ? undefined
          : await memory?.load(source.headers).catch(() => undefined);
      return suggestedMapping(source.headers, parsedOf(source).suggestedMapping, remembered);
    },
    validate: async (source, choices) => {
      const report = validateSource(parsedOf(source), validationOptions(source, choices));
      return {
        validRows: report.valid.length,
        invalidRows: report.invalidRowCount,
        problems: report.problems,
      };
    },
    ...(store
      ? {
          preview: async (source: ImportSource, choices: ImportChoices, onlyValidRows: boolean) =>
            previewOf(await store.preview(rowsFor(source, choices, onlyValidRows).rows, "replace")),
          undoLastWrite: async () => {
            const undone = await store.undo(lastWritten);
            lastWritten = [];
            return undone;
          },
        }
      : {}),
    write: async (source, choices, options): Promise<ImportSummary> => {
      const { report, rows } = rowsFor(source, choices, options.onlyValidRows);
      let written;
      try {
        written = await writer(rows, {
          onProgress: options.onProgress,
          signal: options.signal,
          policy: options.onConflict ?? "replace",
        });
      } catch (error) {
        if (!isPartialWrite(error)) throw error;
        lastWritten = error.result.written;
        return {
          added: error.result.added,
          updated: error.result.updated,
          skipped: report.invalidRowCount,
          sheetName: "Crossbench Reference",
          failure: {
            message: error.message.slice(0, 500),
            written: error.result.written.length,
            remaining: error.result.remaining,
            writtenRows: error.result.written.slice(0, 50).map((w) => rowLabel(w.value)),
          },
        };
      }
      lastWritten = [];
      // The rows are in the workbook: a mapping that cannot be remembered is only a lost convenience.
      if (memory && source.layout !== "wide")
        await memory.save(source.headers, cleanMapping(choices.mapping)).catch(() => undefined);
      return {
        added: written.added,
        updated: written.updated,
        ...(written.unchanged !== undefined ? { unchanged: written.unchanged } : {}),
        skipped: (written.skipped ?? 0) + report.invalidRowCount,
        sheetName: written.sheetName ?? "Crossbench Reference",
      };
    },
  };
}
