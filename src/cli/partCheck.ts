/**
 * One part of a long CSV checked, with its valid rows as canonical CSV when converting: the same code
 * whether the part is checked on the main thread or in a worker (partWorker.ts).
 */
import { CsvPart, CsvPartResult, checkCsvPart } from "../reference/csvStream";
import { canonicalCsvLine } from "../reference/exportCsv";
import { PieceWriter } from "./pieceWriter";

export interface PartOutcome {
  result: CsvPartResult;
  /** The part's valid rows as UTF-8 canonical CSV (none when only checking). */
  pieces: Buffer[];
}

export function checkPart(part: CsvPart, output: boolean): PartOutcome {
  const writer = new PieceWriter();
  const result = checkCsvPart(part, {
    value: (value) => {
      if (output) writer.add(canonicalCsvLine(value));
    },
    restart: () => {},
  });
  return { result, pieces: writer.finish() };
}
