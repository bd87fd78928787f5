import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../src/bench/generate.js';
import { atLeast, roundHalfUp, snap } from '../../src/domain/exact.js';

// Deterministic pseudo-random numbers (the benchmark's mulberry32), so a failure can be replayed.

/** The definition snap() must keep: Number(x.toPrecision(12)), with ±0, ±Infinity and NaN as they are. */
function reference(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(12));
}

const view = new DataView(new ArrayBuffer(8));
/** The double `steps` ulps away from x (towards +∞ for positive steps), for x > 0. */
function ulps(x: number, steps: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(steps));
  return view.getFloat64(0);
}

function mismatches(values: Iterable<number>): string[] {
  const out: string[] = [];
  for (const x of values) {
    for (const v of [x, -x]) {
      const got = snap(v);
      const want = reference(v);
      if (!Object.is(got, want)) out.push(`${v}: ${got} ≠ ${want}`);
    }
  }
  return out.slice(0, 10);
}

describe('snap: the same double as Number(x.toPrecision(12)) for every input', () => {
  it('on the boundary values the scoring meets', () => {
    const values = [
      109.99999999999999, 0.1 + 0.2, 110, 109.995, 109.994, 109.99499999999999, 2.4999999999999996, 80.00000000000001,
      1 / 3, 2 / 3, (2 / 3) * 100, (2 - 5 / 7) * 100, 87.5, 0.125, 1 / 9, 100 / 7, 1e-10, 9.999999999999999e-11, 1e-11,
      999999999999.5, 999999999999.4999, 999999999999.9999, 1e12 - 0.5, 1e12 + 0.5, 123456789012.5, 0.1234567890125,
      1.0000000000005, 1.0000000000015, 5e-324, 1e-300, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
      2 ** 53 - 1, 2 ** 53 + 2, 4.35, 1.005, 1.015, 8.675, 0.07, 0.57, 1.1 * 1.1, 3 * 1.1, 0.7 + 0.1, 0.2 + 0.4,
    ];
    expect(mismatches(values)).toEqual([]);
    expect(snap(109.99999999999999)).toBe(110);
    expect(snap(0.1 + 0.2)).toBe(0.3);
    expect(snap(-109.99999999999999)).toBe(-110);
    expect(Object.is(snap(-0), -0)).toBe(true);
    expect(snap(Number.NaN)).toBeNaN();
    expect(snap(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('next to every power of ten and every decade boundary of the fast path', () => {
    const values: number[] = [];
    for (let e = -14; e <= 14; e++) {
      const p = Number(`1e${e}`);
      for (let s = -40; s <= 40; s++) values.push(ulps(p, s));
      // Just below the next power, where 12 digits round up into the next decade.
      const top = Number(`9.999999999995e${e}`);
      for (let s = -40; s <= 40; s++) values.push(ulps(top, s));
    }
    expect(mismatches(values)).toEqual([]);
  });

  it('on exact decimal ties (n + ½)·10^-k and the doubles around them', () => {
    const next = random(1);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const n = 1e11 + Math.floor(next() * 9e11);
      const k = Math.floor(next() * 34) - 10;
      const tie = Number(`${n}5e${-k - 1}`);
      for (let s = -3; s <= 3; s++) values.push(ulps(tie, s));
    }
    expect(mismatches(values)).toEqual([]);
  });

  it('on random doubles of every magnitude, short decimals and computed capaian', () => {
    const next = random(2);
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Any bit pattern of a positive finite double.
      view.setUint32(0, Math.floor(next() * 0x7fefffff));
      view.setUint32(4, Math.floor(next() * 2 ** 32));
      values.push(view.getFloat64(0));
      // Magnitudes where scores live, uniform in log scale.
      values.push(10 ** (next() * 24 - 12));
      // A few decimals, as typed in a sheet.
      values.push(Math.floor(next() * 1e7) / 10 ** Math.floor(next() * 7));
      // Capaian, weighted means and IKM as the engine computes them.
      const r = Math.floor(next() * 100000) / 100;
      const t = Math.floor(next() * 10000) / 100 + 0.01;
      values.push((r / t) * 100, (2 - r / t) * 100, (r * 3 + t * 2) / 5, ((r / 4) * 25) / 100);
    }
    expect(mismatches(values)).toEqual([]);
  });

  it('keeps the boundary decisions of the rules', () => {
    expect(roundHalfUp(109.995, 2)).toBe(110);
    expect(roundHalfUp(109.994, 2)).toBe(109.99);
    expect(roundHalfUp(-1.005, 2)).toBe(-1.01);
    expect(atLeast(109.99999999999999, 110)).toBe(true);
    expect(atLeast(109.999999, 110)).toBe(false);
  });
});
