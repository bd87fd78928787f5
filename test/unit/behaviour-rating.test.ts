import { describe, expect, it } from 'vitest';
import {
  BERAKHLAK_KEYS,
  localiseSteps,
  overallBehaviourRating,
  rateBehaviour,
  ratingFromMean,
  type BehaviourRow,
  type RaterRole,
  type RaterWeights,
} from '../../src/engine/behaviour.ts';
import type { Rating } from '../../src/domain/ratings.ts';

const A: Rating = 'DI_ATAS';
const S: Rating = 'SESUAI';
const B: Rating = 'DI_BAWAH';

let line = 1;
/** A row with the seven values given in BerAKHLAK order (or one rating for all seven). */
function row(role: RaterRole, nip: string | null, ratings: Rating | Rating[]): BehaviourRow {
  const list = Array.isArray(ratings) ? ratings : BERAKHLAK_KEYS.map(() => ratings);
  if (list.length !== 7) throw new Error('seven ratings');
  const values = Object.fromEntries(BERAKHLAK_KEYS.map((k, i) => [k, list[i]])) as BehaviourRow['values'];
  line += 1;
  return { raterNip: nip, raterRole: role, values, place: { file: 'perilaku.xlsx', sheet: 'Sheet1', row: line } };
}

const ATASAN_ONLY: RaterWeights = { atasan: 100, rekan: 0, bawahan: 0, diri: 0 };
const W360: RaterWeights = { atasan: 60, rekan: 20, bawahan: 20, diri: 0 };

describe('ratingFromMean', () => {
  const rows: [number, Rating][] = [
    [3, 'DI_ATAS'],
    [2.5, 'DI_ATAS'],
    [2.4999999999999996, 'DI_ATAS'], // float noise of an exact 2.5
    [2.495, 'DI_ATAS'], // shown as 2,50: classified as shown (half-up to 2 decimals)
    [2.4949, 'SESUAI'], // shown as 2,49
    [2.49, 'SESUAI'],
    [2, 'SESUAI'],
    [1.5, 'SESUAI'],
    [1.4999999999999998, 'SESUAI'],
    [1.495, 'SESUAI'],
    [1.4949, 'DI_BAWAH'],
    [1.49, 'DI_BAWAH'],
    [1, 'DI_BAWAH'],
  ];
  it.each(rows)('%d → %s', (mean, expected) => expect(ratingFromMean(mean)).toBe(expected));
});

describe('overallBehaviourRating', () => {
  const rows: [Rating[], Rating][] = [
    [[A, A, A, A, S, S, S], 'DI_ATAS'],
    [[A, A, A, S, S, S, S], 'SESUAI'],
    [[A, A, A, A, A, A, B], 'DI_BAWAH'],
    [[S, S, S, S, S, S, S], 'SESUAI'],
    [[A, A, A, A, A, A, A], 'DI_ATAS'],
  ];
  it.each(rows)('%j → %s', (ratings, expected) => expect(overallBehaviourRating(ratings)).toBe(expected));
  it('needs exactly seven values', () => expect(() => overallBehaviourRating([A, A, A, A])).toThrow(RangeError));
});

describe('rateBehaviour', () => {
  it('atasan only: the single rating is each value', () => {
    const r = rateBehaviour([row('atasan', '197001012000011001', [A, A, A, A, S, S, S])], ATASAN_ONLY);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.values.map((v) => v.mean)).toEqual([3, 3, 3, 3, 2, 2, 2]);
    expect(r.overall).toBe('DI_ATAS');
    expect(r.diAtasCount).toBe(4);
    expect(r.raters).toHaveLength(1);
    expect(r.raters[0]!.share).toBe(1);
  });

  it('60/20/20 with two subordinates: each role weight is split among its raters; 2.5 exactly is Di Atas', () => {
    // atasan 3 × 60 + rekan 2 × 20 + bawahan mean(1, 2) = 1.5 × 20 → 250 / 100 = 2.5
    const rows = [row('atasan', 'a1', A), row('rekan', 'r1', S), row('bawahan', 'b1', B), row('bawahan', 'b2', S)];
    const r = rateBehaviour(rows, W360);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values[0]!.mean).toBeCloseTo(2.5, 12);
    expect(r.values.every((v) => v.rating === 'DI_ATAS')).toBe(true);
    expect(r.overall).toBe('DI_ATAS');
    expect(r.raters.map((x) => [x.raterNip, x.share])).toEqual([
      ['a1', 0.6],
      ['r1', 0.2],
      ['b1', 0.1],
      ['b2', 0.1],
    ]);
  });

  it('fractional weights: atasan 0.6 × 3 + rekan 0.2 × 1 over 0.8 is 2.4999999999999996 in floats, still Di Atas', () => {
    const rows = [row('atasan', 'a1', A), row('rekan', 'r1', B)];
    expect((0.6 * 3 + 0.2 * 1) / (0.6 + 0.2)).toBeLessThan(2.5); // the float trap this guards against
    const r = rateBehaviour(rows, { atasan: 0.6, rekan: 0.2, bawahan: 0.2, diri: 0 });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values.map((v) => v.rating)).toEqual(Array(7).fill('DI_ATAS'));
  });

  it('renormalises over the roles present: atasan 60 + rekan 20 without bawahan', () => {
    // (3 × 60 + 1 × 20) / 80 = 2.5 → Di Atas; (2 × 60 + 1 × 20) / 80 = 1.75 → Sesuai
    const rows = [row('atasan', 'a1', [A, S, S, S, S, S, S]), row('rekan', 'r1', B)];
    const r = rateBehaviour(rows, W360);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values[0]!.mean).toBe(2.5);
    expect(r.values[1]!.mean).toBe(1.75);
    expect(r.values.map((v) => v.rating)).toEqual([A, S, S, S, S, S, S]);
    expect(r.overall).toBe('SESUAI');
  });

  it('a value below 1.5 makes the overall Di Bawah even with six Di Atas', () => {
    // value 7: atasan 1 × 60 + rekan 2 × 20 + bawahan 2 × 20 → 140/100 = 1.4
    const rows = [row('atasan', 'a1', [A, A, A, A, A, A, B]), row('rekan', 'r1', [A, A, A, A, A, A, S]), row('bawahan', 'b1', [A, A, A, A, A, A, S])];
    const r = rateBehaviour(rows, W360);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values[6]!.mean).toBeCloseTo(1.4, 12);
    expect(r.values[6]!.rating).toBe('DI_BAWAH');
    expect(r.overall).toBe('DI_BAWAH');
  });

  it('ignores rows of roles with weight 0 and says so', () => {
    const rows = [row('atasan', 'a1', S), row('diri', null, A)];
    const r = rateBehaviour(rows, W360);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values.every((v) => v.mean === 2)).toBe(true);
    expect(r.ignored).toHaveLength(1);
    expect(r.steps.find((s) => s.step === 'behaviourIgnored')!.text.id).toContain('diri sendiri');
  });

  it('only peers while the weights are atasan-only → pending, not a default', () => {
    const r = rateBehaviour([row('rekan', 'r1', A), row('rekan', 'r2', A)], ATASAN_ONLY);
    expect(r.status).toBe('pending');
    if (r.status !== 'pending') return;
    expect(r.reason.code).toBe('BEHAVIOUR_NO_WEIGHTED_RATER');
    expect(r.overall).toBeNull();
    expect(r.ignored).toHaveLength(2);
    expect(r.reason.text.en).toContain('raterWeights');
  });

  it('no rows → pending', () => {
    const r = rateBehaviour([], ATASAN_ONLY);
    expect(r.status).toBe('pending');
    if (r.status === 'pending') expect(r.reason.code).toBe('BEHAVIOUR_NO_ROWS');
  });

  it('the same rater twice → pending with the duplicate named', () => {
    const r = rateBehaviour([row('atasan', 'a1', A), row('atasan', 'a1', S)], ATASAN_ONLY);
    expect(r.status).toBe('pending');
    if (r.status === 'pending') {
      expect(r.reason.code).toBe('BEHAVIOUR_DUPLICATE_RATER');
      expect(r.reason.text.id).toContain('a1');
    }
  });

  it('two atasan rows without NIP are two raters (no NIP to compare): mean of both', () => {
    const r = rateBehaviour([row('atasan', null, A), row('atasan', null, S)], ATASAN_ONLY);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.values[0]!.mean).toBe(2.5);
    expect(r.overall).toBe('DI_ATAS');
  });

  it('rejects bad weights and bad ratings (config/ingest bugs), not coerced', () => {
    expect(() => rateBehaviour([row('atasan', 'a', A)], { ...ATASAN_ONLY, rekan: -1 })).toThrow(RangeError);
    const bad = row('atasan', 'a', A);
    (bad.values as Record<string, string>)['loyal'] = 'BAGUS';
    expect(() => rateBehaviour([bad], ATASAN_ONLY)).toThrow(/loyal/);
  });

  it('explains in both languages with the decimal separator of each', () => {
    const rows = [row('atasan', 'a1', [A, S, S, S, S, S, S]), row('rekan', 'r1', B)];
    const r = rateBehaviour(rows, W360);
    const id = localiseSteps(r.steps, 'id');
    const en = localiseSteps(r.steps, 'en');
    expect(id.find((s) => s.step === 'behaviourValue')!.text).toBe(
      'Berorientasi Pelayanan: rata-rata tertimbang 2,50 (atasan 3,00, rekan 1,00) ≥ 2,5 → Di Atas Ekspektasi',
    );
    expect(en.find((s) => s.step === 'behaviourValue')!.text).toBe(
      'Service Oriented: weighted mean 2.50 (supervisor 3.00, peer 1.00) ≥ 2.5 → Above Expectations',
    );
    expect(en.at(-1)!.text).toBe('Behaviour rating: no value below, 1 of 7 above (fewer than 4) → Meets Expectations');
  });
});
