import { ValidationReport, formatReport } from "./validationReport";

const report = (counts: Partial<ValidationReport>): ValidationReport => ({
  file: "survey.csv",
  layout: "long",
  rowsRead: 0,
  valid: [],
  validCount: 0,
  problems: [],
  errorCount: 0,
  warningCount: 0,
  invalidRowCount: 0,
  skippedRowCount: 0,
  numberConvention: {
    decimal: ".",
    decidedBy: "default",
    ambiguousCells: 0,
    commaEvidence: 0,
    pointEvidence: 0,
  },
  ok: true,
  ...counts,
});

describe("the printed report's summary line", () => {
  it("counts one of a thing in the singular", () => {
    const line = formatReport(
      report({ rowsRead: 1, validCount: 1, warningCount: 1, skippedRowCount: 1 })
    ).split("\n")[0];
    expect(line).toBe(
      "survey.csv: long layout, 1 data row, 1 valid reference value, 0 errors in 0 rows, 1 warning, 1 aggregate row skipped."
    );
  });

  it("groups the digits of large counts", () => {
    const line = formatReport(report({ rowsRead: 1_000_000, validCount: 999_999 })).split("\n")[0];
    expect(line).toContain("1,000,000 data rows, 999,999 valid reference values");
  });
});
