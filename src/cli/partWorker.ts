/**
 * A worker thread of `reference check` / `convert`: checks one part of a long CSV (whole lines, see
 * splitPreparedCsv) and, for convert, returns its valid rows as canonical CSV. Built as its own entry
 * (dist-cli/part-worker.mjs) next to the command.
 */
import { parentPort, workerData } from "worker_threads";
import { CsvPart, checkCsvPart } from "../reference/csvStream";
import { canonicalCsvLine } from "../reference/exportCsv";
import { PieceWriter } from "./pieceWriter";

export interface PartJob {
  part: CsvPart;
  /** Whether to return the part's valid rows as canonical CSV (convert) or only check them. */
  output: boolean;
}

const { part, output } = workerData as PartJob;
const writer = new PieceWriter();
const result = checkCsvPart(part, {
  value: (value) => {
    if (output) writer.add(canonicalCsvLine(value));
  },
  restart: () => {},
});
const pieces = writer.finish();
// Moved, not copied: each piece owns its ArrayBuffer (1 MB, never from Buffer's small pool).
const buffers = [...new Set(pieces.map((piece) => piece.buffer as ArrayBuffer))];
parentPort?.postMessage({ result, pieces }, buffers);
