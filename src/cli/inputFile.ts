/** Reading an input file named on the command line: missing or unknown format is exit 2, unreadable 3. */
import { readFileSync, statSync } from "fs";
import type { SourceKind } from "../reference/importPipeline";
import { UsageError, fileSystemError } from "./exitCodes";
import { escapeValue } from "./safeText";

export interface InputFile {
  kind: SourceKind;
  bytes: Uint8Array;
}

const SUPPORTED = "a .csv, .tsv, .txt, .xlsx or .json file";

/** `what` names the file in messages ("the file", "--reference"). */
export async function readInputFile(file: string, what: string): Promise<InputFile> {
  const shown = escapeValue(file);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`${what}: no such file: ${shown}`);
  }
  if (!isFile) throw new UsageError(`${what}: not a file: ${shown}`);
  const { kindFromFileName } = await import("../reference/importPipeline");
  const kind = kindFromFileName(file);
  if (!kind) throw new UsageError(`${what}: cannot tell the format of ${shown}; use ${SUPPORTED}`);
  try {
    return { kind, bytes: readFileSync(file) };
  } catch (error) {
    throw fileSystemError(error, "read", shown);
  }
}
