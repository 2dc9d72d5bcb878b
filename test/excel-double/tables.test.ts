/** Tables: creation rules (overlap, names, headers), rows and columns, and change events. */
import { createExcelDouble } from "./index";

describe("tables.add", () => {
  test("a table over existing data takes the first row as headers", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B3", [
      ["Metric", "Value"],
      ["Margin", 0.1],
      ["Growth", 0.05],
    ]);
    await double.Excel.run(async (context) => {
      const table = context.workbook.tables.add("Sheet1!A1:B3", true);
      table.name = "Benchmarks";
      const body = table.getDataBodyRange().load("values, address");
      const header = table.getHeaderRowRange().load("values");
      table.columns.load("items/name");
      await context.sync();
      expect(body.address).toBe("Sheet1!A2:B3");
      expect(header.values).toEqual([["Metric", "Value"]]);
      expect(table.columns.items.map((c) => c.name)).toEqual(["Metric", "Value"]);
    });
    expect(double.state.table("Benchmarks")).toMatchObject({
      address: "Sheet1!A1:B3",
      headers: ["Metric", "Value"],
      rows: [
        ["Margin", 0.1],
        ["Growth", 0.05],
      ],
    });
  });

  test("hasHeaders false inserts generated headers above the data", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B2", [
      [1, 2],
      [3, 4],
    ]);
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", false);
      await context.sync();
    });
    expect(double.state.tables()[0]).toMatchObject({
      name: "Table1",
      address: "Sheet1!A1:B3",
      headers: ["Column1", "Column2"],
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  test("empty and duplicate header cells are made unique, as Excel does", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:C1", [["Name", "", "Name"]]);
    double.state.addTable("Sheet1", "A1:C2");
    expect(double.state.tables()[0].headers).toEqual(["Name", "Column2", "Name2"]);
  });

  test.each([
    ["the same range", "A1:B3"],
    ["a corner", "B3:C4"],
    ["a range containing it", "A1:D10"],
  ])(
    "overlapping another table (%s) fails with InvalidArgument at TableCollection.add",
    async (_case, address) => {
      const double = createExcelDouble();
      double.state.addTable("Sheet1", "A1:B3", { name: "First" });
      await double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").tables.add(address, true);
        await expect(context.sync()).rejects.toMatchObject({
          code: "InvalidArgument",
          message:
            "A table cannot overlap a range that contains a PivotTable report, query results, protected cells or another table.",
          debugInfo: { errorLocation: "TableCollection.add" },
        });
      });
      expect(double.state.tables().map((t) => t.name)).toEqual(["First"]);
    }
  );

  test("tables on other sheets or next to each other do not overlap", async () => {
    const double = createExcelDouble({ sheets: ["A", "B"] });
    double.state.addTable("A", "A1:B3");
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").tables.add("C1:D3", true);
      context.workbook.worksheets.getItem("B").tables.add("A1:B3", true);
      await context.sync();
    });
    expect(double.state.tables().map((t) => t.name)).toEqual(["Table1", "Table2", "Table3"]);
  });

  test.each([
    ["a space", "My Table", "InvalidArgument"],
    ["a cell reference", "AB12", "InvalidArgument"],
    ["R1C1", "R1C1", "InvalidArgument"],
    ["a leading digit", "1Table", "InvalidArgument"],
    ["a name in use (other case)", "existing", "InvalidArgument"],
    ["a valid name", "Crossbench_Reference", "ok"],
  ])("table name with %s", async (_case, name, expected) => {
    const double = createExcelDouble();
    double.state.addTable("Sheet1", "A1:B2", { name: "Existing" });
    const outcome = await double.Excel.run(async (context) => {
      const table = context.workbook.tables.add("Sheet1!D1:E2", true);
      table.name = name;
      await context.sync();
    }).then(
      () => "ok",
      (error: { code: string }) => error.code
    );
    expect(outcome).toBe(expected);
  });
});

describe("rows and columns", () => {
  test("rows.add appends (filling a fresh table's empty row first) and grows the table", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("Sheet1").tables.add("A1:C1", true);
      table.getHeaderRowRange().values = [["Industry", "Metric", "P50"]];
      const count = table.rows.getCount();
      await context.sync();
      // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult needs a sync, not a load
      expect(count.value).toBe(1);
      table.rows.add(undefined, [
        ["Retail", "Margin", 0.04],
        ["SaaS", "Margin", 0.2],
      ]);
      table.rows.add(null as unknown as undefined, [["Food", "Margin", 0.06]]);
      table.rows.add(0, [["First", "Margin", 0.01]]);
      await context.sync();
    });
    expect(double.state.tables()[0]).toMatchObject({
      address: "Sheet1!A1:C5",
      rows: [
        ["First", "Margin", 0.01],
        ["Retail", "Margin", 0.04],
        ["SaaS", "Margin", 0.2],
        ["Food", "Margin", 0.06],
      ],
    });
  });

  test("rows.add with the wrong number of columns fails and changes nothing", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B2", [
      ["a", "b"],
      [1, 2],
    ]);
    double.state.addTable("Sheet1", "A1:B2");
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("Table1").rows.add(undefined, [[1, 2, 3]]);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(double.state.tables()[0].address).toBe("Sheet1!A1:B2");
  });

  test("rows.add pushes cells below the table down", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:A3", [["h"], [1], ["note below"]]);
    double.state.addTable("Sheet1", "A1:A2");
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("Table1").rows.add(undefined, [[2]]);
      await context.sync();
    });
    expect(double.state.values("Sheet1", "A1:A4")).toEqual([["h"], [1], [2], ["note below"]]);
  });

  test("columns: getItem by name, getItemOrNullObject, values, add at the end", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B3", [
      ["Metric", "Value"],
      ["m1", 1],
      ["m2", 2],
    ]);
    double.state.addTable("Sheet1", "A1:B3", { name: "T" });
    await double.Excel.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      const value = table.columns.getItem("value").getDataBodyRange().load("values");
      const missing = table.columns.getItemOrNullObject("Nope");
      table.columns.add(undefined, [["Unit"], ["%"], ["x"]], "Unit");
      await context.sync();
      expect(value.values).toEqual([[1], [2]]);
      expect(missing.isNullObject).toBe(true);
    });
    expect(double.state.table("T")).toMatchObject({
      address: "Sheet1!A1:C3",
      headers: ["Metric", "Value", "Unit"],
      rows: [
        ["m1", 1, "%"],
        ["m2", 2, "x"],
      ],
    });
  });

  test("showTotals adds a totals row; data rows are inserted above it", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:A2", [["n"], [1]]);
    double.state.addTable("Sheet1", "A1:A2");
    await double.Excel.run(async (context) => {
      const table = context.workbook.tables.getItem("Table1");
      table.showTotals = true;
      table.rows.add(undefined, [[2]]);
      const totals = table.getTotalRowRange().load("address");
      await context.sync();
      expect(totals.address).toBe("Sheet1!A4");
    });
    expect(double.state.tables()[0].rows).toEqual([[1], [2]]);
  });

  test("delete removes the table and its cells; convertToRange keeps the cells", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:A2", [["a"], [1]]);
    double.state.setValues("Sheet1", "C1:C2", [["c"], [3]]);
    double.state.addTable("Sheet1", "A1:A2", { name: "Gone" });
    double.state.addTable("Sheet1", "C1:C2", { name: "Kept" });
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("Gone").delete();
      context.workbook.tables.getItem("Kept").convertToRange();
      await context.sync();
    });
    expect(double.state.tables()).toEqual([]);
    expect(double.state.values("Sheet1", "A1:C2")).toEqual([
      ["", "", "c"],
      ["", "", 3],
    ]);
  });
});

describe("change events", () => {
  async function setup() {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1:B2", [
      ["Metric", "Value"],
      ["m", 1],
    ]);
    double.state.addTable("Sheet1", "A1:B2", { name: "Reference" });
    const tableEvents: Excel.TableChangedEventArgs[] = [];
    const collectionEvents: Excel.TableChangedEventArgs[] = [];
    const handlers = await double.Excel.run(async (context) => {
      const table = context.workbook.tables.getItem("Reference");
      const own = table.onChanged.add(async (args) => {
        tableEvents.push(args);
      });
      const all = context.workbook.tables.onChanged.add(async (args) => {
        collectionEvents.push(args);
      });
      await context.sync();
      return { own, all };
    });
    return { double, tableEvents, collectionEvents, handlers };
  }

  test("a sync that changes a table's cells fires table.onChanged and workbook.tables.onChanged", async () => {
    const { double, tableEvents, collectionEvents } = await setup();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[2]];
      context.workbook.worksheets.getItem("Sheet1").getRange("E5").values = [["outside"]];
      await context.sync();
    });
    await double.eventsSettled();
    expect(tableEvents).toHaveLength(1);
    expect(tableEvents[0]).toMatchObject({
      type: "TableChanged",
      changeType: "RangeEdited",
      source: "Local",
      address: "B2",
    });
    expect(collectionEvents).toHaveLength(1);
    expect(double.eventErrors).toEqual([]);
  });

  test("rows.add fires RowInserted; a failed sync fires nothing", async () => {
    const { double, tableEvents } = await setup();
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("Reference").rows.add(undefined, [["n", 3]]);
      await context.sync();
      context.workbook.tables
        .getItem("Reference")
        .rows.add(undefined, [["too", "many", "columns"]]);
      await expect(context.sync()).rejects.toThrow();
    });
    await double.eventsSettled();
    expect(tableEvents.map((e) => e.changeType)).toEqual(["RowInserted"]);
  });

  test("a simulated user edit fires the event, and a handler can read the workbook", async () => {
    const { double } = await setup();
    const seen: unknown[][][] = [];
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("Reference").onChanged.add(async () => {
        await double.Excel.run(async (inner) => {
          const body = inner.workbook.tables.getItem("Reference").getDataBodyRange().load("values");
          await inner.sync();
          seen.push(body.values);
        });
      });
      await context.sync();
    });
    double.userEdit("Sheet1", "B2", [[99]]);
    await double.eventsSettled();
    expect(seen).toEqual([[["m", 99]]]);
  });

  test("a handler takes effect only after sync and stops after remove() + sync", async () => {
    const { double, tableEvents, handlers } = await setup();
    // As in Office.js, removal goes through the context the handler was added with.
    await double.Excel.run(handlers.own.context, async (context) => {
      handlers.own.remove();
      await context.sync();
    });
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[5]];
      await context.sync();
    });
    await double.eventsSettled();
    expect(tableEvents).toHaveLength(0);
  });

  test("a handler added but not yet synced receives nothing", async () => {
    const double = createExcelDouble();
    double.state.addTable("Sheet1", "A1:B2", { name: "T" });
    const received: unknown[] = [];
    await double.Excel.run(async (context) => {
      context.workbook.tables.getItem("T").onChanged.add(async (args) => {
        received.push(args);
      });
      double.userEdit("Sheet1", "A2", [["before sync"]]);
      await double.eventsSettled();
      expect(received).toHaveLength(0);
      await context.sync();
    });
    double.userEdit("Sheet1", "A2", [["after sync"]]);
    await double.eventsSettled();
    expect(received).toHaveLength(1);
  });
});

test("worksheet.onChanged reports edits on that sheet only", async () => {
  const double = createExcelDouble({ sheets: ["A", "B"] });
  const seen: string[] = [];
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem("A").onChanged.add(async (args) => {
      seen.push(`${args.type} ${args.changeType} ${args.address}`);
    });
    await context.sync();
    context.workbook.worksheets.getItem("A").getRange("B2:C3").values = 1 as unknown as number[][];
    context.workbook.worksheets.getItem("B").getRange("A1").values = [[1]];
    await context.sync();
  });
  await double.eventsSettled();
  expect(seen).toEqual(["WorksheetChanged RangeEdited B2:C3"]);
});
