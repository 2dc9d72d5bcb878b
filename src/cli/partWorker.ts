/**
 * A worker thread of `reference check` / `convert`: checks one part of a long CSV (whole lines, see
 * splitPreparedCsv) and, for convert, returns its valid rows as canonical CSV. Built as its own entry
 * (dist-cli/part-worker.mjs) next to the command.
 */
import { parentPort, workerData } from "worker_threads";
import type { CsvPart } from "../reference/csvStream";
import { checkPart } from "./partCheck";
import { trace } from "./trace";

export interface PartJob {
  part: CsvPart;
  /** Whether to return the part's valid rows as canonical CSV (convert) or only check them. */
  output: boolean;
}

const { part, output } = workerData as PartJob;
trace(`a worker started on the part after line ${part.linesBefore}`);
const outcome = checkPart(part, output);
trace(`a worker checked the part after line ${part.linesBefore}`);
// Moved, not copied: each piece owns its ArrayBuffer (1 MB, never from Buffer's small pool).
const buffers = [...new Set(outcome.pieces.map((piece) => piece.buffer as ArrayBuffer))];
parentPort?.postMessage(outcome, buffers);
