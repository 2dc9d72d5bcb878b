/**
 * Task-pane entry. Inside Excel: the Fluent theme follows Office's theme and the App gets the Excel
 * actions. Outside Excel (the page opened in a plain browser) it says so in one sentence and links to
 * the README's sideload steps.
 *
 * Test seam (the only one): when office.js reports no host, a test may have set
 * `globalThis.__crossbenchTestHost = { Excel, officeTheme? }` before the page's scripts ran (Playwright
 * addInitScript); the pane then runs against that in-memory Excel double as if it were in Excel. Real
 * Excel always reports a host, so the seam is never consulted there.
 */
import React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { NotInExcel } from "./NotInExcel";
import { createExcelActions } from "./excelActions";
import { isDarkTheme } from "./theme";

interface TestHost {
  Excel: unknown;
  officeTheme?: { bodyBackgroundColor?: string };
}

function testHost(): TestHost | undefined {
  return (globalThis as { __crossbenchTestHost?: TestHost }).__crossbenchTestHost;
}

function render(content: React.ReactElement, dark: boolean): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  createRoot(container).render(
    <React.StrictMode>
      <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
        {content}
      </FluentProvider>
    </React.StrictMode>
  );
}

function officeThemeBackground(): string | undefined {
  try {
    return Office.context?.officeTheme?.bodyBackgroundColor;
  } catch {
    // officeTheme throws on hosts without theme support; the light theme is then right.
    return undefined;
  }
}

function start(info: { host: Office.HostType | null } | undefined): void {
  const seam = testHost();
  if (info?.host === Office.HostType.Excel) {
    const background = officeThemeBackground();
    render(
      <App actions={createExcelActions({ themeBackground: background })} />,
      isDarkTheme(background)
    );
  } else if (seam && !info?.host) {
    (globalThis as { Excel?: unknown }).Excel = seam.Excel;
    const background = seam.officeTheme?.bodyBackgroundColor;
    render(
      <App actions={createExcelActions({ themeBackground: background })} />,
      isDarkTheme(background)
    );
  } else {
    render(<NotInExcel />, window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false);
  }
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(start).catch(() => start(undefined));
} else {
  // office.js did not load (offline, blocked): still explain instead of leaving a blank page.
  start(undefined);
}
