/** A validation report printed safely: every text that came from the file is escaped value by value. */
import type { ValidationReport } from "../reference/importPipeline";
import { escapeValue } from "./safeText";

export function escapedReport(report: ValidationReport): ValidationReport {
  return {
    ...report,
    file: escapeValue(report.file),
    ...(report.sheet !== undefined ? { sheet: escapeValue(report.sheet) } : {}),
    problems: report.problems.map((p) => ({
      ...p,
      file: escapeValue(p.file),
      ...(p.sheet !== undefined ? { sheet: escapeValue(p.sheet) } : {}),
      column: escapeValue(p.column),
      message: escapeValue(p.message),
    })),
  };
}

/**
 * The pipeline's report without its closing line: the pipeline words that for the pane ("choose to
 * import only the valid rows"), and each command words it for the options it has.
 */
export async function reportLines(report: ValidationReport, limit = Infinity): Promise<string[]> {
  const { formatReport } = await import("../reference/importPipeline");
  const lines = formatReport(escapedReport(report), limit).split("\n");
  if (/^(Valid|Invalid):/.test(lines[lines.length - 1] ?? "")) lines.pop();
  return lines;
}
