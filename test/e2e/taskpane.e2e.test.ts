/**
 * The task pane end to end: built pages in headless Chromium, office.js from @microsoft/office-js, the
 * in-memory Excel double as the workbook. Each flow is clicked through, then the workbook is read back.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, screenshot, workbook, type Theme } from "./support/pane";
import { DIST } from "./support/paths";
import { paneHarness, seriousViolations, unexpectedErrors } from "./support/harness";

const harness = paneHarness();
const { pane } = harness;

async function startScreen(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Crossbench", level: 1 }).waitFor();
  await page.getByRole("button", { name: "Save defaults" }).waitFor();
}

async function openScreen(page: Page, button: string, heading: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
}

async function selectCell(page: Page, sheet: string, address: string): Promise<void> {
  await page.evaluate(
    ([s, a]) => (globalThis as any).__excelDouble.state.select(s, a),
    [sheet, address]
  );
}

const functionsJson = () =>
  JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
    functions: { name: string }[];
  };

describe("outside Excel", () => {
  it("says in one sentence that it runs inside Excel and links to the README's sideload steps", async () => {
    const { page, ...rest } = await pane({ inExcel: false });
    const message = page.getByTestId("not-in-excel");
    await message.waitFor();
    expect(await message.textContent()).toBe(
      "Crossbench is an Excel add-in and runs inside Excel: see how to add it to Excel."
    );
    const link = page.getByRole("link", { name: "see how to add it to Excel" });
    expect(await link.getAttribute("href")).toBe("help.html#sideloading");
    await link.click();
    await page.waitForURL(/help\.html#sideloading$/);
    expect(await page.locator("#sideloading").count()).toBe(1);
    expect(unexpectedErrors({ page, ...rest })).toEqual([]);
  });
});

describe("start", () => {
  it("shows the defaults stored in the workbook and saves changes to the workbook's settings", async () => {
    const opened = await pane({
      settings: {
        "crossbench.industry": "Retail",
        "crossbench.discountRate": 0.1,
        "crossbench.currency": "GBP",
        "crossbench.targetPercentile": "median",
      },
    });
    const { page } = opened;
    await startScreen(page);
    expect(await page.getByRole("combobox", { name: "Your industry" }).inputValue()).toBe("Retail");
    expect(await page.getByRole("textbox", { name: /Discount rate/ }).inputValue()).toBe("10");
    expect(await page.getByRole("textbox", { name: /Currency/ }).inputValue()).toBe("GBP");

    await page.getByRole("combobox", { name: "Your industry" }).fill("Restaurants");
    await page.getByRole("textbox", { name: /Discount rate/ }).fill("7.5");
    await page.getByRole("textbox", { name: /Currency/ }).fill("eur");
    await page.getByRole("combobox", { name: "Target performance level" }).selectOption("p90");
    await page.getByRole("button", { name: "Save defaults" }).click();
    await page.getByText("Defaults saved in this workbook.").waitFor();

    expect(await workbook(page, "state.settings()")).toEqual({
      "crossbench.industry": "Restaurants",
      "crossbench.discountRate": 0.075,
      "crossbench.currency": "EUR",
      "crossbench.horizon": 3,
      "crossbench.targetPercentile": "p90",
    });
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("new benchmark workbook", () => {
  it("inserts the ticked templates into new sheets, names them and activates the first", async () => {
    const opened = await pane({
      settings: { "crossbench.industry": "Restaurants", "crossbench.discountRate": 0.125 },
    });
    const { page } = opened;
    await workbook(page, "state.setValues('Sheet1', 'A1', [['my own data']])");
    await startScreen(page);
    await openScreen(page, "New benchmark workbook", "New benchmark workbook");
    const boxes = page.getByRole("checkbox");
    await expect(boxes.first().isChecked()).resolves.toBe(true);
    const count = await boxes.count();
    expect(count).toBe(6);
    for (let i = 0; i < count; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await page.getByRole("checkbox", { name: /Learning log/ }).uncheck();
    await page.getByRole("button", { name: "Insert selected templates" }).click();
    const created = (await page
      .getByTestId("created-sheets")
      .textContent({ timeout: 60000 }))!.split(", ");

    const sheetNames = await workbook<string[]>(page, "state.sheetNames()");
    expect(sheetNames).toEqual(["Sheet1", ...created]);
    expect(created).toHaveLength(6); // Summary + five templates
    expect(created.some((name) => /log/i.test(name))).toBe(false);
    expect(await workbook(page, "state.activeSheet()")).toBe(created[0]);
    expect(await workbook(page, "state.values('Sheet1', 'A1')")).toEqual([["my own data"]]);
    for (const name of created) {
      const [[title]] = await workbook<unknown[][]>(
        page,
        `state.values(${JSON.stringify(name)}, 'A1')`
      );
      expect(typeof title === "string" && title.length > 0).toBe(true);
    }
    const gapSheet = created.find((name) => /gap/i.test(name))!;
    const used = await workbook<string>(page, `state.usedAddress(${JSON.stringify(gapSheet)})`);
    const gapText = JSON.stringify(
      await workbook(
        page,
        `state.values(${JSON.stringify(gapSheet)}, ${JSON.stringify(used.split("!").pop())})`
      )
    );
    expect(gapText).toContain("Restaurants");
    // The pane's discount rate reaches the new ROI sheet.
    const roiSheet = created.find((name) => /roi/i.test(name))!;
    const roiUsed = await workbook<string>(page, `state.usedAddress(${JSON.stringify(roiSheet)})`);
    const roiValues = await workbook<unknown[][]>(
      page,
      `state.values(${JSON.stringify(roiSheet)}, ${JSON.stringify(roiUsed.split("!").pop())})`
    );
    expect(roiValues.flat()).toContain(0.125);
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("practices from other industries", () => {
  it("finds practices for an industry and challenge and adds the chosen ones to a fit scorecard sheet", async () => {
    const opened = await pane({ settings: { "crossbench.industry": "Restaurants" } });
    const { page } = opened;
    await startScreen(page);
    await openScreen(
      page,
      "Explore practices from other industries",
      "Practices from other industries"
    );
    await page.getByRole("combobox", { name: "Your challenge" }).fill("customer loyalty");
    await page.getByRole("button", { name: "Find practices" }).click();
    const results = page.getByRole("list").locator(":scope > li");
    await results.first().waitFor();
    const first = results.nth(0);
    expect(await first.textContent()).toMatch(/From .+ · answers: /);
    expect(await first.textContent()).toMatch(/fit ≈ \d+ \/ 100/);
    const picked = [
      await results.nth(0).getByRole("heading").textContent(),
      await results.nth(1).getByRole("heading").textContent(),
    ];
    await results.nth(0).getByRole("checkbox").check();
    await results.nth(1).getByRole("checkbox").check();
    await page.getByRole("button", { name: /to fit scorecard/ }).click();
    await page.getByText(/Added 2 practices to the sheet/).waitFor({ timeout: 60000 });

    const sheets = await workbook<string[]>(page, "state.sheetNames()");
    const scorecard = sheets.find((name) => /fit/i.test(name))!;
    expect(scorecard).toBeDefined();
    expect(await workbook(page, "state.activeSheet()")).toBe(scorecard);
    const used = await workbook<string>(page, `state.usedAddress(${JSON.stringify(scorecard)})`);
    const cells = JSON.stringify(
      await workbook(
        page,
        `state.values(${JSON.stringify(scorecard)}, ${JSON.stringify(used.split("!").pop())})`
      )
    );
    for (const name of picked) expect(cells).toContain(JSON.stringify(name).slice(1, -1));
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("import reference metrics", () => {
  const CSV = [
    "industry,metric,year,median,p25,p75,source,licence",
    "Bakeries,Gross margin,2024,0.55,0.48,0.61,Bakers Guild survey 2024,CC BY 4.0",
    "Bakeries,Customer retention rate,2024,abc,,,Bakers Guild survey 2024,CC BY 4.0",
    "=cmd|' /C calc'!A0,Gross margin,2024,0.3,,,Injected row,CC0",
  ].join("\n");

  async function referenceTable(page: Page) {
    const tables = await workbook<
      { name: string; sheet: string; dataAddress: string; headers: string[]; rows: unknown[][] }[]
    >(page, "state.tables()");
    return tables.find((table) => table.sheet === "Crossbench Reference");
  }

  it("reads a CSV file, previews and maps it, reports problems by row and column, and imports only the valid rows as text-safe cells", async () => {
    const opened = await pane();
    const { page } = opened;
    await startScreen(page);
    await openScreen(page, "Import reference metrics", "Import reference metrics");
    await page.getByLabel("CSV, XLSX or JSON file").setInputFiles({
      name: "bakeries.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV, "utf8"),
    });
    await page.getByRole("heading", { name: "Preview of bakeries.csv" }).waitFor();
    expect(await page.getByRole("columnheader").allTextContents()).toEqual(
      CSV.split("\n")[0].split(",")
    );
    expect(
      await page.getByRole("cell", { name: "Bakers Guild survey 2024" }).count()
    ).toBeGreaterThan(0);
    expect(await page.getByRole("combobox", { name: "Column “median” holds" }).inputValue()).toBe(
      "median"
    );
    expect(await page.getByRole("combobox", { name: "Column “source” holds" }).inputValue()).toBe(
      "source"
    );

    await page.getByRole("button", { name: "Check the rows" }).click();
    const summary = await page.getByTestId("validation-summary").textContent();
    expect(summary).toBe("2 valid rows, 1 with problems.");
    const problems = await page
      .getByRole("list", { name: "Problems found" })
      .getByRole("listitem")
      .allTextContents();
    expect(problems.some((text) => /^Row 3, column [A-Z]+ \(median\)/.test(text))).toBe(true);
    expect(await page.getByRole("button", { name: /Import all/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Import only the 2 valid rows" }).click();
    const done = await page.getByTestId("import-summary").textContent({ timeout: 60000 });
    expect(done).toMatch(/^2 added, 0 updated,.* 1 skipped$/);
    const settings = await workbook<Record<string, unknown>>(page, "state.settings()");
    // The mapping is remembered for files with these headers (src/excel/referenceMapping.ts).
    const remembered = JSON.parse(String(settings["crossbench.referenceMappings"])) as {
      mapping: string;
    }[];
    expect(JSON.parse(remembered[0].mapping)).toMatchObject({
      industry: "industry",
      median: "median",
      source: "source",
    });

    const table = await referenceTable(page);
    expect(table).toBeDefined();
    const industries = table!.rows.map((row) => row[table!.headers.indexOf("industry")]);
    expect(industries.sort()).toEqual(["=cmd|' /C calc'!A0", "Bakeries"]);
    // The OWASP payload landed as text: the cell holds no formula.
    const start = /!\$?([A-Z]+)\$?(\d+):/.exec(table!.dataAddress)!;
    const industryColumn = String.fromCharCode(
      start[1].charCodeAt(0) + table!.headers.indexOf("industry")
    );
    for (let i = 0; i < table!.rows.length; i++) {
      const cell = await workbook<{ formula?: string; value: unknown }>(
        page,
        `state.cell("Crossbench Reference", "${industryColumn}${Number(start[2]) + i}")`
      );
      expect(cell.formula).toBeUndefined();
    }
    expect(unexpectedErrors(opened)).toEqual([]);
  });

  it("imports the selected range after a paste-free check, and the library then shows the imported figures", async () => {
    const opened = await pane();
    const { page } = opened;
    await workbook(
      page,
      `state.setValues("Sheet1", "A1:E3", ${JSON.stringify([
        ["industry", "metric", "year", "median", "source"],
        ["Bakeries", "Gross margin", 2024, 0.55, "Bakers Guild survey 2024"],
        ["Bakeries", "Inventory turnover", 2024, 14, "Bakers Guild survey 2024"],
      ])})`
    );
    await selectCell(page, "Sheet1", "A1:E3");
    await startScreen(page);
    await openScreen(page, "Import reference metrics", "Import reference metrics");
    await page.getByRole("button", { name: "Use the selected range" }).click();
    await page.getByRole("heading", { name: /Preview of .*A1:E3/ }).waitFor();
    await page.getByRole("button", { name: "Check the rows" }).click();
    expect(await page.getByTestId("validation-summary").textContent()).toBe(
      "2 valid rows, 0 with problems."
    );
    await page.getByRole("button", { name: "Import all 2 rows" }).click();
    expect(await page.getByTestId("import-summary").textContent({ timeout: 60000 })).toMatch(
      /^2 added, 0 updated,.* 0 skipped$/
    );
    expect((await referenceTable(page))!.rows).toHaveLength(2);

    await page.getByRole("button", { name: "← Back to start" }).click();
    await startScreen(page);
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("searchbox").fill("bakeries inventory");
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Bakeries — Inventory turnover" }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Source: Bakers Guild survey 2024, 2024");
    expect(await card.textContent()).not.toContain("illustrative sample");
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("library and functions", () => {
  it("searches the library, shows provenance and the illustrative flag, and inserts a METRIC formula into the selected cell", async () => {
    const opened = await pane({ settings: { "crossbench.targetPercentile": "p75" } });
    const { page } = opened;
    await startScreen(page);
    await selectCell(page, "Sheet1", "B3");
    await openScreen(page, "Library and functions", "Library and functions");
    await page
      .getByRole("searchbox", { name: "Search industries and metrics" })
      .fill("restaurants retention");
    const card = page.getByRole("listitem").filter({
      has: page.getByRole("heading", { name: "Restaurants — Customer retention rate" }),
    });
    await card.waitFor();
    expect(await card.textContent()).toContain("illustrative sample — replace with your sources");
    expect(await card.textContent()).toMatch(/Source: .+, \d{4}.*n = \d+/);
    await card.getByRole("button", { name: /Insert formula/ }).click();
    await page.getByText(/into Sheet1!B3/).waitFor();
    expect(await workbook(page, "state.formulas('Sheet1', 'B3')")).toEqual([
      ['=BENCH.METRIC("Restaurants","Customer retention rate","p75")'],
    ]);
    expect(unexpectedErrors(opened)).toEqual([]);
  });

  it("lists every BENCH function from functions.json and inserts an example", async () => {
    const opened = await pane();
    const { page } = opened;
    await startScreen(page);
    await selectCell(page, "Sheet1", "C5");
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("tab", { name: "BENCH functions" }).click();
    const section = page.getByRole("region", { name: "BENCH functions" });
    await section.getByRole("listitem").first().waitFor();
    const shown = await section.getByRole("heading", { level: 3 }).allTextContents();
    expect(shown.sort()).toEqual(
      functionsJson()
        .functions.map((f) => `BENCH.${f.name}`)
        .sort()
    );
    const npv = section
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "BENCH.NPV" }) });
    const example = (await npv.locator("code").textContent())!;
    expect(example.startsWith("=BENCH.NPV(")).toBe(true);
    await npv.getByRole("button", { name: "Insert example of BENCH.NPV" }).click();
    await page.getByText(/into Sheet1!C5/).waitFor();
    expect(await workbook(page, "state.formulas('Sheet1', 'C5')")).toEqual([[example]]);
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("keyboard only", () => {
  /** Presses Tab until the focused element's accessible text matches, failing after `limit` presses. */
  async function tabTo(page: Page, name: RegExp, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el === document.documentElement) return "";
        const labelled = el.getAttribute("aria-labelledby");
        const label = labelled
          ? labelled
              .split(" ")
              .map((id) => document.getElementById(id)?.textContent ?? "")
              .join(" ")
          : "";
        return [
          el.getAttribute("aria-label") ?? "",
          label,
          (el as HTMLInputElement).labels?.[0]?.textContent ?? "",
          el.textContent ?? "",
        ].join(" | ");
      });
      if (name.test(focused)) return;
    }
    throw new Error(`Tab never reached ${name}`);
  }

  it("reaches the library, searches and inserts a formula without the mouse", async () => {
    const opened = await pane();
    const { page } = opened;
    await startScreen(page);
    await selectCell(page, "Sheet1", "D2");
    await tabTo(page, /Library and functions/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Library and functions", level: 1 }).waitFor();
    await tabTo(page, /Search industries and metrics/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("retail gross margin");
    await page.getByRole("heading", { name: "Retail — Gross margin" }).waitFor();
    await tabTo(page, /Statistic to insert/);
    await page.keyboard.press("ArrowDown"); // p75 -> p90 in the native select
    await tabTo(page, /Insert formula for Retail, Gross margin/);
    await page.keyboard.press("Enter");
    await page.getByText(/into Sheet1!D2/).waitFor();
    expect(await workbook(page, "state.formulas('Sheet1', 'D2')")).toEqual([
      ['=BENCH.METRIC("Retail","Gross margin","p90")'],
    ]);
    // Back to the start screen, also by keyboard.
    await page.keyboard.press("Shift+Tab");
    await tabTo(page, /Back to start/);
    await page.keyboard.press("Enter");
    await startScreen(page);
    expect(unexpectedErrors(opened)).toEqual([]);
  });
});

describe("accessibility, 320 px width and screenshots", () => {
  type ScreenVisit = { name: string; open: (page: Page) => Promise<void> };
  const screens: ScreenVisit[] = [
    { name: "start", open: startScreen },
    {
      name: "new-workbook",
      open: (page) =>
        openScreen(page, "New benchmark workbook", "New benchmark workbook").then(() =>
          page.getByRole("checkbox").first().waitFor()
        ),
    },
    {
      name: "import",
      open: async (page) => {
        await openScreen(page, "Import reference metrics", "Import reference metrics");
        await page
          .getByRole("textbox", { name: /Table with a header row/ })
          .fill("industry\tmetric\tmedian\tsource\nRetail\tGross margin\tlots\tOwn survey");
        await page.getByRole("button", { name: "Use pasted table" }).click();
        await page.getByRole("button", { name: "Check the rows" }).click();
        await page.getByTestId("validation-summary").waitFor();
      },
    },
    {
      name: "practices",
      open: async (page) => {
        await openScreen(
          page,
          "Explore practices from other industries",
          "Practices from other industries"
        );
        await page.getByRole("combobox", { name: "Your challenge" }).fill("delivery");
        await page.getByRole("button", { name: "Find practices" }).click();
        await page.getByText(/matching practice/).waitFor();
      },
    },
    {
      name: "library",
      open: async (page) => {
        await openScreen(page, "Library and functions", "Library and functions");
        await page.getByRole("searchbox").fill("restaurants");
        await page.getByText(/matches/).waitFor();
      },
    },
    {
      name: "functions",
      open: async (page) => {
        await openScreen(page, "Library and functions", "Library and functions");
        await page.getByRole("tab", { name: "BENCH functions" }).click();
        await page
          .getByRole("region", { name: "BENCH functions" })
          .getByRole("listitem")
          .first()
          .waitFor();
      },
    },
  ];

  for (const theme of ["light", "dark"] as Theme[]) {
    it(`has no serious or critical axe violations and no sideways scrolling at 320 px (${theme})`, async () => {
      const problems: string[] = [];
      for (const visit of screens) {
        const opened = await pane({
          theme,
          width: 320,
          settings: { "crossbench.industry": "Restaurants" },
        });
        const { page } = opened;
        await startScreen(page);
        if (visit.name !== "start") await visit.open(page);
        await page.waitForTimeout(200); // let Fluent's transitions settle before measuring contrast
        const severe = await seriousViolations(page);
        for (const v of severe)
          problems.push(
            `${visit.name}/${theme}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
          );
        if (await hasHorizontalScroll(page))
          problems.push(`${visit.name}/${theme}: scrolls sideways at 320 px`);
        await screenshot(page, `${visit.name}-${theme}`);
        expect(unexpectedErrors(opened)).toEqual([]);
        await harness.close(opened);
      }
      const outside = await pane({ inExcel: false, theme, width: 320 });
      await outside.page.getByTestId("not-in-excel").waitFor();
      const severe = await seriousViolations(outside.page);
      for (const v of severe) problems.push(`not-in-excel/${theme}: ${v.id} ${v.help}`);
      await screenshot(outside.page, `not-in-excel-${theme}`);
      expect(problems).toEqual([]);
    });
  }
});
