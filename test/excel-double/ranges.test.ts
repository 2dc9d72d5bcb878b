/** Range semantics: typed-input conversion, shapes, formulas and cached values, formats, navigation. */
import { createExcelDouble } from "./index";

async function write(values: unknown, options: { numberFormat?: string; address?: string } = {}) {
  const double = createExcelDouble();
  const address = options.address ?? "A1";
  if (options.numberFormat) double.state.setNumberFormat("Sheet1", address, options.numberFormat);
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange(address).values = values as unknown[][];
    await context.sync();
  });
  return double;
}

describe("writing values behaves like typing into Excel", () => {
  test.each([
    ["a number", 42, { value: 42, formula: undefined, valueType: "Double" }],
    ["a boolean", true, { value: true, valueType: "Boolean" }],
    ["plain text", "Retail", { value: "Retail", valueType: "String" }],
    ["numeric text becomes a number", "12.5", { value: 12.5, valueType: "Double" }],
    ["percent text becomes a fraction", "15%", { value: 0.15, numberFormat: "0%" }],
    ["TRUE text becomes a boolean", "true", { value: true }],
    ["error text becomes an error", "#N/A", { value: "#N/A", valueType: "Error" }],
    ["ISO date becomes a serial date", "2024-02-29", { value: 45351, numberFormat: "yyyy-mm-dd" }],
    ["= starts a formula", "=SUM(B1:B3)", { value: "", formula: "=SUM(B1:B3)" }],
    ["+ starts a formula", "+1+1", { formula: "=+1+1" }],
    ["- starts a formula", "-1+1", { formula: "=-1+1" }],
    ["@ starts a formula", "@SUM(1+1)", { formula: "=SUM(1+1)" }],
    ["CSV injection payload is a formula", "=cmd|' /C calc'!A0", { formula: "=cmd|' /C calc'!A0" }],
    [
      "a leading apostrophe keeps text",
      "'=1+1",
      { value: "=1+1", formula: undefined, quotePrefix: true, valueType: "String" },
    ],
    ["a lone minus stays text", "-", { value: "-", formula: undefined }],
    ["tab-led text stays text", "\t=1+1", { value: "\t=1+1", formula: undefined }],
  ])("%s", async (_case, input, expected) => {
    const double = await write([[input]]);
    expect(double.state.cell("Sheet1", "A1")).toMatchObject(expected);
  });

  test.each(["=1+1", "+1+1", "123", "TRUE"])(
    "a text-formatted (@) cell keeps %s as text",
    async (input) => {
      const double = await write([[input]], { numberFormat: "@" });
      expect(double.state.cell("Sheet1", "A1")).toMatchObject({
        value: input,
        valueType: "String",
      });
      expect(double.state.cell("Sheet1", "A1").formula).toBeUndefined();
    }
  );

  test.each([
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["an object", { a: 1 }],
    ["a Date", new Date(0)],
  ])(
    "writing %s fails with InvalidArgument (stricter than Excel, which would silently skip or stringify)",
    async (_case, input) => {
      await expect(write([[input]])).rejects.toMatchObject({ code: "InvalidArgument" });
    }
  );

  test("null in a values array leaves that cell unchanged", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B1", [["keep", "old"]]);
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [
        [null, "new"],
      ] as unknown as string[][];
      await context.sync();
    });
    expect(double.state.values("Sheet1", "A1:B1")).toEqual([["keep", "new"]]);
  });
});

describe("shapes", () => {
  test.each([
    ["too few rows", "A1:B2", [[1, 2]]],
    [
      "too many columns",
      "A1:B2",
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    ["ragged", "A1:B2", [[1, 2], [3]]],
    ["1x1 array into a 2x2 range", "A1:B2", [[1]]],
  ])("%s fails with InvalidArgument and writes nothing", async (_case, address, values) => {
    const double = createExcelDouble();
    await expect(write(values, { address })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(double.state.usedAddress("Sheet1")).toBeNull();
  });

  test("a single scalar fills a multi-cell range, as Excel does", async () => {
    const double = await write(7, { address: "A1:C2" });
    expect(double.state.values("Sheet1", "A1:C2")).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ]);
  });

  test("numberFormat and formulas follow the same shape rules", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2");
      range.numberFormat = [["0.00"], ["0%"]];
      range.formulas = [["=1/3"], [0.25]];
      await context.sync();
      range.numberFormat = [["0.00", "0%"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(double.state.numberFormats("Sheet1", "A1:A2")).toEqual([["0.00"], ["0%"]]);
    expect(double.state.formulas("Sheet1", "A1:A2")).toEqual([["=1/3"], [0.25]]);
  });
});

describe("formulas and calculated values", () => {
  test("values of a formula cell is '' until the test sets the calculated value", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.formulas = [['=BENCH.METRIC("x")']];
      range.load("values, formulas, valueTypes");
      await context.sync();
      expect(range.values).toEqual([[""]]);
      expect(range.formulas).toEqual([['=BENCH.METRIC("x")']]);
      double.state.setCalculatedValue("Sheet1", "A1", 0.42);
      range.load("values, text");
      await context.sync();
      expect(range.values).toEqual([[0.42]]);
      expect(range.text).toEqual([["0.42"]]);
    });
  });

  test("setCalculatedValue refuses cells without a formula", () => {
    const double = createExcelDouble();
    expect(() => double.state.setCalculatedValue("Sheet1", "A1", 1)).toThrow(/holds no formula/);
  });
});

describe("navigation and addresses", () => {
  test.each([
    ["getCell(1, 2)", (r: Excel.Range) => r.getCell(1, 2), "Sheet1!D3"],
    ["getResizedRange(2, 1)", (r: Excel.Range) => r.getResizedRange(2, 1), "Sheet1!B2:D5"],
    ["getResizedRange(-1, 0)", (r: Excel.Range) => r.getResizedRange(-1, 0), "Sheet1!B2:C2"],
    ["getOffsetRange(1, -1)", (r: Excel.Range) => r.getOffsetRange(1, -1), "Sheet1!A3:B4"],
    ["getRow(1)", (r: Excel.Range) => r.getRow(1), "Sheet1!B3:C3"],
    ["getColumn(0)", (r: Excel.Range) => r.getColumn(0), "Sheet1!B2:B3"],
    ["getLastRow()", (r: Excel.Range) => r.getLastRow(), "Sheet1!B3:C3"],
    ["getBoundingRect('E5')", (r: Excel.Range) => r.getBoundingRect("E5"), "Sheet1!B2:E5"],
    ["getIntersection('C3:D4')", (r: Excel.Range) => r.getIntersection("C3:D4"), "Sheet1!C3"],
  ])("%s from B2:C3", async (_case, derive, expected) => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const derived = derive(
        context.workbook.worksheets.getItem("Sheet1").getRange("B2:C3") as Excel.Range
      ).load("address");
      await context.sync();
      expect(derived.address).toBe(expected);
    });
  });

  test("a range beyond the sheet edge fails with InvalidArgument", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets
        .getItem("Sheet1")
        .getRange("A1")
        .getOffsetRange(-1, 0)
        .load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("getRangeByIndexes, row/column indexes and counts", async () => {
    const double = createExcelDouble({ sheets: ["My Data"] });
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem("My Data")
        .getRangeByIndexes(4, 27, 3, 2)
        .load("address, rowIndex, columnIndex, rowCount, columnCount, cellCount");
      await context.sync();
      expect(range.toJSON()).toEqual({
        address: "'My Data'!AB5:AC7",
        rowIndex: 4,
        columnIndex: 27,
        rowCount: 3,
        columnCount: 2,
        cellCount: 6,
      });
    });
  });

  test("an address on another sheet is refused by worksheet.getRange", async () => {
    const double = createExcelDouble({ sheets: ["A", "B"] });
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").getRange("B!A1").load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("selection: select() moves it, getSelectedRange reads it", async () => {
    const double = createExcelDouble({ sheets: ["A", "B"] });
    double.state.select("A", "C3:D4");
    await double.Excel.run(async (context) => {
      const selected = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect(selected.address).toBe("A!C3:D4");
      context.workbook.worksheets.getItem("B").getRange("E1").select();
      await context.sync();
    });
    expect(double.state.selection()).toBe("B!E1");
    expect(double.state.activeSheet()).toBe("B");
  });
});

describe("formats", () => {
  test("fill, font, alignment, wrap, widths and number formats are stored per cell", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.format.fill.color = "#ddebf7";
      range.format.font.bold = true;
      range.format.font.color = "#1F4E78";
      range.format.font.size = 12;
      range.format.horizontalAlignment = "Center";
      range.format.wrapText = true;
      range.format.columnWidth = 120;
      range.format.borders.getItem("EdgeBottom").style = "Continuous";
      range.merge();
      range.load("format/columnWidth, format/horizontalAlignment, format/fill/color");
      await context.sync();
      expect(range.format.fill.color).toBe("#DDEBF7");
      expect(range.format.columnWidth).toBe(120);
      expect(range.format.horizontalAlignment).toBe("Center");
    });
    expect(double.state.cell("Sheet1", "B1").format).toEqual({
      fillColor: "#DDEBF7",
      fontBold: true,
      fontColor: "#1F4E78",
      fontSize: 12,
      horizontalAlignment: "Center",
      wrapText: true,
    });
    expect(double.state.sheet("Sheet1").columnWidth("B")).toBe(120);
    expect(double.state.sheet("Sheet1").merges).toEqual(["A1:B1"]);
    expect(double.state.borders("Sheet1")).toEqual([
      { address: "A1:B1", settings: { EdgeBottom: { style: "Continuous" } }, calls: [] },
    ]);
  });

  test("a format read over cells that differ is null, as in Excel", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").format.font.bold = true;
      const font = sheet.getRange("A1:A2").format.font.load("bold, name");
      await context.sync();
      expect(font.bold).toBeNull();
      expect(font.name).toBe("Calibri");
    });
  });

  test("clear('Contents') keeps formats, clear('Formats') keeps values, clear() removes both", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:C1", [[1, 2, 3]]);
    double.state.setNumberFormat("Sheet1", "A1:C1", "0.0");
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").clear("Contents");
      sheet.getRange("B1").clear("Formats");
      sheet.getRange("C1").clear();
      await context.sync();
    });
    expect(double.state.values("Sheet1", "A1:C1")).toEqual([["", 2, ""]]);
    expect(double.state.numberFormats("Sheet1", "A1:C1")).toEqual([["0.0", "General", "General"]]);
  });

  test("data validation and conditional formats are recorded as given", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("B2:B10");
      range.dataValidation.rule = { list: { inCellDropDown: true, source: "Low,High" } };
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Pick",
        message: "Low or High",
      };
      const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
      cf.cellValue.format.fill.color = "#FFC7CE";
      cf.cellValue.rule = { formula1: "=0", operator: "LessThan" };
      const custom = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      custom.custom.rule.formula = "=B2>$C$1";
      range.load("dataValidation/type");
      await context.sync();
      expect(range.dataValidation.type).toBe("List");
      // A part that does not belong to the type fails like in Excel.
      (cf as unknown as { custom: { rule: { formula: string } } }).custom.rule.formula = "=1";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(double.state.dataValidations("Sheet1")).toEqual([
      {
        address: "B2:B10",
        rule: { list: { inCellDropDown: true, source: "Low,High" } },
        settings: {
          errorAlert: { showAlert: true, style: "Stop", title: "Pick", message: "Low or High" },
        },
      },
    ]);
    const cfs = double.state.conditionalFormats("Sheet1");
    expect(cfs.map((c) => [c.type, c.address])).toEqual([
      ["Custom", "B2:B10"],
      ["CellValue", "B2:B10"],
    ]);
    expect(cfs[1].settings.cellValue).toEqual({
      format: { fill: { color: "#FFC7CE" } },
      rule: { formula1: "=0", operator: "LessThan" },
    });
    expect(cfs[0].settings.custom).toEqual({ rule: { formula: "=B2>$C$1" } });
  });
});

test("formatting a whole sheet fails clearly instead of exhausting memory (a limit of the double)", async () => {
  const double = createExcelDouble();
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange().format.font.name = "Aptos";
    await expect(context.sync()).rejects.toMatchObject({
      code: "GeneralException",
      message: expect.stringContaining("at most 2000000 cells"),
    });
  });
});
