/** @jest-environment jsdom */
/**
 * The import screen over the real import adapter (parser, field table, validator): what is required
 * is shown and enforced before any validation, with the validator's own words.
 */
import React from "react";
import { configure, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import ImportScreen from "../../src/taskpane/screens/ImportScreen";
import {
  createImportActions,
  type ReferenceWriter,
} from "../../src/taskpane/adapters/importAdapter";
import type { ImportActions } from "../../src/taskpane/paneActions";
import type { ReferenceValue } from "../../src/reference/model";

configure({ asyncUtilTimeout: 10000 });

function setUp() {
  const written: ReferenceValue[][] = [];
  const writer: ReferenceWriter = async (rows, options) => {
    written.push([...rows]);
    options.onProgress(rows.length, rows.length);
    return { added: rows.length, updated: 0 };
  };
  const importer = createImportActions(writer);
  const validated: unknown[] = [];
  const validate = importer.validate;
  const counting: ImportActions = {
    ...importer,
    validate: (source, choices) => {
      validated.push(choices);
      return validate(source, choices);
    },
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <ImportScreen loadImporter={async () => counting} />
    </FluentProvider>
  );
  return { written, validated };
}

const checkButton = () =>
  screen.getByRole("button", { name: "Check the rows" }) as HTMLButtonElement;

it("asks for a source before validating a long file with neither a source column nor a default, and lets the user through once one is typed", async () => {
  const { written, validated } = setUp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole("textbox", { name: /Table with a header row/ }));
  await user.paste(
    "industry\tmetric\tmedian\nRetail\tGross margin\t0.31\nRetail\tCustomer retention rate\t0.8"
  );
  await user.click(screen.getByRole("button", { name: "Use pasted table" }));

  expect(await screen.findByText("Still to map: Source (type it below).")).toBeTruthy();
  // The validator's message, shown before the validator has run.
  expect(
    screen.getByText(
      "No column is mapped to source and no default source was given: every figure needs its provenance."
    )
  ).toBeTruthy();
  expect(checkButton().disabled).toBe(true);
  expect(validated).toEqual([]);
  // The marks come from the same rules: industry and metric are required, source's default too.
  const industryColumn = screen.getByRole("combobox", { name: /Column “industry” holds/ });
  expect(
    [...industryColumn.querySelectorAll("option")]
      .filter((o) => o.textContent?.endsWith("(required)"))
      .map((o) => o.value)
  ).toEqual(["industry", "metric", "source"]);
  const sourceField = screen.getByRole("textbox", { name: "Source for every row (required)" });

  await user.type(sourceField, "Own survey 2024");
  await waitFor(() => expect(checkButton().disabled).toBe(false));
  expect(screen.queryByText(/Still to map/)).toBeNull();
  await user.click(checkButton());
  expect((await screen.findByTestId("validation-summary")).textContent).toBe(
    "2 valid rows, 0 with problems."
  );
  await user.click(screen.getByRole("button", { name: "Import all 2 rows" }));
  expect((await screen.findByTestId("import-summary")).textContent).toMatch(/^2 added/);
  expect(written[0].map((row) => row.source)).toEqual(["Own survey 2024", "Own survey 2024"]);
});

it("maps each column to one field: choosing a field for a column takes it from the column that had it", async () => {
  setUp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole("textbox", { name: /Table with a header row/ }));
  await user.paste("industry\tmetric\tmedian\tsource\nRetail\tGross margin\t0.31\tOwn");
  await user.click(screen.getByRole("button", { name: "Use pasted table" }));
  const median = (await screen.findByRole("combobox", {
    name: /Column “median” holds/,
  })) as HTMLSelectElement;
  const metric = screen.getByRole("combobox", {
    name: /Column “metric” holds/,
  }) as HTMLSelectElement;
  expect([metric.value, median.value]).toEqual(["metric", "median"]);
  await user.selectOptions(median, "metric");
  expect([metric.value, median.value]).toEqual(["", "metric"]);
  expect(screen.getByText("Still to map: a statistic (P10 … Value).")).toBeTruthy();
  expect(checkButton().disabled).toBe(true);
});
