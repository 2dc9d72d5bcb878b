/**
 * Finds the first BENCH call in a cell formula and splits its arguments into what "Explain this cell"
 * (and the test host that calculates BENCH formulas) can resolve: constants, array constants, cell
 * references and defined names. Anything else (a nested calculation) is kept as text and reported.
 * Formulas are read through `range.formulas`, which is always in en-US syntax (comma between
 * arguments, `{1,2;3,4}` for arrays) whatever the user's locale, so one syntax is enough here.
 * No library does this job small enough for the pane; the grammar is kept to what a BENCH argument is.
 */

/** A constant an argument can be: what Excel passes for a literal. */
export type FormulaConstant = number | string | boolean;

export type FormulaArgument =
  | { kind: "omitted"; text: "" }
  | { kind: "constant"; text: string; value: FormulaConstant }
  /** An Excel error constant such as #N/A typed into the formula. */
  | { kind: "error"; text: string; code: string }
  | { kind: "array"; text: string; rows: FormulaConstant[][] }
  /** `A1`, `$B$2:C9`, `A:A`, `'Sheet 2'!B3`; `sheet` is undefined when the reference has no sheet. */
  | { kind: "reference"; text: string; sheet?: string; address: string }
  | { kind: "name"; text: string; name: string }
  /** A calculation (e.g. `A1*2` or `SUM(B:B)`), which is not evaluated here. */
  | { kind: "expression"; text: string };

export interface BenchCall {
  /** Upper-case function name without the namespace, e.g. "ROI". */
  name: string;
  /** The call as written, e.g. `BENCH.ROI(B2:B4,C2)`. */
  text: string;
  args: FormulaArgument[];
  /** True when the BENCH call is not the whole formula (e.g. wrapped in IFERROR). */
  nested: boolean;
}

const ERROR_CONSTANTS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?%?$/i;
const CELL = String.raw`\$?[A-Z]{1,3}\$?\d{1,7}`;
const COLUMN = String.raw`\$?[A-Z]{1,3}`;
const ROW = String.raw`\$?\d{1,7}`;
const ADDRESS = new RegExp(`^(?:${CELL}(?::${CELL})?|${COLUMN}:${COLUMN}|${ROW}:${ROW})$`, "i");
const NAME = /^[A-Z_\\][A-Z0-9_.\\]*$/i;
const BENCH_START = /(?:_xldudf_)?BENCH[._]([A-Z][A-Z0-9]*)\s*\(/iy;

/** Index just after the string literal or quoted sheet name that starts at `start`. */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new SyntaxError(`The formula has an unclosed ${quote === '"' ? "text" : "sheet name"}.`);
}

/** Splits `text` at top-level occurrences of `separators`, keeping quotes, brackets and braces whole. */
function splitTopLevel(text: string, separators: string): { part: string; separator: string }[] {
  const parts: { part: string; separator: string }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") depth--;
    else if (depth === 0 && separators.includes(ch)) {
      parts.push({ part: text.slice(start, i), separator: ch });
      start = i + 1;
    }
    i++;
  }
  parts.push({ part: text.slice(start), separator: "" });
  return parts;
}

function parseConstant(text: string): FormulaConstant | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    if (skipQuoted(trimmed, 0) !== trimmed.length) return undefined;
    return trimmed.slice(1, -1).replace(/""/g, '"');
  }
  if (/^TRUE$/i.test(trimmed)) return true;
  if (/^FALSE$/i.test(trimmed)) return false;
  if (NUMBER.test(trimmed)) {
    const percent = trimmed.endsWith("%");
    const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
    return percent ? number / 100 : number;
  }
  return undefined;
}

function parseArray(text: string): FormulaConstant[][] | undefined {
  const inner = text.trim().slice(1, -1);
  const rows: FormulaConstant[][] = [];
  let row: FormulaConstant[] = [];
  for (const { part, separator } of splitTopLevel(inner, ",;")) {
    const value = parseConstant(part);
    if (value === undefined) return undefined;
    row.push(value);
    if (separator !== ",") {
      rows.push(row);
      row = [];
    }
  }
  const width = rows[0].length;
  return rows.every((r) => r.length === width) ? rows : undefined;
}

/** The sheet part of `Sheet1!A1` or `'My sheet'!A1`, and the address after it. */
function splitSheet(text: string): { sheet?: string; address: string } | undefined {
  if (text.startsWith("'")) {
    const end = skipQuoted(text, 0);
    if (text[end] !== "!") return undefined;
    return { sheet: text.slice(1, end - 1).replace(/''/g, "'"), address: text.slice(end + 1) };
  }
  const bang = text.indexOf("!");
  if (bang < 0) return { address: text };
  const sheet = text.slice(0, bang);
  return /^[^\s'!:[\]*?/\\]+$/.test(sheet) ? { sheet, address: text.slice(bang + 1) } : undefined;
}

/** Classifies one argument's text. */
export function parseArgument(raw: string): FormulaArgument {
  const text = raw.trim();
  if (text === "") return { kind: "omitted", text: "" };
  const upper = text.toUpperCase();
  if (ERROR_CONSTANTS.includes(upper)) return { kind: "error", text, code: upper };
  const constant = parseConstant(text);
  if (constant !== undefined) return { kind: "constant", text, value: constant };
  if (text.startsWith("{") && text.endsWith("}")) {
    const rows = parseArray(text);
    return rows ? { kind: "array", text, rows } : { kind: "expression", text };
  }
  try {
    const reference = splitSheet(text);
    if (reference && ADDRESS.test(reference.address))
      return {
        kind: "reference",
        text,
        sheet: reference.sheet,
        address: reference.address.replace(/\$/g, "").toUpperCase(),
      };
  } catch {
    // An unclosed quote is not a reference; it falls through to an expression.
  }
  if (NAME.test(text) && !/^(TRUE|FALSE)$/i.test(text)) return { kind: "name", text, name: text };
  return { kind: "expression", text };
}

/** Index of the parenthesis that closes the one opened just before `start`. */
function closingParen(formula: string, start: number): number {
  let depth = 1;
  for (let i = start; i < formula.length;) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(formula, i);
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
    i++;
  }
  throw new SyntaxError("The formula's parentheses do not match.");
}

/**
 * The first BENCH call in `formula` (outside text constants), or undefined when there is none.
 * Throws SyntaxError when the formula is malformed (unclosed text or parentheses).
 */
export function findBenchCall(formula: string): BenchCall | undefined {
  if (!formula.startsWith("=")) return undefined;
  for (let i = 1; i < formula.length;) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(formula, i);
      continue;
    }
    const before = formula[i - 1];
    BENCH_START.lastIndex = i;
    const match = /[A-Za-z0-9_.]/.test(before) ? null : BENCH_START.exec(formula);
    if (match) {
      const open = i + match[0].length;
      const close = closingParen(formula, open);
      const inner = formula.slice(open, close);
      const args =
        inner.trim() === "" ? [] : splitTopLevel(inner, ",").map(({ part }) => parseArgument(part));
      return {
        name: match[1].toUpperCase(),
        text: formula.slice(i, close + 1),
        args,
        nested: i !== 1 || close !== formula.length - 1,
      };
    }
    i++;
  }
  return undefined;
}

/** Writes a constant as it appears in a formula (for building formulas the tokenizer reads back). */
export function formulaConstant(value: FormulaConstant): string {
  if (typeof value === "string") return `"${value.replace(/"/g, '""')}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written in a formula.`);
  return String(value).toUpperCase();
}

/** Writes an array constant, rows separated by `;` and columns by `,`. */
export function formulaArray(rows: readonly (readonly FormulaConstant[])[]): string {
  return `{${rows.map((row) => row.map(formulaConstant).join(",")).join(";")}}`;
}
