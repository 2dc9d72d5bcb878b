/**
 * Browser harness for the task pane: a static server for dist/ on 127.0.0.1, headless Chromium, office.js
 * served from @microsoft/office-js instead of the CDN (nothing leaves the machine: any other outside
 * request is aborted and recorded), and the Excel double injected through the pane's one test seam
 * (`__crossbenchTestHost`, read only when office.js reports no host).
 */
import fs from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { AXE_JS, CHROMIUM, DIST, DOUBLE_BUNDLE, OFFICE_JS_DIR, SCREENSHOTS } from "./paths";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a directory read-only; paths outside it are refused. */
export async function serveDirectory(root: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.normalize(path.join(root, urlPath === "/" ? "taskpane.html" : urlPath));
    if (
      !file.startsWith(root + path.sep) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    ) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Debian Chromium. playwright's launch() gives every browser a fresh temporary profile
 * (user-data dir) and removes it on close, so nothing from an earlier run can leak in.
 */
export async function launchChromium(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { browser, close: () => browser.close() };
}

export type Theme = "light" | "dark";

export interface PaneOptions {
  /** false: open the page as a plain browser would (no Excel double). */
  inExcel?: boolean;
  theme?: Theme;
  width?: number;
  /** Workbook settings present before the pane opens. */
  settings?: Record<string, unknown>;
  /** Sheets of the double's workbook (default ["Sheet1"]). */
  sheets?: string[];
  /**
   * true: the double calculates BENCH formulas with the functions functions.js registered in the page
   * (test/excel-double/customFunctionsHost.ts), as Excel's calculation would.
   */
  calculate?: boolean;
}

export interface OpenPane {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors, for asserting the pane ran cleanly. */
  errors: string[];
  /** Requests to anywhere but 127.0.0.1 and the routed office.js CDN (aborted). */
  blockedRequests: string[];
  close(): Promise<void>;
}

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const THEME_BACKGROUND: Record<Theme, string> = { light: "#ffffff", dark: "#262626" };

export async function openPane(
  session: BrowserSession,
  server: StaticServer,
  options: PaneOptions = {}
): Promise<OpenPane> {
  const theme = options.theme ?? "light";
  const context = await session.browser.newContext({
    viewport: { width: options.width ?? 320, height: 720 },
    colorScheme: theme,
    reducedMotion: "reduce",
  });
  const blockedRequests: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      const file = path.normalize(
        path.join(OFFICE_JS_DIR, new URL(url).pathname.slice("/lib/1/hosted/".length))
      );
      if (file.startsWith(OFFICE_JS_DIR + path.sep) && fs.existsSync(file)) {
        return route.fulfill({
          status: 200,
          contentType: "text/javascript; charset=utf-8",
          body: fs.readFileSync(file),
        });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    if (url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blockedRequests.push(url);
    return route.abort();
  });
  if (options.inExcel !== false) {
    await context.addInitScript({ content: fs.readFileSync(DOUBLE_BUNDLE, "utf8") });
    await context.addInitScript(
      ({ sheets, settings, background, calculate }) => {
        // Only the top page gets the double; office.js may add frames of its own.
        if (window !== window.top) return;
        const api = (
          globalThis as unknown as {
            __crossbenchDouble: {
              createExcelDouble(o: unknown): {
                Excel: unknown;
                state: { setSetting(k: string, v: unknown): void };
              };
              startBrowserCustomFunctionsHost(double: unknown): unknown;
            };
          }
        ).__crossbenchDouble;
        const double = api.createExcelDouble({ sheets });
        for (const [key, value] of Object.entries(settings)) double.state.setSetting(key, value);
        (globalThis as Record<string, unknown>).__excelDouble = double;
        // After the page's scripts ran: functions.js has registered the BENCH functions by then.
        if (calculate)
          window.addEventListener("load", () => api.startBrowserCustomFunctionsHost(double));
        (globalThis as Record<string, unknown>).__crossbenchTestHost = {
          Excel: double.Excel,
          officeTheme: { bodyBackgroundColor: background },
        };
      },
      {
        sheets: options.sheets ?? ["Sheet1"],
        settings: options.settings ?? {},
        background: THEME_BACKGROUND[theme],
        calculate: options.calculate === true,
      }
    );
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.origin}/taskpane.html`);
  return { page, context, errors, blockedRequests, close: () => context.close() };
}

/** Runs a function against the double's workbook state in the page and returns its (serialisable) result. */
export async function workbook<T>(page: Page, read: string): Promise<T> {
  return page.evaluate(
    `(() => { const state = globalThis.__excelDouble.state; return (${read}); })()`
  ) as Promise<T>;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core in the page (evaluated through DevTools, which the page's CSP does not govern). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  if (!loaded) await page.evaluate(fs.readFileSync(AXE_JS, "utf8"));
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target, html: n.html.slice(0, 200) })) })))"
  )) as AxeViolation[];
  return result.flatMap((violation) => {
    if (violation.id !== "aria-hidden-focus") return [violation];
    // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, used by Fluent's TabList)
    // are focusable by design and pass focus on at once: a documented false positive
    // (microsoft/tabster#288, Fluent v9 known issues). Every other aria-hidden-focus node still fails.
    const nodes = violation.nodes.filter((node) => !node.html.includes("data-tabster-dummy"));
    return nodes.length > 0 ? [{ ...violation, nodes }] : [];
  });
}

/** True when the page scrolls sideways (content wider than the viewport). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 0.5
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export { DIST };
