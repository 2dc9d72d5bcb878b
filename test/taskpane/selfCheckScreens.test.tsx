/** @jest-environment jsdom */
import React from "react";
import { configure, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { CellExplanation, PaneActions, SelfCheckReport } from "../../src/taskpane/paneActions";
import { createFakeActions } from "./fakeActions";

configure({ asyncUtilTimeout: 10000 });

function renderApp(actions: PaneActions) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} />
    </FluentProvider>
  );
}

const REPORT: SelfCheckReport = {
  passed: false,
  lines: [
    {
      section: "Functions",
      label: "BENCH.ROI",
      status: "pass",
      detail: "=BENCH.ROI(M1:N1,P1) = 0.33",
    },
    {
      section: "Runtime",
      label: "Pane and functions share one runtime",
      status: "fail",
      detail: "no marker",
    },
  ],
  text: "Crossbench self-check: SOME CHECKS FAILED\n[PASS] Functions · BENCH.ROI: ...",
};

test("a ribbon request opens the self-check, which shows progress, each line and the report to copy", async () => {
  const steps: string[] = [];
  const { actions } = createFakeActions({
    onOpenScreenRequest: (open) => {
      open("selfcheck");
      return () => undefined;
    },
    selfCheck: async (onProgress) => {
      onProgress("Calculating every BENCH function");
      steps.push("ran");
      return REPORT;
    },
  });
  renderApp(actions);
  await screen.findByRole("heading", { name: "Check this installation", level: 1 });
  await userEvent.setup().click(screen.getByRole("button", { name: "Run the check" }));
  const report = await screen.findByRole("textbox", { name: "Report to send back" });
  expect((report as HTMLTextAreaElement).value).toBe(REPORT.text);
  expect(screen.getByText(/Some checks failed/)).toBeTruthy();
  expect(
    screen.getByText(/Runtime · Pane and functions share one runtime: no marker/)
  ).toBeTruthy();
  expect(steps).toEqual(["ran"]);
});

test("an unknown requested screen is ignored; the start screen offers both new actions", async () => {
  const { actions } = createFakeActions({
    onOpenScreenRequest: (open) => {
      open("nowhere");
      return () => undefined;
    },
    selfCheck: async () => REPORT,
    explainCell: async () => {
      throw new Error("The selection has several areas.");
    },
  });
  renderApp(actions);
  await screen.findByRole("button", { name: "Check this installation" });
  await userEvent.setup().click(screen.getByRole("button", { name: "Explain this cell" }));
  await userEvent
    .setup()
    .click(await screen.findByRole("button", { name: "Explain the selected cell" }));
  expect((await screen.findByRole("alert")).textContent).toMatch(
    /could not be explained.*several areas/
  );
});

test("Explain shows the full reason of a #NUM! and what to change", async () => {
  const explanation: CellExplanation = {
    address: "Sheet1!E1",
    formula: "=BENCH.IRR(A1:C1)",
    kind: "error",
    headline: "BENCH.IRR returns #NUM!.",
    message: "the cash flows never change sign, so no rate makes their NPV 0.",
    details: ["Excel shows #NUM! without Crossbench's message; the message above is the reason."],
    arguments: [{ parameter: "cashflows", text: "A1:C1", shown: "3 cells from A1:C1" }],
    text: "Sheet1!E1: =BENCH.IRR(A1:C1)",
  };
  const { actions } = createFakeActions({ explainCell: async () => explanation });
  renderApp(actions);
  await userEvent.setup().click(await screen.findByRole("button", { name: "Explain this cell" }));
  await userEvent
    .setup()
    .click(await screen.findByRole("button", { name: "Explain the selected cell" }));
  await screen.findByRole("heading", { name: "BENCH.IRR returns #NUM!.", level: 2 });
  expect(screen.getByTestId("explain-reason").textContent).toBe(`Reason: ${explanation.message}`);
  expect(screen.getByRole("list", { name: "Arguments" }).textContent).toBe(
    "cashflows: 3 cells from A1:C1"
  );
});
