/**
 * The visual roles of template cells. One input style everywhere (light yellow fill, blue text, the
 * convention finance staff know from banking models), so inputs are visibly distinct from formulas.
 */
import type { StyleName } from "./plan";

export interface CellStyle {
  /** Fill colour as #RRGGBB. */
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Thin bottom border (headers). */
  underline?: boolean;
  wrap?: boolean;
}

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 16, fontColor: "#1F3864" },
  purpose: { italic: true, fontColor: "#404040" },
  section: { bold: true, size: 12, fontColor: "#FFFFFF", fill: "#1F3864" },
  header: { bold: true, fill: "#D9E1F2", underline: true, wrap: true },
  label: {},
  input: { fill: "#FFF2CC", fontColor: "#0000FF" },
  record: { fontColor: "#0000FF" },
  output: { fill: "#F2F2F2" },
  key: { bold: true, fill: "#E2EFDA" },
  note: { italic: true, fontColor: "#7F7F7F" },
  warning: { italic: true, bold: true, fontColor: "#C00000" },
};

/** Whether the user types into a cell of this role: such cells stay unlocked when the sheet is protected. */
export const isInputStyle = (style: StyleName | undefined): boolean =>
  style === "input" || style === "record";
