/**
 * Writing the user's files safely: an existing file is replaced only with --force; the bytes go to a
 * temporary file in the target folder (same file system, so the final rename is atomic), which is
 * flushed to disk and then renamed over the target. On any failure, and on Ctrl+C or SIGTERM, the
 * temporary file is removed: the target is either untouched or complete, never truncated.
 */
import { randomBytes } from "crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "fs";
import path from "path";
import { UsageError, fileSystemError } from "./exitCodes";
import { escapeValue } from "./safeText";

const pendingTemporaryFiles = new Set<string>();

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
  pendingTemporaryFiles.delete(file);
}

/** Removes the temporary files of writes in progress; called on SIGINT/SIGTERM. */
export function removePendingTemporaryFiles(): void {
  for (const file of [...pendingTemporaryFiles]) removeQuietly(file);
}

/** On Ctrl+C or SIGTERM: clean up, then end with the signal as if unhandled (exit 130 / 143). */
export function cleanUpOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      removePendingTemporaryFiles();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Checks an output path before any work is done: its folder exists, it is not a folder, and it does
 * not exist unless `force` (exit code 2 and one line otherwise).
 */
export function checkOutputPath(output: string, force: boolean): void {
  const shown = escapeValue(output);
  const target = path.resolve(output);
  const folder = path.dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`the folder for --out does not exist: ${escapeValue(folder)}`);
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory())
    throw new UsageError(`--out is a folder, not a file: ${shown}`);
  if (!force) throw new UsageError(`${shown} already exists; add --force to replace it`);
}

/**
 * The same file: the same path once resolved (the writers below resolve paths the same way), or the
 * same device and inode, so a link or another spelling of the path counts too.
 */
export function isSameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const first = statSync(a);
  const second = statSync(b);
  return first.dev === second.dev && first.ino === second.ino;
}

const testHoldMs = (): number => Number(process.env.CROSSBENCH_TEST_HOLD_BEFORE_RENAME_MS ?? 0);

/**
 * Writes `content` to `target` atomically. Without `force` the target must not exist when the write
 * completes (a file created meanwhile is not replaced). File-system refusals become exit code 3.
 */
export async function writeFileAtomically(
  output: string,
  content: Uint8Array | string | readonly (Uint8Array | string)[],
  force: boolean
): Promise<void> {
  const target = path.resolve(output);
  const folder = path.dirname(target);
  const temporary = path.join(
    folder,
    `.${path.basename(target)}.crossbench-${process.pid}-${randomBytes(4).toString("hex")}.tmp`
  );
  // A list of pieces (a streamed conversion) is written piece by piece, never joined in memory.
  const pieces: readonly (Uint8Array | string)[] = Array.isArray(content)
    ? content
    : [content as Uint8Array | string];
  pendingTemporaryFiles.add(temporary);
  try {
    const descriptor = openSync(temporary, "wx", 0o644);
    try {
      for (const piece of pieces) {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset);
      }
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    // Fault injection for the interruption test: a window between the complete temporary file and
    // the rename, which is otherwise too short to hit with a signal.
    if (testHoldMs() > 0) await new Promise((resolve) => setTimeout(resolve, testHoldMs()));
    if (force) renameSync(temporary, target);
    else linkWithoutReplacing(temporary, target, output);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof UsageError) throw error;
    throw fileSystemError(error, "write", escapeValue(output));
  }
  removeQuietly(temporary);
}

/** link() fails when the target exists, so a file that appeared while we worked is never replaced. */
function linkWithoutReplacing(temporary: string, target: string, output: string): void {
  try {
    linkSync(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(`${escapeValue(output)} already exists; add --force to replace it`);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw error;
    if (existsSync(target))
      throw new UsageError(`${escapeValue(output)} already exists; add --force to replace it`);
    renameSync(temporary, target);
  }
}
