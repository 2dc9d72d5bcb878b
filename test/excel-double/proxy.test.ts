/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/no-empty-load -- these tests break the load/sync rules on purpose to check that the double enforces them */
/** Proxy semantics of the double: queue, load, sync, null objects, atomic requests, Excel.run. */
import { createExcelDouble, ExcelDoubleError } from "./index";

const notLoaded =
  /The property 'values' is not available\. Before reading the property's value, call the load method/;

describe("load before read", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => range.values).toThrow(notLoaded);
      try {
        void range.values;
      } catch (error) {
        expect((error as ExcelDoubleError).code).toBe("PropertyNotLoaded");
      }
      range.load("values");
      // Loaded only after the sync.
      expect(() => range.values).toThrow(notLoaded);
      await context.sync();
      expect(range.values).toEqual([[""]]);
      expect(() => range.address).toThrow(/'address' is not available/);
    });
  });

  test.each([
    ["comma string", "values, address"],
    ["array", ["values", "address"]],
    ["select object", { select: "values, address" }],
    ["property tree", { values: true, address: true }],
  ])("load accepts the %s form", async (_form, spec) => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B1", [[1, 2]]);
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.load(spec as string);
      await context.sync();
      expect(range.values).toEqual([[1, 2]]);
      expect(range.address).toBe("Sheet1!A1:B1");
      expect(() => range.formulas).toThrow(/'formulas' is not available/);
    });
  });

  test("paths load child objects and toJSON shows what was loaded", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.format.fill.color = "#ff0000";
      range.load("address, format/fill/color, format/font/bold");
      await context.sync();
      expect(range.format.fill.color).toBe("#FF0000");
      expect(range.format.font.bold).toBe(false);
      expect(range.toJSON()).toEqual({
        address: "Sheet1!A1",
        format: { fill: { color: "#FF0000" }, font: { bold: false } },
      });
    });
  });

  test("load() without arguments loads every scalar property", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.load();
      await context.sync();
      expect(sheet.name).toBe("Sheet1");
      expect(sheet.position).toBe(0);
      expect(sheet.visibility).toBe("Visible");
    });
  });

  test("loading a property that does not exist fails the sync", async () => {
    const double = createExcelDouble();
    await expect(
      double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("valuez");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("a property set on the proxy can be read back before sync, like Office.js", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.values = [[5]];
      expect(range.values).toEqual([[5]]);
      expect(double.state.values("Sheet1", "A1")).toEqual([[""]]);
      await context.sync();
      expect(double.state.values("Sheet1", "A1")).toEqual([[5]]);
    });
  });

  test("collections: items only after load, item properties via items/name or name", async () => {
    const double = createExcelDouble({ sheets: ["A", "B", "C"] });
    await double.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrow(/'items' is not available/);
      sheets.load("items/name");
      const count = sheets.getCount();
      expect(() => count.value).toThrow(/has not been loaded yet/);
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["A", "B", "C"]);
      expect(count.value).toBe(3);
      expect(() => sheets.items[0].position).toThrow(/'position' is not available/);
      sheets.load("position");
      await context.sync();
      expect(sheets.items.map((s) => s.position)).toEqual([0, 1, 2]);
      expect(sheets.toJSON()).toEqual({
        items: [{ position: 0 }, { position: 1 }, { position: 2 }],
      });
    });
  });
});

describe("getItem and getItemOrNullObject", () => {
  test("getItem of a missing worksheet fails at sync with ItemNotFound", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Nope");
      await expect(context.sync()).rejects.toMatchObject({
        code: "ItemNotFound",
        name: "RichApi.Error",
        debugInfo: { code: "ItemNotFound", errorLocation: "WorksheetCollection.getItem" },
      });
    });
  });

  test("getItemOrNullObject gives isNullObject after sync, and false for an existing item", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => missing.isNullObject).toThrow(/'isNullObject' is not available/);
      missing.load("name");
      present.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1");
    });
  });

  test("using a null object fails the request", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      await context.sync();
      missing.getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test.each([
    [
      "tables",
      (wb: Excel.Workbook) => wb.tables.getItem("T"),
      (wb: Excel.Workbook) => wb.tables.getItemOrNullObject("T"),
    ],
    [
      "names",
      (wb: Excel.Workbook) => wb.names.getItem("N"),
      (wb: Excel.Workbook) => wb.names.getItemOrNullObject("N"),
    ],
    [
      "settings",
      (wb: Excel.Workbook) => wb.settings.getItem("k"),
      (wb: Excel.Workbook) => wb.settings.getItemOrNullObject("k"),
    ],
  ])("%s: getItem fails, getItemOrNullObject is null", async (_name, getItem, getOrNull) => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const nullable = getOrNull(context.workbook as Excel.Workbook);
      await context.sync();
      expect(nullable.isNullObject).toBe(true);
      getItem(context.workbook as Excel.Workbook);
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });
});

describe("requests", () => {
  test("nothing is applied before sync, and a failing request applies nothing (atomic per sync)", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.add("Added");
      sheets.getItem("Sheet1").getRange("A1").values = [["written"]];
      expect(double.state.sheetNames()).toEqual(["Sheet1"]);
      sheets.getItem("Missing").getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(double.state.sheetNames()).toEqual(["Sheet1"]);
      expect(double.state.values("Sheet1", "A1")).toEqual([[""]]);
    });
    expect(double.stats.requests.at(-1)?.error).toBe("ItemNotFound");
  });

  test("loads of a failed request stay unloaded", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      context.workbook.worksheets.getItem("Missing");
      await expect(context.sync()).rejects.toThrow();
      expect(() => range.values).toThrow(notLoaded);
    });
  });

  test("syncCount counts requests; empty syncs are calls but not requests", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[2]];
      await context.sync();
    });
    expect(double.stats.syncCalls).toBe(4);
    expect(double.stats.syncCount).toBe(2);
    expect(double.stats.requests).toHaveLength(2);
  });

  test("Excel.run flushes what the batch queued but did not sync (and counts it)", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["late"]];
    });
    expect(double.state.values("Sheet1", "A1")).toEqual([["late"]]);
    expect(double.stats.syncCount).toBe(1);
  });

  test("Excel.run(options, batch) records the options and returns the batch result", async () => {
    const double = createExcelDouble();
    const result = await double.Excel.run(
      { delayForCellEdit: true, mergeUndoGroup: true } as Excel.RunOptions,
      async () => 42
    );
    expect(result).toBe(42);
    expect(double.stats.runs).toEqual([
      { options: { delayForCellEdit: true, mergeUndoGroup: true } },
    ]);
  });

  test("Excel.run rejects a batch that does not return a promise", async () => {
    const double = createExcelDouble();
    await expect(
      double.Excel.run((() => undefined) as unknown as () => Promise<void>)
    ).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });

  test("sync resolves with the pass-through value", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      await expect(context.sync("x")).resolves.toBe("x");
    });
  });

  test("stats.reset clears the counters", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    });
    double.stats.reset();
    expect(double.stats).toMatchObject({
      syncCount: 0,
      syncCalls: 0,
      requests: [],
      maxRequestBytes: 0,
      totalRequestBytes: 0,
      runs: [],
    });
  });
});

describe("install", () => {
  test("install sets Excel and OfficeExtension globals and uninstall restores them", async () => {
    const g = globalThis as Record<string, unknown>;
    const before = g.Excel;
    const double = createExcelDouble();
    double.install();
    expect(g.Excel).toBe(double.Excel);
    const error = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Missing");
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeExtension.Error);
    expect(Excel.ChartType.columnClustered).toBe("ColumnClustered");
    expect(Excel.ErrorCodes.itemNotFound).toBe("ItemNotFound");
    double.uninstall();
    expect(g.Excel).toBe(before);
    expect("OfficeExtension" in g).toBe(false);
  });
});

describe("partial failures (Excel's non-transactional behaviour)", () => {
  test("with partialFailures, operations before the failing one stay applied; the failing one does not", async () => {
    const double = createExcelDouble({ partialFailures: true });
    await double.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.add("Created");
      sheets.getItem("Sheet1").getRange("A1:B1").values = [[1, 2]];
      sheets.getItem("Sheet1").getRange("A2:B2").values = [[1, 2, 3]] as unknown as number[][];
      sheets.getItem("Sheet1").getRange("A3").values = [["never"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(double.state.sheetNames()).toEqual(["Sheet1", "Created"]);
    expect(double.state.values("Sheet1", "A1:B3")).toEqual([
      [1, 2],
      ["", ""],
      ["", ""],
    ]);
  });
});

test("an object from another request context is refused with InvalidRequestContext", async () => {
  const double = createExcelDouble();
  await double.Excel.run(async (outer) => {
    const range = outer.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
    await double.Excel.run(async (inner) => {
      expect(() => inner.workbook.tables.add(range, true)).toThrow(
        expect.objectContaining({ code: "InvalidRequestContext" })
      );
    });
  });
});

test("navigation properties load through paths: range.worksheet and table.worksheet", async () => {
  const double = createExcelDouble({ sheets: ["Sheet1", "Data"] });
  double.state.addTable("Data", "B2:C3", { name: "T" });
  await double.Excel.run(async (context) => {
    const range = context.workbook.worksheets
      .getItem("Data")
      .getRange("A1")
      .load("address, worksheet/name");
    const table = context.workbook.tables
      .getItem("T")
      .load("name, worksheet/name, worksheet/position");
    const direct = context.workbook.tables.getItem("T").worksheet.load("name");
    await context.sync();
    expect(range.worksheet.name).toBe("Data");
    expect(table.toJSON()).toEqual({ name: "T", worksheet: { name: "Data", position: 1 } });
    expect(direct.name).toBe("Data");
  });
});
