/**
 * The set-up every browser test file shares: one static server for dist/ and one Chromium per file,
 * a fresh browser context per pane, and after each test every pane closed with no request having left
 * the machine (and, when asked, no unexpected page or console error).
 */
import type { Page } from "playwright-core";
import {
  axeViolations,
  launchChromium,
  openPane,
  serveDirectory,
  type AxeViolation,
  type BrowserSession,
  type OpenPane,
  type PaneOptions,
  type StaticServer,
} from "./pane";
import { DIST } from "./paths";

/** office.js frames Microsoft's telemetry page; the pane's CSP blocks it (README, "Task pane internals"). */
export const KNOWN_CONSOLE_ERRORS = [/telemetryservice\.firstpartyapps\.oaspapps\.com/];

export function unexpectedErrors(pane: OpenPane): string[] {
  return pane.errors.filter((error) => !KNOWN_CONSOLE_ERRORS.some((known) => known.test(error)));
}

/** axe's serious and critical violations (the ones the pane must not have). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter(
    (v) => v.impact === "serious" || v.impact === "critical"
  );
}

export interface HarnessOptions {
  /** Options every pane of the file opens with (a test's own options override them). */
  defaults?: PaneOptions;
  /** Also fail a test whose panes logged an unexpected page or console error. */
  checkErrors?: boolean;
}

export interface PaneHarness {
  /** Opens the pane; it is closed (and checked) after the test. */
  pane(options?: PaneOptions): Promise<OpenPane>;
  /** Closes a pane before the test ends (a test that opens many in a loop). */
  close(pane: OpenPane): Promise<void>;
}

/** Registers the file's beforeAll/afterEach/afterAll hooks; call it at the top level of a test file. */
export function paneHarness({
  defaults = {},
  checkErrors = false,
}: HarnessOptions = {}): PaneHarness {
  let server: StaticServer;
  let session: BrowserSession;
  const open: OpenPane[] = [];

  beforeAll(async () => {
    server = await serveDirectory(DIST);
    session = await launchChromium();
  });

  afterEach(async () => {
    for (const pane of open.splice(0)) {
      expect(pane.blockedRequests).toEqual([]);
      if (checkErrors) expect(unexpectedErrors(pane)).toEqual([]);
      await pane.close();
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  return {
    async pane(options = {}) {
      const opened = await openPane(session, server, { ...defaults, ...options });
      open.push(opened);
      return opened;
    },
    async close(pane) {
      const at = open.indexOf(pane);
      if (at >= 0) open.splice(at, 1);
      expect(pane.blockedRequests).toEqual([]);
      await pane.close();
    },
  };
}
