import { describe, expect, it } from 'vitest';
import { CURVE_CONSTRAINTS, checkCurve, headCount, type CountRounding, type CurveMember } from '../../src/engine/curve.ts';
import type { Predikat } from '../../src/domain/ratings.ts';

/**
 * Builds members from groups: [predikat, how many, first work score]. Scores rise by 1 within a
 * group, NIPs are n01, n02, ... in the order given, so expectations can name them.
 */
function unit(...groups: [Predikat | null, number, number][]): CurveMember[] {
  const out: CurveMember[] = [];
  for (const [predikat, count, firstScore] of groups) {
    for (let i = 0; i < count; i++) {
      out.push({ nip: `n${String(out.length + 1).padStart(2, '0')}`, predikat, workScore: firstScore + i });
    }
  }
  return out;
}

const rules = (r: ReturnType<typeof checkCurve>): string[] => r.violations.map((v) => v.rule);

describe('headCount: p% of n in integers', () => {
  const rows: [number, number, CountRounding, number][] = [
    [60, 7, 'ceil', 5], // 4.2
    [10, 7, 'ceil', 1], // 0.7
    [60, 7, 'round', 4],
    [60, 7, 'floor', 4],
    [70, 20, 'floor', 14],
    [70, 20, 'ceil', 14],
    [70, 10, 'floor', 7],
    [60, 10, 'ceil', 6],
    [10, 10, 'floor', 1],
    [70, 3, 'floor', 2], // 2.1
    [70, 3, 'ceil', 3],
    [70, 5, 'floor', 3], // 3.5
    [70, 5, 'round', 4], // half-up
    [10, 4, 'round', 0], // 0.4
    [10, 5, 'round', 1], // 0.5
    [10, 0, 'ceil', 0],
    [60, 1_000_003, 'ceil', 600_002], // 600001.8
  ];
  it.each(rows)('%d%% of %d (%s) = %d', (p, n, mode, expected) => expect(headCount(p, n, mode)).toBe(expected));
  it('rejects non-integer percentages and counts', () => {
    expect(() => headCount(60.5, 10, 'ceil')).toThrow(RangeError);
    expect(() => headCount(60, 2.5, 'ceil')).toThrow(RangeError);
    expect(() => headCount(101, 2, 'ceil')).toThrow(RangeError);
  });
});

describe('checkCurve: SPEC §3.6 table', () => {
  it('has every organisational predikat with stable rule codes', () => {
    expect(Object.values(CURVE_CONSTRAINTS).flat().map((c) => c.rule)).toEqual([
      'ISTIMEWA_MAX_70_SANGAT_BAIK',
      'BAIK_MAX_70_BAIK',
      'BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG',
      'BUTUH_PERBAIKAN_MIN_60_BUTUH_PERBAIKAN',
      'BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK',
      'KURANG_MIN_60_KURANG',
      'KURANG_MIN_10_BUTUH_PERBAIKAN',
      'KURANG_MAX_10_SANGAT_BAIK',
      'SANGAT_KURANG_MIN_60_SANGAT_KURANG',
      'SANGAT_KURANG_MIN_10_KURANG_OR_BUTUH_PERBAIKAN',
      'SANGAT_KURANG_MAX_0_SANGAT_BAIK',
    ]);
  });

  it('empty unit (N = 0) is ok with no violations', () => {
    const r = checkCurve('KURANG', []);
    expect(r).toMatchObject({ ok: true, n: 0, violations: [], checks: [] });
  });

  describe('Baik unit of 20', () => {
    it('14 Baik + 5 Sangat Baik + 1 Butuh Perbaikan: ok', () => {
      const r = checkCurve('BAIK', unit(['BAIK', 14, 80], ['SANGAT_BAIK', 5, 110], ['BUTUH_PERBAIKAN', 1, 60]));
      expect(r.ok).toBe(true);
      expect(r.checks.map((c) => [c.rule, c.limit, c.actual])).toEqual([
        ['BAIK_MAX_70_BAIK', 14, 14],
        ['BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG', 1, 1],
      ]);
    });

    it('15 Baik: over by one, the Baik with the lowest score is the one to review', () => {
      const members = unit(['BAIK', 15, 80], ['SANGAT_BAIK', 4, 110], ['KURANG', 1, 95]);
      members[7]!.workScore = 79.5; // n08 is now the lowest Baik
      const r = checkCurve('BAIK', members);
      expect(r.ok).toBe(false);
      expect(r.violations).toHaveLength(1);
      expect(r.violations[0]).toMatchObject({ rule: 'BAIK_MAX_70_BAIK', allowed: 14, required: null, actual: 15, gap: 1, reviewCandidates: ['n08'] });
      expect(r.violations[0]!.text.id).toBe(
        'Unit Baik: Baik paling banyak 70% dari 20 pegawai = 14 orang; ada 15 (lebih 1); tinjau: n08.',
      );
      expect(r.violations[0]!.text.en).toBe('Good unit: Good at most 70% of 20 employees = 14; found 15 (over by 1); review: n08.');
    });

    it('no Butuh Perbaikan or Kurang: the Baik with the lowest score is the candidate', () => {
      const r = checkCurve('BAIK', unit(['SANGAT_BAIK', 6, 110], ['BAIK', 14, 85]));
      expect(rules(r)).toEqual(['BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG']);
      expect(r.violations[0]).toMatchObject({ required: 1, actual: 0, gap: 1, reviewCandidates: ['n07'] });
    });
  });

  describe('Kurang unit of 7: 5 Kurang (ceil 4.2) and 1 Butuh Perbaikan (ceil 0.7)', () => {
    it('5 Kurang + 1 Butuh Perbaikan + 1 Sangat Kurang: ok', () => {
      const r = checkCurve('KURANG', unit(['KURANG', 5, 50], ['BUTUH_PERBAIKAN', 1, 70], ['SANGAT_KURANG', 1, 30]));
      expect(r.ok).toBe(true);
      expect(r.checks.map((c) => c.limit)).toEqual([5, 1, 0]);
    });

    it('4 Kurang: short by one, the lowest-scored Butuh Perbaikan is the candidate', () => {
      const members = unit(['KURANG', 4, 50], ['BUTUH_PERBAIKAN', 2, 72], ['SANGAT_KURANG', 1, 30]);
      const r = checkCurve('KURANG', members);
      expect(rules(r)).toEqual(['KURANG_MIN_60_KURANG']);
      expect(r.violations[0]).toMatchObject({ required: 5, actual: 4, gap: 1, reviewCandidates: ['n05'] });
    });

    it("rounding 'round' makes 4 Kurang enough (round 4.2 = 4)", () => {
      const members = unit(['KURANG', 4, 50], ['BUTUH_PERBAIKAN', 2, 72], ['SANGAT_KURANG', 1, 30]);
      const r = checkCurve('KURANG', members, { minimumRounding: 'round', maximumRounding: 'floor' });
      expect(r.ok).toBe(true);
      expect(r.checks[0]).toMatchObject({ rule: 'KURANG_MIN_60_KURANG', limit: 4, actual: 4 });
    });

    it('no Butuh Perbaikan and nobody better: the highest-scored Kurang is the candidate', () => {
      const r = checkCurve('KURANG', unit(['KURANG', 6, 50], ['SANGAT_KURANG', 1, 30]));
      expect(rules(r)).toEqual(['KURANG_MIN_10_BUTUH_PERBAIKAN']);
      expect(r.violations[0]).toMatchObject({ required: 1, actual: 0, reviewCandidates: ['n06'] });
    });

    it('one Sangat Baik exceeds 10% of 7 (floor 0.7 = 0)', () => {
      const r = checkCurve('KURANG', unit(['KURANG', 5, 50], ['BUTUH_PERBAIKAN', 1, 70], ['SANGAT_BAIK', 1, 110]));
      expect(rules(r)).toEqual(['KURANG_MAX_10_SANGAT_BAIK']);
      expect(r.violations[0]).toMatchObject({ allowed: 0, actual: 1, reviewCandidates: ['n07'] });
    });
  });

  describe('Istimewa unit of 10', () => {
    it('7 Sangat Baik: ok', () => {
      expect(checkCurve('ISTIMEWA', unit(['SANGAT_BAIK', 7, 110], ['BAIK', 3, 95])).ok).toBe(true);
    });
    it('8 Sangat Baik: over by one; the lowest Sangat Baik, ties by NIP', () => {
      const members = unit(['SANGAT_BAIK', 8, 110], ['BAIK', 2, 95]);
      members[3]!.workScore = 105; // n04
      members[5]!.workScore = 105; // n06, same score: n04 wins by NIP
      const r = checkCurve('ISTIMEWA', members);
      expect(r.violations[0]).toMatchObject({ rule: 'ISTIMEWA_MAX_70_SANGAT_BAIK', allowed: 7, actual: 8, reviewCandidates: ['n04'] });
    });
    it('9 Sangat Baik: the two lowest, a missing score last', () => {
      const members = unit(['SANGAT_BAIK', 9, 110], ['BAIK', 1, 95]);
      members[0]!.workScore = null;
      const r = checkCurve('ISTIMEWA', members);
      expect(r.violations[0]!.reviewCandidates).toEqual(['n02', 'n03']);
    });
  });

  describe('Butuh Perbaikan unit of 10', () => {
    it('6 Butuh Perbaikan and 1 Sangat Baik: ok', () => {
      expect(checkCurve('BUTUH_PERBAIKAN', unit(['BUTUH_PERBAIKAN', 6, 70], ['BAIK', 3, 90], ['SANGAT_BAIK', 1, 110])).ok).toBe(true);
    });
    it('5 Butuh Perbaikan: short by one, lowest Baik', () => {
      const r = checkCurve('BUTUH_PERBAIKAN', unit(['BUTUH_PERBAIKAN', 5, 70], ['BAIK', 4, 90], ['SANGAT_BAIK', 1, 110]));
      expect(rules(r)).toEqual(['BUTUH_PERBAIKAN_MIN_60_BUTUH_PERBAIKAN']);
      expect(r.violations[0]).toMatchObject({ required: 6, actual: 5, reviewCandidates: ['n06'] });
    });
    it('2 Sangat Baik: over by one, lowest Sangat Baik', () => {
      const r = checkCurve('BUTUH_PERBAIKAN', unit(['BUTUH_PERBAIKAN', 6, 70], ['BAIK', 2, 90], ['SANGAT_BAIK', 2, 110]));
      expect(rules(r)).toEqual(['BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK']);
      expect(r.violations[0]).toMatchObject({ allowed: 1, actual: 2, reviewCandidates: ['n09'] });
    });
  });

  describe('Sangat Kurang unit', () => {
    it('any Sangat Baik violates, even one in a large unit', () => {
      const r = checkCurve('SANGAT_KURANG', unit(['SANGAT_KURANG', 14, 20], ['KURANG', 3, 50], ['BUTUH_PERBAIKAN', 2, 70], ['SANGAT_BAIK', 1, 110]));
      expect(rules(r)).toEqual(['SANGAT_KURANG_MAX_0_SANGAT_BAIK']);
      expect(r.violations[0]).toMatchObject({ allowed: 0, actual: 1, reviewCandidates: ['n20'] });
      expect(r.violations[0]!.text.en).toContain('no employee may be Very Good');
    });
    it('Kurang + Butuh Perbaikan count together: 1 + 1 meets 10% of 20 = 2', () => {
      const r = checkCurve('SANGAT_KURANG', unit(['SANGAT_KURANG', 18, 20], ['KURANG', 1, 50], ['BUTUH_PERBAIKAN', 1, 70]));
      expect(r.ok).toBe(true);
      expect(r.checks[1]).toMatchObject({ rule: 'SANGAT_KURANG_MIN_10_KURANG_OR_BUTUH_PERBAIKAN', limit: 2, actual: 2 });
    });
    it('combined short: the candidate comes from Baik (next better than Butuh Perbaikan)', () => {
      const r = checkCurve('SANGAT_KURANG', unit(['SANGAT_KURANG', 18, 20], ['KURANG', 1, 50], ['BAIK', 1, 90]));
      expect(rules(r)).toEqual(['SANGAT_KURANG_MIN_10_KURANG_OR_BUTUH_PERBAIKAN']);
      expect(r.violations[0]).toMatchObject({ required: 2, actual: 1, reviewCandidates: ['n20'] });
    });
  });

  it("maximum rounding 'round' allows 4 Baik of 5 where floor allows 3", () => {
    const members = unit(['BAIK', 4, 90], ['BUTUH_PERBAIKAN', 1, 70]);
    expect(rules(checkCurve('BAIK', members))).toEqual(['BAIK_MAX_70_BAIK']);
    expect(checkCurve('BAIK', members, { minimumRounding: 'ceil', maximumRounding: 'round' }).ok).toBe(true);
  });

  it('pending members count in N, in no predikat; a shortfall they could fill is provisional', () => {
    const r = checkCurve('BUTUH_PERBAIKAN', unit(['BUTUH_PERBAIKAN', 5, 70], ['BAIK', 3, 90], [null, 2, 0]));
    expect(r.n).toBe(10);
    expect(r.complete).toBe(false);
    expect(r.ok).toBe(false);
    expect(r.pending).toEqual(['n09', 'n10']);
    expect(r.violations[0]).toMatchObject({ rule: 'BUTUH_PERBAIKAN_MIN_60_BUTUH_PERBAIKAN', required: 6, actual: 5, provisional: true, reviewCandidates: ['n06'] });
  });

  it('a unit too small for its minimums is flagged infeasible', () => {
    // Kurang unit of 2: Kurang ceil(1.2) = 2 and Butuh Perbaikan ceil(0.2) = 1 → 3 people needed.
    const r = checkCurve('KURANG', unit(['KURANG', 2, 50]));
    expect(r.feasible).toBe(false);
    expect(rules(r)).toEqual(['KURANG_MIN_10_BUTUH_PERBAIKAN']);
    expect(r.notes[0]!.id).toContain('3 orang');
  });

  it('never changes a predikat and rejects duplicate NIPs', () => {
    const members = unit(['BAIK', 15, 80], ['SANGAT_BAIK', 5, 110]);
    const before = JSON.stringify(members);
    checkCurve('BAIK', members);
    expect(JSON.stringify(members)).toBe(before);
    expect(() => checkCurve('BAIK', [...members, { ...members[0]! }])).toThrow(/twice/);
  });
});
