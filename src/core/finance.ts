/**
 * Money analytics: ROI, NPV/XNPV, IRR/XIRR, payback, and KPI change and its money value.
 * Pure TypeScript; errors are BenchErrors whose messages tell a finance user what to fix.
 * Rates are fractions throughout (0.1 = 10% per period, or per 365 days with dates).
 */
import { divisionByZero, notAvailable, numError, valueError } from "./errors";

export type Direction = "higher" | "lower";

const sumOf = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** (Σbenefits − Σcosts) / Σcosts. */
export function roi(benefits: readonly number[], costs: readonly number[]): number {
  const negative = costs.find((cost) => cost < 0);
  if (negative !== undefined) {
    throw valueError(
      `costs must not be negative (found ${negative}); enter costs as positive amounts.`
    );
  }
  const totalCost = sumOf(costs);
  if (totalCost === 0)
    throw divisionByZero("costs add up to 0, so ROI is undefined; enter the costs of the project.");
  return (sumOf(benefits) - totalCost) / totalCost;
}

function checkRate(rate: number, argName = "rate"): void {
  if (!(rate > -1)) {
    throw valueError(
      `${argName} must be greater than -1 (a rate is a fraction: 0.1 = 10%); got ${rate}.`
    );
  }
}

/**
 * Years from the first date, on XNPV/XIRR's 365-day basis. Like Excel, date serial numbers are truncated
 * to whole days, so a time of day in a date cell does not change the result.
 */
function dateOffsets(flows: readonly number[], dates: readonly number[]): number[] {
  if (dates.length !== flows.length) {
    throw valueError(
      `dates has ${dates.length} values but cashflows has ${flows.length}; give one date per cash flow.`
    );
  }
  const start = Math.trunc(dates[0]);
  return dates.map((dateTime) => {
    const date = Math.trunc(dateTime);
    if (date < start) {
      throw numError(
        `every date must be on or after the first date (${start}); found ${date}. Put the earliest flow first.`
      );
    }
    return (date - start) / 365;
  });
}

/**
 * Σ CFₜ·xᵗ with x = 1/(1+rate), by Horner's rule: no Math.pow, so scanning many rates stays cheap.
 * The first flow is at time 0 (undiscounted), unlike Excel's NPV.
 */
function periodicPresentValue(flows: readonly number[], rate: number): number {
  const discount = 1 / (1 + rate);
  let value = 0;
  for (let t = flows.length - 1; t >= 0; t--) value = value * discount + flows[t];
  return value;
}

function datedPresentValue(
  flows: readonly number[],
  years: readonly number[],
  rate: number
): number {
  const growth = 1 + rate;
  let value = 0;
  for (let i = 0; i < flows.length; i++) value += flows[i] / Math.pow(growth, years[i]);
  return value;
}

/**
 * Net present value with the first flow at time 0: Σ CFₜ/(1+rate)ᵗ; with dates (Excel serial numbers)
 * Σ CFᵢ/(1+rate)^((dᵢ−d₀)/365), as Excel's XNPV.
 */
export function npv(rate: number, flows: readonly number[], dates?: readonly number[]): number {
  checkRate(rate);
  if (flows.length === 0) throw valueError("cashflows is empty; give at least one cash flow.");
  if (dates === undefined) return periodicPresentValue(flows, rate);
  return datedPresentValue(flows, dateOffsets(flows, dates), rate);
}

/**
 * IRR search span: −99.99% to +1000%, scanned on a grid in log(1+rate) that starts at the guess with
 * steps of 0.5% of (1+rate) and widens with the distance from the guess (the k-th point is
 * GRID_STEP·k·(1 + k/GRID_WIDENING) away), so a full scan costs about 400 NPV evaluations, not 2,300.
 */
const LOWEST_RATE = -0.9999;
const HIGHEST_RATE = 10;
const GRID_STEP = 0.005;
const GRID_WIDENING = 50;
const RATE_TOLERANCE = 1e-12;

/**
 * Brent's method on a bracket [a, b] with f(a)·f(b) < 0. Written out rather than taken from
 * simple-statistics' `bisect`, which evaluates the function three times per halving and is 10–20× slower.
 */
function brent(f: (rate: number) => number, a: number, b: number, fa: number, fb: number): number {
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + RATE_TOLERANCE / 2;
    const half = (c - b) / 2;
    if (Math.abs(half) <= tolerance || fb === 0) return b;
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const r1 = fa / fc;
        const r2 = fb / fc;
        p = s * (2 * half * r1 * (r1 - r2) - (b - a) * (r2 - 1));
        q = (r1 - 1) * (r2 - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tolerance ? d : half > 0 ? tolerance : -tolerance;
    fb = f(b);
  }
  return b;
}

/**
 * Internal rate of return: the rate where NPV (periodic, or dated as XIRR) is 0.
 *
 * Excel's IRR runs Newton's method from the guess and gives up on many flows that do have a root. Here
 * the NPV is scanned outwards from the guess on a grid over −99.99%..+1000% until it changes sign on
 * both sides (or the span ends), each bracket is refined with Brent's method, and the root nearest the
 * guess wins. Two roots closer together than one grid step (≈0.5% near the guess, wider far from it) can
 * be missed as a pair; no root at all → #NUM!.
 */
export function irr(flows: readonly number[], dates?: readonly number[], guess = 0.1): number {
  if (flows.length < 2)
    throw numError("IRR needs at least two cash flows: an investment and a return.");
  if (!flows.some((flow) => flow > 0) || !flows.some((flow) => flow < 0)) {
    throw numError(
      "cashflows need at least one negative (money out) and one positive (money in) value to have an IRR."
    );
  }
  checkRate(guess, "guess");
  const years = dates === undefined ? undefined : dateOffsets(flows, dates);
  const presentValue =
    years === undefined
      ? (rate: number) => periodicPresentValue(flows, rate)
      : (rate: number) => datedPresentValue(flows, years, rate);

  const lowest = Math.log1p(LOWEST_RATE);
  const highest = Math.log1p(HIGHEST_RATE);
  const start = Math.min(Math.max(Math.log1p(guess), lowest), highest);
  const rateAt = (u: number): number => Math.expm1(u);
  const startRate = rateAt(start);
  const startValue = presentValue(startRate);
  if (startValue === 0) return startRate;

  // Walk outwards on both sides in step. A side stops at its first sign change, at the end of the span,
  // or once it is farther from the guess than a root already found (it can no longer hold a nearer one).
  const sides = [1, -1].map((direction) => ({
    direction,
    previousRate: startRate,
    previousValue: startValue,
    done: false,
  }));
  const roots: number[] = [];
  let nearest = Infinity;
  for (let step = 1; sides.some((side) => !side.done); step++) {
    for (const side of sides) {
      if (side.done) continue;
      if (Math.abs(side.previousRate - guess) >= nearest) {
        side.done = true;
        continue;
      }
      const u = start + side.direction * GRID_STEP * step * (1 + step / GRID_WIDENING);
      const clamped = side.direction > 0 ? Math.min(u, highest) : Math.max(u, lowest);
      const rate = rateAt(clamped);
      const value = presentValue(rate);
      if (
        Number.isFinite(value) &&
        Number.isFinite(side.previousValue) &&
        (value === 0 || value > 0 !== side.previousValue > 0)
      ) {
        const root =
          value === 0
            ? rate
            : side.direction > 0
              ? brent(presentValue, side.previousRate, rate, side.previousValue, value)
              : brent(presentValue, rate, side.previousRate, value, side.previousValue);
        roots.push(root);
        nearest = Math.min(nearest, Math.abs(root - guess));
        side.done = true;
      } else if (clamped !== u) {
        side.done = true;
      }
      side.previousRate = rate;
      side.previousValue = value;
    }
  }
  if (roots.length === 0) {
    throw numError(
      "no rate between -99.99% and +1000% makes the NPV of these cash flows 0; check the signs and amounts."
    );
  }
  return roots.reduce((best, root) =>
    Math.abs(root - guess) < Math.abs(best - guess) ? root : best
  );
}

/**
 * Payback, defined once for the whole product (BENCH.PAYBACK and the ROI sheet's native formulas):
 * the time at which the running total of the flows (discounted at `rate` when given) turns non-negative
 * and stays non-negative to the end. Flow 0 is at time 0. Within the period of that last crossing the
 * time is interpolated linearly: k + |running total after k| / flowₖ₊₁. A running total that is never
 * negative (Year 0 zero or positive, nothing owed later) pays back at 0; one that dips below 0 again later
 * pays back at the later crossing; one that ends below 0 is not recovered (#N/A).
 */
export function payback(flows: readonly number[], rate?: number): number {
  if (flows.length === 0)
    throw valueError("cashflows is empty; give the investment and the later flows.");
  if (rate !== undefined) checkRate(rate);
  const discount = rate === undefined ? 1 : 1 / (1 + rate);
  let factor = 1;
  let runningTotal = 0;
  let lastNegative = -1;
  let totalAtLastNegative = 0;
  let flowAfterLastNegative = 0;
  for (let k = 0; k < flows.length; k++) {
    const flow = flows[k] * factor;
    if (k === lastNegative + 1) flowAfterLastNegative = flow;
    runningTotal += flow;
    if (runningTotal < 0) {
      lastNegative = k;
      totalAtLastNegative = runningTotal;
    }
    factor *= discount;
  }
  if (lastNegative === -1) return 0;
  if (lastNegative === flows.length - 1) {
    throw notAvailable(
      "not recovered within the cash flows given: the running total ends below 0."
    );
  }
  return lastNegative + -totalAtLastNegative / flowAfterLastNegative;
}

/** Relative improvement, positive = better: higher → (after−before)/|before|, lower → (before−after)/|before|. */
export function change(before: number, after: number, direction: Direction = "higher"): number {
  if (before === 0)
    throw divisionByZero(
      "before is 0, so a relative change is undefined; use the absolute difference instead."
    );
  return improvement(before, after, direction) / Math.abs(before);
}

/** Improvement in KPI units, positive = better. */
export function improvement(
  before: number,
  after: number,
  direction: Direction = "higher"
): number {
  return direction === "higher" ? after - before : before - after;
}

export interface BenefitInputs {
  before: number;
  after: number;
  /** How many units the KPI change applies to (e.g. orders per year). */
  volume: number;
  /** Money per KPI unit per volume unit. */
  unitValue: number;
  /** Share of the change due to the project, 0..1 (Phillips ROI methodology). */
  attribution?: number;
  /** Confidence in the estimate, 0..1 (Phillips ROI methodology). */
  confidence?: number;
  direction?: Direction;
}

/** Money value of a KPI change: improvement × volume × unit value × attribution × confidence. */
export function benefit(inputs: BenefitInputs): number {
  const { attribution = 1, confidence = 1, direction = "higher" } = inputs;
  for (const [name, share] of [
    ["attribution", attribution],
    ["confidence", confidence],
  ] as const) {
    if (!(share >= 0 && share <= 1)) {
      throw valueError(`${name} must be a fraction between 0 and 1 (0.8 = 80%); got ${share}.`);
    }
  }
  return (
    improvement(inputs.before, inputs.after, direction) *
    inputs.volume *
    inputs.unitValue *
    attribution *
    confidence
  );
}
