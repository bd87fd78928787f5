import { describe, expect, it } from 'vitest';
import {
  PREDIKAT_MATRIX,
  leaderWorkRating,
  leaderWorkRatingExplanation,
  orgPredikatLabel,
  parseOrgPredikat,
  predikatExplanation,
  predikatFor,
} from '../../src/engine/predikat.ts';
import type { Predikat, Rating } from '../../src/domain/ratings.ts';

describe('predikatFor: SPEC §3.5 matrix, all nine cells', () => {
  const cells: [Rating, Rating, Predikat][] = [
    ['DI_ATAS', 'DI_BAWAH', 'KURANG'],
    ['DI_ATAS', 'SESUAI', 'BAIK'],
    ['DI_ATAS', 'DI_ATAS', 'SANGAT_BAIK'],
    ['SESUAI', 'DI_BAWAH', 'KURANG'],
    ['SESUAI', 'SESUAI', 'BAIK'],
    ['SESUAI', 'DI_ATAS', 'BAIK'],
    ['DI_BAWAH', 'DI_BAWAH', 'SANGAT_KURANG'],
    ['DI_BAWAH', 'SESUAI', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH', 'DI_ATAS', 'BUTUH_PERBAIKAN'],
  ];
  it.each(cells)('hasil %s × perilaku %s → %s', (work, behaviour, expected) => {
    expect(predikatFor(work, behaviour)).toBe(expected);
    expect(PREDIKAT_MATRIX[work][behaviour]).toBe(expected);
  });

  it('rejects a value that is not a rating', () => {
    expect(() => predikatFor('BAGUS' as Rating, 'SESUAI')).toThrow(RangeError);
    expect(() => predikatFor('SESUAI', '' as Rating)).toThrow(RangeError);
  });

  it('explains the lookup in both languages', () => {
    const t = predikatExplanation('DI_ATAS', 'DI_BAWAH');
    expect(t.id).toContain('Di Atas Ekspektasi');
    expect(t.id).toContain('Kurang/Misconduct');
    expect(t.en).toContain('Above Expectations');
    expect(t.en).toContain('Poor/Misconduct');
  });
});

describe('parseOrgPredikat', () => {
  const rows: [string, string | null][] = [
    ['Istimewa', 'ISTIMEWA'],
    ['  ISTIMEWA ', 'ISTIMEWA'],
    ['Baik', 'BAIK'],
    ['baik.', 'BAIK'],
    ['Butuh Perbaikan', 'BUTUH_PERBAIKAN'],
    ['butuh-perbaikan', 'BUTUH_PERBAIKAN'],
    ['BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'],
    ['Kurang', 'KURANG'],
    ['Sangat Kurang', 'SANGAT_KURANG'],
    ['sangat_kurang', 'SANGAT_KURANG'],
    ['Needs Improvement', 'BUTUH_PERBAIKAN'],
    ['Sangat Baik', null],
    ['Cukup', null],
    ['', null],
    ['B', null],
  ];
  it.each(rows)('%j → %s', (text, expected) => {
    expect(parseOrgPredikat(text)).toBe(expected);
  });

  it('has labels in both languages', () => {
    expect(orgPredikatLabel('BUTUH_PERBAIKAN', 'id')).toBe('Butuh Perbaikan');
    expect(orgPredikatLabel('BUTUH_PERBAIKAN', 'en')).toBe('Needs Improvement');
    expect(orgPredikatLabel('ISTIMEWA', 'id')).toBe('Istimewa');
  });
});

describe('leaderWorkRating: SPEC §3.6', () => {
  const rows: [Parameters<typeof leaderWorkRating>[0], Rating][] = [
    ['ISTIMEWA', 'DI_ATAS'],
    ['BAIK', 'SESUAI'],
    ['BUTUH_PERBAIKAN', 'DI_BAWAH'],
    ['KURANG', 'DI_BAWAH'],
    ['SANGAT_KURANG', 'DI_BAWAH'],
  ];
  it.each(rows)('%s → %s', (org, expected) => {
    expect(leaderWorkRating(org)).toBe(expected);
  });
  it('rejects an unknown org predikat and explains the rule', () => {
    expect(() => leaderWorkRating('SANGAT_BAIK' as never)).toThrow(RangeError);
    expect(leaderWorkRatingExplanation('BAIK').id).toContain('Sesuai Ekspektasi');
    expect(leaderWorkRatingExplanation('BAIK').en).toContain('Meets Expectations');
  });
});
