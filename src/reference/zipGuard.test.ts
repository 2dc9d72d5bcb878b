import ExcelJS from "exceljs";
import { buildZip } from "../../test/fixtures/reference/zip";
import { XLSX_LIMITS, checkZipLimits, readZipEntrySizes } from "./zipGuard";

describe("zip guard", () => {
  it("reads the central directory's sizes", () => {
    const zip = buildZip([
      { name: "a.xml", data: new Uint8Array(1000) },
      { name: "b.xml", data: new TextEncoder().encode("hello") },
    ]);
    const entries = readZipEntrySizes(zip);
    expect(Array.isArray(entries) && entries.map((e) => [e.name, e.uncompressed])).toEqual([
      ["a.xml", 1000],
      ["b.xml", 5],
    ]);
  });

  it("passes a real workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").addRow(["industry", "metric", "median", "source"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(checkZipLimits(bytes)).toBeUndefined();
  });

  it("refuses an entry that expands too far, by ratio and by declared size", () => {
    const bomb = buildZip([{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(8 << 20) }]);
    expect(checkZipLimits(bomb)).toMatch(/sheet1\.xml" expands \d+-fold/);
    const declared = buildZip([
      { name: "xl/sharedStrings.xml", data: new Uint8Array(10), declaredSize: 0xfffffff0 },
    ]);
    expect(checkZipLimits(declared)).toMatch(
      /expands to 4,096 MB; Crossbench reads parts up to 300 MB/
    );
    const many = buildZip(
      Array.from({ length: 3 }, (_, i) => ({
        name: `p${i}`,
        data: new Uint8Array(10),
        declaredSize: 150 << 20,
      }))
    );
    expect(checkZipLimits(many, { ...XLSX_LIMITS, maxRatio: Infinity })).toMatch(
      /expands to 450 MB; Crossbench reads workbooks up to 400 MB/
    );
  });

  it("says when bytes are not a zip at all", () => {
    expect(checkZipLimits(new TextEncoder().encode("industry,metric\n"))).toMatch(
      /not a readable \.xlsx workbook: it is not a zip archive/
    );
  });
});
