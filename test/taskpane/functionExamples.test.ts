/**
 * The function reference's "Insert example" formulas must compute: each example is evaluated through the
 * real custom-function implementations, and every @customfunction id has one.
 */
import fs from "fs";
import path from "path";
import * as analytics from "../../src/functions/analytics";
import * as reference from "../../src/functions/reference";
import { EXAMPLE_ARGUMENTS, FUNCTION_TASKS } from "../../src/taskpane/adapters/functionCatalogue";

/** Parses Excel argument text: numbers, "text" and array constants {1,2;3,4} (rows split by ;). */
export function parseExcelArguments(text: string): unknown[] {
  let at = 0;
  const peek = () => text[at];
  function scalar(): number | string {
    if (peek() === '"') {
      let value = "";
      at++;
      while (at < text.length) {
        if (text[at] === '"' && text[at + 1] === '"') {
          value += '"';
          at += 2;
        } else if (text[at] === '"') {
          at++;
          return value;
        } else value += text[at++];
      }
      throw new Error(`unterminated text in ${text}`);
    }
    const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(at));
    if (!match) throw new Error(`cannot parse "${text.slice(at)}"`);
    at += match[0].length;
    return Number(match[0]);
  }
  function value(): unknown {
    if (peek() !== "{") return scalar();
    at++;
    const rows: unknown[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(scalar());
      const separator = text[at++];
      if (separator === "}") return rows;
      if (separator === ";") rows.push([]);
      else if (separator !== ",") throw new Error(`unexpected "${separator}" in ${text}`);
    }
  }
  const args: unknown[] = [];
  while (at < text.length) {
    args.push(value());
    if (at < text.length && text[at++] !== ",") throw new Error(`expected "," in ${text}`);
  }
  return args;
}

const implementations = new Map(
  Object.entries({ ...analytics, ...reference })
    .filter(([, value]) => typeof value === "function")
    .map(([name, value]) => [name.toUpperCase(), value as (...args: unknown[]) => unknown])
);

function customFunctionIds(): string[] {
  const dir = path.resolve(__dirname, "../../src/functions");
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) =>
      [
        ...fs
          .readFileSync(path.join(dir, file), "utf8")
          .matchAll(/@customfunction\s+([A-Z0-9_.]+)/g),
      ].map((m) => m[1])
    );
}

function containsError(result: unknown): boolean {
  if (result instanceof CustomFunctions.Error) return true;
  return Array.isArray(result) && result.some(containsError);
}

describe("function reference examples", () => {
  it("has an example for every @customfunction id and none for an id that does not exist", () => {
    expect(Object.keys(EXAMPLE_ARGUMENTS).sort()).toEqual(customFunctionIds().sort());
  });

  it.each(Object.entries(EXAMPLE_ARGUMENTS))(
    "=BENCH.%s(%s) evaluates without an Excel error",
    async (id, args) => {
      const implementation = implementations.get(id);
      expect(implementation).toBeDefined();
      const result = await implementation!(...parseExcelArguments(args));
      expect(containsError(result)).toBe(false);
      expect(result).not.toBeUndefined();
    }
  );

  it('files every function under a task, so the list has no "Other" group', () => {
    const filed = FUNCTION_TASKS.flatMap((group) => group.ids);
    expect(customFunctionIds().filter((id) => !filed.includes(id))).toEqual([]);
  });

  it("shows examples with short, readable numbers (no 0.333333333333333)", () => {
    for (const [id, args] of Object.entries(EXAMPLE_ARGUMENTS))
      expect([id, args.match(/\d+\.\d{5,}/g)]).toEqual([id, null]);
  });

  it("parses argument text the way Excel reads array constants", () => {
    expect(parseExcelArguments('0.08,{-1,2.5;3e2,4},"a ""b"""')).toEqual([
      0.08,
      [
        [-1, 2.5],
        [300, 4],
      ],
      'a "b"',
    ]);
    expect(parseExcelArguments("")).toEqual([]);
  });
});
