/**
 * Calculation of BENCH formulas for the Excel double, the part of Excel that runs custom functions:
 * it watches the workbook (polling the double's state), and for each cell whose formula calls a
 * registered BENCH function with inputs that changed, shows #BUSY! while the (async) function runs, then
 * its result — a spilled array fills the cells below and to the right, or #SPILL! when they are not
 * empty, as Excel does. Arguments are passed as Excel passes them: a range as a 2-D array with blank
 * cells as null, a constant as itself, an omitted argument as null. Only BENCH calls that are the whole
 * formula are calculated; everything else stays as the test wrote it.
 */
import { findBenchCall } from "../../src/functions/formulaCall";
import type { ExcelDouble } from "./index";

type CustomFunction = (...args: unknown[]) => unknown;

export interface CustomFunctionsHost {
  /** Resolves once every BENCH formula shows its result for the current inputs. */
  settled(): Promise<void>;
  stop(): void;
}

interface ErrorLike {
  code: string;
  message: string;
}

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { code?: unknown }).code === "string" &&
  (value as { code: string }).code.startsWith("#");

type State = ExcelDouble["state"];

function parseRange(address: string): { sheet?: string; address: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { address };
  return {
    sheet: address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"),
    address: address.slice(bang + 1),
  };
}

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** "C12" -> [column index, row number]. */
function cellPosition(cell: string): [number, number] {
  const [, col, row] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
  return [columnIndex(col ?? "A"), Number(row)];
}

/** Reads an argument's cells from the double, blanks as null (how desktop Excel passes them). */
function readArgument(state: State, sheet: string, text: string, kind: string): unknown {
  let target = { sheet, address: text };
  if (kind === "name") {
    const name = state.names().find((n) => n.name.toLowerCase() === text.toLowerCase());
    if (!name) return { code: "#NAME?", message: "" };
    const parsed = parseRange(name.formula.replace(/^=/, ""));
    target = { sheet: parsed.sheet ?? sheet, address: parsed.address.replace(/\$/g, "") };
  } else {
    const parsed = parseRange(text);
    target = { sheet: parsed.sheet ?? sheet, address: parsed.address.replace(/\$/g, "") };
  }
  return state
    .values(target.sheet, target.address)
    .map((row) => row.map((v) => (v === "" ? null : v)));
}

interface Anchor {
  key: string;
  spill?: { sheet: string; address: string };
}

/** Starts calculating BENCH formulas in `double` with `functions` (ids as registered, any case). */
export function startCustomFunctionsHost(
  double: Pick<ExcelDouble, "state">,
  functions: () => Record<string, CustomFunction> | ReadonlyMap<string, CustomFunction>,
  options: { intervalMs?: number } = {}
): CustomFunctionsHost {
  const state = double.state;
  const anchors = new Map<string, Anchor>();
  let running = 0;
  let stopped = false;
  let waiters: Array<() => void> = [];

  const lookup = (name: string): CustomFunction | undefined => {
    const registered = functions();
    const entries =
      registered instanceof Map ? [...registered.entries()] : Object.entries(registered);
    return entries.find(([id]) => id.toUpperCase() === name)?.[1];
  };

  function show(sheet: string, address: string, result: unknown, anchor: Anchor): void {
    if (anchor.spill) {
      // Clear the previous spill, keeping the anchor's formula.
      const old = state.formulas(anchor.spill.sheet, anchor.spill.address);
      state.setValues(
        anchor.spill.sheet,
        anchor.spill.address,
        old.map((line, r) => line.map((v, c) => (r === 0 && c === 0 ? v : "")))
      );
      anchor.spill = undefined;
    }
    const cellOf = (value: unknown) =>
      isErrorLike(value) ? value.code : value === null || value === undefined ? 0 : value;
    if (!Array.isArray(result)) {
      state.setCalculatedValue(sheet, address, cellOf(result) as string | number | boolean);
      return;
    }
    const rows = result as unknown[][];
    const height = rows.length;
    const width = rows[0]?.length ?? 0;
    const [c0, r0] = cellPosition(address);
    if (height * width > 1) {
      const area = `${columnName(c0)}${r0}:${columnName(c0 + width - 1)}${r0 + height - 1}`;
      const blocked = state
        .formulas(sheet, area)
        .some((line, r) => line.some((v, c) => (r > 0 || c > 0) && v !== ""));
      if (blocked) {
        state.setCalculatedValue(sheet, address, "#SPILL!");
        return;
      }
      state.setValues(
        sheet,
        area,
        rows.map((line, r) =>
          line.map((v, c) =>
            r === 0 && c === 0 ? state.formulas(sheet, address)[0][0] : cellOf(v)
          )
        )
      );
      // Writing the anchor's formula back keeps it a formula cell (setValues types like a user).
      anchor.spill = { sheet, address: area };
    }
    state.setCalculatedValue(sheet, address, cellOf(rows[0]?.[0]) as string | number | boolean);
  }

  /** Calculation requests already honoured (index into application().calculations). */
  let calculationsSeen = 0;

  /**
   * Excel recalculates on request, not only when inputs change: Range.calculate() recalculates the
   * range, calculate(Full | FullRebuild) marks every cell dirty, calculate(Recalculate) only dirty ones
   * (Excel.CalculationType; Excel.Range.calculate). The request marks the cells so the next scan runs them.
   */
  function honourCalculationRequests(): void {
    const requests = state.application().calculations;
    for (const request of requests.slice(calculationsSeen)) {
      if (request === "Full" || request === "FullRebuild") anchors.forEach((a) => (a.key = ""));
      const range = /^Range (.+)$/.exec(request)?.[1];
      if (!range) continue;
      const { sheet, address } = parseRange(range);
      const [from, to = from] = address.replace(/\$/g, "").split(":");
      const [c0, r0] = cellPosition(from);
      const [c1, r1] = cellPosition(to);
      anchors.forEach((anchor, id) => {
        const { sheet: anchorSheet, address: cell } = parseRange(id);
        const [c, r] = cellPosition(cell);
        if (anchorSheet === sheet && c >= c0 && c <= c1 && r >= r0 && r <= r1) anchor.key = "";
      });
    }
    calculationsSeen = requests.length;
  }

  function scan(): void {
    honourCalculationRequests();
    for (const sheet of state.sheetNames()) {
      const used = state.usedAddress(sheet);
      if (!used) continue;
      const range = used.split("!").pop() as string;
      const [first] = range.split(":");
      const [c0, r0] = cellPosition(first);
      const formulas = state.formulas(sheet, range);
      formulas.forEach((line, r) =>
        line.forEach((formula, c) => {
          if (typeof formula !== "string" || !formula.startsWith("=")) return;
          const call = findBenchCall(formula);
          if (!call || call.nested) return;
          const address = `${columnName(c0 + c)}${r0 + r}`;
          evaluate(sheet, address, formula, call);
        })
      );
    }
  }

  function evaluate(
    sheet: string,
    address: string,
    formula: string,
    call: NonNullable<ReturnType<typeof findBenchCall>>
  ): void {
    const fn = lookup(call.name);
    const args = call.args.map((arg) => {
      switch (arg.kind) {
        case "constant":
          return arg.value;
        case "array":
          return arg.rows;
        case "reference":
        case "name":
          return readArgument(state, sheet, arg.text, arg.kind);
        case "error":
          return { code: arg.code, message: "" };
        default:
          return null;
      }
    });
    const id = `${sheet}!${address}`;
    const key = JSON.stringify([formula, args]);
    const anchor = anchors.get(id) ?? { key: "" };
    if (anchor.key === key) return;
    anchor.key = key;
    anchors.set(id, anchor);
    if (!fn) {
      state.setCalculatedValue(sheet, address, "#NAME?");
      return;
    }
    state.setCalculatedValue(sheet, address, "#BUSY!");
    running++;
    Promise.resolve()
      .then(() => fn(...args))
      .then(
        (result) => {
          if (!stopped && anchor.key === key) show(sheet, address, result, anchor);
        },
        (thrown: unknown) => {
          if (!stopped && anchor.key === key)
            state.setCalculatedValue(sheet, address, isErrorLike(thrown) ? thrown.code : "#VALUE!");
        }
      )
      .finally(() => {
        running--;
        if (running === 0) {
          const done = waiters;
          waiters = [];
          done.forEach((resolve) => resolve());
        }
      });
  }

  const timer = setInterval(() => {
    try {
      scan();
    } catch {
      // A sheet deleted between reading its names and its cells: the next tick sees the new workbook.
    }
  }, options.intervalMs ?? 20);

  return {
    settled: () => {
      scan();
      return running === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** Excel's error codes as the shared runtime's CustomFunctions.ErrorCode holds them. */
const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionsErrorDouble extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message ?? "");
    this.name = "CustomFunctions.Error";
  }
}

interface BrowserCustomFunctions {
  Error?: unknown;
  ErrorCode?: unknown;
  /** office.js keeps what CustomFunctions.associate registered here (Excel's runtime reads it). */
  _association?: { mappings?: Record<string, CustomFunction> };
}

/**
 * In a browser page that loaded office.js and functions.js outside Excel: office.js's CustomFunctions
 * has `associate` (whose registrations it keeps in `_association.mappings`) but no `Error`, which only
 * Excel's runtime provides; this adds the Error and ErrorCode Excel would and calculates with the
 * registered functions.
 */
export function startBrowserCustomFunctionsHost(
  double: Pick<ExcelDouble, "state">
): CustomFunctionsHost {
  const global = globalThis as { CustomFunctions?: BrowserCustomFunctions };
  const runtime = (global.CustomFunctions ??= {});
  runtime.Error ??= CustomFunctionsErrorDouble;
  runtime.ErrorCode ??= ERROR_CODES;
  return startCustomFunctionsHost(
    double,
    () => global.CustomFunctions?._association?.mappings ?? {}
  );
}
