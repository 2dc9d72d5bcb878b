/**
 * Ribbon commands. The Home tab button opens the task pane declaratively (ShowTaskpane in manifest.xml),
 * so no code runs for it; this entry registers the shared runtime's action handlers so that a future
 * ExecuteFunction button (or a keyboard shortcut) can open the pane from code.
 */
export const OPEN_PANE_ACTION = "Crossbench.OpenPane";

export async function openTaskPane(event?: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    // A command must always report completion, or Excel shows it as still running.
    event?.completed();
  }
}

// Office is a global only inside an Office host or once office.js has loaded; the guard keeps the
// bundle loadable in tests and in a plain browser.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => {
    Office.actions?.associate(OPEN_PANE_ACTION, openTaskPane);
  });
}
