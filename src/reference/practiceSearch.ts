/**
 * Finds practices for a target industry and/or a challenge described in the user's own words: one
 * ranker for the pane, BENCH.PRACTICES, the fit scorecard and the CLI. MiniSearch (BM25+) scores the
 * words against each practice's challenge, synonyms, name, metrics moved and lesson, with stop words
 * removed, stemming, prefix and fuzzy terms; the challenge thesaurus widens the query with other
 * words for the same problem at a lower weight. Ties (and queries without a challenge) go by fit.
 */
import MiniSearch from "minisearch";
import { normaliseName, Practice } from "./model";
import { PRACTICE_LIBRARY } from "./practices";
import { processTerm, tokenize } from "./searchTerms";
import { thesaurusExpansion } from "./challengeThesaurus";
import { industryPracticeTargets } from "./industryNames";

export interface PracticeQuery {
  industry?: string;
  challenge?: string;
}

export interface RankedPractice {
  practice: Practice;
  /** MiniSearch's relevance score (0 when no challenge was given). */
  score: number;
  /** The score relative to the best match of this query, 0..1 (1 when no challenge was given). */
  relevance: number;
}

export interface PracticeSearchOptions {
  /** Secondary order: higher first (the pane passes its fit estimate). */
  fit?: (practice: Practice) => number;
}

/** Matches scoring below this share of the best match are noise (one fuzzy word of many). */
const MIN_RELATIVE_SCORE = 0.15;
/** The user's own words count fully; thesaurus words count this much. */
const EXPANSION_WEIGHT = 0.45;
/** Relevance is compared in steps of this size; within a step the fit decides. */
const TIE_STEP = 0.02;

interface IndexedPractice {
  id: number;
  challenge: string;
  synonyms: string;
  name: string;
  metrics: string;
  lesson: string;
}

const FIELDS = ["challenge", "synonyms", "name", "metrics", "lesson"] as const;
const FIELD_BOOST = { challenge: 3, synonyms: 2.5, name: 1.5, metrics: 1.5, lesson: 1 };

function buildIndex(library: readonly Practice[]): MiniSearch<IndexedPractice> {
  const index = new MiniSearch<IndexedPractice>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize,
    processTerm,
  });
  index.addAll(
    library.map((practice, id) => ({
      id,
      challenge: practice.challenge,
      synonyms: (practice.synonyms ?? []).join(" · "),
      name: practice.practice,
      metrics: practice.metricsMoved.join(" · "),
      lesson: practice.lesson,
    }))
  );
  return index;
}

/** One index per library (the bundled one lives for the whole session). */
const indexes = new WeakMap<readonly Practice[], MiniSearch<IndexedPractice>>();

function indexFor(library: readonly Practice[]): MiniSearch<IndexedPractice> {
  let index = indexes.get(library);
  if (!index) {
    index = buildIndex(library);
    indexes.set(library, index);
  }
  return index;
}

/** Relevance scores by library position for a challenge (absent = no match). */
function challengeScores(library: readonly Practice[], challenge: string): Map<number, number> {
  const own = new Set(
    tokenize(challenge)
      .map(processTerm)
      .filter((t): t is string => t !== null)
  );
  const scores = new Map<number, number>();
  if (own.size === 0) return scores;
  const expansion = thesaurusExpansion(challenge);
  const results = indexFor(library).search(
    {
      combineWith: "OR",
      queries: [challenge, ...expansion],
    },
    {
      boost: FIELD_BOOST,
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      weights: { fuzzy: 0.3, prefix: 0.5 },
      boostTerm: (term) => (own.has(term) ? 1 : EXPANSION_WEIGHT),
    }
  );
  for (const result of results) scores.set(result.id as number, result.score);
  return scores;
}

/**
 * Practices fitting the query with their scores, best answer to the challenge first, then by fit
 * (options.fit) and library order. The industry filters on target industries (its aliases resolved);
 * an industry the library does not know is the user's own, and every practice stays a candidate.
 */
export function rankPractices(
  query: PracticeQuery,
  library: readonly Practice[] = PRACTICE_LIBRARY,
  options: PracticeSearchOptions = {}
): RankedPractice[] {
  const targets = query.industry ? industryPracticeTargets(query.industry, library) : undefined;
  const challenge = query.challenge?.trim() ?? "";
  const scores = challenge ? challengeScores(library, challenge) : undefined;
  const best = scores && scores.size > 0 ? Math.max(...scores.values()) : 0;
  const ranked: (RankedPractice & { order: number; fit: number })[] = [];
  library.forEach((practice, order) => {
    if (targets && !practice.targetIndustries.some((t) => targets.has(normaliseName(t)))) return;
    const score = scores ? (scores.get(order) ?? 0) : 0;
    if (scores && (score === 0 || score < MIN_RELATIVE_SCORE * best)) return;
    ranked.push({
      practice,
      score,
      relevance: scores ? score / best : 1,
      order,
      fit: options.fit ? options.fit(practice) : 0,
    });
  });
  const step = (r: number) => Math.round(r / TIE_STEP);
  ranked.sort(
    (a, b) =>
      step(b.relevance) - step(a.relevance) ||
      b.fit - a.fit ||
      b.score - a.score ||
      a.order - b.order
  );
  return ranked.map(({ practice, score, relevance }) => ({ practice, score, relevance }));
}

/** Practices fitting the query, best answer to the challenge first (library order without a challenge). */
export function findPractices(
  query: PracticeQuery,
  library: readonly Practice[] = PRACTICE_LIBRARY,
  options: PracticeSearchOptions = {}
): Practice[] {
  return rankPractices(query, library, options).map((ranked) => ranked.practice);
}
