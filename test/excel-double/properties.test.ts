/** Property-based checks of the double: round trips, atomic failures, payload accounting. */
import fc from "fast-check";
import { columnLetters } from "./address";
import { createExcelDouble } from "./index";

/** Values that Excel stores unchanged: finite numbers, booleans, text that cannot be read as anything else. */
const storedAsIs = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.boolean(),
  fc
    .tuple(fc.constantFrom("a", "Q", "z", "é", "中", "T", "f"), fc.string({ maxLength: 20 }))
    .map(([first, rest]) => `${first}${rest}`.replace(/%+$/, ""))
    .filter((text) => !/^(true|false)$/i.test(text))
);

const grid = (rows: number, columns: number) =>
  fc.array(fc.array(storedAsIs, { minLength: columns, maxLength: columns }), {
    minLength: rows,
    maxLength: rows,
  });

const block = fc
  .record({
    row: fc.nat(50),
    column: fc.nat(30),
    rows: fc.integer({ min: 1, max: 6 }),
    columns: fc.integer({ min: 1, max: 6 }),
  })
  .chain((b) => grid(b.rows, b.columns).map((values) => ({ ...b, values })));

const addressOf = (b: { row: number; column: number; rows: number; columns: number }): string =>
  `${columnLetters(b.column)}${b.row + 1}:${columnLetters(b.column + b.columns - 1)}${b.row + b.rows}`;

test("values written through a range come back unchanged through load and through state", async () => {
  await fc.assert(
    fc.asyncProperty(block, async (b) => {
      const double = createExcelDouble();
      const read = await double.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sheet1").getRange(addressOf(b));
        range.values = b.values;
        await context.sync();
        range.load("values");
        await context.sync();
        return range.values;
      });
      expect(read).toEqual(b.values);
      expect(double.state.values("Sheet1", addressOf(b))).toEqual(b.values);
    }),
    { numRuns: 60 }
  );
});

test("a request that fails at any point leaves the workbook exactly as it was", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(block, { minLength: 1, maxLength: 5 }),
      fc.nat(),
      async (blocks, failAtSeed) => {
        const double = createExcelDouble();
        double.state.setValues("Sheet1", "A1:C2", [
          ["keep", 1, true],
          [2, "x", false],
        ]);
        const before = double.state.values("Sheet1", "A1:AF60");
        const failAt = failAtSeed % (blocks.length + 1);
        await double.Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("Sheet1");
          blocks.forEach((b, i) => {
            if (i === failAt) sheet.getRange("A1:B2").values = [[1]]; // wrong shape
            sheet.getRange(addressOf(b)).values = b.values;
          });
          if (failAt === blocks.length) context.workbook.worksheets.getItem("Missing");
          context.workbook.worksheets.add("Extra");
          await expect(context.sync()).rejects.toHaveProperty("code");
        });
        expect(double.state.values("Sheet1", "A1:AF60")).toEqual(before);
        expect(double.state.sheetNames()).toEqual(["Sheet1"]);
      }
    ),
    { numRuns: 40 }
  );
});

test("request bytes grow with the JSON size of the written values", async () => {
  await fc.assert(
    fc.asyncProperty(block, async (b) => {
      const double = createExcelDouble();
      await double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange(addressOf(b)).values = b.values;
        await context.sync();
      });
      const valuesBytes = new TextEncoder().encode(JSON.stringify(b.values)).length;
      expect(double.stats.requests[0].bytes).toBeGreaterThan(valuesBytes);
      expect(double.stats.requests[0].bytes).toBeLessThan(valuesBytes + 500);
    }),
    { numRuns: 40 }
  );
});
