/**
 * Browser tests for the practice search, industry names, the pane's charts and the pane defects of
 * issue 13, against the built pane in headless Chromium with the Excel double as the workbook.
 */
import type { Page } from "playwright-core";
import {
  hasHorizontalScroll,
  screenshot,
  workbook,
  type OpenPane,
  type PaneOptions,
  type Theme,
} from "./support/pane";
import { paneHarness, seriousViolations } from "./support/harness";
import { contrastRatio } from "../../src/taskpane/theme";

const harness = paneHarness({ checkErrors: true });

async function pane(options: PaneOptions = {}): Promise<OpenPane> {
  const opened = await harness.pane(options);
  await opened.page.getByRole("button", { name: "Save defaults" }).waitFor();
  return opened;
}

async function openScreen(page: Page, button: string, heading: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
}

async function findPractices(page: Page, industry: string, challenge: string) {
  await openScreen(
    page,
    "Explore practices from other industries",
    "Practices from other industries"
  );
  await page.getByRole("combobox", { name: "Your industry" }).fill(industry);
  await page.getByRole("combobox", { name: "Your challenge" }).fill(challenge);
  await page.getByRole("button", { name: "Find practices" }).click();
  const results = page.getByRole("region", { name: "Matching practices" }).locator("li");
  await results.first().waitFor();
  return results;
}

describe("practices", () => {
  it("puts the practice that answers the user's words first and says what its fit is made of", async () => {
    const { page } = await pane();
    const results = await findPractices(page, "restaurant", "customer loyalty");
    // "restaurant" (singular) is the library's Restaurants, said under the field.
    await page.getByText("“restaurant” is “Restaurants” in the reference library.").waitFor();
    expect(await results.first().getByRole("heading").textContent()).toBe(
      "Subscription-style loyalty membership"
    );
    const parts = results.first().getByRole("table", { name: /What the fit estimate of/ });
    const rows = await parts.locator("tbody th").allTextContents();
    expect(rows).toEqual(["Problem match", "Industry proximity", "Resource fit"]);
    expect(await parts.textContent()).toMatch(/illustrative sample figures/);
    expect(await results.first().getByRole("figure").count()).toBe(1);
  });

  it("accepts an industry the library lacks as the user's own and names its neighbours", async () => {
    const { page } = await pane();
    const results = await findPractices(page, "Bakery", "we keep running out of bread");
    const note = page.getByText(
      /“Bakery” is not in the reference library; it is used as your own industry/
    );
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Restaurants .*Retail/);
    expect(await note.textContent()).not.toMatch(/Did you mean/);
    expect(await results.count()).toBeGreaterThan(0);
  });

  it("adds chosen practices to a scorecard with blank ratings for the user to fill", async () => {
    const { page } = await pane({ settings: { "crossbench.industry": "Restaurants" } });
    const results = await findPractices(page, "Restaurants", "staff keep quitting");
    await results.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: /to fit scorecard/ }).click();
    await page.getByText(/Added 1 practice to the sheet .*Rate them 1–5 there/).waitFor({
      timeout: 60000,
    });
    const sheet = await workbook<string>(page, "state.activeSheet()");
    const values = await workbook<unknown[][]>(
      page,
      `state.values(${JSON.stringify(sheet)}, ${JSON.stringify(
        (await workbook<string>(page, `state.usedAddress(${JSON.stringify(sheet)})`))
          .split("!")
          .pop()
      )})`
    );
    const start = values.findIndex((row) => row[0] === "Source industry") + 1;
    const ratings = values.slice(start, start + 8).map((row) => row[1]);
    expect(ratings).toEqual(["", "", "", "", "", "", "", ""]);
  });
});

describe("new workbook", () => {
  it("asks for the industry before inserting templates when none is chosen", async () => {
    const { page } = await pane({ settings: { "crossbench.industry": "" } });
    await openScreen(page, "New benchmark workbook", "New benchmark workbook");
    await page.getByRole("button", { name: "Insert selected templates" }).click();
    await page.getByText(/Choose or type your industry first/).waitFor();
    expect(await workbook(page, "state.sheetNames()")).toEqual(["Sheet1"]);
    const industry = page.getByRole("combobox", { name: "Your industry" });
    expect(await industry.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe("library and functions", () => {
  it("inserts the p25 for a lower-is-better metric at the top-quarter level, and says so", async () => {
    const { page } = await pane({
      settings: { "crossbench.industry": "Retail", "crossbench.targetPercentile": "p75" },
    });
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("searchbox").fill("retail days sales outstanding");
    const insert = page.getByRole("button", {
      name: /Insert formula for Retail, Days sales outstanding, p25 \(top quarter; lower is better/,
    });
    await insert.click();
    const message = page.getByRole("status").filter({ hasText: "Inserted" });
    await message.waitFor();
    expect(await message.textContent()).toMatch(
      /=BENCH\.METRIC\("Retail","Days sales outstanding","p25"\).*top quarter; lower is better, so the p25/
    );
    expect(await workbook(page, 'state.formulas("Sheet1", "A1")')).toEqual([
      ['=BENCH.METRIC("Retail","Days sales outstanding","p25")'],
    ]);
  });

  it("wraps a long inserted formula inside the pane at 350 px and clears it on switching tabs", async () => {
    const { page } = await pane({ width: 350, settings: { "crossbench.industry": "Restaurants" } });
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("tab", { name: "BENCH functions" }).click();
    await page.getByRole("button", { name: "Insert example of BENCH.BENEFIT" }).click();
    const bar = page.getByRole("status").filter({ hasText: "Inserted" });
    await bar.waitFor();
    const box = await bar.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(350);
    const overflow = await bar.evaluate((el) =>
      [el, ...el.querySelectorAll("*")].some((node) => node.scrollWidth > node.clientWidth + 1)
    );
    expect(overflow).toBe(false);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByRole("tab", { name: "Reference library" }).click();
    expect(await page.getByRole("status").filter({ hasText: "Inserted" }).count()).toBe(0);
  });

  it("lists the functions by task, the business case first, with short example numbers", async () => {
    const { page } = await pane();
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("tab", { name: "BENCH functions" }).click();
    const region = page.getByRole("region", { name: "BENCH functions" });
    await region.getByRole("listitem").first().waitFor();
    expect(await region.getByRole("heading", { level: 2 }).allTextContents()).toEqual([
      "Business case",
      "Benchmarks",
      "Practices and fit",
    ]);
    expect(await region.getByRole("heading", { level: 3 }).first().textContent()).toBe("BENCH.ROI");
    expect(await region.textContent()).not.toMatch(/\d\.\d{5,}/);
  });

  it("says what to do when the selected cell is locked on a protected sheet", async () => {
    const { page } = await pane();
    await workbook(page, 'state.protect("Sheet1")');
    await openScreen(page, "Library and functions", "Library and functions");
    await page.getByRole("tab", { name: "BENCH functions" }).click();
    await page.getByRole("button", { name: "Insert example of BENCH.ROI", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /locked on a protected sheet.*Select an empty cell on another sheet.*Review > Unprotect Sheet/
    );
  });
});

/** Elements whose right edge passes the pane's (what makes it scroll sideways), for a readable failure. */
async function widerThanPane(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest("[data-visually-hidden]"))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`
      )
  );
}

/** Each drawn segment (not the track) inside its card's padding box, and at 3:1 against the card. */
async function segmentProblems(page: Page, theme: Theme): Promise<string[]> {
  const segments = await page.evaluate(() => {
    const hex = (rgb: string) =>
      "#" +
      (rgb.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, "0"))
        .join("");
    return [...document.querySelectorAll('[data-decorative-chart] rect[role="option"]')].map(
      (rect) => {
        const card = rect.closest("li")!;
        const style = getComputedStyle(card);
        const box = card.getBoundingClientRect();
        const inner = {
          left: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
          right: box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
        };
        const r = rect.getBoundingClientRect();
        return {
          label: rect.getAttribute("aria-label") ?? "",
          left: r.left - inner.left,
          right: inner.right - r.right,
          fill: hex(getComputedStyle(rect).fill),
          card: hex(style.backgroundColor),
        };
      }
    );
  });
  expect(segments.length).toBeGreaterThan(0);
  return segments.flatMap((s) => [
    ...(s.left < -0.5 || s.right < -0.5
      ? [
          `${theme}: ${s.label} runs ${Math.max(-s.left, -s.right).toFixed(1)} px into the card padding`,
        ]
      : []),
    ...(contrastRatio(s.fill, s.card) < 3
      ? [
          `${theme}: ${s.label} ${s.fill} on ${s.card} is ${contrastRatio(s.fill, s.card).toFixed(2)}:1`,
        ]
      : []),
  ]);
}

describe("charts", () => {
  for (const theme of ["light", "dark"] as Theme[]) {
    it(`draws the spread and fit charts accessibly at 320 px (${theme})`, async () => {
      const { page } = await pane({
        theme,
        width: 320,
        settings: { "crossbench.industry": "Retail" },
      });
      await openScreen(page, "Library and functions", "Library and functions");
      await page.getByRole("searchbox").fill("retail days sales outstanding");
      const card = page.getByRole("listitem").filter({ hasText: "Days sales outstanding" }).first();
      await card.getByRole("textbox", { name: /Your figure/ }).fill("30");
      const figure = card.getByRole("figure");
      await figure.waitFor();
      expect(await figure.getAttribute("aria-label")).toMatch(
        /middle half .* median .*; yours 30 \(lower is better, drawn so right is better\)/
      );
      expect(await card.getByRole("table").locator("tbody tr").count()).toBe(6);
      // The bars are drawn inert and aria-hidden: the figures are text on the card and in the table.
      await page.waitForTimeout(300);
      const problems = await seriousViolations(page);
      expect(
        problems.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html).join(" | ")}`)
      ).toEqual([]);
      await screenshot(page, `chart-library-${theme}`);
      expect(await segmentProblems(page, theme)).toEqual([]);
      expect(await widerThanPane(page)).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);

      await page.getByRole("button", { name: "← Back to start" }).click();
      await findPractices(page, "Retail", "customers pay late");
      await page.waitForTimeout(300);
      const practiceProblems = await seriousViolations(page);
      expect(practiceProblems.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await screenshot(page, `chart-practices-${theme}`);
      expect(await segmentProblems(page, theme)).toEqual([]);
      expect(await widerThanPane(page)).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
    });
  }
});
