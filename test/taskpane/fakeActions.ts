/** An in-memory PaneActions for component tests: records every call, answers from fixed data. */
import type {
  ImportActions,
  ImportChoices,
  LibraryEntry,
  PaneActions,
  PaneSettings,
  PracticeMatch,
} from "../../src/taskpane/paneActions";
import { DEFAULT_SETTINGS } from "../../src/excel/settings";
import { unmetRequirements } from "../../src/reference/canonical";

export const RETENTION: LibraryEntry = {
  industry: "Restaurants",
  metric: "Customer retention rate",
  unit: "%",
  direction: "higher",
  region: "",
  year: 2025,
  statistics: { p10: 0.2, p25: 0.3, median: 0.4, p75: 0.5, p90: 0.6 },
  n: 120,
  source: "Crossbench illustrative sample",
  licence: "CC0",
  illustrative: true,
};

export const PRACTICE: PracticeMatch = {
  id: "subscription-loyalty",
  sourceIndustry: "Software and SaaS",
  practice: "Subscription-style loyalty",
  challenge: "customer loyalty",
  lesson: "Recurring plans turn one-off visits into a habit.",
  metricsMoved: ["Customer retention rate"],
  effort: "medium",
  fitEstimate: 72.4,
  fitParts: [
    {
      criterion: "Problem match",
      rating: 5,
      weight: 0.4,
      basis: "100 % of the best match for your words",
    },
    {
      criterion: "Industry proximity",
      rating: 2.7,
      weight: 0.3,
      basis: "similarity 0.42 of the two industries' profiles (illustrative sample figures)",
    },
    { criterion: "Resource fit", rating: 3, weight: 0.3, basis: "medium effort" },
  ],
};

export function createFakeActions(overrides: Partial<PaneActions> = {}) {
  const calls = {
    writeSettings: [] as PaneSettings[],
    insertFormula: [] as string[],
    activateSheet: [] as string[],
    insertTemplates: [] as { ids: string[]; industry: string }[],
    addToScorecard: [] as { ids: string[]; industry: string }[],
  };
  let stored: PaneSettings = { ...DEFAULT_SETTINGS, industry: "Restaurants" };
  const actions: PaneActions = {
    readSettings: async () => stored,
    writeSettings: async (settings) => {
      calls.writeSettings.push(settings);
      stored = settings;
    },
    insertFormula: async (formula) => {
      calls.insertFormula.push(formula);
      return "Sheet1!B2";
    },
    activateSheet: async (name) => {
      calls.activateSheet.push(name);
    },
    functions: {
      list: async () => [
        {
          name: "BENCH.ROI",
          description: "Return on investment.",
          parameters: [
            { name: "benefits", description: "", optional: false },
            { name: "costs", description: "", optional: false },
          ],
          example: "=BENCH.ROI({120,80},{150})",
        },
      ],
    },
    library: {
      industries: async () => ["Restaurants", "Retail"],
      search: async (query) => {
        const hit = `${RETENTION.industry} ${RETENTION.metric}`
          .toLowerCase()
          .includes(query.toLowerCase());
        return hit ? { entries: [RETENTION], total: 1 } : { entries: [], total: 0 };
      },
    },
    templates: {
      list: async () => [
        { id: "gap", title: "Gap analysis", description: "Where you stand per metric." },
        { id: "roi", title: "Before/after ROI", description: "Money value of a change." },
      ],
      insert: async (ids, industry) => {
        calls.insertTemplates.push({ ids, industry });
        return { sheetNames: ids.map((id) => `Crossbench ${id}`) };
      },
    },
    practices: {
      challenges: async () => ["customer loyalty", "delivery"],
      scorecardCapacity: 4,
      find: async () => [PRACTICE],
      addToScorecard: async (ids, industry) => {
        calls.addToScorecard.push({ ids, industry });
        return { sheetName: "Fit scorecard", added: ids.length };
      },
    },
    ...overrides,
  };
  return { actions, calls };
}

/** An importer over a tiny CSV dialect (comma-separated, no quoting), enough to drive the screen. */
export function createFakeImporter() {
  const written: { onlyValidRows: boolean }[] = [];
  const choicesWritten: { choices: ImportChoices; onConflict?: string }[] = [];
  const importer: ImportActions = {
    fields: [
      { key: "industry", label: "Industry" },
      { key: "metric", label: "Metric" },
      { key: "median", label: "Median" },
      { key: "source", label: "Source" },
    ],
    // The real field table decides, as in the adapter.
    requirements: (source, choices) =>
      unmetRequirements(
        Object.keys(choices.mapping).filter((field) => choices.mapping[field]),
        choices.defaults ?? {},
        source.layout === "wide" ? "wide" : "long"
      ),
    readFile: async (file) => importer.readPasted(await file.text()),
    readPasted: async (text) => {
      const [header, ...rows] = text
        .trim()
        .split("\n")
        .map((line) => line.split(","));
      return {
        label: "pasted table",
        headers: header,
        rowCount: rows.length,
        preview: rows.slice(0, 5),
        suggestedDefaults: { source: "Pasted survey" },
      };
    },
    suggestMapping: async (source) =>
      Object.fromEntries(
        source.headers.filter((h) => h.toLowerCase() !== "sector").map((h) => [h.toLowerCase(), h])
      ),
    validate: async (source) => {
      const bad = source.preview.filter((row) => Number.isNaN(Number(row[2])));
      return {
        validRows: source.rowCount - bad.length,
        invalidRows: bad.length,
        problems: bad.map((row) => ({
          file: source.label,
          row: source.preview.indexOf(row) + 2,
          column: "Median",
          severity: "error" as const,
          message: `"${row[2]}" is not a number`,
        })),
      };
    },
    write: async (_source, choices, options) => {
      written.push({ onlyValidRows: options.onlyValidRows });
      choicesWritten.push({ choices, onConflict: options.onConflict });
      options.onProgress(1, 2);
      options.onProgress(2, 2);
      return { added: 2, updated: 0, skipped: 1, sheetName: "Crossbench Reference" };
    },
  };
  return { importer, written, choicesWritten };
}
