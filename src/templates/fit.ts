/**
 * Practice fit scorecard: eight criteria weighted by hand or from a pairwise (AHP) matrix, candidate
 * practices from the library as columns, 1-5 ratings, a 0-100 fit score per practice and its rank.
 */
import { RANDOM_INDEX } from "../core/fit";
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
import { TemplateContext } from "./context";
import type { PlanCell, SheetPlan } from "./plan";
import { columnLetter } from "./plan";
import { abs, at, SheetRows } from "./sheet";

/** Where the scorecard's weights come from; the sheet's drop-down lists these. */
export const WEIGHT_MODES = ["pairwise", "typed"] as const;

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

/**
 * Squarings of the comparison matrix in portable files: A^(2^k) converges to the rank-one projection on
 * the principal eigenvector at the rate (λ2/λ1)^(2^k), so 2^10 = 1024 powers match src/core's eigenvector
 * to rounding for any positive reciprocal matrix whose second eigenvalue is not within 3 % of the first.
 */
export const AHP_SQUARINGS = 10;

/**
 * Section 4 of portable files: the AHP weights and consistency ratio as native formulas. Each block is
 * the previous one squared and divided by its sum squared (so figures stay near 1), rows of the last
 * block summed give the weights, and λmax = Σ (A·w)ᵢ since the weights sum to 1; CR = max(0, (λmax − n)
 * / (n − 1)) / RI, as src/core/fit.ts computes it.
 */
function ahpHelper(matrixTop: number, helperTop: number, weightsTop: number) {
  const n = FIT_CRITERIA.length;
  const sumColumn = n + 1;
  const blockTop = (k: number): number => (k === 0 ? matrixTop : helperTop + 3 + (k - 1) * n);
  const row = (k: number, i: number): string =>
    `${abs(1, blockTop(k) + i)}:${abs(n, blockTop(k) + i)}`;
  const column = (k: number, j: number): string =>
    `${abs(1 + j, blockTop(k))}:${abs(1 + j, blockTop(k) + n - 1)}`;
  const block = (k: number): string => `${abs(1, blockTop(k))}:${abs(n, blockTop(k) + n - 1)}`;
  const sumCell = (k: number): string =>
    k === 0 ? abs(1, helperTop + 2) : abs(sumColumn, blockTop(k));
  const productTop = blockTop(AHP_SQUARINGS + 1);
  const lambdaRow = productTop + n;
  const weightsColumn = `${abs(2, weightsTop)}:${abs(2, weightsTop + n - 1)}`;
  const randomIndex = RANDOM_INDEX[n];
  return {
    weightFormula: (i: number): string =>
      `=SUM(${row(AHP_SQUARINGS, i)})/${sumCell(AHP_SQUARINGS)}`,
    consistencyFormula: `=MAX(0,(${abs(1, lambdaRow)}-${n})/${n - 1})/${randomIndex}`,
    rows(width: number): (PlanCell | null)[][] {
      const rows: (PlanCell | null)[][] = [
        sectionRow(
          "4. AHP calculation (native formulas, no inputs): weights and consistency from the comparisons",
          width
        ),
        [
          note(
            `Each block is the one above squared (MMULT), divided by its sum squared; after ${AHP_SQUARINGS} squarings every column is proportional to the principal eigenvector.`
          ),
        ],
        [text("Sum of the comparisons"), formula(`=SUM(${block(0)})`, FORMAT.number)],
      ];
      for (let k = 1; k <= AHP_SQUARINGS; k++) {
        for (let i = 0; i < n; i++) {
          rows.push([
            i === 0 ? text(`Comparisons ^ ${2 ** k} (scaled)`) : text(""),
            ...Array.from({ length: n }, (_c, j) =>
              formula(`=MMULT(${row(k - 1, i)},${column(k - 1, j)})/${sumCell(k - 1)}^2`, "0.0000")
            ),
            i === 0 ? formula(`=SUM(${block(k)})`, "0.0000") : null,
          ]);
        }
      }
      for (let i = 0; i < n; i++)
        rows.push([
          i === 0 ? text("Comparisons x weights (A.w)") : text(""),
          formula(`=MMULT(${row(0, i)},${weightsColumn})`, "0.0000"),
        ]);
      rows.push([
        text("Largest eigenvalue (lambda max)", "key"),
        formula(`=SUM(${abs(1, productTop)}:${abs(1, productTop + n - 1)})`, "0.0000", "key"),
      ]);
      return rows;
    },
  };
}

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
  // The candidate practices are chosen for the industry when the sheet is made: shown, not an input.
  sheet.add([text("Candidates chosen for"), { value: industry, style: "output" }]);
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
  // Portable files compute the AHP weights and CR with native formulas in section 4, below the scores;
  // its rows are fixed once the rows above it are (see ahpHelper).
  const helperTop = matrixTop + 2 * n + 9;
  const helper = ahpHelper(matrixTop, helperTop, weightsTop);
  FIT_CRITERIA.forEach((criterion, i) => {
    const row = weightsTop + i;
    const ahpCell: PlanCell | null =
      i === 0
        ? bench(
            {
              formula: `=BENCH.AHPWEIGHTS(${matrixRange})`,
              portable: { formula: helper.weightFormula(0) },
              cached: ahpWeights?.[0],
              spill: { rows: n, columns: 1 },
            },
            FORMAT.percent
          )
        : portable
          ? formula(helper.weightFormula(i), FORMAT.percent)
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
        portable: { formula: helper.consistencyFormula },
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
  sheet.add(
    portable
      ? [
          null,
          note(
            `AHP weights: the principal eigenvector of the comparisons, computed live in section 4 (the matrix squared ${AHP_SQUARINGS} times). Weights are used when "Weights from" says pairwise.`
          ),
        ]
      : [
          null,
          note('Weights are used when "Weights from" says pairwise; otherwise the typed ones.'),
        ]
  );
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
  if (portable) {
    sheet.add();
    if (sheet.next !== helperTop)
      throw new Error(
        `fit template layout drifted: helper at ${sheet.next}, expected ${helperTop}`
      );
    for (const row of helper.rows(width)) sheet.add(row);
  }

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
        source: WEIGHT_MODES.join(","),
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
