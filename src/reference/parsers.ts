/**
 * Readers that turn a source (CSV/TSV bytes or text, XLSX bytes, JSON, pasted text, a range's values)
 * into a RawTable: every row as read, with its 1-based row number in the source. Readers never throw
 * for bad input: problems go into `problems` so the caller always gets a report.
 */
import Papa from "papaparse";
import type { CellValue } from "./canonical";
import { ConventionTally, DecimalMark, NumberConvention } from "./numbers";
import type { ImportProblem } from "./importProblem";

export type { ImportProblem } from "./importProblem";
export { columnLabel, columnLetter } from "./importProblem";

export interface RawTable {
  file: string;
  sheet?: string;
  /** Worksheet names of a workbook source, for the sheet picker. */
  sheets: string[];
  rows: CellValue[][];
  /** 1-based source row number of rows[i]. */
  rowNumbers: number[];
  problems: ImportProblem[];
  /** Detected CSV delimiter and decimal separator. */
  delimiter?: string;
  decimalComma: boolean;
  /** Cells that only a decimal comma / only a decimal point reads, and ambiguous ones (all cells). */
  numberEvidence: { comma: number; point: number; ambiguous: number };
}

/** Excel's limit for text in one cell; longer text could not be stored faithfully. */
export const MAX_CELL_TEXT = 32767;

export function emptyTable(file: string, problems: ImportProblem[] = []): RawTable {
  return {
    file,
    sheets: [],
    rows: [],
    rowNumbers: [],
    problems,
    decimalComma: false,
    numberEvidence: { comma: 0, point: 0, ambiguous: 0 },
  };
}

/** Tallies the number evidence of every cell and sets the table's inferred decimal mark. */
export function inferTableNumbers(table: RawTable): RawTable {
  const tally = new ConventionTally();
  for (const row of table.rows) for (const cell of row) tally.add(cell);
  table.numberEvidence = { comma: tally.comma, point: tally.point, ambiguous: tally.ambiguous };
  table.decimalComma = tableConvention(table).decimal === ",";
  return table;
}

/** The table's number convention: the user's choice, else what its cells say. */
export function tableConvention(table: RawTable, chosen?: DecimalMark): NumberConvention {
  const tally = new ConventionTally();
  tally.comma = table.numberEvidence.comma;
  tally.point = table.numberEvidence.point;
  tally.ambiguous = table.numberEvidence.ambiguous;
  return tally.convention(table.delimiter, chosen);
}

export function fileProblem(file: string, message: string, sheet?: string): ImportProblem {
  return { file, sheet, row: 0, column: "", message, severity: "error" };
}

/**
 * UTF-16 without a byte-order mark, as some exporters write it: text in Latin script has a zero byte in
 * every other position (the high byte first in big-endian). Looks at the first 4 KB only.
 */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return undefined;
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Decodes file bytes: UTF-8 (BOM or not), UTF-16 with or without a BOM; bytes that are not valid UTF-8 are read
 * as Windows-1252 (what Excel on Windows writes for "CSV") with a warning to check accented letters.
 */
export function decodeText(
  bytes: Uint8Array,
  file: string
): { text: string; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const utf16 =
    bytes.length >= 2 && !(bytes[0] === 0xef && bytes[1] === 0xbb) ? sniffUtf16(bytes) : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), problems };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), problems };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), problems };
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), problems };
  } catch {
    problems.push({
      file,
      row: 0,
      column: "",
      severity: "warning",
      message:
        "The file is not valid UTF-8; it was read as Windows-1252. Check accented letters, or save it as 'CSV UTF-8'.",
    });
    return { text: new TextDecoder("windows-1252").decode(body), problems };
  }
}

const DELIMITERS = ["\t", ";", ",", "|"] as const;

/**
 * The delimiter of delimited text, from its first 50 lines: the one that splits the non-empty lines
 * into the same number (≥ 2) of fields most consistently, more fields breaking ties. papaparse's own
 * guess counts a trailing empty line, so it misses two-column semicolon files.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 65536);
  let best: { delimiter: string; consistency: number; fields: number } = {
    delimiter: ",",
    consistency: 0,
    fields: 0,
  };
  for (const delimiter of DELIMITERS) {
    const lines = Papa.parse<string[]>(sample, {
      delimiter,
      preview: 50,
      skipEmptyLines: "greedy",
    }).data;
    if (sample.length === 65536 && lines.length > 1) lines.pop();
    const counts = new Map<number, number>();
    for (const line of lines) counts.set(line.length, (counts.get(line.length) ?? 0) + 1);
    let fields = 0;
    let mode = 0;
    for (const [count, times] of counts)
      if (times > mode || (times === mode && count > fields)) [fields, mode] = [count, times];
    if (fields < 2) continue;
    const consistency = mode / lines.length;
    if (
      consistency > best.consistency + 1e-9 ||
      (Math.abs(consistency - best.consistency) <= 1e-9 && fields > best.fields)
    )
      best = { delimiter, consistency, fields };
  }
  return best.delimiter;
}

/** CSV or TSV text to a table; the delimiter (, ; tab |) is sniffed, papaparse handles quoting. */
export function parseDelimitedText(text: string, file: string, delimiter?: string): RawTable {
  const table = emptyTable(file);
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(clean, {
    delimiter: delimiter ?? sniffDelimiter(clean),
    skipEmptyLines: false,
  });
  table.delimiter = result.meta.delimiter;
  // papaparse counts data rows from 0; its line numbers equal row numbers because we keep empty lines.
  result.data.forEach((row, index) => {
    if (row.length === 1 && row[0] === "") return;
    table.rows.push(row);
    table.rowNumbers.push(index + 1);
  });
  for (const error of result.errors) {
    // A delimiter guess failure on a single-column file is harmless; everything else is reported.
    if (error.code === "UndetectableDelimiter") continue;
    table.problems.push({
      file,
      row: (error.row ?? -1) + 1,
      column: "",
      severity:
        error.code === "TooFewFields" || error.code === "TooManyFields" ? "warning" : "error",
      message: `${error.message}.`,
    });
  }
  return inferTableNumbers(table);
}

/** Text that is mostly NULs is not text in any encoding we read: say so once, read nothing. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  let nuls = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0) nuls++;
  return nuls > head.length * 0.05;
}

export function parseCsvBytes(bytes: Uint8Array, file: string): RawTable {
  const { text, problems } = decodeText(bytes, file);
  if (looksBinary(text))
    return emptyTable(file, [
      fileProblem(
        file,
        "The file is not text Crossbench can read: it is full of NUL bytes (a binary file, or UTF-16/UTF-32 in an unusual form). Save it as 'CSV UTF-8'."
      ),
    ]);
  const table = parseDelimitedText(text, file);
  table.problems.unshift(...problems);
  return table;
}

/** Text pasted into the pane: Excel puts tab-separated rows on the clipboard; other text is sniffed. */
export function parsePastedText(text: string, file = "pasted table"): RawTable {
  return parseDelimitedText(text, file, text.includes("\t") ? "\t" : undefined);
}

function jsonCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return JSON.stringify(value);
}

/**
 * JSON: an array of objects (one per row; a nested `statistics` object is flattened), an array of arrays
 * (first is the header), or an object holding such an array under `rows`, `values`, `data` or `records`.
 */
export function parseJsonText(text: string, file: string): RawTable {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return emptyTable(file, [
      fileProblem(
        file,
        `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`
      ),
    ]);
  }
  if (data && typeof data === "object" && !Array.isArray(data)) {
    const holder = data as Record<string, unknown>;
    data = holder.rows ?? holder.values ?? holder.data ?? holder.records;
  }
  if (!Array.isArray(data))
    return emptyTable(file, [
      fileProblem(
        file,
        "The JSON must be an array of rows (objects or arrays), or an object with a `rows` array."
      ),
    ]);
  const table = emptyTable(file);
  if (data.every((row) => Array.isArray(row))) {
    (data as unknown[][]).forEach((row, i) => {
      table.rows.push(row.map(jsonCell));
      table.rowNumbers.push(i + 1);
    });
    return inferTableNumbers(table);
  }
  const headers: string[] = [];
  const flat: Record<string, unknown>[] = [];
  data.forEach((item, i) => {
    const record: Record<string, unknown> = {};
    if (item && typeof item === "object" && !Array.isArray(item)) {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        if (value && typeof value === "object" && !Array.isArray(value))
          Object.assign(record, value);
        else record[key] = value;
      }
    } else {
      table.problems.push({
        file,
        row: i + 2,
        column: "",
        severity: "error",
        message: `Item ${i + 1} of the JSON array is not an object.`,
      });
    }
    for (const key of Object.keys(record)) if (!headers.includes(key)) headers.push(key);
    flat.push(record);
  });
  // Row 1 is the synthesised header; item i is reported as row i + 2, like a spreadsheet.
  table.rows.push(headers);
  table.rowNumbers.push(1);
  flat.forEach((record, i) => {
    table.rows.push(headers.map((h) => jsonCell(record[h])));
    table.rowNumbers.push(i + 2);
  });
  return inferTableNumbers(table);
}

export function parseJsonBytes(bytes: Uint8Array, file: string): RawTable {
  const { text, problems } = decodeText(bytes, file);
  const table = parseJsonText(text, file);
  table.problems.unshift(...problems);
  return table;
}

/** A 2-D values array, e.g. a range the user selected (Range.values). */
export function parseValues(
  values: readonly (readonly unknown[])[],
  file = "selected range"
): RawTable {
  const table = emptyTable(file);
  if (!Array.isArray(values))
    return emptyTable(file, [fileProblem(file, "The selection holds no rows.")]);
  values.forEach((row, i) => {
    const cells = Array.isArray(row) ? row.map(jsonCell) : [jsonCell(row)];
    if (cells.every((c) => c === null || c === "")) return;
    table.rows.push(cells);
    table.rowNumbers.push(i + 1);
  });
  return inferTableNumbers(table);
}
