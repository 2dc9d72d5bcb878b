/** Sheet names Excel accepts, made unique the way Excel does it ("ROI", "ROI (2)", "ROI (3)"). */

const MAX_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** A valid sheet name: no []:*?/\ , no leading or trailing apostrophe, at most 31 characters. */
export function validSheetName(name: string): string {
  const cleaned = name
    .replace(FORBIDDEN, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return (cleaned || "Sheet").slice(0, MAX_LENGTH);
}

/** `base`, or `base (2)`, `base (3)`, ... whichever is free (case-insensitive, as Excel compares names). */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  const valid = validSheetName(base);
  if (!taken.has(valid.toLowerCase())) return valid;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = valid.slice(0, MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
