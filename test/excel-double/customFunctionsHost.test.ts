/**
 * The double's custom-functions host recalculates on request as Excel does (Excel.Range.calculate,
 * Excel.CalculationType): a function whose inputs did not change gives a new answer only when asked.
 */
import { createExcelDouble, ExcelDouble } from "./index";
import { CustomFunctionsHost, startCustomFunctionsHost } from "./customFunctionsHost";

let double: ExcelDouble;
let host: CustomFunctionsHost;
let figure = 1;
const functions = () => ({ METRIC: () => figure });

beforeEach(async () => {
  figure = 1;
  double = createExcelDouble({ sheets: ["Sheet1", "Other"] });
  double.install();
  double.state.setFormulas("Sheet1", "A1:A2", [
    ['=BENCH.METRIC("Retail")'],
    ['=BENCH.METRIC("Cafes")'],
  ]);
  double.state.setFormulas("Other", "A1", [['=BENCH.METRIC("Retail")']]);
  host = startCustomFunctionsHost(double, functions, { intervalMs: 5 });
  await host.settled();
  figure = 2;
});
afterEach(() => {
  host.stop();
  double.uninstall();
});

const values = () => [
  ...double.state.values("Sheet1", "A1:A2").flat(),
  ...double.state.values("Other", "A1").flat(),
];

test("keeps results whose inputs did not change", async () => {
  await host.settled();
  expect(values()).toEqual([1, 1, 1]);
});

test("Range.calculate recalculates that range only", async () => {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange("A2:B5").calculate();
    await context.sync();
  });
  await host.settled();
  expect(values()).toEqual([1, 2, 1]);
});

test("calculate(Full) recalculates everything; Recalculate leaves clean cells alone", async () => {
  await Excel.run(async (context) => {
    context.application.calculate(Excel.CalculationType.recalculate);
    await context.sync();
  });
  await host.settled();
  expect(values()).toEqual([1, 1, 1]);
  await Excel.run(async (context) => {
    context.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
  await host.settled();
  expect(values()).toEqual([2, 2, 2]);
});
