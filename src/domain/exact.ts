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
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
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
