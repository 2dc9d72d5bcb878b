import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildZip } from "../../test/fixtures/reference/zip";
import { parseXlsxBytes } from "./xlsxReader";
import { XLSX_LIMITS, checkInflatedSizes, checkZipLimits, readZipEntrySizes } from "./zipGuard";

/**
 * A workbook-shaped zip (built by jszip) whose sheet inflates to `realBytes` but whose local and
 * central headers both claim `claimedBytes`: the lie checkZipLimits cannot see.
 */
async function lyingZip(realBytes: number, claimedBytes: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("xl/worksheets/sheet1.xml", new Uint8Array(realBytes));
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
  const named = (at: number, nameLength: number, nameAt: number): boolean =>
    nameLength === name.length && name.every((b, i) => bytes[at + nameAt + i] === b);
  let patched = 0;
  for (let at = 0; at + 46 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && named(at, view.getUint16(at + 26, true), 30)) {
      view.setUint32(at + 22, claimedBytes, true);
      patched++;
    } else if (signature === 0x02014b50 && named(at, view.getUint16(at + 28, true), 46)) {
      view.setUint32(at + 24, claimedBytes, true);
      patched++;
    }
  }
  expect(patched).toBe(2);
  return bytes;
}

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

  describe("sizes that lie", () => {
    it("refuses a part that inflates beyond what its headers declare, which checkZipLimits passes", async () => {
      const bytes = await lyingZip(16 << 20, 1000);
      expect(checkZipLimits(bytes)).toBeUndefined();
      const entries = readZipEntrySizes(bytes);
      expect(Array.isArray(entries) && entries.find((e) => e.name.endsWith("sheet1.xml"))).toEqual(
        expect.objectContaining({ uncompressed: 1000 })
      );
      expect(await checkInflatedSizes(bytes)).toMatch(
        /^The workbook part "xl\/worksheets\/sheet1\.xml" expands beyond the 1,000 bytes it declares \(stopped at [\d,]+ (bytes|MB)\): the file is damaged or built to exhaust memory, and it was not opened\.$/
      );
    });

    it("stops at the limit when the lie is within the declared limits", async () => {
      const bytes = await lyingZip(8 << 20, 1 << 20);
      const limits = { ...XLSX_LIMITS, maxRatio: Infinity, maxTotalBytes: 2 << 20 };
      expect(checkZipLimits(bytes, limits)).toBeUndefined();
      expect(await checkInflatedSizes(bytes, limits)).toMatch(
        /sheet1\.xml" expands beyond the 1 MB it declares \(stopped at [12] MB\)/
      );
    });

    it("passes honest archives and real workbooks", async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet("Data").addRow(["industry", "metric", "median", "source"]);
      const real = new Uint8Array(await workbook.xlsx.writeBuffer());
      expect(await checkInflatedSizes(real)).toBeUndefined();
      expect(await checkInflatedSizes(await lyingZip(5000, 5000))).toBeUndefined();
    });

    it("is what the .xlsx reader says, before exceljs sees the bytes", async () => {
      const table = await parseXlsxBytes(await lyingZip(16 << 20, 1000), "bomb.xlsx");
      expect(table.rows).toEqual([]);
      expect(table.problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/sheet1\.xml" expands beyond the 1,000 bytes it declares/),
      ]);
    });
  });
});
