/**
 * Practices for the pane: the reference module's matching (findPractices) plus a quick fit estimate,
 * computed with the same weighted FIT score the scorecard uses, from three things the pane already
 * knows. The estimate is a first sort, not a verdict: the scorecard sheet asks for all eight criteria.
 */
import { fitScore } from "../../core/fit";
import { industrySimilarity, type ProfileEntry } from "../../core/benchmarking";
import { normaliseName, type Practice } from "../../reference/model";
import { findPractices } from "../../reference/practiceSearch";
import type { PracticeMatch } from "../paneActions";

/** Weights of the quick estimate: problem match, industry proximity, resource fit (effort). */
export const QUICK_FIT_WEIGHTS = [0.4, 0.3, 0.3] as const;
const EFFORT_RATING = { low: 5, medium: 3, high: 1 } as const;

/** Challenges the practice library answers, for the pane's suggestions (free text stays allowed). */
export const SUGGESTED_CHALLENGES = [
  "customer loyalty",
  "delivery",
  "production efficiency",
  "patient or guest experience",
  "inventory",
  "service automation",
  "no-shows",
  "cash flow",
];

/** Industry proximity as a 1–5 rating: similarity 0..1 mapped linearly; unknown similarity is neutral (3). */
function proximityRating(
  profile: readonly ProfileEntry[],
  ownIndustry: string,
  sourceIndustry: string
): number {
  const own = normaliseName(ownIndustry);
  const source = normaliseName(sourceIndustry);
  if (!own || !source) return 3;
  if (own === source) return 5;
  try {
    return 1 + 4 * industrySimilarity(profile, own, source);
  } catch {
    return 3;
  }
}

/**
 * The estimate, 0–100: FIT over problem match (5 when the challenge words matched, 3 when no challenge
 * was given), industry proximity and resource fit (low effort 5, medium 3, high 1).
 */
export function quickFitEstimate(
  practice: Practice,
  ownIndustry: string,
  challengeGiven: boolean,
  profile: readonly ProfileEntry[]
): number {
  const ratings = [
    challengeGiven ? 5 : 3,
    proximityRating(profile, ownIndustry, practice.sourceIndustry),
    EFFORT_RATING[practice.effort],
  ];
  return fitScore(ratings, [...QUICK_FIT_WEIGHTS], 5);
}

export function matchPractices(
  library: readonly Practice[],
  profile: readonly ProfileEntry[],
  industry: string,
  challenge: string
): PracticeMatch[] {
  const trimmedIndustry = industry.trim();
  const trimmedChallenge = challenge.trim();
  const found = findPractices(
    { industry: trimmedIndustry || undefined, challenge: trimmedChallenge || undefined },
    library
  );
  return found
    .map((practice) => ({
      id: practice.id,
      sourceIndustry: practice.sourceIndustry,
      practice: practice.practice,
      challenge: practice.challenge,
      lesson: practice.lesson,
      metricsMoved: [...practice.metricsMoved],
      effort: practice.effort,
      fitEstimate: quickFitEstimate(practice, trimmedIndustry, trimmedChallenge !== "", profile),
    }))
    .sort((a, b) => b.fitEstimate - a.fitEstimate);
}
