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
    /^\(\s*[$€£¥]?\s*\d[\d,. ]*%?\s*\)$/.test(trimmed) ||
    /^[$€£¥]/.test(trimmed);
  return risky ? `'${text}` : text;
}

// XML 1.0 allows tab, LF, CR and U+0020..U+D7FF, U+E000..U+FFFD and the astral planes (as pairs).
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character an .xlsx (XML) cannot hold, or undefined. */
export function findXmlForbiddenCharacter(
  text: string
): { index: number; codePoint: number } | undefined {
  const match = XML_FORBIDDEN.exec(text);
  return match ? { index: match.index, codePoint: match[0].charCodeAt(0) } : undefined;
}

/** Text with every character XML forbids replaced by U+FFFD, so any file writer emits well-formed XML. */
export function xmlSafeText(text: string): string {
  return XML_FORBIDDEN.test(text) ? text.replace(new RegExp(XML_FORBIDDEN, "g"), "\ufffd") : text;
}

// Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen: invisible, but they make names differ.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, "");
}

/**
 * User text as every writer hands it to a cell. `target` "range" (Office.js Range.values, which parses
 * input like typing) gets Excel's text prefix where Excel would convert the text; "file" (a cell written
 * into .xlsx XML as a string, which Excel never re-parses) only loses characters XML cannot hold.
 */
export function cellText(text: string, target: "range" | "file"): string {
  return target === "range" ? excelTextInput(xmlSafeText(text)) : xmlSafeText(text);
}
