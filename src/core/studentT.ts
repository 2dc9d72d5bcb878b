/**
 * Student's t distribution function, through the regularised incomplete beta function (continued
 * fraction by Lentz's method, Lanczos log-gamma). Written here rather than taken from stdlib because
 * stdlib's t CDF brings some 57 KB of minified code into functions.js, over that bundle's budget.
 * test/oracle/studentT.test.ts holds it to stdlib's values (to 1e-10, relative, or 1e-12),
 * and the LibreOffice oracle holds the t-tests to T.TEST.
 */

/** Lanczos coefficients for g = 7, n = 9 (about 15 significant digits). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0. */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const shifted = z - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

const TINY = 1e-300;
const EPSILON = 1e-16;
const MAX_TERMS = 20_000;

/** The continued fraction of I_x(a, b), evaluated by the modified Lentz method. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const guard = (value: number): number => (Math.abs(value) < TINY ? TINY : value);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a - 1 + 2 * m) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    fraction *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 1 + 2 * m));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return fraction;
}

/** Stirling's correction lnΓ(z) − [(z − ½)ln z − z + ½ln 2π], for z ≥ 10 (error below 1e-17). */
function stirlingCorrection(z: number): number {
  const z2 = z * z;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * z2)) / z2) / z2) / z2) / z;
}

/**
 * ln B(a, b). For a large a the three log-gammas cancel in many digits (lnΓ(50,000) ≈ 490,000), so
 * lnΓ(a) − lnΓ(a + b) is taken from Stirling's series directly, where nothing cancels.
 */
function lnBeta(a: number, b: number): number {
  if (a < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const ratio =
    -(a - 0.5) * Math.log1p(b / a) -
    b * Math.log(a + b) +
    b +
    stirlingCorrection(a) -
    stirlingCorrection(a + b);
  return lnGamma(b) + ratio;
}

/**
 * The regularised incomplete beta I_x(a, b), given x, y = 1 − x and their logarithms separately so
 * that none loses digits to a subtraction.
 */
function regularisedBeta(
  x: number,
  y: number,
  logs: { x: number; y: number },
  a: number,
  b: number
): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * logs.x + b * logs.y - lnBeta(a, b);
  // The fraction converges fast on the side of the mean a/(a+b); use the symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b;
}

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === 0) return 0.5;
  const t2 = t * t;
  if (!Number.isFinite(t2)) return t < 0 ? 0 : 1;
  // P(T ≤ −|t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t²); ln x = −ln(1 + t²/df) keeps its digits.
  const logs = { x: -Math.log1p(t2 / df), y: Math.log(t2) - Math.log(df + t2) };
  const lowerTail = regularisedBeta(df / (df + t2), t2 / (df + t2), logs, df / 2, 0.5) / 2;
  return t < 0 ? lowerTail : 1 - lowerTail;
}
