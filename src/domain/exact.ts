/**
 * Exact boundaries with binary floating point (SPEC §3: "compare with a stated tolerance").
 *
 * Every value we score is a short chain of divisions and weighted means of inputs that carry at
 * most a few decimals, so its floating-point error is far below 1e-9 relative. We first snap a
 * value to 12 significant digits, which removes that error (109.99999999999999 → 110), and only
 * then round half-up or compare. A value that is mathematically on a boundary therefore lands on
 * the side the rule says, and a value that is genuinely 1e-6 below it stays below.
 */
const SIGNIFICANT_DIGITS = 12;

/** Removes binary representation noise: snaps to 12 significant digits. */
export function snap(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  // An integer of at most 12 digits is its own 12-digit form (and skips the costly toPrecision).
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) return x;
  const fast = snapByScaling(x < 0 ? -x : x);
  if (fast !== null) return x < 0 ? -fast : fast;
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** 10^0 … 10^22: every one is an exact double (10^22 < 2^53 · 2^22), so scaling by them is exact in the factor. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * snap() of a positive x without toPrecision, or null when this cannot be sure to give the same
 * double (the caller then uses toPrecision). Same result, not an approximation:
 *
 * toPrecision(12) rounds the exact value of x to n · 10^-k with n a 12-digit integer
 * (ties to the larger n), and Number() of that text is the double nearest to n / 10^k. Here
 * y = x · 10^k is x scaled into [1e11, 1e12); the product is rounded once, by at most half an
 * ulp of y (≤ 2^-14, about 6.1e-5, below 2^40). So when y's fraction is not within 1e-3 of .5,
 * Math.round(y) is the n that the exact product would round to. n (< 2^53) and 10^k (k ≤ 22)
 * are exact doubles, so n / 10^k is one correctly rounded division: the double nearest to
 * n / 10^k, as Number() gives. Near a power of ten, where the rounded product may land in the
 * neighbouring decade, both scalings give the same power of ten. test/unit/exact-snap.test.ts
 * compares the two on boundary and random values.
 */
function snapByScaling(x: number): number | null {
  if (!(x >= 1e-10 && x < 1e12)) return null;
  // Find k with y = x · 10^k in [1e11, 1e12), judged on the rounded product (see above).
  let k = 11;
  let y = x * 1e11;
  while (y >= 1e12) y = x * POW10[--k]!;
  while (y < 1e11) y = x * POW10[++k]!;
  const fraction = y - Math.floor(y);
  if (fraction > 0.499 && fraction < 0.501) return null;
  return Math.round(y) / POW10[k]!;
}

/** Round half-up (away from zero for .5) to `dp` decimals, after snapping. */
export function roundHalfUp(x: number, dp = 2): number {
  const s = snap(x);
  const factor = 10 ** dp;
  const scaled = snap(Math.abs(s) * factor);
  const rounded = Math.floor(scaled + 0.5) / factor;
  return s < 0 ? -rounded : rounded;
}

/** x ≥ threshold, decided on snapped values. */
export function atLeast(x: number, threshold: number): boolean {
  return snap(x) >= snap(threshold);
}

/** x < threshold, decided on snapped values. */
export function below(x: number, threshold: number): boolean {
  return !atLeast(x, threshold);
}

/** Formats with Indonesian or English decimal separator, two decimals by default. */
export function formatNumber(x: number, lang: 'id' | 'en', dp = 2): string {
  const s = roundHalfUp(x, dp).toFixed(dp);
  return lang === 'id' ? s.replace('.', ',') : s;
}
