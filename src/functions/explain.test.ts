/**
 * Explain this cell against the functions themselves: for random inputs written into a formula, the
 * explanation's value (or error and message) is exactly what the @customfunction returns.
 */
import fc from "fast-check";
import * as analytics from "./analytics";
import { divisionByZero, notAvailable, numError, valueError } from "../core/errors";
import { BENCH_FUNCTIONS, BenchCellValue, BenchOutcome, evaluateBench } from "./benchRegistry";
import { metric } from "./reference";
import { argumentValues, benchCallOf, explainBenchCall, explanationText } from "./explain";
import { findBenchCall, formulaArray, formulaConstant } from "./formulaCall";
import { KINDS_WITH_MESSAGES, errorValueOf, toExcelError } from "./errors";

type Wrapper = (...args: unknown[]) => unknown;
const wrappers = analytics as unknown as Record<string, Wrapper>;

/** A wrapper's result as evaluateBench reports it. */
function asOutcome(result: unknown) {
  const cell = (value: unknown) =>
    value instanceof CustomFunctions.Error ? { error: value.code, message: value.message } : value;
  if (result instanceof CustomFunctions.Error)
    return { ok: false, error: result.code, message: result.message };
  if (Array.isArray(result)) {
    if (
      result.length === 1 &&
      result[0].length === 1 &&
      result[0][0] instanceof CustomFunctions.Error
    )
      return asOutcome(result[0][0]);
    return { ok: true, value: result.map((row: unknown[]) => row.map(cell)) };
  }
  return { ok: true, value: result };
}

/** What Excel shows of an error: its message only on #VALUE! and #N/A (up to 255 characters). */
const shownMessage = (error: string, message: string): string =>
  (KINDS_WITH_MESSAGES as readonly string[]).includes(error) ? message.slice(0, 255) : "";

/** An evaluateBench outcome as the cell shows it (Excel drops the message on #NUM! and #DIV/0!). */
function asShown(outcome: BenchOutcome): unknown {
  const cell = (value: BenchCellValue) =>
    typeof value === "object"
      ? { ...value, message: shownMessage(value.error, value.message) }
      : value;
  if (!outcome.ok) return { ...outcome, message: shownMessage(outcome.error, outcome.message) };
  return Array.isArray(outcome.value)
    ? { ...outcome, value: outcome.value.map((row) => row.map(cell)) }
    : outcome;
}

const amount = fc
  .double({ min: -1e6, max: 1e6, noNaN: true })
  .map((x) => (Object.is(x, -0) ? 0 : x));
const cellValue = fc.oneof(
  { weight: 8, arbitrary: amount },
  { weight: 1, arbitrary: fc.constantFrom("", "n/a", "12") },
  { weight: 1, arbitrary: fc.boolean() }
);
const row = fc.array(cellValue, { minLength: 1, maxLength: 6 });

/** Formula text for an argument: an array constant or a single constant. */
const literal = (value: unknown): string =>
  Array.isArray(value)
    ? formulaArray([value as (number | string | boolean)[]])
    : formulaConstant(value as number);

async function explainFormula(formula: string) {
  const call = findBenchCall(formula)!;
  return explainBenchCall({ address: "Sheet1!A1", formula }, call, new Map());
}

describe("the explanation equals the function", () => {
  const cases: [string, fc.Arbitrary<unknown[]>][] = [
    ["ROI", fc.tuple(row, row)],
    ["NPV", fc.tuple(fc.double({ min: -0.5, max: 1, noNaN: true }), row)],
    ["IRR", fc.tuple(row)],
    ["PAYBACK", fc.tuple(row)],
    ["CHANGE", fc.tuple(row, row, fc.constantFrom("higher", "lower", "sideways"))],
    ["PEERRANK", fc.tuple(amount, row, fc.constantFrom("higher", "lower"))],
    ["FIT", fc.tuple(row, row)],
    ["BEFOREAFTER", fc.tuple(row, row)],
  ];
  test.each(cases)("BENCH.%s through formula text and evaluateBench", async (name, args) => {
    await fc.assert(
      fc.asyncProperty(args, async (values) => {
        const formula = `=BENCH.${name}(${values.map(literal).join(",")})`;
        const call = findBenchCall(formula)!;
        const passed = argumentValues(call, new Map()).values;
        const expected = asOutcome(wrappers[name](...passed));
        const outcome = await evaluateBench(name, passed);
        expect(asShown(outcome)).toEqual(expected);
        const explanation = await explainFormula(formula);
        if (outcome.ok) expect(explanation.value).toEqual(outcome.value);
        else {
          expect(explanation.kind).toBe("error");
          expect(explanation.headline).toContain(outcome.error);
          // The explanation keeps the full reason, also where Excel shows none.
          expect(explanation.message).toBe(outcome.message);
          expect(explanation.message).toMatch(/\w/);
        }
      }),
      { numRuns: 60 }
    );
  });
});

describe("errors", () => {
  test("errorValueOf maps every thrown value as toExcelError does", () => {
    const thrown: unknown[] = [
      valueError("v"),
      numError("n"),
      notAvailable("a"),
      divisionByZero("d"),
      new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "incoming"),
      new Error("boom"),
      "plain",
    ];
    for (const value of thrown) {
      const excel = toExcelError(value);
      const ours = errorValueOf(value);
      expect(ours.error).toBe(excel.code);
      expect(shownMessage(ours.error, ours.message)).toBe(excel.message);
      if (value instanceof Error) expect(ours.message).toMatch(/\w/);
    }
  });

  test("#NUM! keeps its message and says Excel drops it", async () => {
    const explanation = await explainFormula("=BENCH.IRR({100,50,20})");
    expect(explanation.kind).toBe("error");
    expect(explanation.headline).toBe("BENCH.IRR returns #NUM!.");
    expect(explanation.message).toMatch(/\w/);
    expect(explanation.details.join(" ")).toMatch(/Excel shows #NUM! without Crossbench's message/);
  });

  test("#VALUE! does not claim the message is dropped", async () => {
    const explanation = await explainFormula('=BENCH.ROI({"x"},{1})');
    expect(explanation.headline).toBe("BENCH.ROI returns #VALUE!.");
    expect(explanation.message).toMatch(/benefits/);
    expect(explanation.details.join(" ")).not.toMatch(/without Crossbench's message/);
  });

  test("an input cell holding an error is named, and a calculation is not guessed at", async () => {
    const formula = "=BENCH.ROI(B2:B3,C2)";
    const call = findBenchCall(formula)!;
    const contents = new Map([
      ["B2:B3", { values: [[1], ["#DIV/0!"]], valueTypes: [["Double"], ["Error"]] }],
      ["C2", { values: [[1]], valueTypes: [["Double"]] }],
    ]);
    const explanation = await explainBenchCall({ address: "A1", formula }, call, contents);
    expect(explanation.headline).toBe("BENCH.ROI returns #DIV/0! because an input is an error.");
    expect(explanation.details[0]).toMatch(/B2:B3 holds the error #DIV\/0!/);
    const calc = await explainFormula("=BENCH.ROI(A1*2,1)");
    expect(calc.kind).toBe("cannot-evaluate");
    expect(calc.details[0]).toMatch(/A1\*2 is a calculation/);
  });

  test("a shown value that differs from the evaluation is pointed out", async () => {
    const formula = "=BENCH.ROI({150},{100})";
    const explanation = await explainBenchCall(
      { address: "A1", formula, shown: 0.9 },
      findBenchCall(formula)!,
      new Map()
    );
    expect(explanation.value).toBe(0.5);
    expect(explanation.details[0]).toMatch(/a return of 50 %/);
    expect(explanation.details.join(" ")).toMatch(/The cell shows 0.9, which differs/);
    expect(explanationText(explanation)).toMatch(/^A1: =BENCH.ROI/);
  });
});

describe("cells without a BENCH call", () => {
  test("no formula, another function, a broken formula", () => {
    expect(benchCallOf({ address: "A1", formula: 12 })).toMatchObject({ kind: "no-formula" });
    expect(benchCallOf({ address: "A1", formula: "=SUM(1)" })).toMatchObject({ kind: "not-bench" });
    expect(benchCallOf({ address: "A1", formula: "=BENCH.ROI(1" })).toMatchObject({
      kind: "cannot-evaluate",
      details: [expect.stringMatching(/parentheses/)],
    });
  });

  test("an unknown BENCH name is #NAME?", async () => {
    expect(await evaluateBench("NOPE", [])).toMatchObject({ ok: false, error: "#NAME?" });
  });
});

test("every registered function is a @customfunction with the same parameters", () => {
  for (const [name, spec] of Object.entries(BENCH_FUNCTIONS)) {
    expect(spec.required).toBeLessThanOrEqual(spec.parameters.length);
    expect(name).toBe(name.toUpperCase());
  }
  // The analytics wrappers take exactly the registry's parameters (reference ones are checked in build tests).
  for (const name of Object.keys(wrappers).filter((n) => BENCH_FUNCTIONS[n]))
    expect(wrappers[name].length).toBe(BENCH_FUNCTIONS[name].parameters.length);
});

describe("an industry the library has no figures for", () => {
  test("the explanation gives the function's own reason: the user's own industry, and what to do", async () => {
    const formula = '=BENCH.METRIC("Dog grooming","Gross margin")';
    const explanation = await explainFormula(formula);
    const cell = (await metric("Dog grooming", "Gross margin")) as CustomFunctions.Error;
    expect(explanation.headline).toBe("BENCH.METRIC returns #N/A.");
    expect(explanation.message).toBe(cell.message);
    expect(explanation.message).toMatch(/it counts as your own industry\. Import its figures/);
    // The general advice must not contradict it by calling the name a misspelling.
    expect(explanation.details.join(" ")).not.toMatch(/spelling/);
  });
});
