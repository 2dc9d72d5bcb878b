/**
 * Text from a user's file printed to a terminal: control characters (ESC, CSI, BEL, backspace, carriage
 * return ...), C1 controls and bidirectional overrides are shown escaped (\x1B, \u202E), so a crafted
 * file cannot set the terminal title, clear the screen, move the cursor or fake a line of output.
 */

// C0 controls, DEL, C1 controls, and the Unicode format characters that reorder or hide text.
const FORMAT = "\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff";
const UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${FORMAT}]`, "g");
const UNSAFE_EXCEPT_NEWLINE = new RegExp(
  `[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${FORMAT}]`,
  "g"
);
// JSON.stringify already escapes C0 inside strings; the C0 left in its output is indentation.
const UNSAFE_IN_JSON = new RegExp(`[\\u007f-\\u009f${FORMAT}]`, "g");

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** One value on one line: every control character escaped, newlines included. */
export function escapeValue(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** Lines of output: control characters escaped, the newlines between lines kept. */
export function escapeLines(text: string): string {
  return text.replace(UNSAFE_EXCEPT_NEWLINE, escapeCharacter);
}

/** JSON for scripts: JSON.stringify escapes C0 controls; this also escapes C1 and format characters. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}

/** Prints to stdout, escaped. */
export function say(text: string): void {
  process.stdout.write(`${escapeLines(text)}\n`);
}

/** Prints to stderr, escaped. */
export function complain(text: string): void {
  process.stderr.write(`${escapeLines(text)}\n`);
}
