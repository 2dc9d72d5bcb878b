/**
 * Cell parsing for validation: one reader per field kind (see FieldKind in canonical.ts). Each reader
 * returns the value, or undefined, and reports what is wrong through `say`; it never throws. Messages
 * quote cells through `quoteCell`, so no message grows with the input.
 */
import type { CellValue, FieldKind } from "./canonical";
import { DIRECTIONS, Direction, UNITS, Unit } from "./model";
import {
  NumberConvention,
  bothReadings,
  classifyNumberText,
  describeDecimal,
  mayBeConventionEvidence,
  readNumberText,
} from "./numbers";
import { MAX_CELL_TEXT } from "./parsers";
import {
  findXmlForbiddenCharacter,
  startsLikeFormula,
  stripInvisibleCharacters,
  unescapeLeadingQuote,
} from "./textSafety";

export type Say = (severity: "error" | "warning", message: string) => void;

/** At most `max` characters of a cell, quoted, for messages. */
export function quoteCell(cell: CellValue | undefined, max = 40): string {
  const text = String(cell);
  return text.length > max ? `"${text.slice(0, max - 3)}..."` : `"${text}"`;
}

// Vocabularies are Maps: a plain object would answer "constructor" or "__proto__" with its prototype.
const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map<string, Unit>([
  ...UNITS.map((u): [string, Unit] => [u, u]),
  ...([
    ["percent", "%"],
    ["percentage", "%"],
    ["pct", "%"],
    ["per cent", "%"],
    ["fraction", "%"],
    ["share", "%"],
    ["day", "days"],
    ["d", "days"],
    ["hour", "hours"],
    ["hrs", "hours"],
    ["hr", "hours"],
    ["h", "hours"],
    ["currency", "currency per unit"],
    ["money", "currency per unit"],
    ["$", "currency per unit"],
    ["€", "currency per unit"],
    ["£", "currency per unit"],
    ["usd", "currency per unit"],
    ["eur", "currency per unit"],
    ["gbp", "currency per unit"],
    ["currency/unit", "currency per unit"],
    ["per unit", "currency per unit"],
    ["x", "ratio"],
    ["times", "ratio"],
    ["multiple", "ratio"],
    ["number", "count"],
    ["#", "count"],
    ["units", "count"],
    ["points", "score"],
    ["index", "score"],
    ["rating", "score"],
    ["stars", "score"],
  ] as [string, Unit][]),
]);

const DIRECTION_WORDS: ReadonlyMap<string, Direction> = new Map<string, Direction>([
  ...([
    ["higher", "higher"],
    ["higher is better", "higher"],
    ["high", "higher"],
    ["up", "higher"],
    ["max", "higher"],
    ["maximise", "higher"],
    ["maximize", "higher"],
    ["+", "higher"],
    ["lower", "lower"],
    ["lower is better", "lower"],
    ["low", "lower"],
    ["down", "lower"],
    ["min", "lower"],
    ["minimise", "lower"],
    ["minimize", "lower"],
    ["-", "lower"],
  ] as [string, Direction][]),
]);

function normalisedWord(text: string): string {
  return text.slice(0, 64).trim().toLowerCase().replace(/\s+/g, " ");
}

// A million rows spell their units, directions and flags a few ways: normalise each spelling once.
const vocabularyKeys = new Map<string, string>();

function vocabularyKey(text: string): string {
  let key = vocabularyKeys.get(text);
  if (key === undefined) {
    key = normalisedWord(text);
    if (text.length <= 64 && vocabularyKeys.size < 1_000) vocabularyKeys.set(text, key);
  }
  return key;
}

export function parseUnit(text: string): Unit | undefined {
  return UNIT_WORDS.get(vocabularyKey(text));
}

export function parseDirection(text: string): Direction | undefined {
  return DIRECTION_WORDS.get(vocabularyKey(text));
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A text cell: trimmed, our own CSV escape undone, Excel's cell limit enforced, characters no .xlsx can
 * hold (NUL, other C0 controls, U+FFFE/U+FFFF, lone surrogates) refused, invisible zero-width characters
 * removed with a warning (they would make look-alike keys).
 */
export function readText(cell: CellValue, say: Say): string | undefined {
  if (cell === null) return undefined;
  const raw = String(cell);
  if (raw.length > MAX_CELL_TEXT) {
    say(
      "error",
      `The text is ${raw.length.toLocaleString("en-US")} characters long; Excel cells hold at most ${MAX_CELL_TEXT.toLocaleString("en-US")}.`
    );
    return undefined;
  }
  // Printable ASCII (most cells) holds nothing forbidden or invisible: skip those scans.
  const plain = PRINTABLE_ASCII.test(raw);
  const forbidden = plain ? undefined : findXmlForbiddenCharacter(raw);
  if (forbidden) {
    say(
      "error",
      forbidden.codePoint === 0
        ? `The text contains a NUL character (position ${forbidden.index + 1}); NUL is never part of a name. A file full of NULs is usually UTF-16: save it as CSV UTF-8.`
        : `The text contains U+${forbidden.codePoint.toString(16).toUpperCase().padStart(4, "0")} (position ${forbidden.index + 1}), a character Excel files cannot hold; remove it.`
    );
    return undefined;
  }
  const visible = plain ? raw : stripInvisibleCharacters(raw);
  if (visible !== raw)
    say(
      "warning",
      `Invisible zero-width characters were removed from ${quoteCell(visible)} so it matches the same name typed plainly.`
    );
  const text = unescapeLeadingQuote(visible).trim();
  if (startsLikeFormula(text))
    say(
      "warning",
      `The text starts with "${text[0]}"; it will be stored as text, never run as a formula.`
    );
  return text === "" ? undefined : text;
}

/** Ambiguous cells read under a convention the file's other cells decided, summed for one warning. */
export interface AmbiguityLog {
  count: number;
  first?: { where: string; text: string };
}

export interface NumberContext {
  convention: NumberConvention;
  ambiguity: AmbiguityLog;
  /** Where the cell is, for the ambiguity summary ("row 5, column C (median)"); built only when needed. */
  where: () => string;
}

/** A number cell (statistic, year, n) under the file's convention; blank is undefined. */
export function readNumber(
  cell: CellValue,
  field: string,
  context: NumberContext,
  say: Say
): number | undefined {
  if (cell === null) return undefined;
  if (typeof cell === "number") {
    if (Number.isFinite(cell)) return cell;
    say("error", `${field} must be a finite number; found ${String(cell)}.`);
    return undefined;
  }
  if (typeof cell === "boolean") {
    say("error", `${field} must be a number; found ${cell ? "TRUE" : "FALSE"}.`);
    return undefined;
  }
  const text = cell.trim();
  if (text === "") return undefined;
  const { decimal, decidedBy } = context.convention;
  const reading = text.length > 64 ? undefined : readNumberText(text, decimal);
  if (reading?.ok) {
    if (
      decidedBy !== "user" &&
      mayBeConventionEvidence(text) &&
      classifyNumberText(text) === "ambiguous"
    ) {
      if (decidedBy === "default")
        say(
          "warning",
          `${quoteCell(text)} is ambiguous: ${bothReadings(text)}. Read as ${reading.value} with a ${describeDecimal(decimal)}; choose the decimal mark (CLI: --decimal , or --decimal .) if that is wrong.`
        );
      else {
        context.ambiguity.count++;
        context.ambiguity.first ??= { where: context.where(), text };
      }
    }
    return reading.value;
  }
  if (reading && reading.reason === "range") {
    say("error", `${field} ${quoteCell(text)} is too large to be a number (beyond ±1.8e308).`);
    return undefined;
  }
  const other = decimal === "," ? "." : ",";
  const otherReading = text.length > 64 ? undefined : readNumberText(text, other);
  if (otherReading?.ok)
    say(
      "error",
      `${field} ${quoteCell(text)} is a number only with a ${other === "," ? "decimal comma" : "decimal point"}, but this file's numbers were read with a ${describeDecimal(decimal)}. Choose the decimal mark (CLI: --decimal ${other}) if the file uses ${other === "," ? "commas" : "points"}.`
    );
  else say("error", `${field} must be a number; found ${quoteCell(text)}.`);
  return undefined;
}

const PLAIN_INTEGER = /^-?\d{1,15}$/;

/**
 * Plain integer text ("12", "-3") as its number, else undefined: the same number under either
 * decimal mark and never evidence or ambiguity, so readNumber's other steps cannot change it. The
 * common cell of a large file, read without them.
 */
export function plainInteger(cell: CellValue): number | undefined {
  return typeof cell === "string" && PLAIN_INTEGER.test(cell) ? Number(cell) : undefined;
}

/** A whole number within the field's range. */
export function readInteger(
  cell: CellValue,
  field: string,
  range: { min: number; max: number },
  context: NumberContext,
  say: Say
): number | undefined {
  // Most years and sample sizes are read here, without the closures below: this runs twice per row
  // of a million-row file.
  const plain = plainInteger(cell);
  if (plain !== undefined && plain >= range.min && plain <= range.max) return plain;
  // The message is built only for a wrong cell.
  const wrong = (): string => {
    const bounds =
      range.max === Number.MAX_SAFE_INTEGER
        ? `≥ ${range.min}`
        : `from ${range.min} to ${range.max}`;
    return `${field} must be a whole number ${bounds}; found ${quoteCell(cell)}.`;
  };
  const number = readNumber(cell, field, context, (severity, message) =>
    say(severity, severity === "error" && message.includes("must be a number") ? wrong() : message)
  );
  if (number === undefined) return undefined;
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    say("error", wrong());
    return undefined;
  }
  return number;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "x", "wahr", "vrai"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "falsch", "faux"]);

export function readBoolean(cell: CellValue, field: string, say: Say): boolean | undefined {
  if (cell === null) return undefined;
  if (typeof cell === "boolean") return cell;
  const text = typeof cell === "number" ? String(cell) : vocabularyKey(cell);
  if (text === "") return undefined;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  say("error", `${field} must be TRUE or FALSE; found ${quoteCell(cell)}.`);
  return undefined;
}

export function readUnit(text: string, say: Say): Unit | undefined {
  const unit = parseUnit(text);
  if (!unit) say("error", `Unknown unit ${quoteCell(text)}. Use one of: ${UNITS.join(", ")}.`);
  return unit;
}

export function readDirection(text: string, say: Say): Direction | undefined {
  const direction = parseDirection(text);
  if (!direction)
    say(
      "error",
      `Unknown direction ${quoteCell(text)}. Use ${DIRECTIONS.join(" or ")} (which way is better).`
    );
  return direction;
}

export type { FieldKind };
