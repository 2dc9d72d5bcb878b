import { CANONICAL_HEADERS, toCanonicalRow } from "./canonical";
import { ReferenceValue } from "./model";
import { readTableRows, valueFromCells } from "./tableRows";

const value: ReferenceValue = {
  industry: "Bakeries",
  industryCode: "311811",
  metric: "Gross margin",
  unit: "%",
  direction: "higher",
  region: "EU",
  year: 2024,
  statistics: { p25: 0.4, median: 0.5, p75: 0.6 },
  n: 40,
  source: "Own survey",
  licence: "CC BY 4.0",
  illustrative: false,
};
const asTable = (v: ReferenceValue) => toCanonicalRow(v).map((c) => c ?? "");
const valueFromCanonicalCells = (cells: readonly (string | number | boolean)[]) =>
  valueFromCells((field) => cells[CANONICAL_HEADERS.indexOf(field)]);
const readCanonicalRows = (body: (string | number | boolean)[][], firstSheetRow: number) =>
  readTableRows(CANONICAL_HEADERS, body, firstSheetRow);

describe("valueFromCanonicalCells", () => {
  it("reads back what the writer wrote", () => {
    expect(valueFromCanonicalCells(asTable(value))).toEqual(value);
  });

  it("names what is wrong with a hand-edited row", () => {
    const cells = asTable(value);
    cells[3] = "constructor";
    expect(valueFromCanonicalCells(cells)).toMatch(/unit "constructor"/);
    const noSource = asTable({ ...value, source: "" });
    expect(valueFromCanonicalCells(noSource)).toMatch(/source is required/);
    const badYear = asTable(value);
    badYear[6] = 20245;
    expect(valueFromCanonicalCells(badYear)).toMatch(/year/);
  });
});

describe("readTableRows", () => {
  it("finds the columns by the table's header names, whatever their order", () => {
    const header = [...CANONICAL_HEADERS].reverse();
    const cells = [...asTable(value)].reverse();
    expect(readTableRows(header, [cells], 4).values).toEqual([value]);
  });

  it("skips blank rows, reports bad ones by sheet row and keeps body indexes", () => {
    const blank = asTable(value).map(() => "");
    const bad = asTable({ ...value, metric: "" });
    const read = readCanonicalRows(
      [asTable(value), blank, bad, asTable({ ...value, region: "" })],
      4
    );
    expect(read.values).toHaveLength(2);
    expect(read.rowIndexes).toEqual([0, 3]);
    expect(read.problems).toEqual([
      {
        file: "Crossbench Reference",
        sheet: "Crossbench Reference",
        row: 6,
        column: "",
        message: "industry and metric are required",
        severity: "error",
      },
    ]);
  });
});
