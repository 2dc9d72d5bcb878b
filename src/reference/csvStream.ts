/**
 * Long CSV files in bounded memory: two papaparse passes over the text, row by row (`step`), never a
 * table of every row. The first pass infers the number convention from every cell and finds the header
 * in the first rows; the second validates each row with the same rules as validateLong and hands each
 * valid value to the caller (who writes it out), keeping only the problem log.
 */
import Papa from "papaparse";
import type { CellValue } from "./canonical";
import { ColumnMapping, detectHeader, suggestMapping } from "./mapping";
import { ConventionTally, DecimalMark, NumberConvention } from "./numbers";
import { ImportProblem, decodeText, emptyTable, sniffDelimiter } from "./parsers";
import { DuplicateIndex, DuplicateKeys } from "./duplicateIndex";
import type { AmbiguityLog } from "./cells";
import { LongRowChecker, reportAmbiguity } from "./validate";
import {
  ImportDefaults,
  ProblemLog,
  ProblemSummary,
  ValidationReport,
  finishReport,
} from "./validationReport";
import type { ReferenceValue } from "./model";

export interface StreamCheckOptions {
  defaults?: ImportDefaults;
  decimal?: DecimalMark;
  mapping?: ColumnMapping;
}

export interface StreamCheck {
  report: ValidationReport;
  headerRow: number;
  headers: string[];
  delimiter: string;
  numberConvention: NumberConvention;
}

const HEADER_ROWS = 30;

/**
 * papaparse's newline guess (Parser.guessLineEndings) for text without quotes: the fast path below must
 * split exactly where papaparse would, so row numbers and cells stay the same.
 */
function guessNewline(text: string): string {
  const sample = text.slice(0, 1024 * 1024);
  const firstR = sample.indexOf("\r");
  if (firstR < 0) return "\n";
  const firstN = sample.indexOf("\n");
  if (firstN >= 0 && firstN < firstR) return "\n";
  let pieces = 1;
  let followedByN = 0;
  for (let at = firstR; at >= 0; at = sample.indexOf("\r", at + 1)) {
    pieces++;
    if (sample.charCodeAt(at + 1) === 10) followedByN++;
  }
  return followedByN >= pieces / 2 ? "\r\n" : "\r";
}

/** Where a part of a file sits in it: its line break and the number of lines before it. */
interface LinePlace {
  newline?: string;
  linesBefore?: number;
}

function eachRow(
  text: string,
  delimiter: string,
  visit: (cells: string[], row: number) => void,
  onProblem?: (problem: Omit<ImportProblem, "file">) => void,
  place: LinePlace = {}
): void {
  if (!text.includes('"')) {
    // Without quotes a row is its line split on the delimiter, as papaparse's fastMode does, but one
    // line at a time: no array of every line and no per-row result object from papaparse's `step`.
    const newline = place.newline ?? guessNewline(text);
    let line = place.linesBefore ?? 0;
    let start = 0;
    while (start <= text.length && text.length > 0) {
      const end = text.indexOf(newline, start);
      const stop = end < 0 ? text.length : end;
      line++;
      if (stop > start) visit(text.slice(start, stop).split(delimiter), line);
      if (end < 0) break;
      start = end + newline.length;
    }
    return;
  }
  let line = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      line++;
      const cells = result.data;
      if (onProblem)
        for (const error of result.errors)
          if (error.code !== "UndetectableDelimiter")
            onProblem({
              row: line,
              column: "",
              severity:
                error.code === "TooFewFields" || error.code === "TooManyFields"
                  ? "warning"
                  : "error",
              message: `${error.message.slice(0, 200)}.`,
            });
      if (cells.length === 1 && cells[0] === "") return;
      visit(cells, line);
    },
  });
}

/** Where valid values go; `restart` means "forget what you got, the values come again". */
export interface ValueSink {
  value(value: ReferenceValue, row: number): void;
  restart(): void;
}

const PREFIX_BYTES = 1 << 20;

interface Pass {
  log: ProblemLog;
  /** How many of the log's first problems (and of its errors and warnings) the mapping raised. */
  mapping: { problems: number; errors: number; warnings: number };
  validCount: number;
  rowsSeen: number;
  tally: ConventionTally;
  checker: LongRowChecker;
}

/** What one validation pass reads: a whole file, or one part of it. */
interface PassInput {
  file: string;
  text: string;
  delimiter: string;
  header: { cells: string[]; row: number };
  convention: NumberConvention;
  options: StreamCheckOptions;
  readProblems: readonly ImportProblem[];
}

/**
 * Checks the rows of `input.text` and hands each valid value to the sink. `wholeFile` adds the
 * file-level note on ambiguous cells at the end; a part leaves it to the combination of the parts.
 */
function validationPass(
  input: PassInput,
  sink: ValueSink,
  place: LinePlace = {},
  wholeFile = true
): Pass {
  const { text, delimiter, header, options } = input;
  const log = new ProblemLog(input.file, undefined);
  log.addAll(input.readProblems);
  const tally = new ConventionTally();
  const before = {
    problems: log.problems.length,
    errors: log.errorCount,
    warnings: log.warningCount,
  };
  const checker = new LongRowChecker(
    header.cells,
    header.row,
    options.mapping ?? suggestMapping(header.cells),
    options.defaults ?? {},
    input.convention,
    log
  );
  const mapping = {
    problems: log.problems.length - before.problems,
    errors: log.errorCount - before.errors,
    warnings: log.warningCount - before.warnings,
  };
  const pass: Pass = { log, mapping, validCount: 0, rowsSeen: 0, tally, checker };
  const checking = checker.ready && log.errorCount === 0;
  eachRow(
    text,
    delimiter,
    (cells, row) => {
      pass.rowsSeen++;
      for (const cell of cells) tally.add(cell);
      if (row <= header.row || !checking) return;
      const value = checker.check(cells, row);
      if (value) {
        pass.validCount++;
        sink.value(value, row);
      }
    },
    (p) => log.add(p.row, p.column, p.severity, p.message),
    place
  );
  if (checking && wholeFile) checker.finish();
  return pass;
}

/** A long CSV decoded, its header found and its number convention taken from the first megabyte. */
export interface PreparedCsv {
  file: string;
  text: string;
  delimiter: string;
  header: { cells: string[]; row: number };
  /** Title rows above the header (they count as rows seen, not data rows). */
  headerIndex: number;
  convention: NumberConvention;
  readProblems: readonly ImportProblem[];
  options: StreamCheckOptions;
}

/** Undefined when the file is not a long table (wide or unrecognised). */
export function prepareCsvStream(
  bytes: Uint8Array,
  file: string,
  options: StreamCheckOptions
): PreparedCsv | undefined {
  const decoded = decodeText(bytes, file);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.slice(0, 4096).includes("\u0000")) return undefined;
  const delimiter = sniffDelimiter(text);
  const prefixEnd =
    text.length <= PREFIX_BYTES ? text.length : text.lastIndexOf("\n", PREFIX_BYTES);
  const prefixRows: CellValue[][] = [];
  const prefixRowNumbers: number[] = [];
  const prefixTally = new ConventionTally();
  eachRow(text.slice(0, Math.max(prefixEnd, 0)), delimiter, (cells, row) => {
    if (prefixRows.length < HEADER_ROWS) {
      prefixRows.push(cells);
      prefixRowNumbers.push(row);
    }
    for (const cell of cells) prefixTally.add(cell);
  });
  const detection = detectHeader(prefixRows);
  if (detection.layout !== "long") return undefined;
  return {
    file,
    text,
    delimiter,
    header: {
      cells: prefixRows[detection.headerIndex].map((c) => (c === null ? "" : String(c))),
      row: prefixRowNumbers[detection.headerIndex],
    },
    headerIndex: detection.headerIndex,
    convention: prefixTally.convention(delimiter, options.decimal),
    readProblems: decoded.problems,
    options,
  };
}

/** The report of a whole file from its passes' results. */
function finishCheck(
  prepared: PreparedCsv,
  summary: {
    log: ProblemLog;
    rowsSeen: number;
    validCount: number;
    convention: NumberConvention;
  }
): StreamCheck {
  const rowsRead = Math.max(0, summary.rowsSeen - prepared.headerIndex - 1);
  const report = finishReport(
    emptyTable(prepared.file),
    "long",
    rowsRead,
    [],
    summary.log,
    summary.convention,
    summary.validCount
  );
  return {
    report,
    headerRow: prepared.header.row,
    headers: prepared.header.cells,
    delimiter: prepared.delimiter,
    numberConvention: summary.convention,
  };
}

/** Whether two conventions read the numbers alike (same mark, decided the same way). */
function sameDecision(a: NumberConvention, b: NumberConvention): boolean {
  return a.decimal === b.decimal && a.decidedBy === b.decidedBy;
}

/**
 * Checks a long CSV without holding its rows: one pass in the common case. The number convention is
 * first taken from the first megabyte; every cell is tallied as the rows go by, and if all the cells
 * decide differently the rows are checked again under the file's real convention (the sink restarts).
 */
export function checkPreparedCsv(prepared: PreparedCsv, sink: ValueSink): StreamCheck {
  const { delimiter, options } = prepared;
  let pass = validationPass(prepared, sink);
  const final = pass.tally.convention(delimiter, options.decimal);
  if (!sameDecision(final, prepared.convention)) {
    sink.restart();
    pass = validationPass({ ...prepared, convention: final }, sink);
  }
  return finishCheck(prepared, {
    ...pass,
    convention: pass.tally.convention(delimiter, options.decimal),
  });
}

/**
 * Returns undefined when the file is not a long table (wide or unrecognised): the caller then uses the
 * whole-table path, which handles those.
 */
export function checkCsvStream(
  bytes: Uint8Array,
  file: string,
  options: StreamCheckOptions,
  sink: ValueSink
): StreamCheck | undefined {
  const prepared = prepareCsvStream(bytes, file, options);
  return prepared && checkPreparedCsv(prepared, sink);
}

// ---- Parts of one file checked side by side (in worker threads), for long files without quotes ----

/** One part of a file: whole lines, the part's place in the file, and what the whole file needs. */
export interface CsvPart {
  file: string;
  text: string;
  delimiter: string;
  newline: string;
  linesBefore: number;
  header: { cells: string[]; row: number };
  convention: NumberConvention;
  options: StreamCheckOptions;
}

/** What checking a part found, in a form that crosses a worker boundary. */
export interface CsvPartResult {
  /** False when the mapping itself has errors (then no row was checked). */
  ready: boolean;
  /** The problems the mapping raised: the same in every part, so only the first part's are kept. */
  mapping: ProblemSummary;
  /** The problems of the part's rows, in row order (at most the log's limit kept, all counted). */
  rows: ProblemSummary;
  ambiguity: AmbiguityLog;
  rowsSeen: number;
  validCount: number;
  tally: { comma: number; point: number; ambiguous: number };
  duplicates: DuplicateKeys;
}

/**
 * Splits a long quote-free file after its header into parts of whole lines (at most `count`), so they
 * can be checked at once. Undefined when the file cannot be split so (quotes may hold line breaks).
 */
export function splitPreparedCsv(prepared: PreparedCsv, count: number): CsvPart[] | undefined {
  const { text } = prepared;
  if (count < 2 || text.includes('"')) return undefined;
  const newline = guessNewline(text);
  const parts: CsvPart[] = [];
  let start = 0;
  let linesBefore = 0;
  for (let k = 1; k < count && start < text.length; k++) {
    const cut = text.indexOf(newline, Math.max(start, Math.floor((text.length * k) / count)));
    if (cut < 0) break;
    const part = text.slice(start, cut + newline.length);
    parts.push({ ...partOf(prepared), text: part, newline, linesBefore });
    linesBefore += countOf(part, newline);
    start = cut + newline.length;
  }
  if (start < text.length)
    parts.push({ ...partOf(prepared), text: text.slice(start), newline, linesBefore });
  // The header must lie in the first part, where the row checks begin.
  if (parts.length < 2 || parts[1].linesBefore < prepared.header.row) return undefined;
  return parts;
}

function partOf(prepared: PreparedCsv): Omit<CsvPart, "text" | "newline" | "linesBefore"> {
  const { file, delimiter, header, convention, options } = prepared;
  return { file, delimiter, header, convention, options };
}

function countOf(text: string, newline: string): number {
  let count = 0;
  for (let at = text.indexOf(newline); at >= 0; at = text.indexOf(newline, at + newline.length))
    count++;
  return count;
}

/** Checks one part under the file's convention; its valid values go to the sink. */
export function checkCsvPart(part: CsvPart, sink: ValueSink): CsvPartResult {
  const place = { newline: part.newline, linesBefore: part.linesBefore };
  const pass = validationPass({ ...part, readProblems: [] }, sink, place, false);
  const { log, mapping } = pass;
  const { comma, point, ambiguous } = pass.tally;
  return {
    ready: pass.checker.ready,
    mapping: {
      problems: log.problems.slice(0, mapping.problems),
      errorCount: mapping.errors,
      warningCount: mapping.warnings,
      skippedRowCount: 0,
      invalidRowCount: 0,
    },
    rows: {
      problems: log.problems.slice(mapping.problems),
      errorCount: log.errorCount - mapping.errors,
      warningCount: log.warningCount - mapping.warnings,
      skippedRowCount: log.skippedRowCount,
      invalidRowCount: log.invalidRowCount,
    },
    ambiguity: pass.checker.ambiguity,
    rowsSeen: pass.rowsSeen,
    validCount: pass.validCount,
    tally: { comma, point, ambiguous },
    duplicates: pass.checker.duplicates.keys(),
  };
}

/**
 * The whole file's check from its parts: the problems in the order one pass logs them (what reading
 * the file found, the mapping's, each part's rows, the note on ambiguous cells), all counted and the
 * first 10,000 kept. Undefined when the parts cannot stand for the file: a mapping or a reading error
 * (one pass checks no row then), a file-wide convention other than the one the parts used, or a key
 * used in two parts (its "Duplicate of row" message needs the other part). The caller then checks it
 * in one pass.
 */
export function combineCsvParts(
  prepared: PreparedCsv,
  results: readonly CsvPartResult[]
): StreamCheck | undefined {
  // An error in reading the file stops one pass from checking any row; the parts checked them.
  if (results.some((r) => !r.ready) || prepared.readProblems.some((p) => p.severity === "error"))
    return undefined;
  const tally = new ConventionTally();
  for (const r of results) {
    tally.comma += r.tally.comma;
    tally.point += r.tally.point;
    tally.ambiguous += r.tally.ambiguous;
  }
  const convention = tally.convention(prepared.delimiter, prepared.options.decimal);
  if (!sameDecision(convention, prepared.convention)) return undefined;
  const seen = DuplicateIndex.fromKeys(results[0].duplicates);
  for (let k = 1; k < results.length; k++) {
    if (seen.sharesKeyWith(results[k].duplicates)) return undefined;
    if (k < results.length - 1) seen.addKeys(results[k].duplicates);
  }
  const log = new ProblemLog(prepared.file, undefined);
  log.addAll(prepared.readProblems);
  log.append(results[0].mapping);
  for (const r of results) log.append(r.rows);
  const ambiguity = {
    count: results.reduce((sum, r) => sum + r.ambiguity.count, 0),
    first: results.find((r) => r.ambiguity.first)?.ambiguity.first,
  };
  reportAmbiguity({ ambiguity, convention: prepared.convention }, prepared.header.row, log);
  return finishCheck(prepared, {
    log,
    rowsSeen: results.reduce((sum, r) => sum + r.rowsSeen, 0),
    validCount: results.reduce((sum, r) => sum + r.validCount, 0),
    convention,
  });
}
