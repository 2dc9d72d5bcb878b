/** Request accounting: bytes per request and Excel on the web's 5 MB payload limits. */
import { createExcelDouble, DEFAULT_PAYLOAD_LIMIT_BYTES } from "./index";

const MB = 1024 * 1024;

/** A rows x 10 grid of strings whose JSON is about `megabytes` MB. */
function grid(megabytes: number): string[][] {
  const rows = 1000;
  const cell = "x".repeat(Math.floor((megabytes * MB) / (rows * 10)) - 3);
  return Array.from({ length: rows }, () => new Array(10).fill(cell));
}

async function writeGrid(values: string[][], options = {}) {
  const double = createExcelDouble(options);
  const outcome = await double.Excel.run(async (context) => {
    context.workbook.worksheets
      .getItem("Sheet1")
      .getRangeByIndexes(0, 0, values.length, values[0].length).values = values;
    await context.sync();
  }).then(
    () => "ok",
    (error: { code: string }) => error.code
  );
  return { double, outcome };
}

test("the default limit is 5 MB", () => {
  expect(DEFAULT_PAYLOAD_LIMIT_BYTES).toBe(5 * MB);
});

test("a 6 MB write is rejected with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
  const { double, outcome } = await writeGrid(grid(6));
  expect(outcome).toBe("RequestPayloadSizeLimitExceeded");
  expect(double.state.usedAddress("Sheet1")).toBeNull();
  expect(double.stats.requests[0].bytes).toBeGreaterThan(5 * MB);
  expect(double.stats.requests[0].error).toBe("RequestPayloadSizeLimitExceeded");
});

test("a 4 MB write passes and its size is recorded", async () => {
  const values = grid(4);
  const { double, outcome } = await writeGrid(values);
  expect(outcome).toBe("ok");
  const payloadOfValues = new TextEncoder().encode(JSON.stringify(values)).length;
  expect(double.stats.maxRequestBytes).toBeGreaterThanOrEqual(payloadOfValues);
  // The rest of the request (the getItem / getRangeByIndexes path) is small.
  expect(double.stats.maxRequestBytes - payloadOfValues).toBeLessThan(1000);
  expect(double.state.values("Sheet1", "J1000")).toEqual([[values[999][9]]]);
});

test("bytes are UTF-8 bytes, not UTF-16 code units", async () => {
  const double = createExcelDouble();
  await double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["€".repeat(1000)]];
    await context.sync();
  });
  expect(double.stats.requests[0].bytes).toBeGreaterThan(3000);
});

test("the limit is configurable", async () => {
  const { outcome } = await writeGrid(grid(0.5), { payloadLimitBytes: 100_000 });
  expect(outcome).toBe("RequestPayloadSizeLimitExceeded");
});

test("a load whose response exceeds the limit fails with ResponsePayloadSizeLimitExceeded", async () => {
  const double = createExcelDouble({ responsePayloadLimitBytes: 50_000 });
  double.state.setValues("Sheet1", "A1:J1000", "some text");
  await double.Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:J1000").load("values");
    await expect(context.sync()).rejects.toMatchObject({
      code: "ResponsePayloadSizeLimitExceeded",
    });
    expect(() => range.values).toThrow(/not available/);
  });
});

test("each request records its operation count", async () => {
  const double = createExcelDouble();
  await double.Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1").values = [[1]];
    sheet.getRange("A2").values = [[2]];
    await context.sync();
  });
  // getItem, 2 x (getRange + values)
  expect(double.stats.requests).toEqual([expect.objectContaining({ operations: 5 })]);
  expect(double.stats.totalOperations).toBe(5);
});
