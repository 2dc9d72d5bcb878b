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
import { LongRowChecker } from "./validate";
import { ImportDefaults, ProblemLog, ValidationReport, finishReport } from "./validationReport";
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

function eachRow(
  text: string,
  delimiter: string,
  visit: (cells: string[], row: number) => void,
  onProblem?: (problem: Omit<ImportProblem, "file">) => void
): void {
  if (!text.includes('"')) {
    // Without quotes a row is its line split on the delimiter, as papaparse's fastMode does, but one
    // line at a time: no array of every line and no per-row result object from papaparse's `step`.
    const newline = guessNewline(text);
    let line = 0;
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
  validCount: number;
  rowsSeen: number;
  tally: ConventionTally;
}

function validationPass(
  text: string,
  delimiter: string,
  header: { cells: string[]; row: number },
  convention: NumberConvention,
  options: StreamCheckOptions,
  readProblems: readonly ImportProblem[],
  file: string,
  sink: ValueSink
): Pass {
  const log = new ProblemLog(file, undefined);
  for (const p of readProblems) log.add(p.row, p.column, p.severity, p.message);
  const tally = new ConventionTally();
  const checker = new LongRowChecker(
    header.cells,
    header.row,
    options.mapping ?? suggestMapping(header.cells),
    options.defaults ?? {},
    convention,
    log
  );
  const pass: Pass = { log, validCount: 0, rowsSeen: 0, tally };
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
    (p) => log.add(p.row, p.column, p.severity, p.message)
  );
  if (checking) checker.finish();
  return pass;
}

/**
 * Checks a long CSV without holding its rows: one pass in the common case. The number convention is
 * first taken from the first megabyte; every cell is tallied as the rows go by, and if all the cells
 * decide differently the rows are checked again under the file's real convention (the sink restarts).
 * Returns undefined when the file is not a long table (wide or unrecognised): the caller then uses the
 * whole-table path, which handles those.
 */
export function checkCsvStream(
  bytes: Uint8Array,
  file: string,
  options: StreamCheckOptions,
  sink: ValueSink
): StreamCheck | undefined {
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
  const header = {
    cells: prefixRows[detection.headerIndex].map((c) => (c === null ? "" : String(c))),
    row: prefixRowNumbers[detection.headerIndex],
  };
  let convention = prefixTally.convention(delimiter, options.decimal);
  let pass = validationPass(
    text,
    delimiter,
    header,
    convention,
    options,
    decoded.problems,
    file,
    sink
  );
  const final = pass.tally.convention(delimiter, options.decimal);
  if (final.decimal !== convention.decimal || final.decidedBy !== convention.decidedBy) {
    sink.restart();
    convention = final;
    pass = validationPass(
      text,
      delimiter,
      header,
      convention,
      options,
      decoded.problems,
      file,
      sink
    );
  }
  convention = pass.tally.convention(delimiter, options.decimal);
  const rowsRead = Math.max(0, pass.rowsSeen - detection.headerIndex - 1);
  const report = finishReport(
    emptyTable(file),
    "long",
    rowsRead,
    [],
    pass.log,
    convention,
    pass.validCount
  );
  return {
    report,
    headerRow: header.row,
    headers: header.cells,
    delimiter,
    numberConvention: convention,
  };
}
