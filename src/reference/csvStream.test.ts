import { readFileSync, readdirSync } from "fs";
import path from "path";
import {
  checkCsvPart,
  checkCsvStream,
  combineCsvParts,
  prepareCsvStream,
  splitPreparedCsv,
  StreamCheckOptions,
} from "./csvStream";
import { suggestMapping } from "./mapping";
import { parseSource, rowsToImport, validateSource } from "./importPipeline";
import type { ReferenceValue } from "./model";

function streamed(text: string, decimal?: "," | ".") {
  const values: ReferenceValue[] = [];
  let restarts = 0;
  const check = checkCsvStream(
    new TextEncoder().encode(text),
    "s.csv",
    decimal ? { decimal } : {},
    {
      value: (value) => values.push(value),
      restart: () => {
        restarts++;
        values.length = 0;
      },
    }
  );
  return { check, values, restarts };
}

describe("streamed CSV check", () => {
  const corpus = path.join(__dirname, "../../test/fixtures/reference");
  const samples = path.join(__dirname, "../../samples");
  const longCsvs = [
    ...readdirSync(corpus)
      .filter((f) => f.endsWith(".csv") && !f.includes("expected") && !f.startsWith("wide"))
      .map((f) => path.join(corpus, f)),
    path.join(samples, "reference-canonical.csv"),
    path.join(samples, "reference-with-errors.csv"),
  ];

  it.each(longCsvs)("gives the whole-table path's values and counts for %s", async (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const whole = validateSource(await parseSource({ kind: "csv", name: "s.csv", bytes }));
    const values: ReferenceValue[] = [];
    const check = checkCsvStream(
      bytes,
      "s.csv",
      {},
      {
        value: (v) => values.push(v),
        restart: () => (values.length = 0),
      }
    );
    expect(values).toEqual(rowsToImport(whole, "only-valid-rows"));
    expect(check?.report).toMatchObject({
      ok: whole.ok,
      errorCount: whole.errorCount,
      warningCount: whole.warningCount,
      validCount: whole.validCount,
      rowsRead: whole.rowsRead,
    });
    expect(check?.report.problems).toEqual(whole.problems);
  });

  it("checks again when cells after the first megabyte decide the decimal mark", () => {
    const head = "industry;metric;unit;direction;median;source\n";
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `Shop ${i};Widgets;count;higher;1.500;S\n`
    );
    const { check, values, restarts } = streamed(
      `${head}${rows.join("")}Last;Widgets;count;higher;0,5;S\n`
    );
    expect(restarts).toBe(1);
    expect(check?.numberConvention).toMatchObject({ decimal: ",", decidedBy: "file" });
    expect(values[0].statistics.median).toBe(1500);
    expect(values[values.length - 1].statistics.median).toBe(0.5);
  });

  // The quote-free fast path splits lines itself; it must number rows and cut cells as papaparse does.
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])(
    "reads %s files with blank lines and no final newline as the whole-table path does",
    async (_, nl) => {
      const text = [
        "industry,metric,unit,direction,median,source",
        "Shops,Widgets,count,higher,5,S",
        "",
        "Cafes,Widgets,count,higher,x,S",
        "Shops,Widgets,count,higher,6,S",
        ",,,",
        "Bars,Widgets,count,higher,7,S",
      ].join(nl);
      const bytes = new TextEncoder().encode(text);
      const whole = validateSource(await parseSource({ kind: "csv", name: "s.csv", bytes }));
      const { check, values } = streamed(text);
      expect(values).toEqual(rowsToImport(whole, "only-valid-rows"));
      expect(values.map((v) => v.industry)).toEqual(["Shops", "Bars"]);
      expect(check?.report.problems).toEqual(whole.problems);
      expect(check?.report.problems.map((p) => p.row)).toEqual([4, 5]);
    }
  );

  it("leaves wide and unrecognised files to the whole-table path", () => {
    expect(streamed("Industry Name,Gross margin\nA,0.5\n").check).toBeUndefined();
    expect(streamed("a,b\n1,2\n").check).toBeUndefined();
  });
});

describe("a long file checked in parts", () => {
  const header = "industry,metric,unit,direction,year,median,n,source";
  const row = (i: number, year = 2024) =>
    `Industry ${i % 50},Metric ${Math.floor(i / 50)},ratio,higher,${year},${(i % 37) + 0.5},${i % 90},Survey`;
  const file = (lines: string[], newline = "\n") =>
    new TextEncoder().encode([`Title row`, "", header, ...lines].join(newline) + newline);

  function inParts(bytes: Uint8Array, count: number, options: StreamCheckOptions = {}) {
    const prepared = prepareCsvStream(bytes, "s.csv", options)!;
    const parts = splitPreparedCsv(prepared, count)!;
    const values: ReferenceValue[] = [];
    const results = parts.map((part) =>
      checkCsvPart(part, { value: (v) => values.push(v), restart: () => {} })
    );
    return { parts, values, check: combineCsvParts(prepared, results) };
  }

  it.each([
    [2, "\n"],
    [3, "\r\n"],
    [4, "\r"],
  ])("gives one pass's report and values in %i parts (line break %j)", (count, newline) => {
    const bytes = file(
      Array.from({ length: 3000 }, (_, i) => row(i)),
      newline
    );
    const one = streamed(new TextDecoder().decode(bytes));
    const split = inParts(bytes, count);
    expect(split.parts).toHaveLength(count);
    expect(split.check).toEqual(one.check);
    expect(split.values).toEqual(one.values);
  });

  it("keeps the rows' numbers in the file", () => {
    const bytes = file(Array.from({ length: 2000 }, (_, i) => row(i)));
    const { parts } = inParts(bytes, 2);
    const firstOfSecond = parts[0].text.split("\n").length; // lines of part 1, plus one
    expect(parts[1].linesBefore).toBe(firstOfSecond - 1);
    expect(parts[0].text + parts[1].text).toBe(new TextDecoder().decode(bytes));
  });

  it("gives up (one pass instead) when a key of one part is used in another", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => row(i));
    lines.push(row(3));
    expect(inParts(file(lines), 2).check).toBeUndefined();
    expect(
      streamed(new TextDecoder().decode(file(lines))).check?.report.problems[0].message
    ).toMatch(/^Duplicate of row 7:/);
  });

  it.each([2, 3, 4])(
    "gives one pass's problems, counts and values in %i parts when rows have errors and warnings",
    (count) => {
      const lines = Array.from({ length: 3000 }, (_, i) => `${row(i)},ref ${i}`);
      lines[10] = lines[10].replace(",ratio,", ",furlongs,"); // an error in the first part
      lines[2900] = lines[2900].replace(",Survey,", ","); // a wrong column count
      lines[1600] = lines[1600].replace(/,\d+\.5,/, ",twelve,");
      lines[2200] = lines[2200].replace(/^Industry \d+/, "All industries"); // skipped, with a warning
      for (const at of [700, 1700, 2700]) lines[at] = lines[at].replace(/,\d+\.5,/, ",1.500,");
      lines[2500] = lines[2500].replace(",ratio,", ",%,"); // a percentage given as a whole number
      const bytes = new TextEncoder().encode(
        [`${header},internal ref`, ...lines].join("\n") + "\n"
      );
      const one = streamed(new TextDecoder().decode(bytes));
      expect(one.check!.report.errorCount).toBeGreaterThan(1);
      expect(one.check!.report.skippedRowCount).toBe(1);
      expect(one.check!.report.problems.map((p) => p.message).join("\n")).toMatch(
        /Columns not imported[\s\S]*3 cells such as "1.500"/
      );
      const split = inParts(bytes, count);
      expect(split.parts).toHaveLength(count);
      expect(split.check).toEqual(one.check);
      expect(split.values).toEqual(one.values);
    }
  );

  it("keeps the first 10,000 problems of all parts together, and counts the rest", () => {
    // Rows with percentages given as whole numbers: one warning each.
    const lines = Array.from({ length: 12_000 }, (_, i) => row(i).replace(",ratio,", ",%,"));
    const bytes = file(lines);
    const one = streamed(new TextDecoder().decode(bytes));
    expect(one.check!.report.warningCount).toBeGreaterThan(11_000);
    expect(one.check!.report.problems).toHaveLength(10_000);
    expect(inParts(bytes, 3).check).toEqual(one.check);
  });

  it("gives up when the mapping has an error (one pass checks no row then)", () => {
    const bytes = file(Array.from({ length: 2000 }, (_, i) => row(i)));
    const mapping = { ...suggestMapping(header.split(",")), metric: "Measure" };
    expect(inParts(bytes, 2, { mapping }).check).toBeUndefined();
    expect(inParts(bytes, 2).check).toBeDefined();
  });

  it("gives up when cells after the first megabyte decide another decimal mark", () => {
    // Semicolons and whole numbers first (read with decimal commas by default), then 12.75s.
    const semicolon = (i: number, median: string) =>
      `Industry ${i % 50};Metric ${Math.floor(i / 50)};ratio;higher;2024;${median};7;Survey`;
    const lines = Array.from({ length: 34000 }, (_, i) =>
      semicolon(i, i < 30000 ? String(i % 37) : "12.75")
    );
    const bytes = new TextEncoder().encode([header.replace(/,/g, ";"), ...lines].join("\n"));
    expect(inParts(bytes, 2).check).toBeUndefined();
    expect(streamed(new TextDecoder().decode(bytes)).restarts).toBe(1);
  });

  it("cannot split a file with quotes (a quoted cell may hold a line break)", () => {
    const bytes = file([
      ...Array.from({ length: 100 }, (_, i) => row(i)),
      `"Cafes, small",x,ratio,higher,2024,1,2,S`,
    ]);
    expect(splitPreparedCsv(prepareCsvStream(bytes, "s.csv", {})!, 2)).toBeUndefined();
  });
});
