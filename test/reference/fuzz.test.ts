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
