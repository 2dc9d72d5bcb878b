/**
 * `reference check` / `reference convert` for long CSV files in bounded memory: the rows are validated
 * as they stream past (src/reference/csvStream.ts) and never held as a table; convert keeps only the
 * canonical CSV it will write, as UTF-8 in 1 MB buffers. Undefined means "not a long CSV": the caller
 * then uses the whole-table pipeline, which handles wide and unrecognised files.
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

const PIECE_BYTES = 1 << 20;
const BATCH_CHARACTERS = 1 << 16;

/**
 * UTF-8 pieces of the output. Lines are joined in 64 K batches that are encoded into the current
 * buffer at once: few encoder calls, and line strings die young instead of surviving (and being copied
 * by the garbage collector) until a whole piece is full.
 */
class PieceWriter {
  private readonly pieces: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;
  private batch = "";
  add(text: string): void {
    this.batch += text;
    if (this.batch.length >= BATCH_CHARACTERS) this.encodeBatch();
  }
  finish(): Buffer[] {
    this.encodeBatch();
    this.flush();
    return this.pieces;
  }
  private encodeBatch(): void {
    const text = this.batch;
    this.batch = "";
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > PIECE_BYTES) this.flush();
    if (text.length * 3 > PIECE_BYTES) this.pieces.push(Buffer.from(text, "utf8"));
    else this.used += this.buffer.write(text, this.used, "utf8");
  }
  private flush(): void {
    if (this.used === 0) return;
    this.pieces.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(PIECE_BYTES);
    this.used = 0;
  }
}

export async function streamConvert(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<{ check: StreamCheck; pieces: Buffer[] } | undefined> {
  const { checkCsvStream } = await import("../reference/csvStream");
  const { canonicalCsvHeader, canonicalCsvLine } = await import("../reference/exportCsv");
  let writer = new PieceWriter();
  writer.add(canonicalCsvHeader());
  const check = checkCsvStream(bytes, file.split(/[\\/]/).pop() ?? file, options, {
    value: (value) => writer.add(canonicalCsvLine(value)),
    restart: () => {
      writer = new PieceWriter();
      writer.add(canonicalCsvHeader());
    },
  });
  return check && { check, pieces: writer.finish() };
}
