/**
 * Numbers and precedence on the pane's import path (headless Chromium, the built pages, the Excel
 * double): an association survey with decimal commas is read as written, an undecidable `1.500` is
 * shown, warned about and read the way the user chooses, and the user's 2024 figure then beats the
 * bundled 2025 sample in a BENCH.METRIC cell.
 */
import type { Page } from "playwright-core";
import { workbook } from "./support/pane";
import { paneHarness, unexpectedErrors } from "./support/harness";
import { openImportScreen, referenceRows, uploadCsv as upload } from "./support/importSteps";

// `calculate`: the double runs the built functions.js for BENCH cells, as Excel would.
const harness = paneHarness({ defaults: { calculate: true } });

async function importScreen(): Promise<{ page: Page; errors: () => string[] }> {
  const opened = await openImportScreen(harness);
  return { page: opened.page, errors: () => unexpectedErrors(opened) };
}

/** The preview grid's body cells as the pane shows them. */
async function previewCells(page: Page): Promise<string[][]> {
  const grid = page.getByRole("region", { name: "Preview table, scrolls sideways" });
  return grid
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent ?? ""))
    );
}

async function importAll(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Import all/ }).click();
  await page.getByTestId("import-summary").waitFor({ timeout: 60000 });
}

async function referenceMedians(page: Page): Promise<Record<string, unknown>> {
  const rows = await referenceRows(page);
  return Object.fromEntries(rows.map((row) => [`${row.industry}|${row.metric}`, row.median]));
}

it("reads a semicolon survey with decimal commas as written: 95.400 is 95400 and 41,2 % is 0.412", async () => {
  const { page, errors } = await importScreen();
  await upload(
    page,
    "guild-survey.csv",
    [
      "industry;metric;unit;direction;year;median;p75;source",
      "Bakeries;Revenue per employee;currency per unit;higher;2024;95.400;120.000,5;Bakers Guild",
      "Bakeries;Staff turnover;%;lower;2024;41,2 %;45,5 %;Bakers Guild",
    ].join("\n")
  );
  const cells = await previewCells(page);
  expect(cells[0].slice(5, 7)).toEqual(["95400", "120000.5"]);
  expect(cells[1].slice(5, 7)).toEqual(["0.412", "0.455"]);
  // The file's own decimal commas decided it; the choice stays visible for the ambiguous cell.
  expect(await page.getByRole("combobox", { name: /Decimal mark/ }).inputValue()).toBe(",");

  await page.getByRole("button", { name: "Check the rows" }).click();
  expect(await page.getByTestId("validation-summary").textContent()).toMatch(/^2 valid rows/);
  await importAll(page);
  const medians = await referenceMedians(page);
  expect(medians["Bakeries|Revenue per employee"]).toBe(95400);
  expect(medians["Bakeries|Staff turnover"]).toBe(0.412);
  expect(errors()).toEqual([]);
});

it("warns about 1.500 when nothing in the file decides it, and reads it the way the user chooses", async () => {
  const { page, errors } = await importScreen();
  await upload(
    page,
    "orders.csv",
    [
      "industry;metric;unit;direction;year;median;source",
      "Bakeries;Orders per day;count;higher;2024;1.500;Bakers Guild",
      "Cafes;Orders per day;count;higher;2024;950;Bakers Guild",
    ].join("\n")
  );
  const decimal = page.getByRole("combobox", { name: /Decimal mark/ });
  expect(await decimal.inputValue()).toBe(",");
  expect((await previewCells(page))[0][5]).toBe("1500");

  await page.getByRole("button", { name: "Check the rows" }).click();
  const problems = await page.getByRole("main").textContent();
  expect(problems).toMatch(/Row 2, column F \(median\)/);
  expect(problems).toMatch(/1\.500.*1500.*1\.5|1\.500.*1\.5.*1500/);

  await decimal.selectOption(".");
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll("tbody tr td")).some((cell) => cell.textContent === "1.5")
  );
  expect((await previewCells(page))[0][5]).toBe("1.5");
  await page.getByRole("button", { name: "Check the rows" }).click();
  await importAll(page);
  expect((await referenceMedians(page))["Bakeries|Orders per day"]).toBe(1.5);
  expect(errors()).toEqual([]);
});

it("puts the user's 2024 figure ahead of the bundled 2025 sample in BENCH.METRIC", async () => {
  const { page, errors } = await importScreen();
  await workbook(
    page,
    `state.setFormulas("Sheet1", "A1", [['=BENCH.METRIC("Retail","Gross margin","median")']])`
  );
  const cellValue = (): Promise<unknown> =>
    workbook<unknown[][]>(page, 'state.values("Sheet1", "A1")').then((values) => values[0][0]);
  await page.waitForFunction(() => {
    const value = (globalThis as any).__excelDouble.state.values("Sheet1", "A1")[0][0];
    return typeof value === "number";
  });
  const bundled = await cellValue();
  expect(bundled).not.toBe(0.123);

  await upload(
    page,
    "own-survey.csv",
    "industry,metric,year,median,source\nRetail,Gross margin,2024,0.123,Own survey 2024\n"
  );
  await page.getByRole("button", { name: "Check the rows" }).click();
  await importAll(page);
  // The import recalculates the cells holding reference functions (Range.calculate), as Excel does.
  await page.waitForFunction(
    () => (globalThis as any).__excelDouble.state.values("Sheet1", "A1")[0][0] === 0.123,
    undefined,
    { timeout: 30000 }
  );
  expect(await cellValue()).toBe(0.123);
  expect(errors()).toEqual([]);
});
