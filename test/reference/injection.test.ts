/**
 * OWASP CSV-injection payloads through every import path, end to end: source -> parseSource ->
 * validateSource -> writeReferenceRows -> the Excel double's cells (text, never formulas), and the
 * double's cells exported to .xlsx and recalculated by LibreOffice (still text).
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import Papa from "papaparse";
import { createExcelDouble, ExcelDouble } from "../excel-double";
import { describeWithLibreOffice, recalculateXlsx } from "../support/libreoffice";
import { CANONICAL_HEADERS } from "../../src/reference/canonical";
import {
  parseSource,
  rowsToImport,
  validateSource,
  SourceInput,
} from "../../src/reference/importPipeline";
import {
  REFERENCE_SHEET,
  REFERENCE_TABLE,
  writeReferenceRows,
} from "../../src/excel/referenceWriter";
import { resetReferenceTableSyncForTests } from "../../src/excel/referenceSync";
import { toCanonicalCsv } from "../../src/reference/exportCsv";
import { columnLetter } from "../../src/reference/importProblem";

export const OWASP_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "+1+1",
  "-1+1",
  "\t=2+2",
  "\r=3+3",
  "\t\r-4+4",
  '=HYPERLINK("http://evil.example","x")',
  "=1+1",
];
const TEXT_COLUMNS = ["industry", "region", "source", "notes"] as const;

const header = ["industry", "metric", "region", "median", "source", "notes"];
// Each payload is its own industry (the duplicate key must differ) and also fills region, source and notes.
const dataRows = OWASP_PAYLOADS.map((payload, i) => [
  payload,
  "Gross margin",
  payload,
  0.3 + i / 100,
  payload,
  payload,
]);

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Data");
  rows.forEach((r) => sheet.addRow(r));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function sources(): Promise<SourceInput[]> {
  const table = [header, ...dataRows];
  return [
    { kind: "csv", name: "payloads.csv", bytes: new TextEncoder().encode(Papa.unparse(table)) },
    {
      kind: "csv",
      name: "payloads-semicolon.csv",
      text: Papa.unparse(
        table.map((r) => r.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : c))),
        { delimiter: ";" }
      ),
    },
    { kind: "paste", name: "pasted", text: Papa.unparse(table, { delimiter: "\t" }) },
    {
      kind: "json",
      name: "payloads.json",
      text: JSON.stringify(
        dataRows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
      ),
    },
    { kind: "xlsx", name: "payloads.xlsx", bytes: await xlsxBytes(table) },
    { kind: "values", name: "Sheet1!A1:F9", values: table },
  ];
}

/** The text each payload must arrive as: validation trims surrounding whitespace (tab, CR). */
const expectedText = (payload: string): string => payload.trim();

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble();
  double.install();
  resetReferenceTableSyncForTests();
});
afterEach(() => {
  double.uninstall();
  resetReferenceTableSyncForTests();
});

async function importThrough(source: SourceInput): Promise<void> {
  const parsed = await parseSource(source);
  const report = validateSource(parsed);
  expect({
    source: source.name,
    errors: report.problems.filter((p) => p.severity === "error"),
  }).toEqual({ source: source.name, errors: [] });
  expect(report.valid).toHaveLength(OWASP_PAYLOADS.length);
  await writeReferenceRows(rowsToImport(report));
}

function tableCells(): {
  address: string;
  column: string;
  value: unknown;
  formula?: string;
  valueType: string;
}[] {
  const table = double.state.table(REFERENCE_TABLE)!;
  const firstRow = Number(/(\d+)/.exec(table.dataAddress.split("!")[1])![1]);
  const cells = [];
  for (const column of TEXT_COLUMNS) {
    const letter = columnLetter(CANONICAL_HEADERS.indexOf(column));
    for (let r = 0; r < table.rows.length; r++) {
      const address = `${letter}${firstRow + r}`;
      const cell = double.state.cell(REFERENCE_SHEET, address);
      cells.push({
        address,
        column,
        value: cell.value,
        formula: cell.formula,
        valueType: cell.valueType,
      });
    }
  }
  return cells;
}

describe("OWASP payloads through every import path into the workbook", () => {
  it.each([0, 1, 2, 3, 4, 5])(
    "source #%p stores every payload as text, not a formula",
    async (index) => {
      const source = (await sources())[index];
      await importThrough(source);
      const cells = tableCells();
      expect(cells).toHaveLength(OWASP_PAYLOADS.length * TEXT_COLUMNS.length);
      for (const cell of cells) {
        expect({ at: cell.address, formula: cell.formula, type: cell.valueType }).toEqual({
          at: cell.address,
          formula: undefined,
          type: "String",
        });
      }
      const industries = double.state
        .table(REFERENCE_TABLE)!
        .rows.map((r) => r[CANONICAL_HEADERS.indexOf("industry")]);
      expect(industries).toEqual(OWASP_PAYLOADS.map(expectedText));
    }
  );

  it("would have been formulas without neutralisation (the double is not lenient)", () => {
    double.state.addSheet("Probe");
    double.state.setValues("Probe", "A1:D1", [["=1+1", "+1+1", "-1+1", "@SUM(1+1)"]]);
    for (const address of ["A1", "B1", "C1", "D1"])
      expect(double.state.cell("Probe", address).formula).toBeDefined();
  });

  it("neutralises payloads in the canonical CSV export and reads them back unchanged", async () => {
    const parsed = await parseSource((await sources())[0]);
    const values = rowsToImport(validateSource(parsed));
    const csv = toCanonicalCsv(values);
    for (const payload of OWASP_PAYLOADS)
      expect(csv).toContain(`'${expectedText(payload).replace(/"/g, '""')}`);
    const again = rowsToImport(
      validateSource(await parseSource({ kind: "csv", name: "roundtrip.csv", text: csv }))
    );
    expect(again).toEqual(values);
  });
});

describeWithLibreOffice("OWASP payloads in an exported .xlsx opened by LibreOffice", () => {
  it("keeps every imported payload as text after a full recalculation", async () => {
    await importThrough((await sources())[0]);
    const table = double.state.table(REFERENCE_TABLE)!;
    const [sheetName, range] = table.address.split("!");
    expect(sheetName.replace(/'/g, "")).toBe(REFERENCE_SHEET);
    const [start, end] = range.split(":");
    const lastRow = Number(/\d+/.exec(end)![0]);
    const firstRow = Number(/\d+/.exec(start)![0]);

    // Export the double's cells as they are: formulas as formulas, everything else as values.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Reference");
    for (let r = firstRow; r <= lastRow; r++) {
      for (let c = 0; c < CANONICAL_HEADERS.length; c++) {
        const address = `${columnLetter(c)}${r}`;
        const cell = double.state.cell(REFERENCE_SHEET, address);
        sheet.getCell(address).value = cell.formula
          ? { formula: cell.formula.slice(1) }
          : cell.value === ""
            ? null
            : cell.value;
      }
    }
    // Control: a real formula in the same file, proving LibreOffice does evaluate formulas here.
    sheet.getCell("Z1").value = { formula: "1+1" };
    const dir = mkdtempSync(path.join(os.tmpdir(), "crossbench-owasp-"));
    const input = path.join(dir, "reference.xlsx");
    await workbook.xlsx.writeFile(input);

    const output = await recalculateXlsx(input, path.join(dir, "out"));
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(output);
    const recalculated = back.getWorksheet("Reference")!;
    expect((recalculated.getCell("Z1").value as { result: number }).result).toBe(2);
    for (const column of TEXT_COLUMNS) {
      const letter = columnLetter(CANONICAL_HEADERS.indexOf(column));
      OWASP_PAYLOADS.forEach((payload, i) => {
        const at = `${letter}${firstRow + 1 + i}`;
        const { type, value } = recalculated.getCell(at);
        expect({ at, type, value }).toEqual({
          at,
          type: ExcelJS.ValueType.String,
          value: expectedText(payload),
        });
      });
    }
  });
});
