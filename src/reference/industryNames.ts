/**
 * Industry names as users type them: singular or plural ("Restaurant"), everyday names ("café",
 * "gym", "law firm"), NAICS codes ("722511") and businesses the library has no figures for. An
 * industry resolves to the library's own name when it is the same industry; a neighbour ("bakery",
 * "dental practice") is not silently swapped but suggested; anything else is the user's own industry,
 * accepted with a note. One resolver for the functions, the pane, the templates and the CLI.
 */
import { distance } from "fastest-levenshtein";
import { BUNDLED_INDUSTRIES } from "./catalogue";
import { normaliseName } from "./model";
import { stemSequence } from "./searchTerms";

/** Everyday names for the bundled industries (same industry, so they resolve). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  retail: [
    "shop",
    "store",
    "retailer",
    "retail store",
    "boutique",
    "convenience store",
    "grocery",
    "grocer",
    "supermarket",
    "florist",
    "bookshop",
    "pharmacy",
    "hardware store",
  ],
  restaurants: [
    "restaurant",
    "cafe",
    "coffee shop",
    "bistro",
    "bar",
    "pub",
    "takeaway",
    "fast food",
    "food service",
    "food and beverage",
    "catering",
    "caterer",
    "diner",
    "pizzeria",
  ],
  manufacturing: ["manufacturer", "factory", "fabrication", "machine shop", "production plant"],
  healthcare_clinics: [
    "clinic",
    "medical clinic",
    "medical practice",
    "doctor",
    "doctors surgery",
    "gp surgery",
    "gp practice",
    "physiotherapy",
    "physio",
    "medical centre",
    "medical center",
    "outpatient clinic",
    "healthcare",
  ],
  hospitality: [
    "hotel",
    "motel",
    "bed and breakfast",
    "b&b",
    "guest house",
    "guesthouse",
    "hostel",
    "inn",
    "resort",
    "lodging",
    "accommodation",
  ],
  ecommerce: ["online shop", "online store", "web shop", "webshop", "online retail", "ecommerce"],
  software: ["software", "saas", "software company", "app developer", "tech startup"],
  automotive: ["car maker", "car manufacturer", "vehicle manufacturer", "auto parts"],
  logistics: [
    "logistics",
    "transport",
    "transportation",
    "trucking",
    "haulage",
    "courier",
    "freight",
    "delivery company",
    "warehousing",
  ],
  construction: [
    "builder",
    "building contractor",
    "contractor",
    "construction company",
    "renovation",
    "plumber",
    "electrician",
    "roofer",
  ],
  professional_services: [
    "accounting firm",
    "accountant",
    "accountancy",
    "law firm",
    "lawyer",
    "solicitor",
    "consultancy",
    "consulting",
    "consultant",
    "architect",
    "marketing agency",
    "agency",
  ],
  education: ["school", "training provider", "tutoring", "tutor", "college", "academy"],
  fitness: [
    "gym",
    "fitness club",
    "fitness studio",
    "yoga studio",
    "health club",
    "wellness centre",
  ],
  financial_services: ["bank", "insurance", "insurer", "credit union", "lender", "broker"],
};

/** Businesses close to a bundled industry but not the same one: suggested, never swapped in. */
const NEIGHBOURS: Readonly<Record<string, readonly { id: string; why: string }[]>> = {
  bakery: [
    { id: "restaurants", why: "food made and sold on the premises" },
    { id: "retail", why: "counter sales of goods" },
  ],
  "dental practice": [{ id: "healthcare_clinics", why: "appointment-based outpatient care" }],
  dentist: [{ id: "healthcare_clinics", why: "appointment-based outpatient care" }],
  "veterinary clinic": [{ id: "healthcare_clinics", why: "appointment-based clinical care" }],
  vet: [{ id: "healthcare_clinics", why: "appointment-based clinical care" }],
  "hair salon": [{ id: "fitness", why: "appointment-based personal services" }],
  barber: [{ id: "fitness", why: "appointment-based personal services" }],
  "beauty salon": [{ id: "fitness", why: "appointment-based personal services" }],
  spa: [{ id: "fitness", why: "appointment-based personal services" }],
  "car repair": [{ id: "automotive", why: "vehicles, parts and workshop jobs" }],
  garage: [{ id: "automotive", why: "vehicles, parts and workshop jobs" }],
  brewery: [
    { id: "manufacturing", why: "batch production" },
    { id: "restaurants", why: "food and drink service" },
  ],
  "food truck": [{ id: "restaurants", why: "food service" }],
  "cleaning company": [{ id: "professional_services", why: "scheduled services for clients" }],
};

/**
 * exact/alias/code: the library's own industry; neighbour: a different industry with close library
 * neighbours; typo: probably a misspelling of a library name; own: an industry the library lacks.
 */
/** Longest industry name taken as the user's own (it is written into cells and notes). */
export const INDUSTRY_NAME_MAX_LENGTH = 100;

export type IndustryResolutionKind = "exact" | "alias" | "code" | "neighbour" | "typo" | "own";

export interface IndustryResolution {
  input: string;
  kind: IndustryResolutionKind;
  /** The library's name for the industry when the input names one of them (exact, alias or code). */
  name?: string;
  /** For an industry the library lacks: the closest library industries, with why. */
  nearest: { name: string; why: string }[];
  /** One sentence for the user ("" when the input is the library's own name). */
  note: string;
}

/** A name as comparable stems, so "Healthcare clinic" meets "Healthcare clinics" and "Bakeries" "bakery". */
function nameKey(name: string): string {
  return stemSequence(name.replace(/&/g, " and ")).join(" ");
}

const bundledById = new Map(BUNDLED_INDUSTRIES.map((industry) => [industry.id, industry]));
const aliasToId = new Map<string, string>();
for (const [id, aliases] of Object.entries(ALIASES))
  for (const alias of aliases) aliasToId.set(nameKey(alias), id);
const neighboursByKey = new Map(Object.entries(NEIGHBOURS).map(([k, v]) => [nameKey(k), v]));

/** A NAICS code's match against a bundled code: "722", "44-45" (sector range) or "455/4541" (either). */
function naicsMatchLength(code: string, naics: string): number {
  let best = 0;
  for (const part of naics.split("/")) {
    const range = /^(\d{2})-(\d{2})$/.exec(part);
    if (range) {
      const sector = Number(code.slice(0, 2));
      if (sector >= Number(range[1]) && sector <= Number(range[2])) best = Math.max(best, 2);
    } else if (code.startsWith(part)) best = Math.max(best, part.length);
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function byCode(code: string): { id: string; exact: boolean } | undefined {
  let best: { id: string; length: number } | undefined;
  for (const industry of BUNDLED_INDUSTRIES) {
    const length = naicsMatchLength(code, industry.naics);
    if (length > 0 && (!best || length > best.length)) best = { id: industry.id, length };
  }
  if (best) return { id: best.id, exact: true };
  // Same 3-digit subsector (e.g. 6212 dentists beside 6211 physicians): a neighbour, not the same.
  for (const industry of BUNDLED_INDUSTRIES) {
    if (
      industry.naics.split("/").some((part) => /^\d+$/.test(part) && sharedPrefix(code, part) >= 3)
    )
      return { id: industry.id, exact: false };
  }
  return undefined;
}

function quoted(text: string): string {
  return `“${text}”`;
}

/**
 * Resolves what the user typed against the library's industry names (`known`, display names). The
 * bundled industries' aliases and codes count only when that industry is in `known`.
 */
export function resolveIndustryName(input: string, known: readonly string[]): IndustryResolution {
  const typed = input.trim();
  const knownByKey = new Map<string, string>();
  const knownByStems = new Map<string, string>();
  for (const name of known) {
    knownByKey.set(normaliseName(name), name);
    if (!knownByStems.has(nameKey(name))) knownByStems.set(nameKey(name), name);
  }
  const exact = knownByKey.get(normaliseName(typed));
  if (exact !== undefined)
    return { input: typed, kind: "exact", name: exact, nearest: [], note: "" };
  const bundledName = (id: string) => {
    const name = bundledById.get(id)?.name;
    return name === undefined ? undefined : knownByKey.get(normaliseName(name));
  };
  const key = nameKey(typed);
  const plural = knownByStems.get(key);
  const aliasName = plural ?? bundledName(aliasToId.get(key) ?? "");
  if (aliasName !== undefined) {
    return {
      input: typed,
      kind: "alias",
      name: aliasName,
      nearest: [],
      note: `${quoted(typed)} is ${quoted(aliasName)} in the reference library.`,
    };
  }
  const code = typed.replace(/^naics\s*/i, "");
  if (/^\d{2,6}$/.test(code)) {
    const match = byCode(code);
    const name = match ? bundledName(match.id) : undefined;
    if (match?.exact && name !== undefined) {
      return {
        input: typed,
        kind: "code",
        name,
        nearest: [],
        note: `NAICS ${code} is ${quoted(name)} in the reference library.`,
      };
    }
    if (name !== undefined)
      return own(typed, "neighbour", [{ name, why: "the same NAICS subsector" }]);
    return own(typed, "own", []);
  }
  const neighbours = (neighboursByKey.get(key) ?? [])
    .map(({ id, why }) => ({ name: bundledName(id), why }))
    .filter((n): n is { name: string; why: string } => n.name !== undefined);
  if (neighbours.length > 0) return own(typed, "neighbour", neighbours);
  const misspelt = typo(typed, known);
  return own(typed, misspelt.length > 0 ? "typo" : "own", misspelt);
}

/** A library name one or two keystrokes away ("Retial"), never a merely similar-looking one. */
function typo(typed: string, known: readonly string[]): { name: string; why: string }[] {
  const wanted = normaliseName(typed);
  if (wanted.length < 4) return [];
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(wanted, normaliseName(name));
    if (d <= Math.min(2, Math.floor(wanted.length / 3)) && (!best || d < best.d))
      best = { name, d };
  }
  return best ? [{ name: best.name, why: "a similar spelling" }] : [];
}

function own(
  typed: string,
  kind: "neighbour" | "typo" | "own",
  nearest: { name: string; why: string }[]
): IndustryResolution {
  const closest =
    kind === "typo"
      ? ` Did you mean ${quoted(nearest[0].name)}?`
      : nearest.length > 0
        ? ` Closest reference industries: ${nearest.map((n) => `${n.name} (${n.why})`).join("; ")}.`
        : " Import its figures to compare it with reference data.";
  return {
    input: typed,
    kind,
    nearest,
    note:
      typed === ""
        ? ""
        : `${quoted(typed)} is not in the reference library; it is used as your own industry.${closest}`,
  };
}

/**
 * The practice target industries to filter on for the user's industry (normalised), or undefined when
 * every practice is a candidate (an industry the library does not know: the user's own).
 */
export function industryPracticeTargets(
  industry: string,
  practices: readonly { targetIndustries: readonly string[] }[]
): Set<string> | undefined {
  const targets = new Set<string>();
  for (const practice of practices) for (const t of practice.targetIndustries) targets.add(t);
  for (const bundled of BUNDLED_INDUSTRIES) targets.add(bundled.name);
  const resolution = resolveIndustryName(industry, [...targets]);
  if (resolution.name !== undefined) return new Set([normaliseName(resolution.name)]);
  if (resolution.kind === "neighbour")
    return new Set(resolution.nearest.map((n) => normaliseName(n.name)));
  return undefined;
}
