/**
 * Ribbon commands. The Home tab button opens the task pane declaratively (ShowTaskpane in manifest.xml),
 * so no code runs for it. A button with an ExecuteFunction action runs the handler registered here under
 * its <FunctionName>; RIBBON_ACTIONS lists exactly the actions the manifest's controls use (a test in
 * test/build checks both directions), so no action is registered that no control can call.
 */
import { requestPaneScreen } from "./paneRequests";

export type RibbonAction = (event?: Office.AddinCommands.Event) => Promise<void>;

/** The "Check installation" button: the pane, opened at its self-check screen. */
export async function openSelfCheck(event?: Office.AddinCommands.Event): Promise<void> {
  try {
    requestPaneScreen("selfcheck");
    await Office.addin.showAsTaskpane();
  } finally {
    // A command must always report completion, or Excel shows it as still running.
    event?.completed();
  }
}

/** FunctionName in manifest.xml → handler. */
export const RIBBON_ACTIONS: Readonly<Record<string, RibbonAction>> = {
  "Crossbench.SelfCheck": openSelfCheck,
};

/** Registers every ribbon action with the shared runtime. */
export function registerRibbonActions(): void {
  for (const [name, action] of Object.entries(RIBBON_ACTIONS))
    Office.actions?.associate(name, action);
}

// Office is a global only inside an Office host or once office.js has loaded; the guard keeps the
// bundle loadable in tests and in a plain browser.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => registerRibbonActions());
}
