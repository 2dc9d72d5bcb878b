import { parseDirection, parseUnit, validateLong, rowsToImport } from "./validate";
import { parseValues } from "./parsers";

describe("unit and direction spellings", () => {
  it.each([
    ["%", "%"],
    ["Percent", "%"],
    [" pct ", "%"],
    ["Days", "days"],
    ["hrs", "hours"],
    ["$", "currency per unit"],
    ["EUR", "currency per unit"],
    ["x", "ratio"],
    ["Times", "ratio"],
    ["#", "count"],
    ["points", "score"],
    ["furlongs", undefined],
  ])("unit %j is %j", (text, unit) => {
    expect(parseUnit(text)).toBe(unit);
  });

  it.each([
    ["Higher", "higher"],
    ["higher is better", "higher"],
    ["min", "lower"],
    ["Lower is better", "lower"],
    ["sideways", undefined],
  ])("direction %j is %j", (text, direction) => {
    expect(parseDirection(text)).toBe(direction);
  });
});

describe("mapping problems", () => {
  const table = parseValues([
    ["Industry", "Metric", "Median", "Source", "Extra"],
    ["Bakeries", "Gross margin", 0.5, "Own", "x"],
  ]);

  it("refuses one column mapped to two fields and writes nothing", () => {
    const report = validateLong(table, 0, {
      industry: "Industry",
      metric: "Metric",
      median: "Median",
      mean: "Median",
      source: "Source",
    });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        row: 1,
        column: "C (Median)",
        severity: "error",
        message: expect.stringMatching(/mapped to both median and mean/),
      })
    );
    expect(rowsToImport(report, "only-valid-rows")).toEqual([]);
  });

  it("warns about columns it does not import and accepts a default source", () => {
    const report = validateLong(
      table,
      0,
      { industry: "Industry", metric: "Metric", median: "Median" },
      { source: "Pane default", year: 2024 }
    );
    expect(report.ok).toBe(true);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        message: "Columns not imported: D (Source), E (Extra).",
      })
    );
    expect(report.valid[0].value).toMatchObject({
      source: "Pane default",
      year: 2024,
      unit: "%",
      direction: "higher",
    });
  });

  it.each([
    [{ metric: "Metric", median: "Median", source: "Source" }, /No column is mapped to industry/],
    [{ industry: "Industry", median: "Median", source: "Source" }, /No column is mapped to metric/],
    [{ industry: "Industry", metric: "Metric", source: "Source" }, /No statistic column/],
    [{ industry: "Industry", metric: "Metric", median: "Median" }, /no default source/],
  ])("reports a missing essential mapping %j", (mapping, message) => {
    const report = validateLong(table, 0, mapping);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join("\n")).toMatch(message);
    expect(report.valid).toEqual([]);
  });
});
