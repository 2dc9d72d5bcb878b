/**
 * Formula spelling for files. Excel stores functions added after Excel 2007 with an `_xlfn.` prefix in
 * .xlsx; without it Excel and LibreOffice show #NAME?. The Office.js renderer writes formulas as a user
 * types them, so only the file renderer calls `toFileFormula`.
 */

/** Newer Excel functions the templates may use (Excel 2010+), as stored in OOXML. */
const FUTURE_FUNCTIONS = [
  "AGGREGATE",
  "CONCAT",
  "IFNA",
  "IFS",
  "MAXIFS",
  "MINIFS",
  "NORM.S.INV",
  "PERCENTILE.INC",
  "PERCENTRANK.INC",
  "RANK.EQ",
  "STDEV.S",
  "SWITCH",
  "T.TEST",
  "TEXTJOIN",
  "XLOOKUP",
  "XMATCH",
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const FUTURE_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_.])(${FUTURE_FUNCTIONS.map(escapeRegExp).join("|")})\\(`,
  "gi"
);

/** Adds `_xlfn.` to newer functions outside string literals; drops the leading "=" (exceljs wants none). */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  // Split on string literals so a word inside quotes is never rewritten.
  return body
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(FUTURE_PATTERN, (_m, name: string) => `_xlfn.${name.toUpperCase()}(`)
    )
    .join("");
}

/** Inverse of `toFileFormula`, for comparing what a file holds with what the plan says. */
export function fromFileFormula(formula: string): string {
  return "=" + formula.replace(/_xlfn\./gi, "").replace(/^=/, "");
}

/** Whether a formula calls a Crossbench custom function (needs the add-in to calculate). */
export const usesBenchFunctions = (formula: string): boolean =>
  /(?<![A-Za-z0-9_])BENCH\./i.test(formula);
