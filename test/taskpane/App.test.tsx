/** @jest-environment jsdom */
import React from "react";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createFakeActions, createFakeImporter } from "./fakeActions";

// Screens are lazy-loaded; the first load of each compiles it under ts-jest, which can take seconds.
configure({ asyncUtilTimeout: 10000 });

function renderApp(actions = createFakeActions().actions) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} />
    </FluentProvider>
  );
}

describe("start screen", () => {
  it("offers an action only for each capability that exists", async () => {
    const { actions } = createFakeActions({ practices: undefined, importer: undefined });
    renderApp(actions);
    expect(await screen.findByRole("button", { name: "New benchmark workbook" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Library and functions" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Explore practices/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Import reference metrics/ })).toBeNull();
  });

  it("saves the defaults with the rate as a fraction and the currency upper-cased", async () => {
    const { actions, calls } = createFakeActions();
    renderApp(actions);
    const user = userEvent.setup();
    const rate = await screen.findByRole("textbox", { name: /Discount rate/ });
    await user.clear(rate);
    await user.type(rate, "12,5");
    const currency = screen.getByRole("textbox", { name: /Currency/ });
    await user.clear(currency);
    await user.type(currency, "eur");
    await user.selectOptions(screen.getByRole("combobox", { name: /Target performance/ }), "p90");
    await user.click(screen.getByRole("button", { name: "Save defaults" }));
    await screen.findByText("Defaults saved in this workbook.");
    expect(calls.writeSettings).toEqual([
      {
        industry: "Restaurants",
        discountRate: 0.125,
        currency: "EUR",
        targetPercentile: "p90",
        horizon: 3,
      },
    ]);
  });

  it("refuses a rate that is not a number and says what to type", async () => {
    renderApp();
    const user = userEvent.setup();
    const rate = await screen.findByRole("textbox", { name: /Discount rate/ });
    await user.clear(rate);
    await user.type(rate, "abc");
    expect(screen.getByText("Enter a rate such as 8 for 8 %.")).toBeTruthy();
    expect(
      (screen.getByRole("button", { name: "Save defaults" }) as HTMLButtonElement).disabled
    ).toBe(true);
  });

  it("shows the reason when the workbook settings cannot be read", async () => {
    const { actions } = createFakeActions({
      readSettings: () => Promise.reject(new Error("The workbook is busy.")),
    });
    renderApp(actions);
    expect((await screen.findByRole("alert")).textContent).toContain("The workbook is busy.");
  });
});

describe("new benchmark workbook", () => {
  it("pre-ticks every template, inserts the ticked ones and activates the first new sheet", async () => {
    const { actions, calls } = createFakeActions();
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New benchmark workbook" }));
    const gap = await screen.findByRole("checkbox", { name: /Gap analysis/ });
    const roi = screen.getByRole("checkbox", { name: /Before\/after ROI/ });
    expect((gap as HTMLInputElement).checked).toBe(true);
    expect((roi as HTMLInputElement).checked).toBe(true);
    await user.click(gap);
    await user.click(screen.getByRole("button", { name: "Insert selected templates" }));
    expect((await screen.findByTestId("created-sheets")).textContent).toBe("Crossbench roi");
    expect(calls.insertTemplates).toEqual([{ ids: ["roi"], industry: "Restaurants" }]);
    expect(calls.activateSheet).toEqual(["Crossbench roi"]);
  });

  it("warns on 0.09 typed into the % rate field and passes the rate and horizon to the templates", async () => {
    const { actions } = createFakeActions();
    const sent: { discountRate: number; horizon: number; currency: string }[] = [];
    actions.templates!.insert = async (ids, _industry, settings) => {
      sent.push(settings);
      return { sheetNames: ids };
    };
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New benchmark workbook" }));
    await screen.findByRole("checkbox", { name: /Gap analysis/ });
    const rate = screen.getByRole("textbox", { name: /Discount rate for the ROI sheet/ });
    await user.clear(rate);
    await user.type(rate, "0.09");
    expect(await screen.findByText("0.09 here means 0.09 % a year. For 9 % type 9.")).toBeTruthy();
    await user.clear(rate);
    await user.type(rate, "9");
    expect(screen.queryByText(/here means/)).toBeNull();
    const horizon = screen.getByRole("textbox", { name: /ROI horizon/ });
    await user.clear(horizon);
    await user.type(horizon, "11");
    expect(
      (screen.getByRole("button", { name: "Insert selected templates" }) as HTMLButtonElement)
        .disabled
    ).toBe(true);
    await user.clear(horizon);
    await user.type(horizon, "5");
    await user.click(screen.getByRole("button", { name: "Insert selected templates" }));
    await screen.findByTestId("created-sheets");
    expect(sent).toEqual([
      expect.objectContaining({ discountRate: 0.09, horizon: 5, currency: "USD" }),
    ]);
  });

  it("shows Excel's error in a message bar when inserting fails", async () => {
    const { actions } = createFakeActions();
    actions.templates!.insert = () => Promise.reject(new Error("The workbook is protected."));
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New benchmark workbook" }));
    await screen.findByRole("checkbox", { name: /Gap analysis/ });
    await user.click(screen.getByRole("button", { name: "Insert selected templates" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The workbook is protected.");
  });
});

describe("library and functions", () => {
  it("shows a value's provenance and the illustrative flag, and inserts its METRIC formula", async () => {
    const { actions, calls } = createFakeActions();
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Library and functions" }));
    const card = (
      await screen.findByRole("heading", { name: "Restaurants — Customer retention rate" })
    ).closest("li")!;
    expect(within(card).getByText("illustrative sample — replace with your sources")).toBeTruthy();
    expect(
      within(card).getByText(/Source: Crossbench illustrative sample, 2025; licence: CC0; n = 120/)
    ).toBeTruthy();
    await user.click(within(card).getByRole("button", { name: /Insert formula/ }));
    expect(calls.insertFormula).toEqual([
      '=BENCH.METRIC("Restaurants","Customer retention rate","p75")',
    ]);
    expect(await screen.findByText(/into Sheet1!B2/)).toBeTruthy();
  });

  it("lists the functions and inserts an example", async () => {
    const { actions, calls } = createFakeActions();
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Library and functions" }));
    await user.click(await screen.findByRole("tab", { name: "BENCH functions" }));
    await user.click(await screen.findByRole("button", { name: "Insert example of BENCH.ROI" }));
    expect(calls.insertFormula).toEqual(["=BENCH.ROI({120,80},{150})"]);
  });
});

describe("practices", () => {
  it("finds practices and adds the chosen ones to the fit scorecard", async () => {
    const { actions, calls } = createFakeActions();
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /Explore practices/ }));
    await user.type(
      await screen.findByRole("combobox", { name: /Your challenge/ }),
      "customer loyalty"
    );
    await user.click(screen.getByRole("button", { name: "Find practices" }));
    expect(await screen.findByText("fit ≈ 72 / 100")).toBeTruthy();
    expect(screen.getByText(/From Software and SaaS/)).toBeTruthy();
    // What the estimate is made of, as a table behind the small bar.
    const parts = screen.getByRole("table", { name: /What the fit estimate of .* is made of/ });
    expect(parts.textContent).toMatch(
      /Problem match.*Industry proximity.*illustrative.*Resource fit/
    );
    await user.click(screen.getByRole("checkbox", { name: /Subscription-style loyalty/ }));
    await user.click(screen.getByRole("button", { name: /to fit scorecard/ }));
    expect(await screen.findByText(/Added 1 practice to the sheet Fit scorecard/)).toBeTruthy();
    expect(screen.getByText(/Rate them 1–5 there/)).toBeTruthy();
    expect(calls.addToScorecard).toEqual([
      { ids: ["subscription-loyalty"], industry: "Restaurants" },
    ]);
  });
});

describe("import", () => {
  it("previews, maps, reports problems by row and column, and imports only the valid rows", async () => {
    const { importer, written } = createFakeImporter();
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Import reference metrics" }));
    const paste = await screen.findByRole("textbox", { name: /Table with a header row/ });
    await user.click(paste);
    await user.paste(
      "Industry,Metric,Median\nRetail,Gross margin,0.3\nRetail,Stock turns,lots\nRetail,Churn,0.1"
    );
    await user.click(screen.getByRole("button", { name: "Use pasted table" }));
    expect(await screen.findByRole("columnheader", { name: "Metric" })).toBeTruthy();
    expect(screen.getByRole("cell", { name: "lots" })).toBeTruthy();
    expect(
      (screen.getByRole("combobox", { name: /Column “Median” holds/ }) as HTMLSelectElement).value
    ).toBe("median");
    await user.click(screen.getByRole("button", { name: "Check the rows" }));
    expect((await screen.findByTestId("validation-summary")).textContent).toBe(
      "2 valid rows, 1 with problems."
    );
    expect(screen.getByText('Row 3, column Median: "lots" is not a number')).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Import all/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Import only the 2 valid rows" }));
    expect((await screen.findByTestId("import-summary")).textContent).toBe(
      "2 added, 0 updated, 1 skipped"
    );
    expect(written).toEqual([{ onlyValidRows: true }]);
  });

  it("shows rows written while a large import runs and stops between chunks when cancelled", async () => {
    const { importer } = createFakeImporter();
    let chunksWritten = 0;
    importer.write = async (_source, _mapping, options) => {
      const total = 30000;
      for (let chunk = 1; chunk <= 3; chunk++) {
        if (options.signal.aborted) break;
        chunksWritten = chunk;
        options.onProgress(chunk * 10000, total);
        // The next chunk waits until the user has had a chance to cancel.
        await new Promise<void>((resolve) => {
          if (options.signal.aborted) resolve();
          options.signal.addEventListener("abort", () => resolve(), { once: true });
        });
      }
      return {
        added: chunksWritten * 10000,
        updated: 0,
        skipped: 0,
        sheetName: "Crossbench Reference",
      };
    };
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Import reference metrics" }));
    await user.click(await screen.findByRole("textbox", { name: /Table with a header row/ }));
    await user.paste("Industry,Metric,Median\nRetail,Gross margin,0.3");
    await user.click(screen.getByRole("button", { name: "Use pasted table" }));
    await user.click(await screen.findByRole("button", { name: "Check the rows" }));
    await user.click(await screen.findByRole("button", { name: /Import all/ }));
    expect(await screen.findByText("10,000 of 30,000 rows written")).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Cancel import" }));
    expect((await screen.findByTestId("import-summary")).textContent).toBe(
      "10,000 added, 0 updated, 0 skipped"
    );
    expect(screen.getByText(/Import stopped/)).toBeTruthy();
    expect(chunksWritten).toBe(1);
  });

  it("asks for the required columns before checking", async () => {
    const { importer } = createFakeImporter();
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Import reference metrics" }));
    await user.click(await screen.findByRole("textbox", { name: /Table with a header row/ }));
    await user.paste("Sector,Metric,Median\nRetail,Gross margin,0.3");
    await user.click(screen.getByRole("button", { name: "Use pasted table" }));
    expect(await screen.findByText("Still to map: Industry.")).toBeTruthy();
    expect(
      screen.getByText(
        'No column is mapped to industry. The header row needs an "industry" column (or map one).'
      )
    ).toBeTruthy();
    expect(
      (screen.getByRole("button", { name: "Check the rows" }) as HTMLButtonElement).disabled
    ).toBe(true);
    await user.selectOptions(
      screen.getByRole("combobox", { name: /Column “Sector” holds/ }),
      "industry"
    );
    await waitFor(() =>
      expect(
        (screen.getByRole("button", { name: "Check the rows" }) as HTMLButtonElement).disabled
      ).toBe(false)
    );
  });

  async function openPasted(text: string) {
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Import reference metrics" }));
    await user.click(await screen.findByRole("textbox", { name: /Table with a header row/ }));
    await user.paste(text);
    await user.click(screen.getByRole("button", { name: "Use pasted table" }));
    return user;
  }

  it("asks for a default source when no column holds one, prefilled from the title rows, and passes the defaults", async () => {
    const { importer, choicesWritten } = createFakeImporter();
    const readPasted = importer.readPasted;
    importer.readPasted = async (text) => ({
      ...(await readPasted(text)),
      suggestedDefaults: { year: 2025 },
    });
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = await openPasted("Industry,Metric,Median\nRetail,Gross margin,0.3");
    expect(await screen.findByText("Still to map: Source (type it below).")).toBeTruthy();
    expect(
      (screen.getByRole("spinbutton", { name: "Year for every row" }) as HTMLInputElement).value
    ).toBe("2025");
    await user.type(screen.getByRole("textbox", { name: /Source for every row/ }), "Ratio sheet");
    await user.click(screen.getByRole("button", { name: "Check the rows" }));
    await user.click(await screen.findByRole("button", { name: /Import all/ }));
    await screen.findByTestId("import-summary");
    expect(choicesWritten[0].choices.defaults).toEqual({ year: 2025, source: "Ratio sheet" });
  });

  it("previews old -> new before writing and lets the user keep or replace existing rows", async () => {
    const { importer, choicesWritten } = createFakeImporter();
    importer.preview = async () => ({
      added: 1,
      unchanged: 0,
      changed: [
        {
          label: "Retail × Gross margin × 2024 × all regions",
          unitChanged: true,
          changes: [{ field: "median", before: "0.2", after: "0.3" }],
        },
      ],
    });
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = await openPasted(
      "Industry,Metric,Median\nRetail,Gross margin,0.3\nRetail,Churn,0.1"
    );
    await user.click(await screen.findByRole("button", { name: "Check the rows" }));
    expect((await screen.findByTestId("import-preview")).textContent).toMatch(
      /1 new, 1 already in the workbook with other figures, 0 unchanged/
    );
    expect(
      screen.getByText(/Unit changes! Retail × Gross margin × 2024 × all regions: median 0.2 → 0.3/)
    ).toBeTruthy();
    // Keeping is the default: nothing is overwritten unless the user says so.
    expect(
      (screen.getByRole("radio", { name: "Keep the existing rows" }) as HTMLInputElement).checked
    ).toBe(true);
    await user.click(screen.getByRole("radio", { name: /Replace them/ }));
    await user.click(screen.getByRole("button", { name: /Import all/ }));
    await screen.findByTestId("import-summary");
    expect(choicesWritten[0].onConflict).toBe("replace");
  });

  it("reports a write that stopped part-way with the rows written, and offers to finish or undo", async () => {
    const { importer } = createFakeImporter();
    let attempts = 0;
    let undone = 0;
    importer.write = async () => {
      attempts++;
      return attempts === 1
        ? {
            added: 1,
            updated: 0,
            skipped: 0,
            sheetName: "Crossbench Reference",
            failure: {
              message: "The import stopped after 1 of 2 rows: the sheet is protected.",
              written: 1,
              remaining: 1,
              writtenRows: ["Retail × Gross margin × 2024 × all regions"],
            },
          }
        : { added: 1, updated: 0, skipped: 0, sheetName: "Crossbench Reference" };
    };
    importer.undoLastWrite = async () => {
      undone++;
      return { removed: 1, restored: 0 };
    };
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = await openPasted(
      "Industry,Metric,Median\nRetail,Gross margin,0.3\nRetail,Churn,0.1"
    );
    await user.click(await screen.findByRole("button", { name: "Check the rows" }));
    await user.click(await screen.findByRole("button", { name: /Import all/ }));
    expect((await screen.findByTestId("import-failure")).textContent).toMatch(
      /the sheet is protected\. 1 rows were written and stay in the sheet Crossbench Reference; 1 were not/
    );
    expect(screen.getByText("Retail × Gross margin × 2024 × all regions")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Undo what was written" }));
    expect(await screen.findByText("Undone: 1 rows removed, 0 restored.")).toBeTruthy();
    expect(undone).toBe(1);
    await user.click(screen.getByRole("button", { name: "Finish the import" }));
    expect((await screen.findByTestId("import-summary")).textContent).toMatch(/1 added/);
    expect(attempts).toBe(2);
  });

  it("shows numbers as read and lets the user choose the decimal mark of an ambiguous file", async () => {
    const { importer, choicesWritten } = createFakeImporter();
    const readPasted = importer.readPasted;
    importer.readPasted = async (text) => ({
      ...(await readPasted(text)),
      numberConvention: { decimal: ".", decidedBy: "default", ambiguousCells: 1 },
    });
    importer.previewValues = async (source, decimal) =>
      source.preview.map((row) => [row[0], row[1], decimal === "," ? 1500 : 1.5]);
    const { actions } = createFakeActions({ importer: async () => importer });
    renderApp(actions);
    const user = await openPasted("Industry,Metric,Median\nRetail,Stock days,1.500");
    expect(await screen.findByRole("cell", { name: "1.5" })).toBeTruthy();
    await user.selectOptions(screen.getByRole("combobox", { name: "Decimal mark" }), ",");
    expect(await screen.findByRole("cell", { name: "1500" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Check the rows" }));
    await user.click(await screen.findByRole("button", { name: /Import all/ }));
    await screen.findByTestId("import-summary");
    expect(choicesWritten[0].choices.decimal).toBe(",");
  });
});
