/** The task pane's template actions, through the Excel double. */
import { templateActions } from "../../src/excel/templateActions";
import { TEMPLATE_IDS } from "../../src/templates/plan";
import { createExcelDouble, ExcelDouble } from "../excel-double";

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble();
  double.install();
});
afterEach(() => double.uninstall());

const supportsAll = (): boolean => true;

describe("templateActions", () => {
  it("lists every template with a title and a description", async () => {
    const list = await templateActions.list();
    expect(list.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of list) expect(t.title.length * t.description.length).toBeGreaterThan(0);
  });

  it("inserts the chosen templates with the pane's discount rate and target level", async () => {
    const result = await templateActions.insert(
      ["gap", "roi"],
      "Hospitality",
      { discountRate: 0.115, targetPercentile: "p90" },
      { supports: supportsAll }
    );
    expect(result.sheetNames).toEqual(["Summary", "Gap analysis", "ROI"]);
    expect(double.state.values("Gap analysis", "A4:B5")).toEqual([
      ["Your industry", "Hospitality"],
      ["Target level (median, p75 or p90)", "p90"],
    ]);
    // Wherever the assumptions section puts it, the rate row carries the pane's rate.
    const rates = double.state.values("ROI", "A1:B120");
    expect(rates).toContainEqual(["Discount rate (per year)", 0.115]);
  });

  it("rejects unknown template ids and an empty choice without touching the workbook", async () => {
    const before = double.state.sheetNames();
    await expect(templateActions.insert(["roi", "budget"], "Retail", {})).rejects.toThrow(
      "Unknown template: budget"
    );
    await expect(templateActions.insert([], "Retail", {})).rejects.toThrow(
      "Choose at least one template"
    );
    expect(double.state.sheetNames()).toEqual(before);
    expect(double.stats.syncCount).toBe(0);
  });
});
