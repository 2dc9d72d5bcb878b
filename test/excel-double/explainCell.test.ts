/** Explain this cell through the Excel double: references, names, limits and error inputs. */
import { explainActiveCell } from "../../src/excel/explainCell";
import fc from "fast-check";
import { npvValue } from "../../src/functions/benchAnalytics";
import { FIT, ROI } from "../../src/functions/analytics";
import { gap } from "../../src/functions/reference";
import { resetReferenceTableSyncForTests } from "../../src/excel/referenceSync";
import { writeReferenceRows } from "../../src/excel/referenceWriter";
import { ReferenceValue } from "../../src/reference/model";
import { createExcelDouble, ExcelDouble } from "./index";

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble({ sheets: ["Inputs", "Model"] });
  double.install();
  double.state.setValues("Inputs", "A1:A4", [[-1000], [300], [400], [500]]);
  double.state.setValues("Inputs", "C1", [[0.08]]);
  double.state.addName("Rate", "=Inputs!$C$1");
});
afterEach(() => double.uninstall());

test("resolves a name and another sheet's range, and explains the value in three syncs", async () => {
  double.state.setFormulas("Model", "B2", [["=BENCH.NPV(Rate,Inputs!A1:A4)"]]);
  double.state.select("Model", "B2:C3");
  double.stats.reset();
  const explanation = await explainActiveCell();
  const expected = npvValue(0.08, [[-1000], [300], [400], [500]]);
  expect(explanation).toMatchObject({ kind: "value", address: "Model!B2", value: expected });
  expect(explanation.arguments).toEqual([
    { parameter: "rate", text: "Rate", shown: "Rate = 0.08" },
    { parameter: "cashflows", text: "Inputs!A1:A4", shown: "4 cells from Inputs!A1:A4" },
  ]);
  expect(explanation.text).toMatch(/^Model!B2: =BENCH.NPV\(Rate,Inputs!A1:A4\)/);
  expect(double.stats.syncCount).toBeLessThanOrEqual(3);
});

test("an input cell that shows an error is named as the reason", async () => {
  double.state.setValues("Inputs", "A2", [["#DIV/0!"]]);
  double.state.setFormulas("Model", "A1", [["=BENCH.NPV(0.1,Inputs!A1:A4)"]]);
  double.state.select("Model", "A1");
  const explanation = await explainActiveCell();
  expect(explanation.kind).toBe("error");
  expect(explanation.details[0]).toMatch(/Inputs!A1:A4 holds the error #DIV\/0!/);
});

test("a whole-column argument is refused before it is read; an unknown name is said so", async () => {
  double.state.setFormulas("Model", "A1", [["=BENCH.IRR(Inputs!A:A)"]]);
  double.state.select("Model", "A1");
  await expect(explainActiveCell()).rejects.toThrow(
    /Inputs!A:A covers 1,048,576 cells; Explain reads at most 100,000/
  );
  double.state.setFormulas("Model", "A1", [["=BENCH.NPV(Nope,Inputs!A1:A4)"]]);
  await expect(explainActiveCell()).rejects.toThrow(
    /the name Nope, which is not a workbook-level name/
  );
});

test("a cell without a BENCH formula", async () => {
  double.state.setValues("Model", "A1", [[42]]);
  double.state.select("Model", "A1");
  expect(await explainActiveCell()).toMatchObject({ kind: "no-formula" });
});

test("for random cells, the explanation's value or error is what the function returns for them", async () => {
  const cell = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.constant("n/a") }
  );
  const row = fc.array(cell, { minLength: 3, maxLength: 3 });
  await fc.assert(
    fc.asyncProperty(row, row, fc.constantFrom("ROI", "FIT"), async (a, b, name) => {
      double.state.setValues("Model", "A1:C2", [a, b]);
      double.state.setFormulas("Model", "E1", [[`=BENCH.${name}(A1:C1,A2:C2)`]]);
      double.state.select("Model", "E1");
      const explanation = await explainActiveCell();
      // Excel passes blank cells as null.
      const [x, y] = [a, b].map((r) => [r.map((v) => (v === "" ? null : v))]);
      const result = name === "ROI" ? ROI(x, y) : FIT(x, y);
      if (result instanceof CustomFunctions.Error) {
        expect(explanation.headline).toBe(`BENCH.${name} returns ${result.code}.`);
        // Where Excel keeps the message (#VALUE!, #N/A) the explanation shows it; where Excel drops it
        // (#DIV/0!, #NUM!, e.g. ROI of zero costs) the explanation still gives the reason.
        if (result.message) expect(explanation.message).toBe(result.message);
        else expect(explanation.message).toMatch(/\w{3,}/);
      } else expect(explanation.value).toBe(result);
    }),
    { numRuns: 40 }
  );
});

describe("industries in Explain, with the workbook's reference table", () => {
  const dogGrooming: ReferenceValue = {
    industry: "Dog grooming",
    metric: "Gross margin",
    unit: "%",
    direction: "higher",
    region: "",
    year: 2024,
    statistics: { p25: 0.3, median: 0.42, p75: 0.5 },
    source: "Own survey",
    illustrative: false,
  };
  beforeEach(async () => {
    resetReferenceTableSyncForTests();
    await writeReferenceRows([dogGrooming]);
    resetReferenceTableSyncForTests();
  });
  afterEach(() => resetReferenceTableSyncForTests());

  test("an industry only the table has resolves (user data wins)", async () => {
    double.state.setFormulas("Model", "A1", [['=BENCH.METRIC("dog grooming","Gross margin")']]);
    double.state.select("Model", "A1");
    expect(await explainActiveCell()).toMatchObject({ kind: "value", value: 0.42 });
  });

  test("an industry neither has is the user's own, with the function's reason", async () => {
    double.state.setFormulas("Model", "A1", [['=BENCH.GAP(0.3,"Cat grooming","Gross margin")']]);
    double.state.select("Model", "A1");
    const explanation = await explainActiveCell();
    const cell = (await gap(0.3, "Cat grooming", "Gross margin")) as CustomFunctions.Error;
    expect(explanation).toMatchObject({ kind: "error", headline: "BENCH.GAP returns #N/A." });
    expect(explanation.message).toBe(cell.message);
    expect(cell.message).toMatch(
      /^No figures for "Cat grooming" yet; it counts as your own industry/
    );
  });
});
