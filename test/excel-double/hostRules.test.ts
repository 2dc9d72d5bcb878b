/**
 * Host rules from Microsoft's documentation that the double enforces (docs/excel-double.md cites the
 * pages): undo groups, cell edit mode, event sources, the 5,000,000-cell read limit, multi-area
 * selections, and the typed-input conversion of text written through `values`.
 */
import { createExcelDouble, UNDO_UNSUPPORTED_OPERATIONS } from "./index";

const codeOf = (error: unknown): string => (error as { code?: string }).code ?? String(error);

describe("mergeUndoGroup (ExcelApi 1.20)", () => {
  it.each([
    [
      "WorksheetProtection.protect",
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").protection.protect(),
    ],
    [
      "Worksheet.delete",
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet2").delete(),
    ],
  ])("%s fails with UndoNotSupported inside an undo group and changes nothing", async (_, act) => {
    const double = createExcelDouble({ sheets: ["Sheet1", "Sheet2"] });
    const outcome = await double.Excel.run({ mergeUndoGroup: true }, async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      act(context);
      await context.sync();
    }).then(() => "ok", codeOf);
    expect(outcome).toBe("UndoNotSupported");
    expect(double.state.values("Sheet1", "A1")).toEqual([[""]]);
    expect(double.state.sheetNames()).toEqual(["Sheet1", "Sheet2"]);
  });

  it("the same calls work outside an undo group", async () => {
    const double = createExcelDouble({ sheets: ["Sheet1", "Sheet2"] });
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").protection.protect();
      context.workbook.worksheets.getItem("Sheet2").delete();
      await context.sync();
    });
    expect(double.state.sheetNames()).toEqual(["Sheet1"]);
    expect(double.state.sheet("Sheet1").protection.protected).toBe(true);
    // Outside a group such a call clears the user's undo stack.
    expect(double.stats.requests[0].clearsUndoStack).toBe(true);
  });

  it("writes, formats and new sheets are allowed in an undo group", async () => {
    const double = createExcelDouble();
    await double.Excel.run({ mergeUndoGroup: true }, async (context) => {
      const sheet = context.workbook.worksheets.add("New");
      sheet.getRange("A1").values = [[1]];
      sheet.getRange("A1").format.fill.color = "#FFFF00";
      await context.sync();
    });
    expect(double.state.values("New", "A1")).toEqual([[1]]);
    expect(UNDO_UNSUPPORTED_OPERATIONS).toContain("WorksheetProtection.unprotect");
  });
});

describe("cell edit mode", () => {
  it("a request fails with InvalidOperationInCellEditMode while the user edits a cell", async () => {
    const double = createExcelDouble();
    double.setCellEditMode(true);
    const outcome = await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    }).then(() => "ok", codeOf);
    expect(outcome).toBe("InvalidOperationInCellEditMode");
    expect(double.state.values("Sheet1", "A1")).toEqual([[""]]);
  });

  it("with delayForCellEdit the request waits until the user leaves the cell", async () => {
    const double = createExcelDouble();
    double.setCellEditMode(true);
    let done = false;
    const run = double.Excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    expect(double.state.values("Sheet1", "A1")).toEqual([[""]]);
    double.setCellEditMode(false);
    await run;
    expect(double.state.values("Sheet1", "A1")).toEqual([[1]]);
  });

  it("an empty sync costs nothing and does not fail", async () => {
    const double = createExcelDouble();
    double.setCellEditMode(true);
    await expect(double.Excel.run(async (context) => context.sync())).resolves.toBeUndefined();
  });
});

describe("change events and their source", () => {
  it("the add-in's own writes raise events: source Local, triggerSource ThisLocalAddin", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[5]];
      await context.sync();
    });
    expect(double.events).toEqual([
      expect.objectContaining({
        type: "WorksheetChanged",
        address: "B2",
        source: "Local",
        triggerSource: "ThisLocalAddin",
      }),
    ]);
  });

  it("a user's edit is Local/Unknown, a co-author's is Remote", () => {
    const double = createExcelDouble();
    double.userEdit("Sheet1", "A1", [[1]]);
    double.remoteEdit("Sheet1", "A2", [[2]]);
    expect(double.events.map((e) => [e.source, e.triggerSource])).toEqual([
      ["Local", "Unknown"],
      ["Remote", "Unknown"],
    ]);
  });
});

describe("resource limits", () => {
  it("reading more than 5,000,000 cells fails with RangeExceedsLimit", async () => {
    const double = createExcelDouble({ responsePayloadLimitBytes: Infinity });
    const outcome = await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A:E").load("values");
      await context.sync();
    }).then(() => "ok", codeOf);
    expect(outcome).toBe("RangeExceedsLimit");
  });

  it("a range's address and cell count can be read whatever its size", async () => {
    const double = createExcelDouble();
    const count = await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A:Z").load("cellCount");
      await context.sync();
      return range.cellCount;
    });
    expect(count).toBe(26 * 1_048_576);
  });

  it("the values of one whole column pass 5 MB and fail on the response limit", async () => {
    const double = createExcelDouble();
    const outcome = await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A:A").load("values");
      await context.sync();
    }).then(() => "ok", codeOf);
    expect(outcome).toBe("ResponsePayloadSizeLimitExceeded");
  });
});

describe("multi-area selections", () => {
  it("getSelectedRange fails with InvalidSelection when several areas are selected", async () => {
    const double = createExcelDouble();
    double.selectAreas("Sheet1", ["A1:B2", "D4"]);
    const outcome = await double.Excel.run(async (context) => {
      context.workbook.getSelectedRange().load("address");
      await context.sync();
    }).then(() => "ok", codeOf);
    expect(outcome).toBe("InvalidSelection");
  });

  it("one area is an ordinary selection", async () => {
    const double = createExcelDouble();
    double.selectAreas("Sheet1", ["B2:C3"]);
    const address = await double.Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange().load("address");
      await context.sync();
      return range.address;
    });
    expect(address).toBe("Sheet1!B2:C3");
  });
});

describe("typed input through values", () => {
  const cases: [string, number | boolean | string, string][] = [
    ["1,234.5", 1234.5, "#,##0.00"],
    ["1,234", 1234, "#,##0"],
    ["$120", 120, '"$"#,##0'],
    ["$1,234.50", 1234.5, '"$"#,##0.00'],
    ["2024-05", 45413, "mmm-yy"],
    ["Mar 2025", 45717, "mmm-yy"],
    ["March 2025", 45717, "mmm-yy"],
    ["12/31/2024", 45657, "m/d/yyyy"],
    ["10:30", 0.4375, "h:mm"],
    ["1e3", 1000, "General"],
    ["#N/A", "#N/A", "General"],
    ["TRUE", true, "General"],
  ];
  it.each(cases)("%s becomes %p (%s)", (text, value, format) => {
    const double = createExcelDouble();
    double.state.setValues("Sheet1", "A1", [[text]]);
    expect(double.state.cell("Sheet1", "A1")).toMatchObject({ value, numberFormat: format });
  });

  it.each(["'1,234.5", "'Mar 2025", "'10:30", "'#N/A", "'TRUE"])(
    "%s with a leading apostrophe stays text",
    (text) => {
      const double = createExcelDouble();
      double.state.setValues("Sheet1", "A1", [[text]]);
      expect(double.state.cell("Sheet1", "A1")).toMatchObject({
        value: text.slice(1),
        quotePrefix: true,
        valueType: "String",
      });
    }
  );

  it("a cell formatted as text keeps what is written", async () => {
    const double = createExcelDouble();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      range.numberFormat = [["@", "@", "@"]];
      range.values = [["1,234.5", "Mar 2025", "#N/A"]];
      await context.sync();
    });
    expect(double.state.values("Sheet1", "A1:C1")).toEqual([["1,234.5", "Mar 2025", "#N/A"]]);
  });

  it.each(["Marketing", "Maybe later", "Total", "Finance 2024", "12,34", "1,2345", "31/12/2024"])(
    "%s stays text",
    (text) => {
      const double = createExcelDouble();
      double.state.setValues("Sheet1", "A1", [[text]]);
      expect(double.state.cell("Sheet1", "A1").value).toBe(text);
    }
  );
});
