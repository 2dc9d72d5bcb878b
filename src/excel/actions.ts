/**
 * The task pane's actions in Excel: workbook settings, formula insertion, sheet activation, and
 * adapters over the reference, template and functions modules. Heavy modules (reference data, parsers,
 * template plans) are imported on first use so the pane's first paint stays small.
 */
import type { LibraryActions, PaneActions } from "../taskpane/paneActions";
import type { FunctionsMetadata } from "../taskpane/adapters/functionCatalogue";
import { activateSheet, insertFormulaIntoSelection } from "./cells";
import { readSettings, writeSettings } from "./settings";

/** Caches a lazily computed promise, but forgets a failure so the next call can retry. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = load();
      pending.catch(() => (pending = undefined));
    }
    return pending;
  };
}

/** functions.json sits next to taskpane.html (webpack emits both into dist/). */
async function fetchFunctionsMetadata(): Promise<FunctionsMetadata> {
  const response = await fetch("functions.json", { cache: "no-cache" });
  if (!response.ok) throw new Error(`The function list could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as FunctionsMetadata;
}

function createLibraryActions(): LibraryActions {
  const library = once(async () => {
    const { getActiveLibrary } = await import(/* webpackChunkName: "reference" */ "../reference/activeLibrary");
    return getActiveLibrary();
  });
  return {
    industries: async () => (await library()).industries(),
    search: async (query, limit) => {
      const [active, { searchReference }] = await Promise.all([
        library(),
        import(/* webpackChunkName: "reference" */ "../taskpane/adapters/libraryAdapter"),
      ]);
      return searchReference(active.values, query, limit);
    },
  };
}

export function createExcelActions(): PaneActions {
  const functionList = once(async () => {
    const { functionCatalogue } = await import(/* webpackChunkName: "functions-reference" */ "../taskpane/adapters/functionCatalogue");
    return functionCatalogue(await fetchFunctionsMetadata());
  });
  return {
    readSettings,
    writeSettings,
    insertFormula: insertFormulaIntoSelection,
    activateSheet,
    functions: { list: functionList },
    library: createLibraryActions(),
  };
}
