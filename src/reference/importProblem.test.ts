import { columnLabel, columnLetter } from "./importProblem";

describe("column labels", () => {
  it("letters columns as Excel does", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
  });

  it("adds the header, trimmed and bounded", () => {
    expect(columnLabel(2, " median ")).toBe("C (median)");
    expect(columnLabel(2, "")).toBe("C");
    expect(columnLabel(2, null)).toBe("C");
    expect(columnLabel(0, "x".repeat(50000))).toBe(`A (${"x".repeat(37)}...)`);
  });
});
