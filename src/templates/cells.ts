/** Small constructors that keep the template definitions readable. */
import type { BenchFormula, CellValue, PlanCell, StyleName } from "./plan";

export const FORMAT = {
  currency: "#,##0;[Red]-#,##0",
  currency2: "#,##0.00;[Red]-#,##0.00",
  number: "#,##0.00",
  integer: "#,##0",
  percent: "0.0%",
  percent2: "0.00%",
  ratio: "0.00",
  years: '0.00 "yrs"',
  year: '"Year "0',
  date: "yyyy-mm-dd",
  score: "0.0",
  text: "@",
} as const;

export const text = (value: string, style?: StyleName): PlanCell => ({
  value,
  style: style ?? "label",
});
export const title = (value: string): PlanCell => ({ value, style: "title" });
export const purpose = (value: string): PlanCell => ({ value, style: "purpose" });
export const section = (value: string): PlanCell => ({ value, style: "section" });
export const header = (value: string): PlanCell => ({ value, style: "header" });
export const note = (value: string): PlanCell => ({ value, style: "note" });
export const number = (value: number, format: string, style: StyleName = "output"): PlanCell => ({
  value,
  format,
  style,
});
/** An input cell: the one input style; numbers carry their format, text inputs are plain. */
export const input = (value: CellValue, format?: string): PlanCell => ({
  value,
  format: format ?? (typeof value === "number" ? FORMAT.number : "General"),
  style: "input",
});
/** A cell the user fills in for the record (notes, names) that no formula reads. */
export const record = (value: CellValue): PlanCell => ({
  value,
  format: "General",
  style: "record",
});
export const formula = (
  formulaText: string,
  format: string,
  style: StyleName = "output"
): PlanCell => ({ formula: formulaText, format, style });
export const bench = (
  spec: BenchFormula,
  format: string,
  style: StyleName = "output"
): PlanCell => ({ bench: spec, format, style });
/** A row of section-coloured cells so a section bar spans the used width. */
export const sectionRow = (label: string, width: number): PlanCell[] => [
  section(label),
  ...Array.from({ length: width - 1 }, () => section("")),
];

/** Formats a number for a formula literal without exponent notation surprises. */
export function literal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} into a formula`);
  return String(value);
}

/** Quotes text for a formula string literal. */
export const quoted = (value: string): string => `"${value.replace(/"/g, '""')}"`;
