/**
 * Ribbon → task pane: which screen a ribbon button wants the pane to open at. The commands bundle and
 * the pane are separate bundles in one shared runtime, so the request lives on the runtime's global
 * (no module instance is shared): a pending value for a pane that is not rendered yet, and an event for
 * one that is.
 */
const PENDING = "__crossbenchPaneScreenRequest";
const EVENT = "crossbench:open-screen";

type Global = typeof globalThis & { [PENDING]?: string };

export function requestPaneScreen(screen: string): void {
  const global = globalThis as Global;
  global[PENDING] = screen;
  if (typeof global.dispatchEvent === "function") global.dispatchEvent(new Event(EVENT));
}

/** Calls `open` with a pending request now and with each later one; returns the unsubscribe function. */
export function onPaneScreenRequest(open: (screen: string) => void): () => void {
  const global = globalThis as Global;
  const take = () => {
    const screen = global[PENDING];
    if (screen === undefined) return;
    delete global[PENDING];
    open(screen);
  };
  take();
  if (typeof global.addEventListener !== "function") return () => undefined;
  global.addEventListener(EVENT, take);
  return () => global.removeEventListener(EVENT, take);
}
