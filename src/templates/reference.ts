/** Reference sheet: the active reference library as an Excel table, with provenance visible on every row. */
import { ILLUSTRATIVE_NOTICE } from "../reference/model";
import { FORMAT, header, text } from "./cells";
import { TemplateContext } from "./context";
import { formatForUnit } from "./gap";
import type { PlanCell, SheetPlan } from "./plan";
import { at, SheetRows } from "./sheet";

export const REFERENCE_COLUMNS = [
  "Industry",
  "Industry code",
  "Metric",
  "Unit",
  "Better when",
  "Region",
  "Year",
  "P10",
  "P25",
  "Median",
  "P75",
  "P90",
  "Mean",
  "Value",
  "n",
  "Source",
  "Source URL",
  "Licence",
  "Illustrative",
  "Notes",
] as const;

export function referenceTemplate(context: TemplateContext): SheetPlan {
  const { library } = context;
  const sheet = new SheetRows();
  const illustrativeRows = library.values.filter((v) => v.illustrative).length;
  sheet.header(
    "Reference library",
    "The reference figures the other sheets compare against, with source, year, licence and whether each figure is illustrative.",
    illustrativeRows > 0
      ? {
          value: `${illustrativeRows} of ${library.values.length} rows are an ${ILLUSTRATIVE_NOTICE}.`,
          style: "warning",
        }
      : "Figures from the sources named on each row."
  );
  const headerRow = sheet.add(REFERENCE_COLUMNS.map((c) => header(c)));
  const optional = (value: number | undefined, format: string): PlanCell =>
    value === undefined ? { value: null } : { value, format, style: "label" };
  for (const value of library.values) {
    const format = formatForUnit(value.unit);
    const s = value.statistics;
    sheet.add([
      text(value.industry),
      text(value.industryCode ?? ""),
      text(value.metric),
      text(value.unit),
      text(value.direction),
      text(value.region),
      optional(value.year, "0"),
      optional(s.p10, format),
      optional(s.p25, format),
      optional(s.median, format),
      optional(s.p75, format),
      optional(s.p90, format),
      optional(s.mean, format),
      optional(s.value, format),
      optional(value.n, FORMAT.integer),
      text(value.source),
      text(value.sourceUrl ?? ""),
      text(value.licence ?? ""),
      text(value.illustrative ? ILLUSTRATIVE_NOTICE : "no"),
      text(value.notes ?? ""),
    ]);
  }
  const lastRow = Math.max(sheet.next - 1, headerRow + 1);
  if (library.values.length === 0) sheet.add(REFERENCE_COLUMNS.map(() => ({ value: null })));
  return {
    key: "reference",
    name: "Reference",
    purpose: sheet.purpose,
    blocks: [{ at: "A1", rows: sheet.rows }],
    columnWidths: [22, 10, 30, 16, 10, 10, 8, 10, 10, 10, 10, 10, 10, 10, 8, 30, 30, 30, 40, 50],
    tables: [
      {
        name: "ReferenceLibrary",
        range: `A${headerRow}:${at(REFERENCE_COLUMNS.length - 1, lastRow)}`,
        style: "TableStyleLight1",
      },
    ],
    // Left open so users can add their own sources as rows.
    protect: false,
    freeze: { rows: headerRow, columns: 1 },
  };
}
