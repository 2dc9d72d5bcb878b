import { assignColumn, fieldOfColumn, mappedFields } from "./columnMapping";

describe("the pane's column mapping (field -> header)", () => {
  const mapping = { industry: "Sector", metric: "KPI", median: "Figure", notes: null };

  it("names the field a column feeds", () => {
    expect(fieldOfColumn(mapping, "KPI")).toBe("metric");
    expect(fieldOfColumn(mapping, "Comment")).toBe("");
    expect(mappedFields(mapping)).toEqual(["industry", "metric", "median"]);
  });

  it("moves a column to another field, and a field to another column, never sharing either", () => {
    expect(assignColumn(mapping, "Figure", "p75")).toEqual({
      industry: "Sector",
      metric: "KPI",
      p75: "Figure",
    });
    // "metric" leaves KPI for Figure; Figure leaves median.
    expect(assignColumn(mapping, "Figure", "metric")).toEqual({
      industry: "Sector",
      metric: "Figure",
    });
    expect(assignColumn(mapping, "Sector", "")).toEqual({
      metric: "KPI",
      median: "Figure",
    });
  });
});
