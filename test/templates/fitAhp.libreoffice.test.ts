/**
 * The fit scorecard in a portable file computes its AHP weights and consistency ratio with native
 * formulas: LibreOffice recalculates them for the sample comparisons and for comparisons a user typed
 * (written into the file's input cells before recalculation), and they equal src/core/fit.ts to 1e-9.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { ahpConsistencyRatio, ahpWeights, fitScore } from "../../src/core/fit";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { FIT_CRITERIA, samplePairwiseMatrix } from "../../src/templates/fit";
import { buildWorkbookPlan } from "../../src/templates/index";
import { renderXlsxBuffer } from "../../src/templates/renderXlsx";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";

type Result = ExcelJS.CellValue | undefined;
const calculated = (cell: ExcelJS.Cell): Result => {
  const value = cell.value;
  if (value && typeof value === "object" && "formula" in value)
    return (value as { result?: ExcelJS.CellValue }).result;
  return value;
};

const n = FIT_CRITERIA.length;
const SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];

/** Reciprocal matrices from the upper triangle: a strongly inconsistent one and seeded random ones. */
function userMatrices(): number[][][] {
  const fromUpper = (upper: (i: number, j: number) => number): number[][] =>
    Array.from({ length: n }, (_r, i) =>
      Array.from({ length: n }, (_c, j) => (i === j ? 1 : j > i ? upper(i, j) : 1 / upper(j, i)))
    );
  const cyclic = fromUpper((i, j) => ((i + j) % 2 === 0 ? 9 : 1 / 7));
  const random = fc.sample(
    fc.array(fc.constantFrom(...SAATY), {
      minLength: (n * (n - 1)) / 2,
      maxLength: (n * (n - 1)) / 2,
    }),
    { numRuns: 2, seed: 42 }
  );
  return [
    cyclic,
    ...random.map((values) => {
      let k = 0;
      const upper = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper[i][j] = values[k++];
      return fromUpper((i, j) => upper[i][j]);
    }),
  ];
}

interface Layout {
  weightsTop: number;
  crRow: number;
  matrixTop: number;
  scoreRow: number;
  ratingsTop: number;
}

function layoutOf(sheet: ExcelJS.Worksheet): Layout {
  const layout: Layout = { weightsTop: 0, crRow: 0, matrixTop: 0, scoreRow: 0, ratingsTop: 0 };
  sheet.eachRow((row, number) => {
    const label = row.getCell(1).value;
    if (label === "Criterion" && layout.weightsTop === 0) layout.weightsTop = number + 1;
    if (label === "Consistency ratio (CR)") layout.crRow = number;
    if (typeof label === "string" && label.startsWith("2. Pairwise")) layout.matrixTop = number + 2;
    if (label === "Fit score (0-100)") layout.scoreRow = number;
    if (label === "Source industry") layout.ratingsTop = number + 1;
  });
  return layout;
}

async function generated(folder: string): Promise<string> {
  const plans = buildWorkbookPlan({
    templates: ["fit"],
    summary: false,
    drawsCharts: true,
    mode: "portable",
    library: BUNDLED_TEMPLATE_LIBRARY,
    maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
    industry: "Retail",
  });
  const file = path.join(folder, "fit.xlsx");
  writeFileSync(file, await renderXlsxBuffer(plans, "portable"));
  return file;
}

/** Types a matrix's upper triangle into the file's input cells, as a user would. */
async function withComparisons(file: string, matrix: number[][], out: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("Fit scorecard")!;
  const { matrixTop } = layoutOf(sheet);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) sheet.getCell(matrixTop + i, 2 + j).value = matrix[i][j];
  await workbook.xlsx.writeFile(out);
  return out;
}

function expectClose(actual: Result, expected: number, label: string): void {
  expect([label, typeof actual]).toEqual([label, "number"]);
  expect([label, Math.abs((actual as number) - expected) <= 1e-9]).toEqual([label, true]);
}

describeWithLibreOffice("fit scorecard AHP as native formulas (LibreOffice)", () => {
  const matrices = [samplePairwiseMatrix(), ...userMatrices()];
  const sheets: ExcelJS.Worksheet[] = [];

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "crossbench-fit-"));
    const file = await generated(folder);
    for (const [k, matrix] of matrices.entries()) {
      const input =
        k === 0 ? file : await withComparisons(file, matrix, path.join(folder, `fit-${k}.xlsx`));
      const recalculated = await recalculateXlsx(input, path.join(folder, `out-${k}`));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(recalculated);
      sheets.push(workbook.getWorksheet("Fit scorecard")!);
    }
  }, 240_000);

  it("AHP weights and CR equal src/core for the sample and for typed comparisons", () => {
    matrices.forEach((matrix, k) => {
      const sheet = sheets[k];
      const { weightsTop, crRow } = layoutOf(sheet);
      const weights = ahpWeights(matrix);
      weights.forEach((w, i) =>
        expectClose(calculated(sheet.getCell(weightsTop + i, 3)), w, `matrix ${k} weight ${i + 1}`)
      );
      expectClose(
        calculated(sheet.getCell(crRow, 2)),
        ahpConsistencyRatio(matrix),
        `matrix ${k} CR`
      );
    });
    // The inconsistent matrix is flagged.
    expect(String(calculated(sheets[1].getCell(layoutOf(sheets[1]).crRow, 3)))).toMatch(
      /Inconsistent/
    );
  });

  it("fit scores follow the recalculated weights", () => {
    matrices.forEach((matrix, k) => {
      const sheet = sheets[k];
      const { scoreRow, ratingsTop } = layoutOf(sheet);
      const weights = ahpWeights(matrix);
      for (let column = 2; sheet.getCell(scoreRow, column).value; column++) {
        const ratings = weights.map(
          (_w, i) => calculated(sheet.getCell(ratingsTop + i, column)) as number
        );
        expectClose(
          calculated(sheet.getCell(scoreRow, column)),
          fitScore(ratings, weights, 5),
          `matrix ${k} score ${column}`
        );
      }
    });
  });

  it("has no error value anywhere after recalculation", () => {
    const errors: string[] = [];
    for (const sheet of sheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = calculated(cell);
          if (value && typeof value === "object" && "error" in value) errors.push(cell.address);
        })
      );
    expect(errors).toEqual([]);
  });
});
