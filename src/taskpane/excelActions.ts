/**
 * The composition root of the pane in Excel: wires the pane's contract (./paneActions) to the
 * implementations in src/excel (workbook settings, formula insertion, sheet activation, the reference
 * table) and to the pane's adapters over the reference, template and functions modules. It lives on the
 * pane side so src/excel never imports pane code. Heavy modules (reference data, parsers, template
 * plans) are imported on first use so the pane's first paint stays small.
 */
import type {
  ImportActions,
  LibraryActions,
  PaneActions,
  PracticeActions,
  TemplateActions,
} from "./paneActions";
import type { FunctionsMetadata } from "./adapters/functionCatalogue";
import { activateSheet, insertFormulaIntoSelection, readSelectedValues } from "../excel/cells";
import { readSettings, writeSettings } from "../excel/settings";
import { onPaneScreenRequest } from "../commands/paneRequests";

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
  if (!response.ok)
    throw new Error(`The function list could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as FunctionsMetadata;
}

function createLibraryActions(): LibraryActions {
  const bundled = () => import(/* webpackChunkName: "reference" */ "../reference/activeLibrary");
  // The browser shows the workbook's imported rows too: read the reference table once when it opens
  // (writeReferenceRows keeps the active library current after an import).
  const withWorkbookRows = once(async () => {
    const [active, table, adapter] = await Promise.all([
      bundled(),
      import(/* webpackChunkName: "reference-table" */ "../excel/referenceTable"),
      import(/* webpackChunkName: "reference" */ "./adapters/libraryAdapter"),
    ]);
    await table.refreshWorkbookLibrary();
    return { active, adapter };
  });
  return {
    // The start screen asks for industries at once; the bundled list is enough there and stays light.
    industries: async () => (await bundled()).getActiveLibrary().industries(),
    search: async (query, limit) => {
      const { active, adapter } = await withWorkbookRows();
      return adapter.searchReference(active.getActiveLibrary().values, query, limit);
    },
  };
}

function createImporter(): () => Promise<ImportActions> {
  return once(async () => {
    const [{ createImportActions }, table, mappings] = await Promise.all([
      import(/* webpackChunkName: "import-tools" */ "./adapters/importAdapter"),
      import(/* webpackChunkName: "reference-table" */ "../excel/referenceTable"),
      import(/* webpackChunkName: "import-tools" */ "../excel/referenceMapping"),
    ]);
    return createImportActions(
      async (rows, { onProgress, signal }) => {
        const result = await table.writeReferenceRows(rows, {
          signal,
          onProgress: (progress) => onProgress(progress.rowsDone, progress.rowsTotal),
        });
        return {
          added: result.added,
          updated: result.updated,
          unchanged: result.unchanged,
          skipped: result.kept,
          sheetName: table.REFERENCE_SHEET,
        };
      },
      readSelectedValues,
      { load: mappings.loadReferenceMapping, save: mappings.saveReferenceMapping }
    );
  });
}

function createTemplateActions(): TemplateActions {
  const load = async () =>
    (await import(/* webpackChunkName: "templates" */ "../excel/templateActions")).templateActions;
  return {
    list: async () => (await load()).list(),
    // The renderer applies the pane's defaults (discount rate, target level) to the new sheets.
    insert: async (ids, industry, settings) => (await load()).insert(ids, industry, settings),
  };
}

function createPracticeActions(): PracticeActions {
  const load = once(async () => {
    const [adapter, practices, active] = await Promise.all([
      import(/* webpackChunkName: "practices-data" */ "./adapters/practiceAdapter"),
      import(/* webpackChunkName: "practices-data" */ "../reference/practices"),
      import(/* webpackChunkName: "reference" */ "../reference/activeLibrary"),
    ]);
    return { adapter, practices: practices.PRACTICE_LIBRARY, profile: active.getActiveProfile() };
  });
  return {
    challenges: async () => (await load()).adapter.SUGGESTED_CHALLENGES,
    // Kept in step with SCORECARD_CAPACITY in src/excel/paneTemplates (checked by its test).
    scorecardCapacity: 4,
    find: async (industry, challenge) => {
      const { adapter, practices, profile } = await load();
      return adapter.matchPractices(practices, profile, industry, challenge);
    },
    addToScorecard: async (ids, industry) => {
      const { addPracticesToScorecard } = await import(
        /* webpackChunkName: "templates" */ "../excel/paneTemplates"
      );
      const result = await addPracticesToScorecard(ids, industry);
      await activateSheet(result.sheetName);
      return result;
    },
  };
}

/** The self-check runs the pane's own template path with the workbook's defaults. */
function createSelfCheck(
  templates: TemplateActions,
  themeBackground: string | undefined
): NonNullable<PaneActions["selfCheck"]> {
  return async (onProgress) => {
    const { officeSelfCheckHost, runSelfCheck } = await import(
      /* webpackChunkName: "selfcheck" */ "../excel/selfCheck"
    );
    const insertTemplate = async (id: string) => {
      const settings = await readSettings();
      return (await templates.insert([id], settings.industry, settings)).sheetNames;
    };
    return runSelfCheck(officeSelfCheckHost({ themeBackground, insertTemplate }), onProgress);
  };
}

export interface ExcelActionOptions {
  /** Office's theme background as the pane read it (for the self-check's report). */
  themeBackground?: string;
}

export function createExcelActions(options: ExcelActionOptions = {}): PaneActions {
  const functionList = once(async () => {
    const { functionCatalogue } = await import(
      /* webpackChunkName: "functions-reference" */ "./adapters/functionCatalogue"
    );
    return functionCatalogue(await fetchFunctionsMetadata());
  });
  const templates = createTemplateActions();
  return {
    readSettings,
    writeSettings,
    insertFormula: insertFormulaIntoSelection,
    activateSheet,
    functions: { list: functionList },
    library: createLibraryActions(),
    templates,
    practices: createPracticeActions(),
    importer: createImporter(),
    explainCell: async () =>
      (await import(/* webpackChunkName: "explain" */ "../excel/explainCell")).explainActiveCell(),
    selfCheck: createSelfCheck(templates, options.themeBackground),
    onOpenScreenRequest: onPaneScreenRequest,
  };
}
