/**
 * The steps of the pane's import screen that the import browser tests share: open it from the start
 * screen, give it a CSV as the file input would, and read back the workbook's reference table.
 */
import type { Page } from "playwright-core";
import { workbook } from "./pane";
import type { PaneHarness } from "./harness";
import type { OpenPane } from "./pane";

export async function openImportScreen(harness: PaneHarness): Promise<OpenPane> {
  const opened = await harness.pane();
  const { page } = opened;
  await page.getByRole("button", { name: "Save defaults" }).waitFor();
  await page.getByRole("button", { name: "Import reference metrics" }).click();
  await page.getByRole("heading", { name: "Import reference metrics", level: 1 }).waitFor();
  return opened;
}

export async function uploadCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel("CSV, XLSX or JSON file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.getByRole("heading", { name: `Preview of ${name}` }).waitFor();
}

interface Table {
  sheet: string;
  headers: string[];
  rows: unknown[][];
}

/** The rows of the `Crossbench Reference` table as objects by header (blank rows left out). */
export async function referenceRows(page: Page): Promise<Record<string, unknown>[]> {
  const tables = await workbook<Table[]>(page, "state.tables()");
  const table = tables.find((t) => t.sheet === "Crossbench Reference");
  if (!table) return [];
  return table.rows
    .filter((row) => row.some((c) => c !== ""))
    .map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i]])));
}
