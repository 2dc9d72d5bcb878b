/**
 * Ribbon commands. The Home tab button opens the task pane declaratively (ShowTaskpane in manifest.xml),
 * so no code runs for it; this entry registers the shared runtime's action handlers so that a future
 * ExecuteFunction button (or a keyboard shortcut) can open the pane from code.
 */
import { requestPaneScreen } from "./paneRequests";

export const OPEN_PANE_ACTION = "Crossbench.OpenPane";
/** The "Check installation" button (ExecuteFunction in manifest.xml): the pane at its self-check screen. */
export const SELF_CHECK_ACTION = "Crossbench.SelfCheck";

export async function openTaskPane(event?: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    // A command must always report completion, or Excel shows it as still running.
    event?.completed();
  }
}

export async function openSelfCheck(event?: Office.AddinCommands.Event): Promise<void> {
  requestPaneScreen("selfcheck");
  await openTaskPane(event);
}

// Office is a global only inside an Office host or once office.js has loaded; the guard keeps the
// bundle loadable in tests and in a plain browser.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => {
    Office.actions?.associate(OPEN_PANE_ACTION, openTaskPane);
    Office.actions?.associate(SELF_CHECK_ACTION, openSelfCheck);
  });
}
