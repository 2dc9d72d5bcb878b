/**
 * The practice search's relevance set, run through every path a user reaches it by: findPractices
 * (the fit scorecard and the CLI's library code), the pane's adapter and BENCH.PRACTICES. Prints the
 * top-3 hit rate; the goal is at least 90 %.
 */
import { findPractices } from "../../src/reference/practiceSearch";
import { PRACTICE_LIBRARY } from "../../src/reference/practices";
import { getActiveProfile } from "../../src/reference/activeLibrary";
import { matchPractices } from "../../src/taskpane/adapters/practiceAdapter";
import { practices as benchPractices } from "../../src/functions/reference";
import { tokenize } from "../../src/reference/searchTerms";
import { RELEVANCE_CASES, type RelevanceCase } from "./relevanceQueries";
import { runCli } from "../cli/run";

const GOAL = 0.9;
const byName = new Map(PRACTICE_LIBRARY.map((p) => [p.practice, p.id]));

type Ranker = (c: RelevanceCase) => Promise<string[]>;

const RANKERS: Record<string, Ranker> = {
  findPractices: async (c) =>
    findPractices({ industry: c.industry, challenge: c.query }).map((p) => p.id),
  "pane adapter": async (c) =>
    matchPractices(PRACTICE_LIBRARY, getActiveProfile(), c.industry ?? "", c.query).map(
      (m) => m.id
    ),
  // The installed command, spawned as users run it.
  "crossbench practices": async (c) => {
    const result = await runCli([
      "practices",
      ...(c.industry ? ["--industry", c.industry] : []),
      "--challenge",
      c.query,
      "--json",
    ]);
    if (result.code !== 0) throw new Error(result.stderr);
    return (JSON.parse(result.stdout) as { id: string }[]).map((listing) => listing.id);
  },
  "BENCH.PRACTICES": async (c) => {
    try {
      const rows = await benchPractices(c.industry, c.query);
      return rows.map((row) => byName.get(String(row[1])) ?? "?");
    } catch {
      return []; // #N/A "Nothing matches." counts as a miss
    }
  },
};

function hitRate(results: { c: RelevanceCase; top: string[] }[]): number {
  return (
    results.filter(({ c, top }) => c.expected.some((id) => top.includes(id))).length /
    results.length
  );
}

describe("practice search relevance set", () => {
  it("has at least 40 queries, each naming practices that exist", () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(PRACTICE_LIBRARY.map((p) => p.id));
    for (const c of RELEVANCE_CASES) for (const id of c.expected) expect(ids).toContain(id);
  });

  it("keeps its queries apart from the practices' own wording", () => {
    const words = (text: string) => tokenize(text).join(" ");
    const texts = PRACTICE_LIBRARY.flatMap((p) => [
      p.challenge,
      p.practice,
      p.lesson,
      p.howToApply,
      ...p.metricsMoved,
      ...(p.synonyms ?? []),
    ]).map(words);
    for (const c of RELEVANCE_CASES) {
      const query = words(c.query);
      // A query of three words or more found verbatim in a practice text would test copying, not search.
      const copied = texts.filter((t) =>
        query.split(" ").length >= 3 ? t.includes(query) : t === query
      );
      expect({ query, copied }).toEqual({ query, copied: [] });
    }
  });

  it.each(Object.keys(RANKERS))("reaches the top-3 goal through %s", async (name) => {
    const results: { c: RelevanceCase; top: string[] }[] = [];
    // A few at a time: the CLI path spawns one process per query.
    for (let i = 0; i < RELEVANCE_CASES.length; i += 4) {
      const batch = RELEVANCE_CASES.slice(i, i + 4);
      const tops = await Promise.all(batch.map((c) => RANKERS[name](c)));
      batch.forEach((c, k) => results.push({ c, top: tops[k].slice(0, 3) }));
    }
    const rate = hitRate(results);
    const misses = results
      .filter(({ c, top }) => !c.expected.some((id) => top.includes(id)))
      .map(
        ({ c, top }) => `  "${c.query}" -> ${top.join(", ")} (expected ${c.expected.join(" or ")})`
      );
    // Reported in every run so a drop is visible before it fails the goal.
    process.stdout.write(
      `Practice relevance via ${name}: ${(rate * 100).toFixed(1)} % top-3 (${results.length} queries)${misses.length ? "\n" + misses.join("\n") : ""}\n`
    );
    expect(rate).toBeGreaterThanOrEqual(GOAL);
  });
});
