import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import path from "path";
import {
  acceptWideGuesses,
  parseSource,
  rowsToImport,
  validateSource,
  formatReport,
  serializeMapping,
  parseMapping,
} from "../../src/reference/importPipeline";
import { parseNumberCell } from "../../src/reference/validate";
import { detectHeader, isIndustryNameHeader, suggestMapping } from "../../src/reference/mapping";
import { CANONICAL_HEADERS } from "../../src/reference/canonical";

const samples = path.join(__dirname, "../../samples");
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(samples, name)));

describe("canonical sample", () => {
  it("parses and validates with no errors", async () => {
    const parsed = await parseSource({
      kind: "csv",
      name: "reference-canonical.csv",
      bytes: sample("reference-canonical.csv"),
    });
    expect(parsed.layout).toBe("long");
    expect(parsed.headers).toEqual(CANONICAL_HEADERS);
    CANONICAL_HEADERS.forEach((field) =>
      expect(parsed.suggestedMapping[field as keyof typeof parsed.suggestedMapping]).toBe(field)
    );
    const report = validateSource(parsed);
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.valid).toHaveLength(7);
    const margin = report.valid[0].value;
    expect(margin).toMatchObject({
      industry: "Bakeries",
      industryCode: "311811",
      metric: "Gross margin",
      unit: "%",
      direction: "higher",
      year: 2025,
      n: 48,
      illustrative: true,
    });
    expect(margin.statistics).toEqual({
      p10: 0.42,
      p25: 0.48,
      median: 0.55,
      p75: 0.61,
      p90: 0.66,
      mean: 0.54,
    });
    expect(report.valid[5].value.statistics).toEqual({ value: 0.031 });
    expect(report.valid[4].row).toBe(6);
  });
});

describe("sample with errors", () => {
  const expected: [number, RegExp, RegExp][] = [
    [3, /^A \(industry\)$/, /Duplicate of row 2/],
    [4, /^C \(unit\)$/, /Unknown unit "loaves"/],
    [5, /^D \(direction\)$/, /Unknown direction "sideways"/],
    [6, /^H \(median\)$/, /median must be a number; found "about 11"/],
    [7, /^H \(median\)$/, /out of order: median \(0.31\) is below p25 \(0.35\)/],
    [8, /^K \(n\)$/, /whole number/],
    [8, /^L \(source\)$/, /source is missing/],
    [9, /^A \(industry\)$/, /industry is missing/],
    [10, /^E \(year\)$/, /year must be a whole number/],
  ];

  it.each(expected)("reports row %p column %p: %p", async (row, column, message) => {
    const parsed = await parseSource({
      kind: "csv",
      name: "reference-with-errors.csv",
      bytes: sample("reference-with-errors.csv"),
    });
    const report = validateSource(parsed);
    const match = report.problems.find(
      (p) => p.row === row && column.test(p.column) && message.test(p.message)
    );
    expect(match).toMatchObject({ file: "reference-with-errors.csv", severity: "error" });
  });

  it("reports every error, warns about formula-like text and writes nothing unless asked", async () => {
    const parsed = await parseSource({
      kind: "csv",
      name: "reference-with-errors.csv",
      bytes: sample("reference-with-errors.csv"),
    });
    const report = validateSource(parsed);
    expect(report.ok).toBe(false);
    expect(report.errorCount).toBe(expected.length);
    expect(report.invalidRowCount).toBe(8);
    expect(report.problems.find((p) => p.row === 11 && p.severity === "warning")?.message).toMatch(
      /stored as text/
    );
    expect(rowsToImport(report)).toEqual([]);
    const onlyValid = rowsToImport(report, "only-valid-rows");
    expect(onlyValid.map((v) => v.metric)).toEqual(["Gross margin", "Stockout rate"]);
    expect(onlyValid[1].source).toBe('=HYPERLINK("http://evil.example","click")');
    expect(formatReport(report)).toMatch(
      /ERROR reference-with-errors.csv, row 6, column H \(median\): median must be a number/
    );
  });
});

describe("wide layout", () => {
  it("finds the header below title rows despite a typo and double space, and guesses units", async () => {
    const parsed = await parseSource({
      kind: "csv",
      name: "reference-wide.csv",
      bytes: sample("reference-wide.csv"),
    });
    expect(parsed.layout).toBe("wide");
    expect(parsed.headerRow).toBe(4);
    const byHeader = Object.fromEntries(parsed.wideMetrics.map((m) => [m.header, m]));
    expect(byHeader["Number of firms"]).toMatchObject({ role: "sample size" });
    expect(byHeader["Gross Margin"]).toMatchObject({
      role: "metric",
      metric: "Gross margin",
      unit: "%",
      direction: "higher",
      needsConfirmation: false,
    });
    expect(byHeader["Pre-tax Operating Margin"]).toMatchObject({
      unit: "%",
      direction: "higher",
      needsConfirmation: true,
    });
    expect(byHeader["Days Sales Outstanding"]).toMatchObject({
      metric: "Days sales outstanding",
      unit: "days",
      direction: "lower",
    });
  });

  it("refuses unconfirmed guesses and a missing source, then imports one value per cell", async () => {
    const parsed = await parseSource({
      kind: "csv",
      name: "reference-wide.csv",
      bytes: sample("reference-wide.csv"),
    });
    const unconfirmed = validateSource(parsed);
    expect(unconfirmed.ok).toBe(false);
    expect(unconfirmed.problems.map((p) => p.message).join("\n")).toMatch(
      /Confirm the unit \(%\) and direction \(higher is better\) of "Pre-tax Operating Margin"/
    );
    expect(unconfirmed.problems.map((p) => p.message).join("\n")).toMatch(/give the source/);
    const report = validateSource(parsed, {
      wideMetrics: acceptWideGuesses(parsed.wideMetrics),
      defaults: { source: "Example ratios (fictional)", year: 2025, illustrative: true },
    });
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(report.valid).toHaveLength(6 * 3);
    expect(report.valid[0]).toMatchObject({
      row: 5,
      value: {
        industry: "Advertising",
        metric: "Gross margin",
        unit: "%",
        statistics: { value: 0.2764 },
        n: 55,
        year: 2025,
      },
    });
  });

  it("reads the same wide table from an .xlsx, with fractions as numbers and formulas as their results", async () => {
    const ExcelJSModule = (await import("exceljs")).default;
    const workbook = new ExcelJSModule.Workbook();
    const sheet = workbook.addWorksheet("Ratios");
    sheet.addRow(["Operating and Margin Ratios by Industry"]);
    sheet.addRow(["Data as of January 2025"]);
    sheet.addRow([]);
    sheet.addRow([
      " Industry Name ",
      "Number of firms",
      "Gross Margin",
      "Pre-tax Operating Margin",
    ]);
    sheet.addRow(["Advertising", 55, 0.2764, 0.0812]);
    sheet.addRow(["Apparel", 39, { formula: "0.5+0.0312", result: 0.5312 }, 0.0921]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parseSource({ kind: "xlsx", name: "ratios.xlsx", bytes });
    expect(parsed).toMatchObject({ layout: "wide", headerRow: 4, sheet: "Ratios" });
    const report = validateSource(parsed, {
      wideMetrics: acceptWideGuesses(parsed.wideMetrics),
      defaults: { source: "Example (fictional)" },
    });
    expect(report.ok).toBe(true);
    expect(
      report.valid.map((v) => [
        v.row,
        v.value.industry,
        v.value.metric,
        v.value.statistics.value,
        v.value.n,
      ])
    ).toEqual([
      [5, "Advertising", "Gross margin", 0.2764, 55],
      [5, "Advertising", "Pre-tax Operating Margin", 0.0812, 55],
      [6, "Apparel", "Gross margin", 0.5312, 39],
      [6, "Apparel", "Pre-tax Operating Margin", 0.0921, 39],
    ]);
  });

  it.each([
    "Industry Name",
    "  industry   name ",
    "Industy Name",
    "INDUSTRY_NAME",
    "Industry Nmae",
  ])("recognises %p as the industry-name header", (header) => {
    expect(isIndustryNameHeader(header)).toBe(true);
  });
  it.each(["Industry", "Name", "Company name", ""])("does not take %p for it", (header) => {
    expect(isIndustryNameHeader(header)).toBe(false);
  });
});

describe("mapping suggestions", () => {
  it("maps other spellings and typos, each header once, and round-trips through settings text", () => {
    const mapping = suggestMapping([
      "Sector",
      "KPI",
      "Unit of measure",
      "Lower Quartile",
      "Medain",
      "Upper quartile",
      "Sample size",
      "Publisher",
      "Comments",
    ]);
    expect(mapping).toMatchObject({
      industry: "Sector",
      metric: "KPI",
      unit: "Unit of measure",
      p25: "Lower Quartile",
      median: "Medain",
      p75: "Upper quartile",
      n: "Sample size",
      source: "Publisher",
      notes: "Comments",
      p10: null,
      year: null,
    });
    expect(parseMapping(serializeMapping(mapping))).toEqual(mapping);
    expect(parseMapping("not json")).toBeUndefined();
    expect(parseMapping('{"industry": 3, "metric": "KPI", "bogus": "x"}')).toEqual({
      metric: "KPI",
    });
  });

  it("skips title rows to find a long header", () => {
    expect(
      detectHeader([
        ["My survey"],
        [],
        ["Industry", "Metric", "Median", "Source"],
        ["A", "B", 1, "S"],
      ])
    ).toEqual({ layout: "long", headerIndex: 2 });
  });

  it("validates an edited mapping", async () => {
    const text =
      "Sector;KPI;Middle value;Where from\nBakeries;Gross margin;0,55;Own data\nBakeries;Net profit margin;1.234,5;Own data\n";
    const parsed = await parseSource({ kind: "csv", name: "semi.csv", text });
    expect(parsed.delimiter).toBe(";");
    expect(parsed.decimalComma).toBe(true);
    const report = validateSource(parsed, {
      mapping: { ...parsed.suggestedMapping, median: "Middle value", source: "Where from" },
    });
    expect(report.valid.map((v) => v.value.statistics.median)).toEqual([0.55, 1234.5]);
    expect(report.problems.some((p) => /whole-number percent/.test(p.message) && p.row === 3)).toBe(
      true
    );
    const wrong = validateSource(parsed, {
      mapping: { industry: "Sector", metric: "KPI", median: "Nope" },
    });
    expect(wrong.problems.map((p) => p.message).join("\n")).toMatch(
      /sends "Nope" to median, but the header row has no such column/
    );
    expect(wrong.valid).toEqual([]);
  });
});

describe("numbers", () => {
  it.each([
    [" 12.5 ", false, 12.5],
    ["1,234.5", false, 1234.5],
    ["1.234,5", true, 1234.5],
    ["0,25", true, 0.25],
    ["35%", false, 0.35],
    ["(120)", false, -120],
    ["1e3", false, 1000],
    ["-0.5", false, -0.5],
    ["", false, undefined],
    [null, false, undefined],
    [7, false, 7],
  ] as const)("reads %p (decimal comma %p) as %p", (cell, comma, expected) => {
    expect(parseNumberCell(cell, comma)).toBe(expected);
  });
  it.each(["abc", "1,2,3", "12..5", "=1+1", "-1+1", "+1+1", "1 2", "0x10", "Infinity"])(
    "refuses %p",
    (cell) => {
      expect(parseNumberCell(cell, false)).toBeNaN();
    }
  );
});

describe("other sources", () => {
  const canonicalCsv = readFileSync(path.join(samples, "reference-canonical.csv"), "utf8");

  async function xlsxFrom(rows: unknown[][], extraSheet = true): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    if (extraSheet) workbook.addWorksheet("Notes").getCell("A1").value = "read me";
    const sheet = workbook.addWorksheet("Data");
    rows.forEach((r) => sheet.addRow(r));
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it("reads the same rows from CSV with a BOM, TSV paste, JSON, XLSX and a values array", async () => {
    const baseline = validateSource(
      await parseSource({ kind: "csv", name: "a.csv", text: canonicalCsv })
    ).valid.map((v) => v.value);
    const rows = (await parseSource({ kind: "csv", name: "a.csv", text: canonicalCsv })).table.rows;
    const tsv = rows.map((r) => r.join("\t")).join("\r\n");
    const objects = rows
      .slice(1)
      .map((r) =>
        Object.fromEntries(rows[0].map((h, i) => [String(h), r[i] === "" ? null : r[i]]))
      );
    const numericRows = rows.map((r, i) =>
      i === 0
        ? r
        : r.map((c) =>
            typeof c === "string" && c !== "" && !Number.isNaN(Number(c))
              ? Number(c)
              : c === ""
                ? null
                : c
          )
    );
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(canonicalCsv)]);
    const sources = [
      await parseSource({ kind: "csv", name: "bom.csv", bytes: bom }),
      await parseSource({ kind: "paste", name: "pasted", text: tsv }),
      await parseSource({ kind: "json", name: "a.json", text: JSON.stringify({ rows: objects }) }),
      await parseSource({
        kind: "xlsx",
        name: "a.xlsx",
        bytes: await xlsxFrom(numericRows),
        sheet: "Data",
      }),
      await parseSource({ kind: "values", name: "Sheet1!A1:T8", values: numericRows }),
    ];
    for (const parsed of sources) {
      const report = validateSource(parsed);
      expect({
        file: parsed.file,
        errors: report.problems.filter((p) => p.severity === "error"),
      }).toEqual({ file: parsed.file, errors: [] });
      expect(report.valid.map((v) => v.value)).toEqual(baseline);
    }
  });

  it("lists an .xlsx's sheets and reports a missing sheet", async () => {
    const bytes = await xlsxFrom([
      ["industry", "metric", "median", "source"],
      ["A", "Gross margin", 0.3, "S"],
    ]);
    const parsed = await parseSource({ kind: "xlsx", name: "b.xlsx", bytes, sheet: "Nope" });
    expect(parsed.sheets).toEqual(["Notes", "Data"]);
    expect(parsed.problems[0].message).toMatch(/no sheet named "Nope"/);
    const first = await parseSource({ kind: "xlsx", name: "b.xlsx", bytes });
    // Opened on the sheet that holds a table, not on the "Notes" sheet in front of it.
    expect(first.sheet).toBe("Data");
  });

  it("reads Windows-1252 bytes with a warning and UTF-16 with a BOM", async () => {
    const latin = new Uint8Array([
      ...new TextEncoder().encode("industry,metric,median,source\nCaf"),
      0xe9,
      ...new TextEncoder().encode("s,Gross margin,0.3,Own\n"),
    ]);
    const parsed = await parseSource({ kind: "csv", name: "latin.csv", bytes: latin });
    expect(parsed.problems[0]).toMatchObject({ severity: "warning" });
    expect(validateSource(parsed).valid[0].value.industry).toBe("Cafés");
    const text = "industry,metric,median,source\nCafés,Gross margin,0.3,Own\n";
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    expect(
      validateSource(await parseSource({ kind: "csv", name: "u16.csv", bytes: utf16 })).valid[0]
        .value.industry
    ).toBe("Cafés");
  });

  it.each([
    ["json", "{ not json", /not valid JSON/],
    ["json", '{"a": 1}', /array of rows/],
    ["xlsx", "definitely not a zip", /not a readable .xlsx/],
    ["csv", "", /empty/],
  ] as const)("reports an unreadable %s source", async (kind, text, message) => {
    const parsed = await parseSource({
      kind,
      name: `bad.${kind}`,
      bytes: new TextEncoder().encode(text),
    });
    const report = validateSource(parsed);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join("\n")).toMatch(message);
    expect(rowsToImport(report)).toEqual([]);
  });
});

describe("header synonyms from the field table", () => {
  it("maps deciles, quartiles and common survey spellings", () => {
    const mapping = suggestMapping([
      "Sector",
      "Ratio",
      "Lower decile",
      "Lower quartile",
      "Median",
      "Upper quartile",
      "Upper decile",
      "Number of statements",
      "Publisher",
    ]);
    expect(mapping).toMatchObject({
      industry: "Sector",
      metric: "Ratio",
      p10: "Lower decile",
      p25: "Lower quartile",
      median: "Median",
      p75: "Upper quartile",
      p90: "Upper decile",
      n: "Number of statements",
      source: "Publisher",
    });
  });
});
