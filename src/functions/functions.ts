/**
 * Entry of functions.js. Each imported module is an input of custom-functions-metadata-plugin, which
 * generates functions.json from its JSDoc and appends a `CustomFunctions.associate(id, fn)` call per
 * function. Nothing here may touch `document` or `window` at load time: Excel can load this bundle
 * before (or without) the task pane's DOM.
 */
import "./analytics";
import "./reference";

/**
 * The shared-runtime marker: the self-check ("Check this installation") looks for it from the pane.
 * Seen there, the pane and the functions share one JavaScript runtime (and so one active library).
 */
(globalThis as Record<string, unknown>).__crossbenchFunctionsRuntime = {
  loadedAt: new Date().toISOString(),
};
