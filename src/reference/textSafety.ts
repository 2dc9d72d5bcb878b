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

const NUMBER_LIKE = /^[+-]?(\d[\d,. ]*|\.\d+)([eE][+-]?\d+)?%?$/;
// Dates and times as Excel recognises typed input: 2024-05, 5/6, 12 Mar, Mar 2025, Mar-25, 10:30.
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
const DATE_LIKE = new RegExp(
  `^\\d{1,4}[-/.]\\d{1,2}([-/.]\\d{1,4})?$|^\\d{1,2}[-/ ]${MONTH}([-/ ]\\d{2,4})?$|^${MONTH}[-/ ]\\d{1,4}$|^\\d{1,2}:\\d{2}(:\\d{2})?( ?[ap]m)?$`,
  "i"
);
const WORD_VALUES = new Set(["TRUE", "FALSE"]);

/**
 * Text as it must be handed to Range.values so Excel keeps it as exactly this text. Range.values
 * behaves like typing: besides formulas (= + - @), Excel would turn "311811" into a number, "TRUE"
 * into a boolean, "2024-05" into a date and "#N/A" into an error. A leading apostrophe stops all of
 * that; Excel stores it as the cell's quote prefix, and reading `values` returns the text without it.
 */
export function excelTextInput(text: string): string {
  if (text === "") return text;
  const trimmed = text.trim();
  const risky =
    startsLikeFormula(text) ||
    text[0] === "'" ||
    text[0] === "#" ||
    NUMBER_LIKE.test(trimmed) ||
    DATE_LIKE.test(trimmed) ||
    WORD_VALUES.has(trimmed.toUpperCase()) ||
    /^[$€£¥]/.test(trimmed);
  return risky ? `'${text}` : text;
}
