/**
 * The import path the user takes in the pane (headless Chromium, the built pages, the Excel double):
 * a wide ratio sheet with the values for every row, the preview with keep-or-replace, and a write
 * that stops part-way (the user protects the sheet with a password mid-import) with its report.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { paneHarness } from "./support/harness";
import { openImportScreen, referenceRows, uploadCsv as upload } from "./support/importSteps";

const harness = paneHarness();

async function importScreen(): Promise<Page> {
  return (await openImportScreen(harness)).page;
}

it("imports a wide ratio sheet with the source, year, region and licence given for every row", async () => {
  const page = await importScreen();
  const wide = fs.readFileSync(path.join(__dirname, "../../samples/reference-wide.csv"), "utf8");
  await upload(page, "reference-wide.csv", wide);
  const sourceField = page.getByRole("textbox", { name: /Source for every row \(required\)/ });
  // Prefilled from the title rows.
  expect(await sourceField.inputValue()).toMatch(/^Operating and Margin Ratios by Industry/);
  expect(await page.getByRole("spinbutton", { name: "Year for every row" }).inputValue()).toBe(
    "2025"
  );
  await sourceField.fill("Industry ratio sheet (fictional)");
  await page.getByRole("textbox", { name: /Region for every row/ }).fill("US");
  await page.getByRole("textbox", { name: "Licence for every row" }).fill("CC BY 4.0");
  const confirm = page.getByRole("button", { name: /^Confirm/ });
  if (await confirm.count()) await confirm.click();
  await page.getByRole("button", { name: "Check the rows" }).click();
  expect(await page.getByTestId("validation-summary").textContent()).toMatch(/ 0 with problems\.$/);
  await page.getByRole("button", { name: /^Import all/ }).click();
  expect(await page.getByTestId("import-summary").textContent({ timeout: 60000 })).toMatch(/added/);
  const rows = await referenceRows(page);
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows)
    expect(row).toMatchObject({
      source: "Industry ratio sheet (fictional)",
      year: 2025,
      region: "US",
      licence: "CC BY 4.0",
    });
});

it("previews old -> new before writing and replaces only when the user chooses to", async () => {
  const page = await importScreen();
  const header = "industry,metric,unit,direction,year,median,source";
  await upload(page, "first.csv", `${header}\nBakeries,Gross margin,%,higher,2024,0.5,Guild\n`);
  await page.getByRole("button", { name: "Check the rows" }).click();
  await page.getByRole("button", { name: /^Import all/ }).click();
  await page.getByTestId("import-summary").waitFor({ timeout: 60000 });
  await page.getByRole("button", { name: "Import another source" }).click();

  const second = `${header}\nBakeries,Gross margin,%,higher,2024,0.55,Guild\nBakeries,Net margin,%,higher,2024,0.1,Guild\n`;
  for (const choice of ["keep", "replace"] as const) {
    await upload(page, "second.csv", second);
    await page.getByRole("button", { name: "Check the rows" }).click();
    expect(await page.getByTestId("import-preview").textContent()).toMatch(
      choice === "keep"
        ? /1 new, 1 already in the workbook with other figures, 0 unchanged/
        : /0 new, 1 already in the workbook with other figures, 1 unchanged/
    );
    expect(
      await page
        .getByRole("list", { name: "Rows with other figures in the workbook" })
        .textContent()
    ).toContain("Bakeries × Gross margin × 2024 × all regions: median 0.5 → 0.55");
    if (choice === "replace") await page.getByRole("radio", { name: /Replace them/ }).check();
    await page.getByRole("button", { name: /^Import all/ }).click();
    await page.getByTestId("import-summary").waitFor({ timeout: 60000 });
    const margin = (await referenceRows(page)).find((r) => r.metric === "Gross margin");
    expect(margin?.median).toBe(choice === "keep" ? 0.5 : 0.55);
    await page.getByRole("button", { name: "Import another source" }).click();
  }
});

it("says exactly which rows were written when the sheet is protected mid-import, and finishes after", async () => {
  const ROWS = 12000;
  const page = await importScreen();
  // The user protects the sheet with a password once the first rows have arrived.
  await page.evaluate(() => {
    const g = globalThis as any;
    const excel = g.Excel;
    const original = excel.run;
    let protectedOnce = false;
    excel.run = (...args: any[]) => {
      const batch = args[args.length - 1];
      const wrapped = async (context: any) => {
        const sync = context.sync.bind(context);
        context.sync = async (value?: unknown) => {
          const result = await sync(value);
          const state = g.__excelDouble.state;
          const sheets: string[] = state.sheetNames();
          const used = sheets.includes("Crossbench Reference")
            ? state.usedAddress("Crossbench Reference", true)
            : null;
          // Header on row 3: rows below it mean the first data request has landed.
          if (!protectedOnce && used && Number(/(\d+)$/.exec(used)![1]) > 4) {
            protectedOnce = true;
            state.protect("Crossbench Reference", {}, "secret");
          }
          return result;
        };
        return batch(context);
      };
      return args.length > 1 ? original(args[0], wrapped) : original(wrapped);
    };
  });
  const lines = ["industry,metric,unit,direction,year,median,source,notes"];
  const note = "x".repeat(400);
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `Industry ${i % 300},Metric ${Math.floor(i / 300)},ratio,higher,2024,${i},Survey,${note}`
    );
  await upload(page, "large.csv", lines.join("\n"));
  await page.getByRole("button", { name: "Check the rows" }).click();
  await page.getByRole("button", { name: /^Import all/ }).click();
  const report = await page.getByTestId("import-failure").textContent({ timeout: 120000 });
  const [, written, remaining] = /([\d,]+) rows were written .*; ([\d,]+) were not/.exec(report!)!;
  const count = (text: string) => Number(text.replace(/,/g, ""));
  expect(count(written) + count(remaining)).toBe(ROWS);
  expect(count(written)).toBeGreaterThan(0);
  expect((await referenceRows(page)).length).toBe(count(written));
  expect(await page.getByRole("button", { name: "Undo what was written" }).count()).toBe(1);
  // The user removes the password; finishing writes the rest, the rows already there count as unchanged.
  await page.evaluate(() =>
    (globalThis as any).Excel.run(async (context: any) => {
      context.workbook.worksheets.getItem("Crossbench Reference").protection.unprotect("secret");
      await context.sync();
    })
  );
  await page.getByRole("button", { name: "Finish the import" }).click();
  expect(await page.getByTestId("import-summary").textContent({ timeout: 120000 })).toMatch(
    new RegExp(`^${(ROWS - count(written)).toLocaleString("en-US")} added`)
  );
  expect((await referenceRows(page)).length).toBe(ROWS);
});
