/**
 * Numbers written as text, in the conventions finance files use: `1,234.5` and `1.234,5`, space or
 * apostrophe grouping (`1 234,5`, `1'234.5`, including no-break and narrow no-break spaces), a trailing
 * percent sign with or without a space (`12,5 %` = 0.125) and accounting parentheses (`(1.200)` = -1200).
 *
 * A file has one convention. It is inferred from every numeric cell: a cell that only one convention can
 * read (`0,35`, `1.234,5`, `12.5`) is evidence; a cell both can read differently (`1.500`: 1.5 or 1500)
 * is ambiguous and is reported with both readings unless the file's evidence or the user decides it.
 */
import type { CellValue } from "./canonical";

/** The decimal mark: "." (1,234.5) or "," (1.234,5). */
export type DecimalMark = "." | ",";

export interface NumberConvention {
  decimal: DecimalMark;
  /** How the mark was decided: by the user, by cells only one convention reads, or by default. */
  decidedBy: "user" | "file" | "default";
  /** Cells that only a decimal comma reads / only a decimal point reads. */
  commaEvidence: number;
  pointEvidence: number;
  /** Cells that read differently under the two conventions (e.g. "1.500"). */
  ambiguousCells: number;
}

const SPACES = /[ \u00a0\u202f\u2009]/g;
const SPACE_GROUPED = /^[1-9]\d{0,2}([ \u00a0\u202f\u2009]\d{3})+([.,]\d+)?$/;
const APOSTROPHE_GROUPED = /^[1-9]\d{0,2}(['\u2019]\d{3})+(\.\d+)?$/;
const POINT_FORMS = [
  /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/,
  /^\d+(\.\d*)?$/,
  /^\.\d+$/,
  /^\d+(\.\d*)?e[+-]?\d+$/i,
];
const COMMA_FORMS = [
  /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/,
  /^\d+(,\d*)?$/,
  /^,\d+$/,
  /^\d+(,\d*)?e[+-]?\d+$/i,
];

/** Why a text cell is not a number (for the message), or the number. */
export type NumberReading = { ok: true; value: number } | { ok: false; reason: "format" | "range" };

/**
 * Reads number text under one convention. Returns undefined for blank text. Infinity and overflow
 * (`1e309`) are never numbers.
 */
const PLAIN_POINT = /^-?\d+(\.\d+)?$/;
const PLAIN_COMMA = /^-?\d+(,\d+)?$/;
const SIMPLE_DECIMAL = /^[+-]?\d+[.,]\d+$/;

export function readNumberText(raw: string, decimal: DecimalMark): NumberReading | undefined {
  // Fast path for the common plain forms ("12", "-0.35", "0,35"); everything else below.
  if (decimal === "." ? PLAIN_POINT.test(raw) : PLAIN_COMMA.test(raw)) {
    const number = Number(decimal === "." ? raw : raw.replace(",", "."));
    return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, reason: "range" };
  }
  let text = raw.trim();
  if (text === "") return undefined;
  let percent = false;
  let sign = 1;
  // "(1,5 %)", "(1.200)", "12,5 %", "-4 %": parentheses and the percent sign in either order.
  for (let pass = 0; pass < 2; pass++) {
    const percentMatch = /[ \u00a0\u202f\u2009]*%$/.exec(text);
    if (percentMatch && !percent) {
      percent = true;
      text = text.slice(0, percentMatch.index);
    }
    if (/^\(.*\)$/.test(text) && sign === 1) {
      sign = -1;
      text = text.slice(1, -1).trim();
    }
  }
  if (/^[+-]/.test(text)) {
    if (text[0] === "-") sign = -sign;
    text = text.slice(1);
  }
  if (SPACE_GROUPED.test(text)) text = text.replace(SPACES, "");
  else if (decimal === "." && APOSTROPHE_GROUPED.test(text)) text = text.replace(/['\u2019]/g, "");
  let plain: string | undefined;
  if (decimal === ".") {
    if (POINT_FORMS.some((form) => form.test(text))) plain = text.replace(/,/g, "");
  } else if (COMMA_FORMS.some((form) => form.test(text))) {
    plain = text.replace(/\./g, "").replace(",", ".");
  }
  if (plain === undefined) return { ok: false, reason: "format" };
  // A percent moves the decimal point in the text, so "41,2 %" is exactly 0.412 (41.2 / 100 is not).
  const number = sign * Number(percent ? shiftDecimal(plain, -2) : plain);
  if (!Number.isFinite(number)) return { ok: false, reason: "range" };
  return { ok: true, value: number };
}

function shiftDecimal(plain: string, places: number): string {
  const [mantissa, exponent = "0"] = plain.toLowerCase().split("e");
  return `${mantissa}e${Number(exponent) + places}`;
}

/** ASCII characters number text holds besides digits and marks: spaces, ' % ( ) + - e E. */
const NUMBER_PUNCTUATION = new Uint8Array(128);
for (const c of "\t\n\v\f\r '%()+-eE") NUMBER_PUNCTUATION[c.charCodeAt(0)] = 1;

/** Beyond ASCII, number text holds only spaces (no-break, narrow, thin ...) and the ’ apostrophe. */
const NUMBER_NON_ASCII = /[\s\u2019]/;

/**
 * False when the text cannot say anything about the convention: no digit, no decimal mark, or a
 * character no number has ("CC BY 4.0", "v1.2 beta"). A character loop that stops at the first
 * letter, because it runs for every cell of a million-row file.
 */
export function mayBeConventionEvidence(text: string): boolean {
  let digit = false;
  let mark = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c === 44 || c === 46) mark = true;
    else if (c < 128 ? NUMBER_PUNCTUATION[c] === 0 : !NUMBER_NON_ASCII.test(text[i])) return false;
  }
  return digit && mark;
}

/** What a text cell says about the convention. */
export function classifyNumberText(text: string): "comma" | "point" | "ambiguous" | "neutral" {
  if (!mayBeConventionEvidence(text)) return "neutral";
  if (SIMPLE_DECIMAL.test(text)) {
    // Positions rather than exec's match array: this runs for every decimal cell of a file.
    const start = text[0] === "+" || text[0] === "-" ? 1 : 0;
    const markAt = Math.max(text.indexOf("."), text.indexOf(","));
    const wholeLength = markAt - start;
    const fractionLength = text.length - markAt - 1;
    // "1.500" / "1,500": a decimal or a thousands group; anything else has only one reading.
    if (fractionLength === 3 && wholeLength <= 3 && text[start] !== "0") return "ambiguous";
    return text[markAt] === "," ? "comma" : "point";
  }
  const point = readNumberText(text, ".");
  const comma = readNumberText(text, ",");
  const pointOk = point?.ok === true;
  const commaOk = comma?.ok === true;
  if (pointOk && commaOk) return point.value === comma.value ? "neutral" : "ambiguous";
  if (pointOk && comma?.ok === false && comma.reason === "format") return "point";
  if (commaOk && point?.ok === false && point.reason === "format") return "comma";
  return "neutral";
}

/** Both readings of an ambiguous cell, for messages: "1.5 (decimal point) or 1500 (decimal comma)". */
export function bothReadings(text: string): string {
  const point = readNumberText(text, ".");
  const comma = readNumberText(text, ",");
  const show = (r: NumberReading | undefined): string => (r && r.ok ? String(r.value) : "?");
  return `${show(point)} with a decimal point, ${show(comma)} with a decimal comma`;
}

/** Tallies the convention evidence of cells; feed it every text cell of the file. */
export class ConventionTally {
  comma = 0;
  point = 0;
  ambiguous = 0;
  add(cell: CellValue): void {
    if (typeof cell !== "string" || cell.length > 64 || !mayBeConventionEvidence(cell)) return;
    const kind = classifyNumberText(cell);
    if (kind === "comma") this.comma++;
    else if (kind === "point") this.point++;
    else if (kind === "ambiguous") this.ambiguous++;
  }
  /**
   * The file's convention. More cells only one convention reads win; with no evidence at all, a
   * semicolon-separated file is taken to use decimal commas (that is why it uses semicolons).
   */
  convention(delimiter: string | undefined, chosen?: DecimalMark): NumberConvention {
    const counts = {
      commaEvidence: this.comma,
      pointEvidence: this.point,
      ambiguousCells: this.ambiguous,
    };
    if (chosen) return { decimal: chosen, decidedBy: "user", ...counts };
    if (this.comma !== this.point)
      return { decimal: this.comma > this.point ? "," : ".", decidedBy: "file", ...counts };
    return { decimal: delimiter === ";" ? "," : ".", decidedBy: "default", ...counts };
  }
}

export function inferConvention(
  rows: readonly (readonly CellValue[])[],
  delimiter: string | undefined,
  chosen?: DecimalMark
): NumberConvention {
  const tally = new ConventionTally();
  for (const row of rows) for (const cell of row) tally.add(cell);
  return tally.convention(delimiter, chosen);
}

/** Name of a convention for messages. */
export function describeDecimal(decimal: DecimalMark): string {
  return decimal === "," ? "decimal comma (1.234,5)" : "decimal point (1,234.5)";
}
