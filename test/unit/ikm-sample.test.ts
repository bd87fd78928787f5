import { describe, expect, it } from 'vitest';
import { KREJCIE_MORGAN, requiredSample, sampleAdequacy, sampleRequirement } from '../../src/engine/sample.ts';

// Krejcie & Morgan (1970), Table 1, as reproduced in PermenPANRB 14/2017 (N → S).
const PUBLISHED =
  '10 10, 15 14, 20 19, 25 24, 30 28, 35 32, 40 36, 45 40, 50 44, 55 48, 60 52, 65 56, 70 59, 75 63, 80 66, ' +
  '85 70, 90 73, 95 76, 100 80, 110 86, 120 92, 130 97, 140 103, 150 108, 160 113, 170 118, 180 123, 190 127, ' +
  '200 132, 210 136, 220 140, 230 144, 240 148, 250 152, 260 155, 270 159, 280 162, 290 165, 300 169, 320 175, ' +
  '340 181, 360 186, 380 191, 400 196, 420 201, 440 205, 460 210, 480 214, 500 217, 550 226, 600 234, 650 242, ' +
  '700 248, 750 254, 800 260, 850 265, 900 269, 950 274, 1000 278, 1100 285, 1200 291, 1300 297, 1400 302, ' +
  '1500 306, 1600 310, 1700 313, 1800 317, 1900 320, 2000 322, 2200 327, 2400 331, 2600 335, 2800 338, 3000 341, ' +
  '3500 346, 4000 351, 4500 354, 5000 357, 6000 361, 7000 364, 8000 367, 9000 368, 10000 370, 15000 375, ' +
  '20000 377, 30000 379, 40000 380, 50000 381, 75000 382, 1000000 384';
const ROWS = PUBLISHED.split(', ').map((p) => p.split(' ').map(Number) as [number, number]);

describe('Krejcie–Morgan table', () => {
  it('holds the 90 published rows', () => {
    expect(KREJCIE_MORGAN.map(([n, s]) => [n, s])).toEqual(ROWS);
  });
  it('every row is the formula χ²NP(1−P)/(d²(N−1)+χ²P(1−P)) rounded to the nearest integer', () => {
    for (const [n, s] of KREJCIE_MORGAN) {
      const f = (3.841 * n * 0.25) / (0.0025 * (n - 1) + 3.841 * 0.25);
      expect(Math.round(f), `N=${n}`).toBe(s);
    }
  });
  for (const [n, s] of ROWS) it(`N=${n} → ${s}`, () => expect(requiredSample(n)).toBe(s));
});

describe('requiredSample between and beyond rows', () => {
  const cases: [number, number][] = [
    [0, 0], [1, 1], [9, 9], // below the first row: everyone
    // The next larger row's sample is capped at the population: 11 → row 15 (14) → 11; 26 → row 30 (28) → 26.
    [11, 11], [14, 14], [16, 16], [21, 21], [26, 26], [29, 28], [101, 86], [109, 86], [301, 175], [1001, 285],
    [75001, 384], [100000, 384], [1000000, 384], [1000001, 384], [5_000_000_000, 384],
  ];
  for (const [n, s] of cases) it(`N=${n} → ${s}`, () => expect(requiredSample(n)).toBe(s));
  it('names the table row used', () => {
    expect(sampleRequirement(101)).toEqual({ population: 101, required: 86, tableRow: 110 });
    expect(sampleRequirement(7)).toEqual({ population: 7, required: 7, tableRow: null });
    expect(sampleRequirement(2_000_000).tableRow).toBe(1000000);
  });
  it('rejects populations that are not whole numbers ≥ 0', () => {
    expect(() => requiredSample(-1)).toThrow(RangeError);
    expect(() => requiredSample(10.5)).toThrow(RangeError);
    expect(() => requiredSample(Number.NaN)).toThrow(RangeError);
  });
});

describe('sampleAdequacy', () => {
  it('needs 28 more of 278 for 1000 served', () => {
    expect(sampleAdequacy(1000, 250)).toEqual({ population: 1000, respondents: 250, required: 278, tableRow: 1000, adequate: false, shortBy: 28 });
  });
  it('adequate at exactly the required number and above', () => {
    expect(sampleAdequacy(1000, 278)).toMatchObject({ adequate: true, shortBy: 0 });
    expect(sampleAdequacy(1000, 400)).toMatchObject({ adequate: true, shortBy: 0 });
  });
  it('between rows uses the next larger row: 1050 served needs 285', () => {
    expect(sampleAdequacy(1050, 280)).toMatchObject({ required: 285, adequate: false, shortBy: 5 });
  });
  it('rejects a negative or fractional respondent count', () => {
    expect(() => sampleAdequacy(100, -1)).toThrow(RangeError);
    expect(() => sampleAdequacy(100, 2.5)).toThrow(RangeError);
  });
});
