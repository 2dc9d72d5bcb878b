/** Parsers under fast-check: whatever the bytes, the result is a report, never an exception or a partial import. */
import fc from "fast-check";
import {
  parseSource,
  rowsToImport,
  validateSource,
  SourceKind,
} from "../../src/reference/importPipeline";

const KINDS: SourceKind[] = ["csv", "json", "paste", "xlsx"];

async function mustReport(kind: SourceKind, bytes: Uint8Array): Promise<void> {
  const parsed = await parseSource({ kind, name: `fuzz.${kind}`, bytes });
  const report = validateSource(parsed);
  expect(Array.isArray(report.problems)).toBe(true);
  for (const p of report.problems) {
    expect(typeof p.message).toBe("string");
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.file).toBe(`fuzz.${kind}`);
  }
  if (!report.ok) expect(rowsToImport(report)).toEqual([]);
  expect(report.errorCount).toBe(report.problems.filter((p) => p.severity === "error").length);
  expect(report.ok).toBe(report.errorCount === 0);
  for (const v of report.valid) expect(v.row).toBeGreaterThan(parsed.headerRow);
}

const header = "industry,metric,unit,direction,median,source\n";
const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    '"',
    '""',
    '"a',
    'a"b',
    "\r",
    "\n",
    "\r\n",
    "\t",
    ";",
    ",",
    "=1+1",
    "1,5",
    "1.234,5",
    "NaN",
    "-",
    "\u0000",
    "\ufeff"
  ),
  fc.double({ noNaN: false }).map(String)
);
const csvLike = fc
  .array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 })
  .map((rows) => header + rows.map((r) => r.join(",")).join("\n"));

describe("parser fuzzing", () => {
  it.each(KINDS)("random bytes as %s always give a report", async (kind) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => mustReport(kind, bytes)),
      { numRuns: 150 }
    );
  });

  it("CSV-like text with unbalanced quotes, stray delimiters and odd numbers gives a report", async () => {
    await fc.assert(
      fc.asyncProperty(csvLike, (text) => mustReport("csv", new TextEncoder().encode(text))),
      { numRuns: 300 }
    );
  });

  it("mixed encodings (UTF-8, BOMs, Windows-1252 bytes, UTF-16 fragments) give a report", async () => {
    const fragments = fc.array(
      fc.oneof(
        fc.string({ unit: "grapheme" }).map((s) => new TextEncoder().encode(s)),
        fc.constantFrom(
          new Uint8Array([0xef, 0xbb, 0xbf]),
          new Uint8Array([0xff, 0xfe]),
          new Uint8Array([0xe9, 0xfc]),
          new Uint8Array([0xc3]),
          new Uint8Array([0x00, 0x41])
        )
      ),
      { maxLength: 12 }
    );
    await fc.assert(
      fc.asyncProperty(fragments, async (parts) => {
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let offset = 0;
        for (const p of parts) {
          bytes.set(p, offset);
          offset += p.length;
        }
        for (const kind of ["csv", "json", "paste"] as const) await mustReport(kind, bytes);
      }),
      { numRuns: 150 }
    );
  });

  it("huge cells are reported with their row and column, not written", async () => {
    const huge = "x".repeat(40_000);
    const text = `${header}Bakeries,Gross margin,%,higher,0.5,"${huge}"\nBakeries,Net profit margin,%,higher,0.1,Own\n`;
    const report = validateSource(await parseSource({ kind: "csv", name: "huge.csv", text }));
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        row: 2,
        column: "F (source)",
        severity: "error",
        message: expect.stringMatching(/32,767/),
      })
    );
    expect(rowsToImport(report)).toEqual([]);
    expect(rowsToImport(report, "only-valid-rows").map((v) => v.metric)).toEqual([
      "Net profit margin",
    ]);
  });

  it("random JSON values and 2-D arrays give a report", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (json) => {
        await mustReport("json", new TextEncoder().encode(JSON.stringify(json)));
        const values = Array.isArray(json)
          ? (json as unknown[]).map((r) => (Array.isArray(r) ? r : [r]))
          : [[json]];
        const report = validateSource(
          await parseSource({ kind: "values", name: "fuzz.values", values })
        );
        if (!report.ok) expect(rowsToImport(report)).toEqual([]);
      }),
      { numRuns: 200 }
    );
  });
});

describe("hostile inputs through the pipeline", () => {
  const head = "industry,metric,unit,direction,median,source\n";
  const check = async (text: string, name = "hostile.csv") =>
    validateSource(await parseSource({ kind: "csv", name, text }));
  const errors = (report: Awaited<ReturnType<typeof check>>) =>
    report.problems.filter((p) => p.severity === "error");

  it.each(["1e309", "-1e400", "Infinity"])("rejects %j as a figure", async (figure) => {
    const report = await check(`${head}Bakeries,Widgets,count,higher,${figure},S\n`);
    expect(report.ok).toBe(false);
    expect(errors(report)[0]).toMatchObject({ row: 2, column: "E (median)" });
    const values = validateSource(
      await parseSource({
        kind: "values",
        name: "range",
        values: [
          ["industry", "metric", "unit", "direction", "median", "source"],
          ["Bakeries", "Widgets", "count", "higher", Infinity, "S"],
        ],
      })
    );
    expect(values.ok).toBe(false);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "never takes %j from Object.prototype as a unit or direction",
    async (word) => {
      const report = await check(`${head}Bakeries,Widgets,${word},${word},5,S\n`);
      expect(errors(report).map((p) => p.column)).toEqual(["C (unit)", "D (direction)"]);
      expect(rowsToImport(report, "only-valid-rows")).toEqual([]);
    }
  );

  it.each([
    ["U+FFFE", "Re\ufffetail"],
    ["U+FFFF", "Re\uffff"],
    ["a C0 control", "Re\u0007tail"],
    ["a lone surrogate", "Re\ud800tail"],
    ["NUL", "Ret\u0000ail"],
  ])(
    "refuses text holding %s instead of writing malformed XML or a look-alike",
    async (_, name) => {
      const report = await check(`${head}${name},Gross margin,,,0.5,S\n`);
      expect(errors(report)).toEqual([
        expect.objectContaining({
          row: 2,
          column: "A (industry)",
          message: expect.stringMatching(/U\+|NUL/),
        }),
      ]);
      expect(rowsToImport(report, "only-valid-rows")).toEqual([]);
    }
  );

  it("keeps tab, LF and CR, which XML allows", async () => {
    const report = await check(`${head}"Bakeries\tand\nco",Gross margin,,,0.5,S\n`);
    expect(report.ok).toBe(true);
  });

  it("zero-width characters do not make a second Retail", async () => {
    const report = await check(
      `${head}Retail,Gross margin,,,0.5,S\nRe\u200btail,Gross margin,,,0.6,S\n\ufeffRetail\u2060,Net profit margin,,,0.1,S\n`
    );
    expect(errors(report)).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringMatching(/Duplicate of row 2/) }),
    ]);
    const valid = rowsToImport(report, "only-valid-rows");
    expect(valid.map((v) => v.industry)).toEqual(["Retail", "Retail"]);
  });

  it("refuses a wide header longer than Excel's cell limit as a metric name", async () => {
    const long = "M".repeat(40_000);
    const text = `Industry Name,${long}\nAdvertising,0.5\n`;
    const parsed = await parseSource({ kind: "csv", name: "wide.csv", text });
    const report = validateSource(parsed, {
      wideMetrics: parsed.wideMetrics.map((m) => ({ ...m, needsConfirmation: false })),
      defaults: { source: "S" },
    });
    expect(report.problems.map((p) => p.message).join("\n")).toMatch(/40,000 characters long/);
    expect(report.problems.every((p) => p.message.length <= 400 && p.column.length <= 60)).toBe(
      true
    );
    expect(rowsToImport(report, "only-valid-rows")).toEqual([]);
  });

  it("a wide row with one bad cell gives none of its values (all or nothing)", async () => {
    const text =
      "Industry Name,Gross margin,Net profit margin,Days sales outstanding\nAdvertising,0.5,lots,40\nApparel,0.4,0.1,50\n";
    const parsed = await parseSource({ kind: "csv", name: "wide.csv", text });
    const report = validateSource(parsed, { defaults: { source: "S" } });
    const kept = rowsToImport(report, "only-valid-rows");
    expect(kept.map((v) => v.industry)).toEqual(["Apparel", "Apparel", "Apparel"]);
    expect(report.invalidRowCount).toBe(1);
  });

  it("a 50 MB single cell gets a clear message", async () => {
    const cell = "x".repeat(50 * 1024 * 1024);
    const report = await check(`${cell}\nBakeries,Gross margin\n`);
    expect(report.ok).toBe(false);
    expect(report.problems.every((p) => p.message.length <= 400)).toBe(true);
    expect(report.problems.map((p) => p.message).join("\n")).toMatch(/No column is mapped/);
  });

  it("error messages quote long cells truncated", async () => {
    const report = await check(`${head}Bakeries,Widgets,${"loaves".repeat(4000)},higher,1,S\n`);
    const message = errors(report)[0].message;
    expect(message).toMatch(/^Unknown unit "loavesloaves.*\.\.\."/);
    expect(message.length).toBeLessThan(200);
  });

  it("an unreadable workbook gets one message, not a mapping complaint after it", async () => {
    const parsed = await parseSource({
      kind: "xlsx",
      name: "broken.xlsx",
      bytes: new TextEncoder().encode("this is not a zip"),
    });
    const report = validateSource(parsed);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].message).toMatch(/not a readable \.xlsx workbook/);
  });

  it("refuses an .xlsx zip bomb before inflating it", async () => {
    const { buildZip } = await import("../fixtures/reference/zip");
    const bomb = buildZip([
      { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(64 << 20) },
    ]);
    const parsed = await parseSource({ kind: "xlsx", name: "bomb.xlsx", bytes: bomb });
    const report = validateSource(parsed);
    expect(report.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        message: expect.stringMatching(/expands \d+-fold/),
      }),
    ]);
  });

  it("a three-line semicolon file with two columns is read as semicolon-separated", async () => {
    const parsed = await parseSource({
      kind: "csv",
      name: "two-columns.csv",
      text: "industry;metric\nRetail;x\nHotels;y\n",
    });
    expect(parsed.delimiter).toBe(";");
    expect(parsed.headers).toEqual(["industry", "metric"]);
  });

  it("an unknown-direction quantile row printed best first is refused with a hint", async () => {
    const report = await check(
      "industry,metric,unit,direction,p25,median,p75,source\nShops,Sales to assets,ratio,higher,2.9,2.1,1.6,S\n"
    );
    expect(errors(report)[0].message).toMatch(/fall throughout: if lower is better/);
  });
});
