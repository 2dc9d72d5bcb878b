/**
 * The import flow over src/reference's pipeline (parseSource -> validateSource -> rowsToImport) and a
 * writer (src/excel/referenceTable.ts in Excel). The pane maps "source column -> field"; the pipeline
 * takes "field -> source column", so the mapping is turned around here.
 */
import type { ReferenceValue } from "../../reference/model";
import type {
  ColumnMapping as FieldMapping,
  ParsedSource,
  ValidationReport,
  WideMetric,
} from "../../reference/importPipeline";
import { CANONICAL_COLUMNS, type CanonicalField } from "../../reference/canonical";
import { UNITS, DIRECTIONS } from "../../reference/model";
import {
  kindFromFileName,
  parseSource,
  rowsToImport,
  validateSource,
} from "../../reference/importPipeline";
import type {
  ColumnMapping,
  ImportActions,
  ImportProblem,
  ImportSource,
  ImportSummary,
  WideMetricChoice,
} from "../paneActions";

export interface ReferenceWriter {
  (
    rows: readonly ReferenceValue[],
    options: { onProgress: (written: number, total: number) => void; signal: AbortSignal }
  ): Promise<{
    added: number;
    updated: number;
    unchanged?: number;
    skipped?: number;
    sheetName?: string;
  }>;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}

/** Pane mapping (header -> field) from the pipeline's (field -> header). */
export function paneMapping(headers: readonly string[], mapping: FieldMapping): ColumnMapping {
  const result: ColumnMapping = Object.fromEntries(headers.map((header) => [header, ""]));
  for (const [field, header] of Object.entries(mapping)) {
    if (header) result[header] = field;
  }
  return result;
}

/** Pipeline mapping (field -> header) from the pane's (header -> field); the last column wins a field. */
export function fieldMapping(mapping: ColumnMapping): FieldMapping {
  const result: FieldMapping = {};
  for (const [header, field] of Object.entries(mapping)) {
    if (field) result[field as CanonicalField] = header;
  }
  return result;
}

function problemsOf(report: Pick<ValidationReport, "problems">): ImportProblem[] {
  return report.problems.map((problem) => ({
    row: problem.row,
    column: problem.column || (problem.row > 0 ? "(whole row)" : "(whole file)"),
    message: problem.message,
    severity: problem.severity,
  }));
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
 * The suggestion for a source: the remembered mapping where its headers exist in this source, the
 * pipeline's header-based suggestion for every other field.
 */
export function suggestedPaneMapping(
  headers: readonly string[],
  suggested: FieldMapping,
  remembered: FieldMapping | undefined
): ColumnMapping {
  const present = new Set(headers);
  const merged: FieldMapping = { ...suggested };
  for (const [field, header] of Object.entries(remembered ?? {})) {
    if (!header || !present.has(header)) continue;
    // A header belongs to one field: drop the suggestion that gave this header to another field.
    for (const [otherField, otherHeader] of Object.entries(merged)) {
      if (otherHeader === header) delete merged[otherField as CanonicalField];
    }
    merged[field as CanonicalField] = header;
  }
  return paneMapping(headers, merged);
}

export function createImportActions(
  writer: ReferenceWriter,
  readSelectionValues?: () => Promise<{ address: string; values: unknown[][] }>,
  memory?: MappingMemory
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
      readProblems: problemsOf(parsed).filter(
        (problem) => problem.severity === "error" || parsed.table.rows.length === 0
      ),
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

  function validationOptions(
    source: ImportSource,
    mapping: ColumnMapping,
    wideMetrics?: WideMetricChoice[]
  ) {
    return source.layout === "wide"
      ? {
          layout: "wide" as const,
          wideMetrics: (wideMetrics ?? source.wideMetrics ?? []) as WideMetric[],
        }
      : { layout: "long" as const, mapping: fieldMapping(mapping) };
  }

  return {
    // Labels and required marks come from the field table (canonical.ts). A field that a default can
    // stand in for (source) is left to the default fields; isFieldRequired(field, defaults) tells.
    fields: CANONICAL_COLUMNS.map((column) => ({
      key: column.field,
      label: column.label,
      required: column.required === "always",
    })),
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
      return suggestedPaneMapping(source.headers, parsedOf(source).suggestedMapping, remembered);
    },
    validate: async (source, mapping, wideMetrics) => {
      const report = validateSource(
        parsedOf(source),
        validationOptions(source, mapping, wideMetrics)
      );
      return {
        validRows: report.valid.length,
        invalidRows: report.invalidRowCount,
        problems: problemsOf(report),
      };
    },
    write: async (source, mapping, options): Promise<ImportSummary> => {
      const report = validateSource(
        parsedOf(source),
        validationOptions(source, mapping, options.wideMetrics)
      );
      const rows = rowsToImport(
        report,
        options.onlyValidRows ? "only-valid-rows" : "all-or-nothing"
      );
      if (rows.length === 0)
        throw new Error(
          "Nothing to import: the check found no valid rows, or found errors and you did not choose to import only the valid rows."
        );
      const written = await writer(rows, {
        onProgress: options.onProgress,
        signal: options.signal,
      });
      if (memory && source.layout !== "wide")
        await memory.save(source.headers, fieldMapping(mapping));
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
