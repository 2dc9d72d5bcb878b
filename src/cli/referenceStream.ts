/**
 * `reference check` / `reference convert` for long CSV files in bounded memory: the rows are validated
 * as they stream past (src/reference/csvStream.ts) and, for convert, written to a temporary file next to
 * the output that replaces it only when the file is valid (or the valid rows were asked for).
 */
import {
  closeSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "fs";
import path from "path";
import { canonicalCsvHeader, canonicalCsvLine } from "../reference/exportCsv";
import { StreamCheck, StreamCheckOptions, checkCsvStream } from "../reference/csvStream";

/** Validates a long CSV file; undefined when it is not one (the caller uses the whole-table path). */
export function checkCsvFile(file: string, options: StreamCheckOptions): StreamCheck | undefined {
  return checkCsvStream(new Uint8Array(readFileSync(file)), path.basename(file), options, {
    value: () => {},
    restart: () => {},
  });
}

export interface StreamConvert extends StreamCheck {
  written: boolean;
}

/** Converts a long CSV file to the canonical CSV at `out`, written atomically. */
export function convertCsvFile(
  file: string,
  out: string,
  options: StreamCheckOptions & { onlyValidRows?: boolean }
): StreamConvert | undefined {
  const temporary = path.join(
    path.dirname(path.resolve(out)),
    `.${path.basename(out)}.${process.pid}.tmp`
  );
  const descriptor = openSync(temporary, "w");
  let buffer = canonicalCsvHeader();
  let position = 0;
  let check: StreamCheck | undefined;
  try {
    check = checkCsvStream(new Uint8Array(readFileSync(file)), path.basename(file), options, {
      value: (value) => {
        buffer += canonicalCsvLine(value);
        if (buffer.length > 1 << 20) {
          position += writeSync(descriptor, buffer, position);
          buffer = "";
        }
      },
      restart: () => {
        ftruncateSync(descriptor, 0);
        position = 0;
        buffer = canonicalCsvHeader();
      },
    });
    position += writeSync(descriptor, buffer, position);
  } finally {
    closeSync(descriptor);
  }
  const written = check !== undefined && (check.report.ok || options.onlyValidRows === true);
  if (written) renameSync(temporary, out);
  else rmSync(temporary, { force: true });
  return check && { ...check, written };
}
