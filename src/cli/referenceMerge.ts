/**
 * `crossbench reference merge`: the pane's keep-or-replace import for a library file. The plan is the
 * pane's own (src/reference/mergePlan.ts planMerge); this module only turns the library's validated
 * rows into the plan's input, the plan into the merged rows, and the plan into the printed preview.
 */
import { CANONICAL_HEADERS, CellValue, toCanonicalRow } from "../reference/canonical";
import {
  ConflictPolicy,
  ExistingRow,
  MergePlan,
  RowDifference,
  planMerge,
  rowLabel,
} from "../reference/mergePlan";
import { ReferenceValue, referenceKey } from "../reference/model";
import { escapeValue } from "./safeText";

export { planMerge };
export type { ConflictPolicy, MergePlan };

/** Changed rows listed in the preview; the rest are counted. */
export const CHANGES_SHOWN = 20;

/** The library's rows as the plan reads them: key, position and canonical cells. */
export function existingRowsOf(library: readonly ReferenceValue[]): ExistingRow[] {
  return library.map((value, index) => ({
    key: referenceKey(value),
    index,
    cells: toCanonicalRow(value),
  }));
}

/** The library in its order with the plan's updates in place, then the new rows in the file's order. */
export function mergedValues(
  library: readonly ReferenceValue[],
  plan: MergePlan
): ReferenceValue[] {
  const merged = [...library];
  for (const update of plan.updates) merged[update.index] = update.value;
  return [...merged, ...plan.adds];
}

const shown = (cell: CellValue | undefined): string =>
  cell === null || cell === undefined || cell === "" ? "(blank)" : escapeValue(String(cell));

/** "Bakeries × Gross margin × 2025 × all regions: median 0.55 → 0.57; n 48 → 52". */
function differenceLine(difference: RowDifference): string {
  const changes = CANONICAL_HEADERS.flatMap((field, i) =>
    (difference.before[i] ?? "") === (difference.after[i] ?? "")
      ? []
      : [`${field} ${shown(difference.before[i])} → ${shown(difference.after[i])}`]
  );
  const flag = difference.unitChanged ? "UNIT CHANGES (the figures are not comparable): " : "";
  return `  ${flag}${escapeValue(rowLabel(difference.value))}: ${changes.join("; ")}`;
}

/** The preview: counts, every changed row old → new (the first CHANGES_SHOWN), what the policy does. */
export function previewLines(plan: MergePlan, shownAtMost = CHANGES_SHOWN): string[] {
  const changed = plan.policy === "replace" ? plan.updates : plan.conflicts;
  const lines = [
    `${plan.adds.length} new, ${changed.length} already in the library with other figures, ${plan.unchanged} unchanged.`,
  ];
  if (changed.length === 0) return lines;
  const unitChanges = changed.filter((d) => d.unitChanged).length;
  lines.push(
    `Rows with other figures${unitChanges > 0 ? ` (${unitChanges} with a different unit)` : ""}, old → new:`
  );
  for (const difference of changed.slice(0, shownAtMost)) lines.push(differenceLine(difference));
  if (changed.length > shownAtMost) lines.push(`  ... and ${changed.length - shownAtMost} more.`);
  lines.push(
    plan.policy === "replace"
      ? "They take the incoming figures (--on-conflict replace)."
      : "They keep the library's figures (--on-conflict keep, the default); add --on-conflict replace to take the incoming figures."
  );
  return lines;
}

/** The closing line: what was written where. */
export function writtenLine(plan: MergePlan, libraryCount: number, out: string): string {
  const matched = plan.updates.length + plan.conflicts.length + plan.unchanged;
  const kept = plan.policy === "keep" ? `, ${plan.conflicts.length} kept as they were` : "";
  return `Wrote ${libraryCount + plan.adds.length} reference values to ${escapeValue(out)}: ${plan.adds.length} added, ${plan.updates.length} replaced${kept}, ${plan.unchanged} unchanged, ${libraryCount - matched} not in the incoming file.`;
}
