/**
 * New workbook → the ROI preview in the built pane (headless Chromium, the Excel double): it appears,
 * follows the inputs, agrees with the ROI sheet the pane then inserts (its inputs read back from the
 * double and run through src/core, which the sheet's formulas reproduce — test/templates/libreoffice),
 * and passes axe without sideways scrolling at 320 px in both themes.
 */
import type { Page } from "playwright-core";
import { caseResults } from "../../src/core/businessCase";
import { roiPreview } from "../../src/taskpane/adapters/roiPreview";
import { BUNDLED_TEMPLATE_LIBRARY, coreMaths } from "../../src/templates/defaults";
import { roiInputs, toBusinessCase, type RoiInputs } from "../../src/templates/roiInputs";
import { hasHorizontalScroll, screenshot, workbook, type Theme } from "./support/pane";
import { paneHarness, seriousViolations } from "./support/harness";

const { pane } = paneHarness({ checkErrors: true });
const INDUSTRY = "Restaurants";
const money = (value: number) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
  }).format(value);

async function newWorkbook(theme: Theme = "light"): Promise<Page> {
  const { page } = await pane({
    theme,
    width: 320,
    settings: { "crossbench.industry": INDUSTRY, "crossbench.currency": "USD" },
  });
  await page.getByRole("button", { name: "New benchmark workbook" }).click();
  await page.getByRole("heading", { name: "New benchmark workbook", level: 1 }).waitFor();
  await page.getByRole("figure", { name: /ROI sheet preview/ }).waitFor();
  return page;
}

const figures = (page: Page) => page.getByTestId("roi-preview-figures").textContent();

/** The ROI sheet's inputs as inserted: column B of the rows the sheet labels in column A. */
async function insertedInputs(page: Page, sheet: string): Promise<Partial<RoiInputs>> {
  const used = await workbook<string>(page, `state.usedAddress(${JSON.stringify(sheet)})`);
  const rows = await workbook<unknown[][]>(
    page,
    `state.values(${JSON.stringify(sheet)}, ${JSON.stringify(used.split("!").pop())})`
  );
  const at = (label: RegExp, offset = 0) => {
    const index = rows.findIndex((row) => label.test(String(row[0])));
    if (index < 0) throw new Error(`no row ${label} on ${sheet}`);
    return rows[index + offset][1];
  };
  return {
    horizon: Number(at(/^Horizon in years/)),
    discountRate: Number(at(/^Discount rate/)),
    kpi: String(at(/^KPI$/)),
    before: Number(at(/^KPI before$/)),
    after: Number(at(/^KPI after$/)),
    volume: Number(at(/^Volume per year/)),
    // The unit value's label is a formula the double does not calculate: the row after the volume.
    unitValue: Number(at(/^Volume per year/, 1)),
    attribution: Number(at(/^Attribution/)),
    confidence: Number(at(/^Confidence in the estimate/)),
  };
}

describe("ROI preview on New workbook", () => {
  it("appears, follows the horizon and rate, and agrees with the inserted ROI sheet", async () => {
    const page = await newWorkbook();
    const before = await figures(page);
    const yearRows = page
      .getByRole("table", { name: "Cumulative cash flow by year" })
      .locator("tbody tr");
    expect(await yearRows.count()).toBe(4); // Year 0 to the default horizon of 3
    await page.getByRole("textbox", { name: /ROI horizon/ }).fill("6");
    await page.getByRole("textbox", { name: /Discount rate/ }).fill("12");
    await eventually(async () => (await yearRows.count()) === 7);
    await eventually(async () => (await figures(page)) !== before);
    const shown = (await figures(page))!;
    const range = (await page.getByTestId("roi-preview-range").textContent())!;

    for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
    await page.getByRole("checkbox", { name: /ROI/ }).check();
    await page.getByRole("button", { name: "Insert selected templates" }).click();
    const [sheet] = (await page
      .getByTestId("created-sheets")
      .textContent({ timeout: 60000 }))!.split(", ");
    const read = await insertedInputs(page, sheet);
    expect(read).toMatchObject({ horizon: 6, discountRate: 0.12 });
    // The sheet's own inputs through src/core: what its formulas and BENCH.CASESIM calculate.
    const inputs = roiInputs({
      mode: "bench",
      library: BUNDLED_TEMPLATE_LIBRARY,
      maths: coreMaths(BUNDLED_TEMPLATE_LIBRARY),
      industry: INDUSTRY,
      included: ["roi"],
      roiCase: (sample) => ({ ...sample, ...read }),
    });
    const results = caseResults(toBusinessCase(inputs));
    const sheetPreview = roiPreview(inputs);
    expect(shown).toContain(`NPV ${money(results.npv)}`);
    const payback =
      typeof results.payback === "number" ? `${results.payback.toFixed(1)} years` : "not within";
    expect(shown).toContain(`payback ${payback}`);
    expect(range).toBe(
      `NPV range: P10 ${money(sheetPreview.npvRange.p10)} · P50 ${money(sheetPreview.npvRange.p50)} · P90 ${money(sheetPreview.npvRange.p90)}`
    );
  });

  for (const theme of ["light", "dark"] as Theme[])
    it(`is accessible, takes keyboard focus and fits 320 px (${theme})`, async () => {
      const page = await newWorkbook(theme);
      await page.waitForTimeout(300); // Fluent's transitions settle before contrast is measured
      expect(
        (await seriousViolations(page)).map(
          (v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html).join(" | ")}`
        )
      ).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      const figure = page.getByRole("figure", { name: /ROI sheet preview/ });
      const outer = (await figure.boundingBox())!;
      const chart = (await page
        .getByTestId("roi-preview-chart")
        .locator("svg")
        .first()
        .boundingBox())!;
      expect(chart.x).toBeGreaterThanOrEqual(outer.x);
      expect(chart.x + chart.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
      await figure.focus();
      expect(await figure.evaluate((el) => el === document.activeElement)).toBe(true);
      await figure.scrollIntoViewIfNeeded();
      await screenshot(page, `roi-preview-${theme}`);
    });
});

/** Polls a condition for up to 5 s (the preview waits for typing to settle). */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
