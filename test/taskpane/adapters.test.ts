import {
  createImportActions,
  fieldMapping,
  paneMapping,
  suggestedPaneMapping,
  type ReferenceWriter,
} from "../../src/taskpane/adapters/importAdapter";
import {
  matchPractices,
  quickFitEstimate,
  quickFitParts,
} from "../../src/taskpane/adapters/practiceAdapter";
import { PRACTICE_LIBRARY } from "../../src/reference/practices";
import { getActiveProfile } from "../../src/reference/activeLibrary";
import { fitScore } from "../../src/core/fit";
import type { ReferenceValue } from "../../src/reference/model";

describe("import adapter", () => {
  it("turns the pipeline's field -> column mapping into the pane's column -> field and back", () => {
    const headers = ["Sector", "KPI", "Median", "Ignored"];
    const pane = paneMapping(headers, { industry: "Sector", metric: "KPI", median: "Median" });
    expect(pane).toEqual({ Sector: "industry", KPI: "metric", Median: "median", Ignored: "" });
    expect(fieldMapping(pane)).toEqual({ industry: "Sector", metric: "KPI", median: "Median" });
  });

  it("prefers the remembered mapping for headers this source has, and the suggestion elsewhere", () => {
    const headers = ["Sector", "KPI", "Figure", "Notes"];
    const mapping = suggestedPaneMapping(
      headers,
      { industry: "Sector", metric: "KPI", notes: "Notes" },
      { median: "Figure", notes: "Comment", value: "Sector" }
    );
    // "Sector" was remembered as the value column: the remembered choice wins over the suggestion.
    expect(mapping).toEqual({ Sector: "value", KPI: "metric", Figure: "median", Notes: "notes" });
  });

  it("offers the mapping remembered for these headers and saves the one used for a successful import", async () => {
    const saved: unknown[] = [];
    const loadedFor: string[][] = [];
    const importer = createImportActions(recordingWriter().writer, undefined, {
      load: async (headers) => {
        loadedFor.push([...headers]);
        return { notes: "Figure" };
      },
      save: async (headers, mapping) => {
        saved.push({ headers, mapping });
      },
    });
    const source = await importer.readPasted(
      "industry\tmetric\tFigure\tsource\nRetail\tGross margin\t0.3\tOwn survey"
    );
    const mapping = await importer.suggestMapping(source);
    expect(loadedFor).toEqual([["industry", "metric", "Figure", "source"]]);
    expect(mapping).toEqual({
      industry: "industry",
      metric: "metric",
      Figure: "notes",
      source: "source",
    });
    await importer.write(
      source,
      { ...mapping, Figure: "median" },
      {
        onlyValidRows: false,
        signal: new AbortController().signal,
        onProgress: () => undefined,
      }
    );
    expect(saved).toEqual([
      {
        headers: ["industry", "metric", "Figure", "source"],
        mapping: { industry: "industry", metric: "metric", median: "Figure", source: "source" },
      },
    ]);
  });

  function recordingWriter() {
    const calls: ReferenceValue[][] = [];
    const writer: ReferenceWriter = async (rows, options) => {
      calls.push([...rows]);
      options.onProgress(rows.length, rows.length);
      return { added: rows.length, updated: 0, unchanged: 0, skipped: 0 };
    };
    return { writer, calls };
  }

  const PASTED = [
    "industry\tmetric\tyear\tmedian\tsource",
    "Bakeries\tGross margin\t2024\t0.55\tGuild survey",
    "Bakeries\tCustomer retention rate\t2024\tabc\tGuild survey",
    "@SUM(1+1)\tGross margin\t2024\t0.3\tGuild survey",
  ].join("\n");

  it("validates the whole table, writes nothing unless only the valid rows are chosen, and keeps formula-like text as text", async () => {
    const { writer, calls } = recordingWriter();
    const importer = createImportActions(writer);
    const source = await importer.readPasted(PASTED);
    expect(source.headers).toEqual(["industry", "metric", "year", "median", "source"]);
    expect(source.rowCount).toBe(3);
    const mapping = await importer.suggestMapping(source);
    expect(mapping).toMatchObject({
      industry: "industry",
      metric: "metric",
      median: "median",
      source: "source",
    });

    const validation = await importer.validate(source, mapping);
    expect(validation).toMatchObject({ validRows: 2, invalidRows: 1 });
    expect(validation.problems.find((p) => p.severity === "error")).toMatchObject({ row: 3 });
    expect(validation.problems.find((p) => p.severity === "error")!.column).toMatch(/median/);

    const signal = new AbortController().signal;
    await expect(
      importer.write(source, mapping, { onlyValidRows: false, signal, onProgress: () => undefined })
    ).rejects.toThrow(/Nothing to import/);
    expect(calls).toEqual([]);

    const progress: number[][] = [];
    const summary = await importer.write(source, mapping, {
      onlyValidRows: true,
      signal,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(summary).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      sheetName: "Crossbench Reference",
    });
    expect(progress).toEqual([[2, 2]]);
    expect(calls[0].map((row) => row.industry).sort()).toEqual(["@SUM(1+1)", "Bakeries"]);
  });

  it("reports a file it cannot read instead of failing", async () => {
    const importer = createImportActions(recordingWriter().writer);
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00])], "broken.xlsx");
    const source = await importer.readFile(file);
    expect(source.rowCount).toBe(0);
    expect(source.readProblems!.length).toBeGreaterThan(0);
    await expect(importer.readFile(new File(["x"], "notes.docx"))).rejects.toThrow(
      /not a CSV, XLSX or JSON file/
    );
  });
});

describe("practice adapter", () => {
  const profile = getActiveProfile();
  const loyalty = PRACTICE_LIBRARY[0];

  it.each([
    ["low", 5],
    ["medium", 3],
    ["high", 1],
  ] as const)("rates %s effort as %i in the quick fit estimate", (effort, rating) => {
    const practice = { ...loyalty, effort, sourceIndustry: "Restaurants" };
    // Same industry (typed in the singular): proximity 5; the best match for the words: problem match 5.
    const parts = quickFitParts(practice, "restaurant", 1, profile);
    expect(parts.map((p) => [p.criterion, p.rating])).toEqual([
      ["Problem match", 5],
      ["Industry proximity", 5],
      ["Resource fit", rating],
    ]);
    expect(quickFitEstimate(parts)).toBeCloseTo(fitScore([5, 5, rating], [0.4, 0.3, 0.3], 5), 12);
  });

  it("says what the proximity is based on, and that the bundled figures are illustrative", () => {
    const [, proximity] = quickFitParts(loyalty, "Restaurants", 0.5, profile);
    expect(proximity.basis).toMatch(/similarity 0\.\d\d .*illustrative sample figures/);
    const [, own] = quickFitParts(loyalty, "Bakery", 0.5, profile, { illustrative: false });
    expect(own).toMatchObject({ rating: 3, basis: expect.stringMatching(/neutral/) });
  });

  it("ranks by how well a practice answers the words, then by fit, each estimate within 0..100", () => {
    const matches = matchPractices(PRACTICE_LIBRARY, profile, "Restaurants", "customer loyalty");
    expect(matches[0].id).toBe("subscription-loyalty");
    for (const match of matches) expect(match.fitEstimate).toBeGreaterThanOrEqual(0);
    for (const match of matches) expect(match.fitEstimate).toBeLessThanOrEqual(100);
    const problem = matches.map((m) => m.fitParts[0].rating);
    expect(problem).toEqual([...problem].sort((a, b) => b - a));
    expect(matchPractices(PRACTICE_LIBRARY, profile, "Restaurants", "zzzz qqqq")).toEqual([]);
  });

  it("orders by fit when no challenge is given", () => {
    const matches = matchPractices(PRACTICE_LIBRARY, profile, "Restaurants", "");
    const estimates = matches.map((m) => m.fitEstimate);
    expect(estimates).toEqual([...estimates].sort((a, b) => b - a));
  });
});

describe("Excel actions", () => {
  it("offers as many scorecard places as the scorecard template has", async () => {
    const { createExcelActions } = await import("../../src/taskpane/excelActions");
    const { SCORECARD_CAPACITY } = await import("../../src/excel/paneTemplates");
    expect(createExcelActions().practices!.scorecardCapacity).toBe(SCORECARD_CAPACITY);
  });
});
