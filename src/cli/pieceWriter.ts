/**
 * The canonical CSV that `convert` will write, as UTF-8 in 1 MB buffers: kept until the file is known
 * to be valid, then written at once (atomically, by safeWrite).
 */
const PIECE_BYTES = 1 << 20;
const BATCH_CHARACTERS = 1 << 16;

/**
 * UTF-8 pieces of the output. Lines are joined in 64 K batches that are encoded into the current
 * buffer at once: few encoder calls, and line strings die young instead of surviving (and being copied
 * by the garbage collector) until a whole piece is full.
 */
export class PieceWriter {
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
