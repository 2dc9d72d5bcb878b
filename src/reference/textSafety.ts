/**
 * Formula-injection neutralisation (OWASP CSV injection): text that starts with = + - @, a tab or a
 * carriage return could be read by Excel (or another spreadsheet) as a formula. We prefix such text with
 * an apostrophe, Excel's own "this is text" marker: Range.values and a typed cell both treat a leading
 * apostrophe as a text prefix that is not part of the value. Readers undo the prefix so text round-trips.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]);
}

/** The text as it must be written to a cell or a CSV field so no spreadsheet evaluates it. */
export function neutraliseFormulaText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** Undoes neutraliseFormulaText: "'=x" -> "=x"; other text (including "'hello") is left as it is. */
export function unescapeLeadingQuote(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_TRIGGERS.has(text[1]) ? text.slice(1) : text;
}
