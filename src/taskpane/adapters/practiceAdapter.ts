/**
 * Practices for the pane: the reference module's ranker (rankPractices: how well a practice answers
 * the user's words first, then fit) plus a quick fit estimate computed with the same weighted FIT score
 * the scorecard uses, from three parts the pane can show: problem match (the search's relevance),
 * industry proximity (SIMILARITY over the reference figures) and resource fit (effort). The estimate is
 * a first sort, not a verdict: the scorecard sheet asks for all eight criteria.
 */
import { fitScore } from "../../core/fit";
import { industrySimilarity, type ProfileEntry } from "../../core/benchmarking";
import { normaliseName, type Practice } from "../../reference/model";
import { rankPractices } from "../../reference/practiceSearch";
import { resolveIndustryName } from "../../reference/industryNames";
import type { FitPart, PracticeMatch } from "../paneActions";

/** Weights of the quick estimate: problem match, industry proximity, resource fit (effort). */
export const QUICK_FIT_WEIGHTS = [0.4, 0.3, 0.3] as const;
const EFFORT_RATING = { low: 5, medium: 3, high: 1 } as const;

/** Challenges the practice library answers, for the pane's suggestions (free text stays allowed). */
export const SUGGESTED_CHALLENGES = [
  "customer loyalty",
  "customers don't come back",
  "patients miss appointments",
  "staff keep quitting",
  "we run out of stock",
  "customers pay late",
  "long queues at lunchtime",
  "delivery costs",
  "production efficiency",
  "cash flow",
];

/** Where the proximity figures come from, in the pane's words. */
export interface ProximityBasis {
  /** True while the reference figures are the bundled illustrative sample (not replaced by the user's). */
  illustrative: boolean;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Industry proximity as a 1–5 rating: similarity 0..1 mapped linearly; unknown similarity is neutral (3). */
function proximityPart(
  profile: readonly ProfileEntry[],
  ownIndustry: string,
  sourceIndustry: string,
  basis: ProximityBasis
): FitPart {
  const part = (rating: number, why: string): FitPart => ({
    criterion: "Industry proximity",
    rating,
    weight: QUICK_FIT_WEIGHTS[1],
    basis: why,
  });
  const known = [...new Set(profile.map((entry) => entry.industry))];
  const own = ownIndustry.trim() ? resolveIndustryName(ownIndustry, known).name : undefined;
  const source = resolveIndustryName(sourceIndustry, known).name;
  if (!ownIndustry.trim()) return part(3, "no industry given: neutral");
  if (own !== undefined && source !== undefined && normaliseName(own) === normaliseName(source))
    return part(5, "same industry");
  if (own === undefined || source === undefined)
    return part(3, "no reference figures for one of the industries: neutral");
  try {
    const similarity = industrySimilarity(profile, normaliseName(own), normaliseName(source));
    const figures = basis.illustrative ? "illustrative sample figures" : "your reference figures";
    return part(
      1 + 4 * similarity,
      `similarity ${similarity.toFixed(2)} of the two industries' profiles (${figures})`
    );
  } catch {
    return part(3, "too few shared metrics to compare: neutral");
  }
}

/**
 * The estimate's three parts as 1–5 ratings: problem match 1 + 4 × the search relevance (3 when no
 * challenge was given), industry proximity, resource fit (low effort 5, medium 3, high 1).
 */
export function quickFitParts(
  practice: Practice,
  ownIndustry: string,
  relevance: number | undefined,
  profile: readonly ProfileEntry[],
  basis: ProximityBasis = { illustrative: true }
): FitPart[] {
  return [
    {
      criterion: "Problem match",
      rating: relevance === undefined ? 3 : 1 + 4 * relevance,
      weight: QUICK_FIT_WEIGHTS[0],
      basis:
        relevance === undefined
          ? "no challenge given: neutral"
          : `${Math.round(relevance * 100)} % of the best match for your words`,
    },
    proximityPart(profile, ownIndustry, practice.sourceIndustry, basis),
    {
      criterion: "Resource fit",
      rating: EFFORT_RATING[practice.effort],
      weight: QUICK_FIT_WEIGHTS[2],
      basis: `${practice.effort} effort`,
    },
  ];
}

/** The estimate, 0–100: the FIT score of the parts with their weights. */
export function quickFitEstimate(parts: readonly FitPart[]): number {
  return fitScore(
    parts.map((p) => p.rating),
    parts.map((p) => p.weight),
    5
  );
}

export function matchPractices(
  library: readonly Practice[],
  profile: readonly ProfileEntry[],
  industry: string,
  challenge: string,
  basis: ProximityBasis = { illustrative: true }
): PracticeMatch[] {
  const trimmedIndustry = industry.trim();
  const trimmedChallenge = challenge.trim();
  const challengeGiven = trimmedChallenge !== "";
  // Within equal relevance the practice that fits better (proximity, effort) comes first.
  const fitWithoutProblem = (practice: Practice) =>
    quickFitEstimate(quickFitParts(practice, trimmedIndustry, undefined, profile, basis));
  const ranked = rankPractices(
    { industry: trimmedIndustry || undefined, challenge: trimmedChallenge || undefined },
    library,
    { fit: fitWithoutProblem }
  );
  return ranked.map(({ practice, relevance }) => {
    const parts = quickFitParts(
      practice,
      trimmedIndustry,
      challengeGiven ? relevance : undefined,
      profile,
      basis
    );
    return {
      id: practice.id,
      sourceIndustry: practice.sourceIndustry,
      practice: practice.practice,
      challenge: practice.challenge,
      lesson: practice.lesson,
      metricsMoved: [...practice.metricsMoved],
      effort: practice.effort,
      fitEstimate: quickFitEstimate(parts),
      fitParts: parts.map((p) => ({ ...p, rating: round1(p.rating) })),
    };
  });
}
