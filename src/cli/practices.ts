/**
 * `crossbench practices [--industry NAME] [--challenge TEXT] [--json]`: the practice search the task
 * pane runs (findPractices, the one ranker) with the pane's quick fit estimate and why each practice is
 * listed. A table for people, JSON for scripts.
 */
import type { Command } from "commander";
import type { Practice } from "../reference/model";
import type { FitPart } from "../taskpane/paneActions";
import { EXIT, ExitCode, runs } from "./exitCodes";
import { escapeValue, safeJson, say } from "./safeText";

interface PracticesOptions {
  industry?: string;
  challenge?: string;
  json?: boolean;
}

const PRACTICES_OPTIONS: readonly (readonly [flags: string, description: string])[] = [
  ["--industry <name>", "your industry: practices other industries found that suit it"],
  ["--challenge <text>", 'the problem in your own words, e.g. "customer loyalty"'],
  ["--json", "print the matches as JSON for scripts"],
];

export interface PracticeListing {
  id: string;
  practice: string;
  sourceIndustry: string;
  challenge: string;
  lesson: string;
  metricsMoved: string[];
  effort: Practice["effort"];
  /** The pane's quick fit estimate, 0–100. */
  fitEstimate: number;
  /** What the estimate is made of: problem match, industry proximity, resource fit (1–5 each). */
  fitParts: FitPart[];
  /** Why it is listed, as the pane words it. */
  why: string;
}

async function findListings(industry: string, challenge: string): Promise<PracticeListing[]> {
  const [{ matchPractices }, { PRACTICE_LIBRARY }, { getActiveProfile }] = await Promise.all([
    import("../taskpane/adapters/practiceAdapter"),
    import("../reference/practices"),
    import("../reference/activeLibrary"),
  ]);
  // The pane's own matching: the same order (best answer to the words, then fit) and the same parts.
  return matchPractices(PRACTICE_LIBRARY, getActiveProfile(), industry, challenge).map((m) => ({
    id: m.id,
    practice: m.practice,
    sourceIndustry: m.sourceIndustry,
    challenge: m.challenge,
    lesson: m.lesson,
    metricsMoved: m.metricsMoved,
    effort: m.effort,
    fitEstimate: Math.round(m.fitEstimate),
    fitParts: m.fitParts,
    why: `From ${m.sourceIndustry} · answers: ${m.challenge}`,
  }));
}

function table(listings: readonly PracticeListing[]): string[] {
  const width = Math.max(8, ...listings.map((l) => escapeValue(l.practice).length));
  const fromWidth = Math.max(4, ...listings.map((l) => escapeValue(l.sourceIndustry).length));
  const row = (fit: string, effort: string, practice: string, from: string, answers: string) =>
    `${fit.padStart(3)}  ${effort.padEnd(6)}  ${practice.padEnd(width)}  ${from.padEnd(fromWidth)}  ${answers}`;
  return [
    row("fit", "effort", "practice", "from", "answers"),
    ...listings.map((l) =>
      row(
        String(l.fitEstimate),
        l.effort,
        escapeValue(l.practice),
        escapeValue(l.sourceIndustry),
        escapeValue(l.challenge)
      )
    ),
  ];
}

function heading(count: number, industry: string, challenge: string): string {
  const what = [
    industry ? `for ${escapeValue(industry)}` : "",
    challenge ? `answering "${escapeValue(challenge)}"` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${count} ${count === 1 ? "practice" : "practices"}${what ? ` ${what}` : ""}, best first:`;
}

export async function practicesCommand(options: PracticesOptions): Promise<ExitCode> {
  const industry = options.industry?.trim() ?? "";
  const challenge = options.challenge?.trim() ?? "";
  const listings = await findListings(industry, challenge);
  if (options.json) {
    process.stdout.write(`${safeJson(listings)}\n`);
    return EXIT.ok;
  }
  if (listings.length === 0) {
    say("No practice matches; try other words for the challenge, or leave out --industry.");
    return EXIT.ok;
  }
  say(heading(listings.length, industry, challenge));
  say("");
  for (const line of table(listings)) say(line);
  say("");
  say(
    "fit: the quick estimate (0-100) from problem match, industry proximity (from the reference data, illustrative unless replaced) and effort; the Fit scorecard template rates all eight criteria."
  );
  return EXIT.ok;
}

export function registerPracticesCommand(program: Command): void {
  const command = program
    .command("practices")
    .description("find practices from other industries for your industry and challenge");
  for (const [flags, description] of PRACTICES_OPTIONS) command.option(flags, description);
  command.action(runs(practicesCommand));
}
