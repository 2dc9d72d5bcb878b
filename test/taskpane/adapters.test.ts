import {
  createImportActions,
  suggestedMapping,
  type ReferenceStore,
  type ReferenceWriter,
} from "../../src/taskpane/adapters/importAdapter";
import { readFileSync } from "fs";
import path from "path";
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
  it("prefers the remembered mapping for headers this source has, and the suggestion elsewhere", () => {
    const headers = ["Sector", "KPI", "Figure", "Notes"];
    const mapping = suggestedMapping(
      headers,
      { industry: "Sector", metric: "KPI", notes: "Notes", median: null },
      { median: "Figure", notes: "Comment", value: "Sector" }
    );
    // "Sector" was remembered as the value column: the remembered choice wins over the suggestion.
    expect(mapping).toEqual({ value: "Sector", metric: "KPI", median: "Figure", notes: "Notes" });
  });

  it("restores a remembered mapping whose headers differ from this file's only in case and spacing", () => {
    const headers = ["SECTOR", "Key  figure", "Median"];
    const mapping = suggestedMapping(
      headers,
      { median: "Median" },
      { industry: "Sector", metric: "key figure", value: "Median" }
    );
    // Each column feeds one field: the remembered "value" takes "Median" from the suggestion.
    expect(mapping).toEqual({ industry: "SECTOR", metric: "Key  figure", value: "Median" });
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
      notes: "Figure",
      source: "source",
    });
    await importer.write(
      source,
      { mapping: { industry: "industry", metric: "metric", median: "Figure", source: "source" } },
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

    const validation = await importer.validate(source, { mapping });
    expect(validation).toMatchObject({ validRows: 2, invalidRows: 1 });
    expect(validation.problems.find((p) => p.severity === "error")).toMatchObject({ row: 3 });
    expect(validation.problems.find((p) => p.severity === "error")!.column).toMatch(/median/);

    const signal = new AbortController().signal;
    await expect(
      importer.write(
        source,
        { mapping },
        { onlyValidRows: false, signal, onProgress: () => undefined }
      )
    ).rejects.toThrow(/Nothing to import/);
    expect(calls).toEqual([]);

    const progress: number[][] = [];
    const summary = await importer.write(
      source,
      { mapping },
      {
        onlyValidRows: true,
        signal,
        onProgress: (done, total) => progress.push([done, total]),
      }
    );
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

  const signal = new AbortController().signal;
  const quiet = { onlyValidRows: false, signal, onProgress: () => undefined };

  it("imports a wide table with the defaults the user gives, prefilled from its title rows", async () => {
    const { writer, calls } = recordingWriter();
    const importer = createImportActions(writer);
    const bytes = readFileSync(path.join(__dirname, "../../samples/reference-wide.csv"));
    const source = await importer.readFile(new File([bytes], "reference-wide.csv"));
    expect(source.layout).toBe("wide");
    expect(importer.requirements(source, { mapping: {} }).map((r) => r.why)).toEqual([
      "A wide table has no source column: give the source (publisher, dataset) for its figures.",
    ]);
    expect(source.suggestedDefaults).toMatchObject({
      year: 2025,
      source: expect.stringMatching(/^Operating and Margin Ratios by Industry/),
    });
    const wideMetrics = source.wideMetrics!.map((m) => ({ ...m, needsConfirmation: false }));
    const choices = {
      mapping: {},
      wideMetrics,
      defaults: {
        ...source.suggestedDefaults,
        source: "Ratio sheet 2025",
        region: "US",
        licence: "CC BY 4.0",
      },
    };
    const validation = await importer.validate(source, choices);
    expect(validation.invalidRows).toBe(0);
    await importer.write(source, choices, quiet);
    expect(calls[0].length).toBe(validation.validRows);
    expect(calls[0][0]).toMatchObject({
      source: "Ratio sheet 2025",
      year: 2025,
      region: "US",
      licence: "CC BY 4.0",
    });
  });

  it("imports a long table without a source column once a default source is given", async () => {
    const { writer, calls } = recordingWriter();
    const importer = createImportActions(writer);
    const source = await importer.readPasted(
      "industry\tmetric\tmedian\nRetail\tGross margin\t0,31"
    );
    const mapping = await importer.suggestMapping(source);
    expect((await importer.validate(source, { mapping })).validRows).toBe(0);
    const choices = { mapping, defaults: { source: "Own survey", year: 2024 } };
    expect((await importer.validate(source, choices)).validRows).toBe(1);
    await importer.write(source, choices, quiet);
    expect(calls[0][0]).toMatchObject({ source: "Own survey", year: 2024 });
  });

  it("previews added / changed (old -> new, unit flagged) / unchanged and passes the keep-or-replace choice", async () => {
    const { writer } = recordingWriter();
    const policies: string[] = [];
    const store: ReferenceStore = {
      preview: async (rows) => ({
        adds: rows.slice(1),
        updates: [
          {
            value: rows[0],
            before: [
              "Retail",
              null,
              "Gross margin",
              "ratio",
              "higher",
              null,
              2024,
              null,
              null,
              0.2,
            ],
            after: ["Retail", null, "Gross margin", "%", "higher", null, 2024, null, null, 0.31],
            unitChanged: true,
          },
        ],
        conflicts: [],
        unchanged: 0,
      }),
      undo: async () => ({ removed: 0, restored: 0 }),
    };
    const importer = createImportActions(
      async (rows, options) => {
        policies.push(options.policy);
        return writer(rows, options);
      },
      undefined,
      undefined,
      store
    );
    const source = await importer.readPasted(
      "industry\tmetric\tunit\tyear\tmedian\tsource\nRetail\tGross margin\t%\t2024\t0.31\tOwn\nRetail\tNet margin\t%\t2024\t0.05\tOwn"
    );
    const mapping = await importer.suggestMapping(source);
    const preview = await importer.preview!(source, { mapping }, false);
    expect(preview.added).toBe(1);
    expect(preview.changed).toEqual([
      {
        label: "Retail × Gross margin × 2024 × all regions",
        unitChanged: true,
        changes: [
          { field: "unit", before: "ratio", after: "%" },
          { field: "median", before: "0.2", after: "0.31" },
        ],
      },
    ]);
    await importer.write(source, { mapping }, { ...quiet, onConflict: "keep" });
    expect(policies).toEqual(["keep"]);
  });

  it("turns a write that stopped part-way into a failure report, and undoes exactly what was written", async () => {
    const undone: unknown[] = [];
    const written = [
      { value: { industry: "Retail", metric: "Gross margin", year: 2024, region: "" } },
    ];
    const store = {
      preview: async () => ({ adds: [], updates: [], conflicts: [], unchanged: 0 }),
      undo: async (rows: readonly unknown[]) => {
        undone.push(...rows);
        return { removed: 1, restored: 0 };
      },
    } as unknown as ReferenceStore;
    const failing: ReferenceWriter = async () => {
      throw Object.assign(new Error("The import stopped after 1 of 2 rows: protected"), {
        result: { written, remaining: 1, added: 1, updated: 0 },
      });
    };
    const importer = createImportActions(failing, undefined, undefined, store);
    const source = await importer.readPasted(
      "industry\tmetric\tmedian\tsource\nRetail\tGross margin\t0.3\tOwn\nRetail\tNet margin\t0.1\tOwn"
    );
    const summary = await importer.write(
      source,
      { mapping: await importer.suggestMapping(source) },
      quiet
    );
    expect(summary.failure).toEqual({
      message: "The import stopped after 1 of 2 rows: protected",
      written: 1,
      remaining: 1,
      writtenRows: ["Retail × Gross margin × 2024 × all regions"],
    });
    expect(await importer.undoLastWrite!()).toEqual({ removed: 1, restored: 0 });
    expect(undone).toEqual(written);
  });

  it("shows preview numbers as read under the file's convention, and lets an ambiguous file be read either way", async () => {
    const { writer, calls } = recordingWriter();
    const importer = createImportActions(writer);
    const comma = await importer.readFile(
      new File(
        [
          "industry;metric;unit;median;source\nRetail;Revenue per employee;currency per unit;95.400;Own\nRetail;Gross margin;%;41,2 %;Own\n",
        ],
        "survey.csv"
      )
    );
    expect(comma.numberConvention).toMatchObject({ decimal: ",", decidedBy: "file" });
    const values = await importer.previewValues!(comma);
    expect(values.map((row) => row[3])).toEqual([95400, 0.412]);

    const ambiguous = await importer.readFile(
      new File(
        [
          "industry;metric;unit;direction;median;source\nRetail;Stock days;days;lower;1.500;Own\nRetail;DSO;days;lower;950;Own\n",
        ],
        "a.csv"
      )
    );
    expect(ambiguous.numberConvention!.ambiguousCells).toBeGreaterThan(0);
    expect((await importer.previewValues!(ambiguous, ","))[0][4]).toBe(1500);
    expect((await importer.previewValues!(ambiguous, "."))[0][4]).toBe(1.5);
    const mapping = await importer.suggestMapping(ambiguous);
    await importer.write(ambiguous, { mapping, decimal: "," }, quiet);
    expect(calls[0][0].statistics.median).toBe(1500);
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
