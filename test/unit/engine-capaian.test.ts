import { describe, expect, it } from 'vitest';
import { computeCapaian, targetProblem } from '../../src/engine/capaian.ts';
import type { Direction, Target } from '../../src/engine/types.ts';
import { indicator } from './engine-fixtures.ts';

type T = number | [number, number];

interface Row {
  name: string;
  direction: Direction;
  target: T;
  actual: number;
  cap?: number;
  capaian: number;
  uncapped: number;
}

const rows: Row[] = [
  // naik: R / T × 100
  { name: 'naik plain', direction: 'naik', target: 100, actual: 80, capaian: 80, uncapped: 80 },
  { name: 'naik over target', direction: 'naik', target: 100, actual: 110, capaian: 110, uncapped: 110 },
  { name: 'naik 5 of 7', direction: 'naik', target: 7, actual: 5, capaian: 500 / 7, uncapped: 500 / 7 },
  { name: 'naik realisasi 0', direction: 'naik', target: 10, actual: 0, capaian: 0, uncapped: 0 },
  // turun: (2 − R / T) × 100, not below 0
  { name: 'turun plain better', direction: 'turun', target: 10, actual: 8, capaian: 120, uncapped: 120 },
  { name: 'turun plain worse', direction: 'turun', target: 10, actual: 12, capaian: 80, uncapped: 80 },
  { name: 'turun on target', direction: 'turun', target: 10, actual: 10, capaian: 100, uncapped: 100 },
  { name: 'turun 5 of 7 capped', direction: 'turun', target: 7, actual: 5, capaian: 120, uncapped: (2 - 5 / 7) * 100 },
  { name: 'turun R = 2T gives 0', direction: 'turun', target: 10, actual: 20, capaian: 0, uncapped: 0 },
  { name: 'turun R > 2T floors at 0', direction: 'turun', target: 10, actual: 25, capaian: 0, uncapped: 0 },
  { name: 'turun realisasi 0 capped', direction: 'turun', target: 10, actual: 0, capaian: 120, uncapped: 200 },
  // zero target with turun: none allowed
  { name: 'zero target turun, 0 → 100', direction: 'turun', target: 0, actual: 0, capaian: 100, uncapped: 100 },
  { name: 'zero target turun, 3 → 0', direction: 'turun', target: 0, actual: 3, capaian: 0, uncapped: 0 },
  // ranges, naik
  { name: 'range naik inside', direction: 'naik', target: [80, 90], actual: 85, capaian: 100, uncapped: 100 },
  { name: 'range naik at low end', direction: 'naik', target: [80, 90], actual: 80, capaian: 100, uncapped: 100 },
  { name: 'range naik at high end', direction: 'naik', target: [80, 90], actual: 90, capaian: 100, uncapped: 100 },
  { name: 'range naik above → upper end', direction: 'naik', target: [80, 90], actual: 99, capaian: 110, uncapped: 110 },
  { name: 'range naik below → lower end', direction: 'naik', target: [80, 90], actual: 72, capaian: 90, uncapped: 90 },
  { name: 'range naik far above capped', direction: 'naik', target: [80, 90], actual: 117, capaian: 120, uncapped: 130 },
  { name: 'range naik degenerate 80-80', direction: 'naik', target: [80, 80], actual: 80, capaian: 100, uncapped: 100 },
  // ranges, turun
  { name: 'range turun inside', direction: 'turun', target: [80, 90], actual: 85, capaian: 100, uncapped: 100 },
  { name: 'range turun at low end', direction: 'turun', target: [80, 90], actual: 80, capaian: 100, uncapped: 100 },
  { name: 'range turun at high end', direction: 'turun', target: [80, 90], actual: 90, capaian: 100, uncapped: 100 },
  { name: 'range turun above → upper end', direction: 'turun', target: [80, 90], actual: 99, capaian: 90, uncapped: 90 },
  { name: 'range turun below → lower end', direction: 'turun', target: [80, 90], actual: 72, capaian: 110, uncapped: 110 },
  { name: 'range turun 0-5 inside', direction: 'turun', target: [0, 5], actual: 0, capaian: 100, uncapped: 100 },
  { name: 'range turun 0-5 above floors', direction: 'turun', target: [0, 5], actual: 12, capaian: 0, uncapped: 0 },
  // configured caps
  { name: 'cap 100 cuts 110', direction: 'naik', target: 100, actual: 110, cap: 100, capaian: 100, uncapped: 110 },
  { name: 'cap 150 keeps 128.57', direction: 'turun', target: 7, actual: 5, cap: 150, capaian: (2 - 5 / 7) * 100, uncapped: (2 - 5 / 7) * 100 },
  { name: 'exactly at cap is not cut', direction: 'naik', target: 100, actual: 120, capaian: 120, uncapped: 120 },
];

describe('computeCapaian (SPEC §3.1)', () => {
  it.each(rows)('$name', (row) => {
    const ind = indicator({ direction: row.direction, target: row.target, actual: row.actual });
    const r = computeCapaian(ind, { capaianCap: row.cap ?? 120 }, 'id');
    expect(r.status).toBe('ok');
    expect(r.capaian).toBeCloseTo(row.capaian, 10);
    expect(r.uncapped).toBeCloseTo(row.uncapped, 10);
    expect(r.indicator).toBe(ind);
  });

  it('a missing realisasi is not reported, never zero', () => {
    const r = computeCapaian(indicator({ actual: null }), { capaianCap: 120 }, 'id');
    expect(r).toMatchObject({ status: 'not-reported', capaian: null, uncapped: null, formula: 'realisasi tidak dilaporkan' });
    expect(computeCapaian(indicator({ actual: null }), { capaianCap: 120 }, 'en').formula).toBe('realisasi not reported');
  });

  const formulas: { name: string; direction: Direction; target: T; actual: number; id: string; en: string }[] = [
    {
      name: 'turun capped',
      direction: 'turun', target: 7, actual: 5,
      id: '(2 − 5 / 7) × 100 = 128,57 → batas 120',
      en: '(2 − 5 / 7) × 100 = 128.57 → cap 120',
    },
    { name: 'naik with decimals', direction: 'naik', target: 12.5, actual: 10.25, id: '10,25 / 12,5 × 100 = 82,00', en: '10.25 / 12.5 × 100 = 82.00' },
    {
      name: 'turun floor',
      direction: 'turun', target: 10, actual: 25,
      id: '(2 − 25 / 10) × 100 = −50,00 → 0 (tidak di bawah 0)',
      en: '(2 − 25 / 10) × 100 = −50.00 → 0 (not below 0)',
    },
    {
      name: 'zero target turun',
      direction: 'turun', target: 0, actual: 3,
      id: 'target 0 (turun: tidak boleh ada): realisasi 3 > 0 → 0',
      en: 'target 0 (lower is better: none allowed): realisasi 3 > 0 → 0',
    },
    {
      name: 'range inside',
      direction: 'naik', target: [80, 90], actual: 85,
      id: 'realisasi 85 dalam rentang 80–90 → 100',
      en: 'realisasi 85 within range 80–90 → 100',
    },
    {
      name: 'range above',
      direction: 'naik', target: [80, 90], actual: 99,
      id: 'realisasi 99 di atas rentang 80–90, dibandingkan dengan 90: 99 / 90 × 100 = 110,00',
      en: 'realisasi 99 above range 80–90, compared with 90: 99 / 90 × 100 = 110.00',
    },
    {
      name: 'range below turun',
      direction: 'turun', target: [80, 90], actual: 72,
      id: 'realisasi 72 di bawah rentang 80–90, dibandingkan dengan 80: (2 − 72 / 80) × 100 = 110,00',
      en: 'realisasi 72 below range 80–90, compared with 80: (2 − 72 / 80) × 100 = 110.00',
    },
  ];

  it.each(formulas)('formula text: $name', (row) => {
    const ind = indicator({ direction: row.direction, target: row.target, actual: row.actual });
    expect(computeCapaian(ind, { capaianCap: 120 }, 'id').formula).toBe(row.id);
    expect(computeCapaian(ind, { capaianCap: 120 }, 'en').formula).toBe(row.en);
  });

  it('range ends are inclusive even with binary noise (0.1 + 0.2 at the upper end 0.3)', () => {
    const r = computeCapaian(indicator({ target: [0.1, 0.3], actual: 0.1 + 0.2 }), { capaianCap: 120 }, 'id');
    expect(r.capaian).toBe(100);
  });

  it('refuses a target that ingest must have rejected', () => {
    expect(() => computeCapaian(indicator({ target: 0, direction: 'naik' }), { capaianCap: 120 }, 'id')).toThrow(/TARGET_NOT_POSITIVE/);
    expect(() => computeCapaian(indicator({ target: [90, 80] }), { capaianCap: 120 }, 'id')).toThrow(/RANGE_INVERTED/);
    expect(() => computeCapaian(indicator({ actual: Number.NaN }), { capaianCap: 120 }, 'id')).toThrow(/non-finite/);
  });
});

describe('targetProblem', () => {
  const value = (v: number): Target => ({ kind: 'value', value: v });
  const range = (low: number, high: number): Target => ({ kind: 'range', low, high });
  const cases: { name: string; direction: Direction; target: Target; expected: ReturnType<typeof targetProblem> }[] = [
    { name: 'naik positive', direction: 'naik', target: value(100), expected: null },
    { name: 'naik zero', direction: 'naik', target: value(0), expected: 'TARGET_NOT_POSITIVE' },
    { name: 'naik negative', direction: 'naik', target: value(-5), expected: 'TARGET_NOT_POSITIVE' },
    { name: 'naik NaN', direction: 'naik', target: value(Number.NaN), expected: 'TARGET_NOT_POSITIVE' },
    { name: 'turun zero (none allowed)', direction: 'turun', target: value(0), expected: null },
    { name: 'turun negative', direction: 'turun', target: value(-1), expected: 'TARGET_NOT_POSITIVE' },
    { name: 'range ok', direction: 'naik', target: range(80, 90), expected: null },
    { name: 'range degenerate', direction: 'naik', target: range(80, 80), expected: null },
    { name: 'range inverted', direction: 'naik', target: range(90, 80), expected: 'RANGE_INVERTED' },
    { name: 'range inverted turun', direction: 'turun', target: range(5, 0), expected: 'RANGE_INVERTED' },
    { name: 'range naik from 0', direction: 'naik', target: range(0, 10), expected: 'TARGET_NOT_POSITIVE' },
    { name: 'range turun from 0', direction: 'turun', target: range(0, 10), expected: null },
    { name: 'range turun negative low', direction: 'turun', target: range(-2, 10), expected: 'TARGET_NOT_POSITIVE' },
  ];
  it.each(cases)('$name', ({ direction, target, expected }) => {
    expect(targetProblem(direction, target)).toBe(expected);
  });
});
