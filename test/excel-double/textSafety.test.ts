/**
 * src/reference/textSafety.ts's excelTextInput against the double's typed-input conversion (Excel's,
 * en-US): any text handed to Range.values through it reads back as exactly that text.
 */
import fc from "fast-check";
import { excelTextInput } from "../../src/reference/textSafety";
import { createExcelDouble } from "./index";

const MONTHS = ["Jan", "Mar", "March", "sep", "Sept", "December", "MAY"];
const typedShapes = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: 1000, max: 99_999_999 }).map((n) => n.toLocaleString("en-US")),
  fc.integer({ min: 0, max: 99_999 }).map((n) => `$${n.toLocaleString("en-US")}`),
  fc
    .tuple(
      fc.constantFrom(...MONTHS),
      fc.integer({ min: 0, max: 2099 }),
      fc.constantFrom(" ", "-", "/")
    )
    .map(([m, y, sep]) => `${m}${sep}${y}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${m}`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${h}:${String(m).padStart(2, "0")}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1900, max: 2100 })
    )
    .map(([m, d, y]) => `${m}/${d}/${y}`),
  fc.constantFrom(
    "#N/A",
    "#VALUE!",
    "#div/0!",
    "TRUE",
    "false",
    "=1+1",
    "+5",
    "-5",
    "@SUM(1)",
    "'quoted",
    "15%",
    "1e3"
  ),
  fc.string()
);

it("keeps every typed-looking text as the same text", () => {
  const double = createExcelDouble();
  fc.assert(
    fc.property(typedShapes, (text) => {
      double.state.setValues("Sheet1", "A1", [[excelTextInput(text)]]);
      expect(double.state.values("Sheet1", "A1")).toEqual([[text]]);
    }),
    { numRuns: 2000 }
  );
});
