/**
 * Edits of the pane's column mapping (field -> source header, as everywhere in Crossbench) from the
 * per-column drop-downs: a column feeds at most one field and a field is fed by at most one column.
 */
import type { ColumnMapping } from "../../paneActions";

/** The field fed by this source column, "" when the column is not imported. */
export function fieldOfColumn(mapping: ColumnMapping, header: string): string {
  return Object.keys(mapping).find((field) => mapping[field] === header) ?? "";
}

/** The fields fed by some column. */
export function mappedFields(mapping: ColumnMapping): string[] {
  return Object.keys(mapping).filter((field) => Boolean(mapping[field]));
}

/**
 * The mapping after the user chose `field` ("" = not imported) for the column `header`: the column
 * leaves the field it fed, and the field leaves the column that fed it before.
 */
export function assignColumn(mapping: ColumnMapping, header: string, field: string): ColumnMapping {
  const next: ColumnMapping = {};
  for (const [key, current] of Object.entries(mapping))
    if (current && current !== header && key !== field) next[key] = current;
  if (field) next[field] = header;
  return next;
}
