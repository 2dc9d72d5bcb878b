import { toCanonicalRow } from "./canonical";
import { ReferenceValue } from "./model";
import { readCanonicalRows, valueFromCanonicalCells } from "./tableRows";

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

describe("readCanonicalRows", () => {
  it("skips blank rows, reports bad ones by sheet row and keeps body indexes", () => {
    const blank = asTable(value).map(() => "");
    const bad = asTable({ ...value, metric: "" });
    const read = readCanonicalRows(
      [asTable(value), blank, bad, asTable({ ...value, region: "" })],
      4
    );
    expect(read.values).toHaveLength(2);
    expect(read.rowIndexes).toEqual([0, 3]);
    expect(read.problems).toEqual([{ row: 6, message: "industry and metric are required" }]);
  });
});
