/**
 * Oracle: formulajs (an independent JavaScript implementation of Excel's functions, test-only) on random
 * cases. Where the definitions differ, the inputs are mapped (BENCH.NPV's first flow is "today"), or the
 * comparison is limited to cases both define the same way (documented per test).
 *
 * formulajs's TTEST is not used: it computes Welch's t but with n1+n2-2 degrees of freedom, which is none
 * of Excel's T.TEST types; LibreOffice (libreoffice.test.ts) is the oracle for the t-test.
 */
import * as formulajs from "@formulajs/formulajs";
import fc from "fast-check";
import { irr, npv } from "../../src/core/finance";
import { percentRankInc } from "../../src/core/statistics";
import vm from "vm";

/**
 * Calls an oracle function with a time limit. formulajs's IRR loops forever on some flows (when its
 * Newton phase ends below about -5 %, its bracketing `b = b * 2 + 0.1` runs away from the root), and
 * jest cannot interrupt a synchronous loop; a vm timeout can. A case the oracle cannot finish is one
 * where it did not converge, and is skipped like its #NUM! answers.
 */
function oracleWithin<T>(limitMs: number, oracle: () => T): T | undefined {
  try {
    return vm.runInContext("oracle()", vm.createContext({ oracle }), { timeout: limitMs }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return undefined;
    throw error;
  }
}

const amount = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100);
const rate = fc.double({ min: -0.5, max: 1, noNaN: true });
const datedFlows = fc
  .array(fc.tuple(amount, fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 15 })
  .map((rows) => {
    let date = 43831; // 1-Jan-2020
    return {
      later: rows.map(([flow]) => flow),
      dates: [date, ...rows.map(([, gap]) => (date += gap))],
    };
  });

/** The search span of BENCH.IRR: -99.99% to +1000%. */
const inSpan = (rate: number): boolean => rate > -0.9999 && rate < 10;

/**
 * formulajs's Newton iteration sometimes stops at a rate that is not a root at all (e.g. IRR of
 * {-8.13, 184.19, -1500.97}, which has no real root, returns 8.2267 with NPV -5.8), so its answer only
 * counts as an oracle value when the NPV there really is 0.
 */
function convergedRoot(result: unknown, flows: number[], dates?: number[]): number | undefined {
  if (typeof result !== "number" || !Number.isFinite(result) || !inSpan(result)) return undefined;
  const scale = flows.reduce((total, flow) => total + Math.abs(flow), 0);
  return Math.abs(npv(result, flows, dates)) <= 1e-6 * scale ? result : undefined;
}

const relativeGap = (a: number, b: number): number =>
  Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe("NPV and XNPV agree with formulajs", () => {
  it("BENCH.NPV(r, {v0..vn}) = NPV(r, v1..vn) + v0", () => {
    fc.assert(
      fc.property(rate, fc.array(amount, { minLength: 2, maxLength: 40 }), (r, flows) => {
        const expected = (formulajs.NPV(r, ...flows.slice(1)) as number) + flows[0];
        expect(relativeGap(npv(r, flows), expected)).toBeLessThan(1e-10);
      }),
      { numRuns: 500 }
    );
  });

  it("BENCH.NPV with dates = XNPV", () => {
    fc.assert(
      fc.property(rate, amount, datedFlows, (r, first, { later, dates }) => {
        const flows = [first, ...later];
        const expected = formulajs.XNPV(r, flows, dates) as number;
        expect(relativeGap(npv(r, flows, dates), expected)).toBeLessThan(1e-10);
      }),
      { numRuns: 500 }
    );
  });
});

describe("IRR and XIRR agree with formulajs where it converges", () => {
  // A conventional project (money out, then money in) has exactly one IRR, so both must find the same one.
  const conventional = fc.tuple(
    fc.integer({ min: 1000, max: 1_000_000 }),
    fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 1, maxLength: 15 })
  );

  it("IRR on 1-15 period conventional flows", () => {
    let compared = 0;
    fc.assert(
      fc.property(conventional, ([investment, returns]) => {
        const flows = [-investment, ...returns];
        const expected = convergedRoot(
          oracleWithin(1000, () => formulajs.IRR(flows)),
          flows
        );
        if (expected === undefined) return; // formulajs did not converge, or the IRR is above +1000%
        compared++;
        expect(Math.abs(irr(flows) - expected)).toBeLessThan(1e-7);
      }),
      { numRuns: 500 }
    );
    expect(compared).toBeGreaterThan(300);
  });

  it("XIRR on conventional dated flows", () => {
    let compared = 0;
    const schedule = fc.array(
      fc.tuple(fc.double({ min: 0, max: 0.6, noNaN: true }), fc.integer({ min: 20, max: 400 })),
      { minLength: 1, maxLength: 15 }
    );
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 1_000_000 }), schedule, (investment, rows) => {
        let date = 43831;
        const dates = [date, ...rows.map(([, gap]) => (date += gap))];
        const flows = [
          -investment,
          ...rows.map(([share]) => Math.round(share * investment * 100) / 100),
        ];
        const expected = convergedRoot(
          oracleWithin(1000, () => formulajs.XIRR(flows, dates)),
          flows,
          dates
        );
        if (expected === undefined) return;
        compared++;
        expect(Math.abs(irr(flows, dates) - expected)).toBeLessThan(1e-7);
      }),
      { numRuns: 1000 }
    );
    // formulajs's XIRR gives up (#NUM!) on most of these schedules, which do have an IRR; compare the rest.
    expect(compared).toBeGreaterThan(50);
  });

  it("on any flows where formulajs converges, BENCH.IRR returns a root too (the one nearest the guess)", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 2, maxLength: 12 }), (flows) => {
        const expected = convergedRoot(
          oracleWithin(1000, () => formulajs.IRR(flows)),
          flows
        );
        if (expected === undefined) return;
        const found = irr(flows);
        expect(Math.abs(found - 0.1)).toBeLessThanOrEqual(Math.abs(expected - 0.1) + 1e-7);
      }),
      { numRuns: 500 }
    );
  });
});

describe("PEERRANK agrees with formulajs PERCENTRANK.INC on distinct peers", () => {
  // With tied peers formulajs interpolates from the first copy of the lower neighbour; Excel documents
  // PERCENTRANK.INC as the inverse of PERCENTILE.INC, which starts from the last copy (as LibreOffice
  // does, checked in libreoffice.test.ts), so ties are left to that oracle.
  it("matches to 1e-12 (formulajs truncated at 15 digits)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 2, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (peers, position) => {
          const low = Math.min(...peers);
          const high = Math.max(...peers);
          const value = low + position * (high - low);
          const expected = formulajs.PERCENTRANKINC(peers, value, 15) as number;
          expect(Math.abs(percentRankInc(peers, value) - expected)).toBeLessThan(1e-12);
        }
      ),
      { numRuns: 500 }
    );
  });
});
