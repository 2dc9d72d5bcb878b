import fc from "fast-check";
import {
  FormulaConstant,
  findBenchCall,
  formulaArray,
  formulaConstant,
  parseArgument,
} from "./formulaCall";

describe("findBenchCall", () => {
  test("splits a call into constants, arrays, references and names", () => {
    const call = findBenchCall(
      `=BENCH.NPV(8%,{-100,50;60,"a,b"},'Q1 ''24'!$B$2:C9,Sheet2!A:A,Rate,,TRUE,"say ""hi""",-1.5E-3,#N/A)`
    );
    expect(call).toEqual({
      name: "NPV",
      text: expect.stringMatching(/^BENCH\.NPV\(.*\)$/),
      nested: false,
      args: [
        { kind: "constant", text: "8%", value: 0.08 },
        {
          kind: "array",
          text: `{-100,50;60,"a,b"}`,
          rows: [
            [-100, 50],
            [60, "a,b"],
          ],
        },
        { kind: "reference", text: "'Q1 ''24'!$B$2:C9", sheet: "Q1 '24", address: "B2:C9" },
        { kind: "reference", text: "Sheet2!A:A", sheet: "Sheet2", address: "A:A" },
        { kind: "name", text: "Rate", name: "Rate" },
        { kind: "omitted", text: "" },
        { kind: "constant", text: "TRUE", value: true },
        { kind: "constant", text: `"say ""hi"""`, value: 'say "hi"' },
        { kind: "constant", text: "-1.5E-3", value: -0.0015 },
        { kind: "error", text: "#N/A", code: "#N/A" },
      ],
    });
  });

  test("finds a nested call and keeps calculations as expressions", () => {
    const call = findBenchCall(`=IFERROR(BENCH.ROI(SUM(A1:A3)*2,B1),"")`);
    expect(call?.name).toBe("ROI");
    expect(call?.nested).toBe(true);
    expect(call?.text).toBe("BENCH.ROI(SUM(A1:A3)*2,B1)");
    expect(call?.args).toEqual([
      { kind: "expression", text: "SUM(A1:A3)*2" },
      { kind: "reference", text: "B1", sheet: undefined, address: "B1" },
    ]);
  });

  test("reads the file form _xldudf_BENCH_ROI and a call without arguments", () => {
    expect(findBenchCall("=_xldudf_BENCH_ROI(A1,B1)")?.name).toBe("ROI");
    expect(findBenchCall("=BENCH.INDUSTRIES()")).toMatchObject({ name: "INDUSTRIES", args: [] });
  });

  test("ignores BENCH inside text, in other names and in constants", () => {
    expect(findBenchCall(`="BENCH.ROI(1,2)"`)).toBeUndefined();
    expect(findBenchCall("=MYBENCH.ROI(1,2)")).toBeUndefined();
    expect(findBenchCall("BENCH.ROI(1,2)")).toBeUndefined();
    expect(findBenchCall("=SUM(A1:A3)")).toBeUndefined();
  });

  test("malformed formulas raise a SyntaxError with the reason", () => {
    expect(() => findBenchCall("=BENCH.ROI(A1,B1")).toThrow(/parentheses/);
    expect(() => findBenchCall(`=BENCH.ROI("A1,B1)`)).toThrow(/unclosed text/);
  });

  test("a ragged or non-constant array constant is an expression", () => {
    expect(parseArgument("{1,2;3}").kind).toBe("expression");
    expect(parseArgument("{A1,2}").kind).toBe("expression");
    expect(parseArgument("{}").kind).toBe("expression");
  });

  test("a row reference, a lower-case reference and a bad sheet name", () => {
    expect(parseArgument("3:5")).toMatchObject({ kind: "reference", address: "3:5" });
    expect(parseArgument("b2")).toMatchObject({ kind: "reference", address: "B2" });
    expect(parseArgument("My Sheet!A1").kind).toBe("expression");
  });
});

describe("formula constants round-trip", () => {
  const constant: fc.Arbitrary<FormulaConstant> = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.integer(),
    fc.string(),
    fc.boolean()
  );

  test("a constant written by formulaConstant parses back to itself", () => {
    fc.assert(
      fc.property(constant, (value) => {
        const parsed = parseArgument(formulaConstant(value));
        expect(parsed).toMatchObject({ kind: "constant", value });
      })
    );
  });

  test("an array written by formulaArray parses back to its rows, inside a BENCH call", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.array(fc.array(constant, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 4,
          })
        ),
        (rows) => {
          const call = findBenchCall(`=BENCH.FIT(${formulaArray(rows)},A1)`);
          expect(call?.args[0]).toEqual({ kind: "array", text: formulaArray(rows), rows });
        }
      )
    );
  });
});
