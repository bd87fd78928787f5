import { describe, expect, it } from 'vitest';
import { LegacyInputError, nilaiKinerjaPp30, pp30PredikatLabel, pp30Weighting, predikatPp30 } from '../../src/engine/legacy/pp30.ts';
import type { Predikat } from '../../src/domain/ratings.ts';
import { roundHalfUp } from '../../src/domain/exact.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LegacyInputError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('pp-30-2019 nilai kinerja', () => {
  const rows: [number, number, boolean, string, number][] = [
    // SKP, perilaku, 360?, weighting, nilai
    [100, 90, false, '70/30', 97],
    [100, 90, true, '60/40', 96],
    [120, 100, false, '70/30', 114],
    [120, 100, true, '60/40', 112],
    [80, 110, false, '70/30', 89],
    [80, 110, true, '60/40', 92],
  ];
  it.each(rows)('SKP %d, perilaku %d, 360 %s → %s = %d', (skp, perilaku, multi, weighting, nilai) => {
    const r = nilaiKinerjaPp30(skp, perilaku, multi);
    expect(r.weighting).toBe(weighting);
    expect(roundHalfUp(r.nilaiKinerja, 2)).toBe(nilai);
    expect(roundHalfUp(r.skpPart + r.perilakuPart, 2)).toBe(nilai);
  });

  it('weighting follows who rated behaviour', () => {
    expect(pp30Weighting(false)).toBe('70/30');
    expect(pp30Weighting(true)).toBe('60/40');
  });

  it('explains in both languages', () => {
    const r = nilaiKinerjaPp30(100, 90, true);
    expect(r.explanation.id).toBe('Nilai kinerja = 60% × 100,00 + 40% × 90,00 = 96,00 (perilaku dinilai juga oleh rekan dan bawahan)');
    expect(r.explanation.en).toContain('60% × 100.00 + 40% × 90.00 = 96.00');
  });

  it('rejects negative or non-numeric inputs', () => {
    expect(codeOf(() => nilaiKinerjaPp30(-1, 90, false))).toBe('PP30_INPUT_INVALID');
    expect(codeOf(() => nilaiKinerjaPp30(100, Number.NaN, false))).toBe('PP30_INPUT_INVALID');
  });
});

describe('pp-30-2019 predikat (on the 2-decimal half-up value)', () => {
  const rows: [number, boolean, Predikat][] = [
    [120, true, 'SANGAT_BAIK'],
    [120.004, true, 'SANGAT_BAIK'], // → 120.00, on the scale
    [110, true, 'SANGAT_BAIK'],
    [110, false, 'BAIK'], // 110+ without an innovation
    [115, false, 'BAIK'],
    [109.995, true, 'SANGAT_BAIK'], // → 110.00
    [109.994, true, 'BAIK'], // → 109.99
    [90, false, 'BAIK'],
    [89.995, false, 'BAIK'],
    [89.99, false, 'BUTUH_PERBAIKAN'],
    [70, false, 'BUTUH_PERBAIKAN'],
    [69.99, false, 'KURANG'],
    [50, false, 'KURANG'],
    [49.99, true, 'SANGAT_KURANG'],
    [0, false, 'SANGAT_KURANG'],
  ];
  it.each(rows)('%d, innovation %s → %s', (x, innovation, expected) => {
    expect(predikatPp30(x, innovation).predikat).toBe(expected);
  });

  it('a weighted value exactly on 110 lands on 110 (70% × 110 + 30% × 110)', () => {
    const n = nilaiKinerjaPp30(110, 110, false).nilaiKinerja;
    const p = predikatPp30(n, true);
    expect(p.rounded).toBe(110);
    expect(p.predikat).toBe('SANGAT_BAIK');
  });

  it('above 120 (after rounding) or below 0 is outside the scale: reported, not capped', () => {
    expect(codeOf(() => predikatPp30(120.005, true))).toBe('PP30_OUT_OF_SCALE');
    expect(codeOf(() => predikatPp30(126, true))).toBe('PP30_OUT_OF_SCALE');
    expect(codeOf(() => predikatPp30(-0.01, false))).toBe('PP30_OUT_OF_SCALE');
    expect(codeOf(() => predikatPp30(Number.POSITIVE_INFINITY, false))).toBe('PP30_INPUT_INVALID');
  });

  it('uses the PP 30 wording and explains the innovation rule', () => {
    expect(pp30PredikatLabel('BUTUH_PERBAIKAN', 'id')).toBe('Cukup');
    expect(predikatPp30(112.5, false).explanation.id).toBe('Nilai kinerja 112,50 → Baik (110–120 tanpa inovasi → Baik)');
    expect(predikatPp30(112.5, true).explanation.en).toBe('Performance value 112.50 → Very Good (110–120 with an innovation)');
  });
});
