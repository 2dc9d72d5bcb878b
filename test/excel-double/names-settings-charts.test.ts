/** Named items, settings (JSON round trip), charts, application. */
import { createExcelDouble } from "./index";

describe("named items", () => {
  test("add from a range and from a formula; type and value as Excel reports them", async () => {
    const double = createExcelDouble({ sheets: ["Inputs"] });
    await double.Excel.run(async (context) => {
      const names = context.workbook.names;
      names.add(
        "DiscountRate",
        context.workbook.worksheets.getItem("Inputs").getRange("B2"),
        "Annual rate"
      );
      names.add("Horizon", "=5");
      const rate = names.getItem("discountrate").load("name, type, value, formula, comment");
      const horizon = names.getItem("Horizon").load("type, value");
      const range = names.getItem("DiscountRate").getRange().load("address");
      await context.sync();
      expect(rate.toJSON()).toEqual({
        name: "DiscountRate",
        type: "Range",
        value: "Inputs!$B$2",
        formula: "=Inputs!$B$2",
        comment: "Annual rate",
      });
      expect([horizon.type, horizon.value]).toEqual(["Integer", 5]);
      expect(range.address).toBe("Inputs!B2");
    });
    expect(double.state.names().map((n) => n.name)).toEqual(["DiscountRate", "Horizon"]);
  });

  test.each([
    ["a duplicate", "Rate", "ItemAlreadyExists"],
    ["a table's name", "Table1", "ItemAlreadyExists"],
    ["a cell reference", "B2", "InvalidArgument"],
    ["a space", "my rate", "InvalidArgument"],
  ])("adding %s fails", async (_case, name, code) => {
    const double = createExcelDouble();
    double.state.addName("Rate", "=0.1");
    double.state.addTable("Sheet1", "D1:E2");
    await double.Excel.run(async (context) => {
      context.workbook.names.add(name, "=1");
      await expect(context.sync()).rejects.toMatchObject({ code });
    });
  });

  test("a worksheet range can be fetched through its name", async () => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "C3", [[0.08]]);
    double.state.addName("Rate", "=Sheet1!$C$3");
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("Rate").load("values");
      await context.sync();
      expect(range.values).toEqual([[0.08]]);
    });
  });
});

describe("settings", () => {
  test.each([
    ["a string", "remembered"],
    ["a number", 0.25],
    ["an object", { mapping: { Industry: "industry", P50: "median" }, confirmed: true }],
    ["an array", [1, "two", null]],
  ])("%s round-trips", async (_case, value) => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.settings.add("crossbench.mapping", value);
      await context.sync();
    });
    await double.Excel.run(async (context) => {
      const setting = context.workbook.settings.getItem("crossbench.mapping").load("value");
      await context.sync();
      expect(setting.value).toEqual(value);
    });
  });

  test("values are stored as JSON: dates become strings, undefined members vanish", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.settings.add("k", { when: new Date(Date.UTC(2024, 0, 2)), gone: undefined });
      await context.sync();
    });
    expect(double.state.settings()).toEqual({ k: { when: "2024-01-02T00:00:00.000Z" } });
  });

  test("add replaces, delete removes, items lists", async () => {
    const double = createExcelDouble();
    double.state.setSetting("a", 1);
    await double.Excel.run(async (context) => {
      const settings = context.workbook.settings;
      settings.add("a", 2);
      settings.add("b", 3);
      settings.getItem("b").delete();
      settings.load("items/key, items/value");
      await context.sync();
      expect(settings.items.map((s) => [s.key, s.value])).toEqual([["a", 2]]);
    });
  });
});

describe("charts and application", () => {
  test("charts.add records type, source, series orientation, title and position", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add(
        "ColumnClustered" as Excel.ChartType,
        sheet.getRange("A1:B5"),
        "Columns" as Excel.ChartSeriesBy
      );
      chart.title.text = "Gap to median";
      chart.axes.valueAxis.numberFormat = "0%";
      chart.legend.visible = false;
      chart.setPosition("D2", "J15");
      chart.load("name");
      await context.sync();
      expect(chart.name).toBe("Chart 1");
      chart.title.load();
      await context.sync();
      expect(chart.title.text).toBe("Gap to median");
    });
    expect(double.state.charts()).toEqual([
      {
        sheet: "Sheet1",
        name: "Chart 1",
        type: "ColumnClustered",
        source: "Sheet1!A1:B5",
        seriesBy: "Columns",
        settings: {
          title: { text: "Gap to median" },
          axes: { valueAxis: { numberFormat: "0%" } },
          legend: { visible: false },
          position: { start: "D2", end: "J15" },
        },
        calls: [],
      },
    ]);
  });

  test("application records screen-updating suspension and calculation mode", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.application.suspendScreenUpdatingUntilNextSync();
      context.application.calculationMode = "Manual" as Excel.CalculationMode;
      await context.sync();
      context.application.load("calculationMode");
      await context.sync();
      expect(context.application.calculationMode).toBe("Manual");
    });
    expect(double.state.application()).toMatchObject({
      calculationMode: "Manual",
      screenUpdatingSuspensions: 1,
    });
  });
});
