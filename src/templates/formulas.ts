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

/**
 * Excel stores a JavaScript custom function in a file as `_xldudf_` + its name with dots as underscores
 * (BENCH.NPV -> _xldudf_BENCH_NPV) and maps it back once the add-in's metadata is loaded; a bare
 * "BENCH.NPV(" in a file can stay #NAME? even with the add-in running.
 */
const BENCH_PATTERN = /(?<![A-Za-z0-9_.])BENCH\.([A-Za-z0-9_]+)\(/gi;
const STORED_BENCH_PATTERN = /_xldudf_BENCH_([A-Za-z0-9_]+)\(/gi;

/** Rewrites the parts of a formula outside string literals. */
function outsideStrings(formula: string, rewrite: (part: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) => (index % 2 === 1 ? part : rewrite(part)))
    .join("");
}

/**
 * The formula as stored in a file: `_xlfn.` on newer functions, `_xldudf_` on BENCH functions, no leading
 * "=" (exceljs wants none).
 */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return outsideStrings(body, (part) =>
    part
      .replace(FUTURE_PATTERN, (_m, name: string) => `_xlfn.${name.toUpperCase()}(`)
      .replace(BENCH_PATTERN, (_m, name: string) => `_xldudf_BENCH_${name.toUpperCase()}(`)
  );
}

/** Inverse of `toFileFormula`, for comparing what a file holds with what the plan says. */
export function fromFileFormula(formula: string): string {
  const body = formula.replace(/^=/, "");
  return (
    "=" +
    outsideStrings(body, (part) =>
      part
        .replace(/_xlfn\./gi, "")
        .replace(STORED_BENCH_PATTERN, (_m, name: string) => `BENCH.${name.toUpperCase()}(`)
    )
  );
}

/** Whether a formula calls a Crossbench custom function (needs the add-in to calculate). */
export const usesBenchFunctions = (formula: string): boolean =>
  /(?<![A-Za-z0-9_])BENCH\./i.test(formula);
