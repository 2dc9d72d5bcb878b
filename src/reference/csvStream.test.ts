import { readFileSync, readdirSync } from "fs";
import path from "path";
import { checkCsvStream } from "./csvStream";
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
