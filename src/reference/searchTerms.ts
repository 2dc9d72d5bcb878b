/**
 * How words become search terms for the practice search: accents folded, lower case, English stop words
 * dropped and a small suffix stemmer, so "customers paying late" and "customer pays late" meet on
 * "customer pay late". MiniSearch does the indexing and scoring; this module only shapes its terms.
 */

/** Words that carry no meaning for a business problem (articles, pronouns, auxiliaries, fillers). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about after again all also am an and any are as at be because been before being but by can " +
    "could did do does doing don dont down during each even ever every for from get gets getting got " +
    "had has have having he her here hers him his how i if in into is it its just keep keeps kept " +
    "let lot lots me more most much my no nor not of off on once one only or other our ours out over " +
    "own same she should so some such than that the their them then there these they this those " +
    "through to too under until up us very was we were what when where which while who whom why will " +
    "with would you your yours s t ll re ve d m isn wasn aren weren won doesn didn can't cant"
  ).split(" ")
);

/** Letters that Porter's stemmer does not undouble ("fill", "pass", "buzz"). */
const KEEP_DOUBLE = new Set(["l", "s", "z"]);

function undouble(word: string): string {
  const last = word[word.length - 1];
  if (word.length > 3 && last === word[word.length - 2] && !KEEP_DOUBLE.has(last))
    return word.slice(0, -1);
  return word;
}

/**
 * A light English suffix stemmer (plural, -ing, -ed, -ly, final e), after the first steps of Porter's
 * algorithm: enough for the short problem descriptions searched here, and predictable for the tests.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (w.endsWith("ied") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length >= 5) w = undouble(w.slice(0, -2));
  else if (w.endsWith("ly") && w.length >= 6) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Lower case without accents or apostrophes ("Café" -> "cafe", "don't" -> "dont"). */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "");
}

/** Splits text into words: letters and digits, with anything else (spaces, hyphens, slashes) between. */
export function tokenize(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

/** MiniSearch's processTerm: null for a stop word (MiniSearch drops it), else the stem. */
export function processTerm(term: string): string | null {
  const word = fold(term);
  if (word === "" || STOP_WORDS.has(word)) return null;
  return stem(word);
}

/** The stems of a text with stop words kept (for phrase matching, where "run out" needs its "out"). */
export function stemSequence(text: string): string[] {
  return tokenize(text).map(stem);
}

/** The meaningful stems of a text (stop words dropped). */
export function meaningfulStems(text: string): string[] {
  return tokenize(text)
    .map(processTerm)
    .filter((term): term is string => term !== null);
}
