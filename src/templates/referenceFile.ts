/**
 * `--reference FILE` for the workbook command: the file goes through the same parse and validation as
 * the task pane's import (src/reference/importPipeline), and its rows sit over the bundled library the
 * same way the workbook's reference table does in the add-in (src/reference/precedence: the file wins).
 */
import { readFileSync } from "fs";
import path from "path";
import {
  formatReport,
  kindFromFileName,
  parseSource,
  rowsToImport,
  validateSource,
  type ValidationReport,
} from "../reference/importPipeline";
import { withUserPrecedence } from "../reference/precedence";
import type { TemplateLibrary } from "./context";

/** The file is unreadable or invalid; `report` is the validation report, one line per problem. */
export class ReferenceFileError extends Error {
  constructor(
    message: string,
    readonly report: readonly string[],
    /** The validation report itself, for callers that print it their own way (the CLI escapes it). */
    readonly validation?: ValidationReport
  ) {
    super(message);
    this.name = "ReferenceFileError";
  }
}

export async function loadReferenceFile(
  file: string,
  bundled: TemplateLibrary
): Promise<TemplateLibrary> {
  const kind = kindFromFileName(file);
  if (!kind)
    throw new ReferenceFileError(
      `--reference must be a .csv, .tsv, .txt, .xlsx or .json file: ${file}`,
      []
    );
  const parsed = await parseSource({ kind, name: path.basename(file), bytes: readFileSync(file) });
  const report = validateSource(parsed);
  const rows = rowsToImport(report, "all-or-nothing");
  if (!report.ok || rows.length === 0) {
    const lines = formatReport(report, 50).split("\n");
    throw new ReferenceFileError(
      `the reference file ${file} is not valid (${report.errorCount} errors); nothing was written`,
      lines,
      report
    );
  }
  // The file's figures beat the bundled ones for the same industry × metric, whatever the years.
  return { ...bundled, values: withUserPrecedence(rows, bundled.values) };
}
