/** Worksheet rules of the double: Excel's sheet-name validation, add/delete/activate/position. */
import { createExcelDouble } from "./index";

async function addSheet(name: string) {
  const double = createExcelDouble();
  const outcome = await double.Excel.run(async (context) => {
    context.workbook.worksheets.add(name);
    await context.sync();
  }).then(
    () => "ok",
    (error: { code: string }) => error.code
  );
  return { outcome, names: double.state.sheetNames() };
}

describe("sheet names are validated like Excel", () => {
  test.each(["\\", "/", "?", "*", "[", "]", ":"])(
    "a name containing %s is rejected with InvalidArgument",
    async (char) => {
      const { outcome, names } = await addSheet(`Bad${char}Name`);
      expect(outcome).toBe("InvalidArgument");
      expect(names).toEqual(["Sheet1"]);
    }
  );

  test.each([
    ["32 characters", "x".repeat(32), "InvalidArgument"],
    ["empty", "", "InvalidArgument"],
    ["leading apostrophe", "'Plan", "InvalidArgument"],
    ["trailing apostrophe", "Plan'", "InvalidArgument"],
    ["reserved History", "history", "InvalidArgument"],
    ["duplicate, other case", "SHEET1", "ItemAlreadyExists"],
    ["31 characters", "x".repeat(31), "ok"],
    ["inner apostrophe and spaces", "Bob's ROI (2)", "ok"],
    ["unicode", "Übersicht €", "ok"],
  ])("%s", async (_case, name, expected) => {
    expect((await addSheet(name)).outcome).toBe(expected);
  });

  test("renaming validates too, and may change only the case of its own name", async () => {
    const double = createExcelDouble({ sheets: ["Sheet1", "Data"] });
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      sheet.name = "Sheet1";
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      sheet.name = "a:b";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.name = "DATA";
      await context.sync();
    });
    expect(double.state.sheetNames()).toEqual(["Sheet1", "DATA"]);
  });
});

describe("worksheet collection", () => {
  test("add appends at the end with a default name and does not activate", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const added = context.workbook.worksheets.add();
      added.load("name, position");
      await context.sync();
      expect([added.name, added.position]).toEqual(["Sheet2", 1]);
    });
    expect(double.state.activeSheet()).toBe("Sheet1");
  });

  test("activate, getActiveWorksheet, position, visibility and delete", async () => {
    const double = createExcelDouble({ sheets: ["A", "B", "C"] });
    await double.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem("C").activate();
      sheets.getItem("C").position = 0;
      const active = sheets.getActiveWorksheet().load("name");
      await context.sync();
      expect(active.name).toBe("C");
      expect(double.state.sheetNames()).toEqual(["C", "A", "B"]);
      sheets.getItem("B").visibility = "Hidden";
      sheets.getItem("A").delete();
      await context.sync();
    });
    expect(double.state.sheetNames()).toEqual(["C", "B"]);
    expect(double.state.sheet("B").visibility).toBe("Hidden");
  });

  test("the last visible sheet can be neither deleted nor hidden", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").delete();
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      context.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });

  test("a sheet added in a request can be used later in the same request", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add("ROI");
      sheet.getRange("A1").values = [["x"]];
      context.workbook.worksheets.getItem("ROI").getRange("B1").values = [["y"]];
      await context.sync();
    });
    expect(double.state.values("ROI", "A1:B1")).toEqual([["x", "y"]]);
    expect(double.stats.syncCount).toBe(1);
  });

  test("protection and freeze panes are recorded", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.freezePanes.freezeRows(2);
      sheet.protection.protect({ allowFormatCells: true }, "secret");
      sheet.load("protection/protected");
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
    });
    expect(double.state.sheet("Sheet1").freeze).toEqual({ rows: 2, columns: 0 });
    expect(double.state.sheet("Sheet1").protection).toEqual({
      protected: true,
      options: { allowFormatCells: true },
      hasPassword: true,
    });
  });

  test("locked cells of a protected sheet cannot be written; unlocked ones can", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1").format.protection.locked = false;
      sheet.protection.protect();
      await context.sync();
      sheet.getRange("B1").values = [["input"]];
      await context.sync();
      sheet.getRange("A1").values = [["formula area"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(double.state.values("Sheet1", "A1:B1")).toEqual([["", "input"]]);
  });

  test("used range, and the OrNullObject variant on an empty sheet", async () => {
    const double = createExcelDouble({ sheets: ["Empty", "Data"] });
    double.state.setValues("Data", "B2:C3", [
      [1, 2],
      [3, 4],
    ]);
    double.state.setNumberFormat("Data", "E5", "0%");
    await double.Excel.run(async (context) => {
      const empty = context.workbook.worksheets
        .getItem("Empty")
        .getUsedRangeOrNullObject()
        .load("address");
      const emptyPlain = context.workbook.worksheets
        .getItem("Empty")
        .getUsedRange()
        .load("address");
      const values = context.workbook.worksheets.getItem("Data").getUsedRange(true).load("address");
      const all = context.workbook.worksheets.getItem("Data").getUsedRange().load("address");
      await context.sync();
      expect(empty.isNullObject).toBe(true);
      expect(emptyPlain.address).toBe("Empty!A1");
      expect(values.address).toBe("Data!B2:C3");
      expect(all.address).toBe("Data!B2:E5");
    });
  });
});
