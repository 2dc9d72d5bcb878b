/**
 * Practice fit scorecard: eight criteria weighted by hand or from a pairwise (AHP) matrix, candidate
 * practices from the library as columns, 1-5 ratings, a 0-100 fit score per practice and its rank.
 */
import { findPractices } from "../reference/practiceSearch";
import {
  bench,
  FORMAT,
  formula,
  header,
  input,
  note,
  purpose,
  sectionRow,
  text,
  title,
} from "./cells";
import { GENERATED_VALUE_NOTE, TemplateContext } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { columnLetter } from "./plan";
import { abs, at, SheetRows } from "./sheet";

export const FIT_CRITERIA: readonly { name: string; question: string }[] = [
  { name: "Problem match", question: "Does it answer the problem you actually have?" },
  {
    name: "Industry proximity",
    question: "How close is the source industry to yours (customers, channels, rhythm)?",
  },
  { name: "Resource fit", question: "Can you fund and staff it at your size?" },
  {
    name: "Knowledge gap",
    question: "How small is the know-how gap (5 = you already have the skills)?",
  },
  { name: "Business-model fit", question: "Does it suit how you make money?" },
  {
    name: "Culture and risk tolerance",
    question: "Will your people and your appetite for risk carry it?",
  },
  { name: "Leadership commitment", question: "Will the owner or manager back it for a year?" },
  { name: "Evidence strength", question: "How good is the evidence that it works elsewhere?" },
];

/** Sample priorities behind the sample pairwise matrix (one comparison nudged so CR is small but not 0). */
const SAMPLE_PRIORITIES = [4, 2, 2, 1, 2, 1, 2, 1];
export const FIT_SAMPLE_TYPED_WEIGHTS = [0.2, 0.1, 0.15, 0.1, 0.15, 0.1, 0.1, 0.1];

export function samplePairwiseMatrix(): number[][] {
  const matrix = SAMPLE_PRIORITIES.map((wi) => SAMPLE_PRIORITIES.map((wj) => wi / wj));
  matrix[0][3] = 3;
  matrix[3][0] = 1 / 3;
  return matrix;
}

const SAMPLE_RATINGS = [
  [5, 3, 4, 3],
  [3, 4, 2, 3],
  [4, 3, 3, 5],
  [3, 2, 4, 4],
  [4, 4, 3, 3],
  [3, 3, 4, 2],
  [4, 3, 3, 4],
  [3, 4, 2, 3],
];

export function fitTemplate(context: TemplateContext): SheetPlan {
  const { library, industry, maths } = context;
  const portable = context.mode === "portable";
  const n = FIT_CRITERIA.length;
  // The same search BENCH.PRACTICES(industry) runs, so the columns match what the function lists.
  const matching = findPractices({ industry }, library.practices);
  const candidates = (matching.length > 0 ? matching : library.practices).slice(0, 4);
  const practiceNames =
    candidates.length > 0
      ? candidates.map((p) => p.practice)
      : ["Practice A", "Practice B", "Practice C", "Practice D"];
  const practiceCount = practiceNames.length;
  const width = Math.max(n + 1, practiceCount + 1, 5);
  const sheet = new SheetRows();

  sheet.add([title("Practice fit scorecard")]);
  sheet.add([
    purpose(
      "Scores how well each candidate practice from another industry fits your business, so you adapt the one most likely to work."
    ),
  ]);
  // Blank for practices the user chose in the pane (they rate them); sample figures otherwise.
  const rating = (criterion: number, practice: number): number | null =>
    context.blankRatings ? null : SAMPLE_RATINGS[criterion][practice % 4];
  sheet.add([
    note(
      context.blankRatings
        ? "Yellow cells with blue text are inputs: rate each practice 1-5 per criterion in section 3. Weights come from the pairwise comparisons or are typed in."
        : "Yellow cells with blue text are inputs (sample ratings: replace them). Weights come from the pairwise comparisons or are typed in."
    ),
  ]);
  sheet.add([text("Your industry"), input(industry)]);
  const weightModeRow = sheet.add([text("Weights from (pairwise / typed)"), input("pairwise")]);
  sheet.add();

  // Pairwise matrix first in the calculation order but shown after the weights; rows are fixed here.
  sheet.add(sectionRow("1. Criteria and weights", width));
  sheet.add([
    header("Criterion"),
    header("Typed weight"),
    header("Pairwise (AHP) weight"),
    header("Weight used"),
    header("What it asks"),
  ]);
  const weightsTop = sheet.next;
  const matrixTop = weightsTop + n + 4; // after the weights: CR row, note row, section bar, header
  const matrixRange = `${abs(1, matrixTop)}:${abs(n, matrixTop + n - 1)}`;
  const matrix = samplePairwiseMatrix();
  const ahpWeights = maths
    ? (() => {
        try {
          return maths.ahpWeights(matrix);
        } catch {
          return undefined;
        }
      })()
    : undefined;
  const consistency = (() => {
    try {
      return maths.ahpConsistencyRatio(matrix);
    } catch {
      return undefined;
    }
  })();
  FIT_CRITERIA.forEach((criterion, i) => {
    const row = weightsTop + i;
    const ahpCell: PlanCell | null =
      i === 0
        ? bench(
            {
              formula: `=BENCH.AHPWEIGHTS(${matrixRange})`,
              portable: { value: ahpWeights?.[0] ?? null },
              cached: ahpWeights?.[0],
              spill: { rows: n, columns: 1 },
            },
            FORMAT.percent
          )
        : portable
          ? { value: ahpWeights?.[i] ?? null, format: FORMAT.percent, style: "output" }
          : null;
    sheet.add([
      text(criterion.name),
      input(FIT_SAMPLE_TYPED_WEIGHTS[i], FORMAT.percent),
      ahpCell,
      formula(
        `=IF(${abs(1, weightModeRow)}="typed",${at(1, row)},${at(2, row)})`,
        FORMAT.percent,
        "key"
      ),
      note(criterion.question),
    ]);
  });
  const crRow = sheet.add([
    text("Consistency ratio (CR)", "key"),
    bench(
      {
        formula: `=BENCH.AHPCR(${matrixRange})`,
        portable: { value: consistency ?? null },
        cached: consistency,
      },
      "0.000",
      "key"
    ),
    formula(
      `=IF(ISNUMBER(${at(1, sheet.next)}),IF(${at(1, sheet.next)}>0.1,"Inconsistent (CR > 0.10): revisit the comparisons","Consistent (CR <= 0.10)"),"")`,
      "General",
      "key"
    ),
  ]);
  sheet.add(portable ? [null, note(`AHP weights and CR: ${GENERATED_VALUE_NOTE}`)] : []);
  sheet.add(
    sectionRow(
      "2. Pairwise comparisons: how much more important is the row criterion than the column one (1 = equal, 3 = moderately, 5 = strongly, 9 = extremely)",
      width
    )
  );
  sheet.add([header("")].concat(FIT_CRITERIA.map((c) => header(c.name))));
  if (sheet.next !== matrixTop)
    throw new Error(`fit template layout drifted: matrix at ${sheet.next}, expected ${matrixTop}`);
  FIT_CRITERIA.forEach((criterion, i) => {
    sheet.add(
      [text(criterion.name)].concat(
        FIT_CRITERIA.map((_c, j): PlanCell => {
          if (i === j) return { value: 1, format: FORMAT.ratio, style: "output" };
          if (j > i) return input(Math.round(matrix[i][j] * 1000) / 1000, FORMAT.ratio);
          return formula(`=1/${at(1 + i, matrixTop + j)}`, FORMAT.ratio);
        })
      )
    );
  });
  sheet.add([
    note("Type comparisons above the diagonal only; the cells below it are their reciprocals."),
  ]);
  sheet.add();

  sheet.add(
    sectionRow("3. Candidate practices: rate each 1 (poor) to 5 (excellent) per criterion", width)
  );
  sheet.add([header("Criterion")].concat(practiceNames.map((name) => header(name))));
  sheet.add(
    [text("Source industry", "note")].concat(
      practiceNames.map((_name, p) => text(candidates[p]?.sourceIndustry ?? "", "note"))
    )
  );
  const ratingsTop = sheet.next;
  FIT_CRITERIA.forEach((criterion, i) => {
    sheet.add(
      [text(criterion.name)].concat(practiceNames.map((_name, p) => input(rating(i, p), "0")))
    );
  });
  const ratingsBottom = sheet.next - 1;
  const weightsRange = `${abs(3, weightsTop)}:${abs(3, weightsTop + n - 1)}`;
  const scoreRow = sheet.next;
  const scoreRange = `${abs(1, scoreRow)}:${abs(practiceCount, scoreRow)}`;
  const typedWeights = FIT_SAMPLE_TYPED_WEIGHTS;
  sheet.add(
    [text("Fit score (0-100)", "key")].concat(
      practiceNames.map((_name, p) => {
        const column = columnLetter(1 + p);
        const ratings = `${column}${ratingsTop}:${column}${ratingsBottom}`;
        const usedWeights = ahpWeights ?? typedWeights;
        let cached: number | undefined;
        try {
          cached = maths.fit(
            FIT_CRITERIA.map((_c, i) => rating(i, p)),
            usedWeights,
            5
          );
        } catch {
          cached = undefined;
        }
        return bench(
          {
            formula: `=BENCH.FIT(${ratings},${weightsRange},5)`,
            portable: {
              formula: `=IF(COUNT(${ratings})=0,"not rated",100*SUMPRODUCT(${weightsRange},(${ratings}<>"")*(${ratings}-1))/(4*SUMPRODUCT(${weightsRange},--(${ratings}<>""))))`,
            },
            cached,
          },
          FORMAT.score,
          "key"
        );
      })
    )
  );
  sheet.add(
    [text("Rank", "key")].concat(
      practiceNames.map((_name, p) =>
        formula(
          `=IF(ISNUMBER(${at(1 + p, scoreRow)}),RANK(${at(1 + p, scoreRow)},${scoreRange}),"")`,
          "0",
          "key"
        )
      )
    )
  );
  sheet.add([
    note(
      "Fit score = 100 x sum of weight x (rating - 1) / 4 over the rated criteria, divided by the weights of the rated criteria. Blank ratings are left out."
    ),
  ]);

  return {
    key: "fit",
    name: "Fit scorecard",
    purpose: String(sheet.rows[1][0]?.value ?? ""),
    blocks: [{ at: "A1", rows: sheet.rows }],
    columnWidths: [28, 16, 16, 16, 16, 16, 16, 16, 16],
    validations: [
      {
        range: at(1, weightModeRow),
        kind: "list",
        source: "pairwise,typed",
        prompt: "Where the weights come from",
      },
      {
        range: `${at(1, ratingsTop)}:${at(practiceCount, ratingsBottom)}`,
        kind: "whole",
        min: 1,
        max: 5,
        prompt: "1 (poor) to 5 (excellent); leave blank when unknown",
      },
      {
        range: `${at(1, weightsTop)}:${at(1, weightsTop + n - 1)}`,
        kind: "decimal",
        min: 0,
        max: 1000,
        prompt: "A non-negative weight",
      },
      {
        range: `${at(2, matrixTop)}:${at(n, matrixTop + n - 1)}`,
        kind: "decimal",
        min: 0.111,
        max: 9,
        prompt: "Saaty scale: 1/9 to 9",
      },
    ],
    conditionalFormats: [
      {
        range: at(1, crRow),
        operator: "greaterThan",
        formula1: "0.1",
        fill: "#F8CBAD",
        fontColor: "#9C0006",
      },
    ],
    protect: true,
    freeze: { rows: 3 },
    names: [{ name: "FIT_Weights", range: weightsRange }],
  };
}
