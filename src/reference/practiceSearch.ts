/**
 * Finds practices for a target industry and/or a challenge described in the user's own words.
 * Matching is deliberately simple and explainable: industry by normalised name, challenge by shared
 * words (4+ letters, crude stemming) against the practice's challenge, name, lesson and metrics.
 */
import { normaliseName, Practice } from "./model";
import { PRACTICE_LIBRARY } from "./practices";

function stems(text: string): Set<string> {
  return new Set(
    normaliseName(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3)
      .map((w) => w.replace(/(ing|ies|es|s|ed)$/, "").slice(0, 6))
  );
}

export interface PracticeQuery {
  industry?: string;
  challenge?: string;
}

/** Practices fitting the query, best challenge match first (library order when no challenge is given). */
export function findPractices(
  query: PracticeQuery,
  library: readonly Practice[] = PRACTICE_LIBRARY
): Practice[] {
  const industry = query.industry ? normaliseName(query.industry) : undefined;
  const wanted = query.challenge ? stems(query.challenge) : undefined;
  const scored: { practice: Practice; score: number; order: number }[] = [];
  library.forEach((practice, order) => {
    if (
      industry !== undefined &&
      !practice.targetIndustries.some((t) => normaliseName(t) === industry)
    )
      return;
    let score = 0;
    if (wanted && wanted.size > 0) {
      const haystack = stems(
        [
          practice.challenge,
          practice.practice,
          practice.lesson,
          practice.metricsMoved.join(" "),
        ].join(" ")
      );
      for (const word of wanted) if (haystack.has(word)) score++;
      if (score === 0) return;
    }
    scored.push({ practice, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.practice);
}
