/**
 * `reference check` / `reference convert` for long CSV files in bounded memory: the rows are validated
 * as they stream past (src/reference/csvStream.ts) and never held as a table; convert keeps only the
 * canonical CSV text it will write, in 1 MB pieces. Undefined means "not a long CSV": the caller then
 * uses the whole-table pipeline, which handles wide and unrecognised files.
 */
import type { StreamCheck, StreamCheckOptions } from "../reference/csvStream";

export async function streamCheck(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<StreamCheck | undefined> {
  const { checkCsvStream } = await import("../reference/csvStream");
  return checkCsvStream(bytes, file.split(/[\\/]/).pop() ?? file, options, {
    value: () => {},
    restart: () => {},
  });
}

export async function streamConvert(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<{ check: StreamCheck; pieces: string[] } | undefined> {
  const { checkCsvStream } = await import("../reference/csvStream");
  const { canonicalCsvHeader, canonicalCsvLine } = await import("../reference/exportCsv");
  let pieces: string[] = [];
  let piece = canonicalCsvHeader();
  const check = checkCsvStream(bytes, file.split(/[\\/]/).pop() ?? file, options, {
    value: (value) => {
      piece += canonicalCsvLine(value);
      if (piece.length > 1 << 20) {
        pieces.push(piece);
        piece = "";
      }
    },
    restart: () => {
      pieces = [];
      piece = canonicalCsvHeader();
    },
  });
  pieces.push(piece);
  return check && { check, pieces };
}
