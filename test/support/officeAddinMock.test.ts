/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load -- these tests break the load/sync rules on purpose to check that the mock enforces them */
/**
 * office-addin-mock for simple cases: a hand-written object tree stands in for Excel, and the mock
 * tracks load and sync. It returns an error string for an unloaded property instead of throwing as
 * Office does, so for anything beyond a few properties use test/excel-double.
 */
import { OfficeMockObject } from "office-addin-mock";

/** A small piece of add-in code: colour the selection and report its address and values. */
async function markSelection(color: string): Promise<{ address: string; values: unknown[][] }> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.format.fill.color = color;
    range.load("address, values");
    await context.sync();
    return { address: range.address, values: range.values };
  });
}

function createMock(): OfficeMockObject {
  const selected = {
    address: "Sheet1!B2:C2",
    values: [[0.12, 0.3]],
    format: { fill: { color: "#FFFFFF" } },
  };
  return new OfficeMockObject({
    context: {
      workbook: {
        range: selected,
        getSelectedRange: function (this: { range: unknown }) {
          return this.range;
        },
      },
    },
    run: async function (
      this: { context: unknown },
      batch: (context: unknown) => Promise<unknown>
    ) {
      return batch(this.context);
    },
  });
}

describe("office-addin-mock under our jest config", () => {
  const g = globalThis as Record<string, unknown>;
  let previous: unknown;
  beforeEach(() => {
    previous = g.Excel;
  });
  afterEach(() => {
    g.Excel = previous;
  });

  test("reads loaded properties and records a write", async () => {
    const mock = createMock();
    g.Excel = mock;
    await expect(markSelection("#FFFF00")).resolves.toEqual({
      address: "Sheet1!B2:C2",
      values: [[0.12, 0.3]],
    });
    expect(mock.context.workbook.range.format.fill.color).toBe("#FFFF00");
  });

  test("an unloaded property reads as an error string (the mock does not throw, unlike Office)", async () => {
    const mock = createMock();
    const range = mock.context.workbook.getSelectedRange();
    expect(range.address).toBe("Error, property was not loaded");
    range.load("address");
    expect(range.address).toBe("Error, context.sync() was not called");
    await mock.sync();
    expect(range.address).toBe("Sheet1!B2:C2");
  });
});
