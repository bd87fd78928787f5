import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../../src/domain/exact.ts';
import type { Rating } from '../../src/domain/ratings.ts';
import { computeCapaian } from '../../src/engine/capaian.ts';
import type { IndicatorResult } from '../../src/engine/types.ts';
import { scoreWork, suggestWorkRating } from '../../src/engine/work.ts';
import {
  defaultScoring,
  employee,
  indicator,
  indicatorAspects,
  satisfaction,
  workInput,
} from './engine-fixtures.ts';

const T = { diAtasThreshold: 110, sesuaiThreshold: 90 };

/** An indicator result with a given capaian (naik, target 100, realisasi = capaian). */
function resultAt(capaian: number, kind: 'utama' | 'tambahan' = 'utama'): IndicatorResult {
  return computeCapaian(indicator({ kind, target: 100, actual: capaian }), { capaianCap: 120 }, 'id');
}

function aspect(r: ReturnType<typeof scoreWork>, key: string) {
  const a = r.aspects.find((x) => x.key === key);
  if (!a) throw new Error(`no aspect ${key}`);
  return a;
}

describe('suggestWorkRating: boundaries decided on the score rounded half-up to 2 decimals', () => {
  const rows: { name: string; score: number; results?: IndicatorResult[]; t?: typeof T; expected: Rating }[] = [
    { name: '110 exactly', score: 110, expected: 'DI_ATAS' },
    { name: '(100 + 120) / 2', score: (100 + 120) / 2, expected: 'DI_ATAS' },
    { name: '109.99999999999999 (binary noise of 110)', score: 109.99999999999999, expected: 'DI_ATAS' },
    { name: '109.995 rounds half-up to 110.00 → DI_ATAS', score: 109.995, expected: 'DI_ATAS' },
    { name: '109.994 rounds to 109.99 → SESUAI', score: 109.994, expected: 'SESUAI' },
    { name: '90 exactly', score: 90, expected: 'SESUAI' },
    { name: '89.995 rounds to 90.00 → SESUAI', score: 89.995, expected: 'SESUAI' },
    { name: '89.994 rounds to 89.99 → DI_BAWAH', score: 89.994, expected: 'DI_BAWAH' },
    { name: '0', score: 0, expected: 'DI_BAWAH' },
    { name: 'utama at 99.99 blocks DI_ATAS', score: 115, results: [resultAt(99.99, 'utama'), resultAt(120)], expected: 'SESUAI' },
    { name: 'tambahan at 99.99 does not block', score: 115, results: [resultAt(99.99, 'tambahan'), resultAt(120)], expected: 'DI_ATAS' },
    { name: 'utama at 99.995 rounds to 100 and does not block', score: 115, results: [resultAt(99.995, 'utama')], expected: 'DI_ATAS' },
    { name: 'utama exactly 100 does not block', score: 110, results: [resultAt(100, 'utama')], expected: 'DI_ATAS' },
    {
      name: 'utama capped at 100 but achieved 110 does not block',
      score: 110,
      results: [computeCapaian(indicator({ actual: 110 }), { capaianCap: 100 }, 'id')],
      expected: 'DI_ATAS',
    },
    { name: 'configured thresholds 100/80: 100 → DI_ATAS', score: 100, t: { diAtasThreshold: 100, sesuaiThreshold: 80 }, expected: 'DI_ATAS' },
    { name: 'configured thresholds 100/80: 79.995 → SESUAI', score: 79.995, t: { diAtasThreshold: 100, sesuaiThreshold: 80 }, expected: 'SESUAI' },
    { name: 'configured thresholds 100/80: 79.994 → DI_BAWAH', score: 79.994, t: { diAtasThreshold: 100, sesuaiThreshold: 80 }, expected: 'DI_BAWAH' },
  ];
  it.each(rows)('$name', ({ score, results, t, expected }) => {
    expect(suggestWorkRating(score, results ?? [], t ?? T)).toBe(expected);
  });

  it('an utama indicator without realisasi blocks DI_ATAS', () => {
    const missing = computeCapaian(indicator({ actual: null }), { capaianCap: 120 }, 'id');
    expect(suggestWorkRating(115, [missing], T)).toBe('SESUAI');
  });
});

describe('scoreWork: aspects and nilai hasil kerja (SPEC §3.2)', () => {
  it('default aspects 40/30/30 with feedback: weighted means, exact numbers', () => {
    const inds = [
      indicator({ code: 'P1', aspect: 'produktivitas', actual: 100, weight: 1 }),
      indicator({ code: 'P2', aspect: 'produktivitas', actual: 120, weight: 2 }),
      indicator({ code: 'Q1', aspect: 'kualitas-layanan', actual: 90 }),
    ];
    const r = scoreWork(workInput({ indicators: inds, satisfaction: satisfaction(88.31) }));
    const p = (100 * 1 + 120 * 2) / 3;
    const k = (88.31 / 76.61) * 100;
    expect(aspect(r, 'produktivitas').score).toBeCloseTo(p, 10);
    expect(aspect(r, 'kualitas-layanan').score).toBeCloseTo(90, 10);
    expect(aspect(r, 'kepuasan-masyarakat').score).toBeCloseTo(k, 10);
    expect(roundHalfUp(k, 2)).toBe(115.27);
    expect(r.aspects.map((a) => a.weight)).toEqual([0.4, 0.3, 0.3]);
    expect(r.workScore).toBeCloseTo((p * 40 + 90 * 30 + k * 30) / 100, 10);
    expect(roundHalfUp(r.workScore!, 2)).toBe(106.91);
    expect(r.status).toBe('complete');
    expect(r.pendingReasons).toEqual([]);
    // Q1 at 90 is utama and below 100, and the score is below 110 anyway.
    expect(r.workRating).toEqual({ suggested: 'SESUAI', final: 'SESUAI' });
    expect(r).toMatchObject({ behaviourRating: null, predikat: null, training: null });
    expect(r.satisfaction).toEqual(satisfaction(88.31));
    expect(aspect(r, 'kepuasan-masyarakat')).toMatchObject({ source: 'feedback', indicatorCount: 0 });
    expect(aspect(r, 'produktivitas')).toMatchObject({ source: 'indicators', indicatorCount: 2 });
  });

  const ikmRows = [
    { ikm: 76.61, rounded: 100 },
    { ikm: 88.31, rounded: 115.27 },
    { ikm: 65, rounded: 84.85 },
    { ikm: 95, rounded: 120 }, // 124.00 capped
  ];
  it.each(ikmRows)('satisfaction IKM $ikm → kepuasan masyarakat $rounded', ({ ikm, rounded }) => {
    const r = scoreWork(workInput({ indicators: [indicator()], satisfaction: satisfaction(ikm) }));
    expect(roundHalfUp(aspect(r, 'kepuasan-masyarakat').score!, 2)).toBe(rounded);
  });

  it('satisfaction cap follows a configured capaianCap', () => {
    const r = scoreWork(workInput({ indicators: [indicator()], satisfaction: satisfaction(95), scoring: defaultScoring({ capaianCap: 130 }) }));
    expect(aspect(r, 'kepuasan-masyarakat').score).toBeCloseTo((95 / 76.61) * 100, 10);
  });

  it('aspect weights are normalised (2 and 1 → 2/3 and 1/3)', () => {
    const r = scoreWork(
      workInput({
        aspects: indicatorAspects({ a: 2, b: 1 }),
        indicators: [indicator({ aspect: 'a', actual: 120 }), indicator({ aspect: 'b', actual: 90 })],
      }),
    );
    expect(r.aspects[0]!.weight).toBeCloseTo(2 / 3, 10);
    expect(r.aspects[1]!.weight).toBeCloseTo(1 / 3, 10);
    expect(r.workScore).toBeCloseTo(110, 10);
  });

  it('nine aspects of weight 1 keep 1/9 exact: mean of 100..120 scores', () => {
    const keys = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, 1]));
    const caps = [100, 101.1, 104.7, 108.8, 110, 112.2, 115.3, 117.9, 120];
    const r = scoreWork(
      workInput({ aspects: indicatorAspects(keys), indicators: caps.map((c, i) => indicator({ aspect: `a${i}`, actual: c })) }),
    );
    for (const a of r.aspects) expect(a.weight).toBeCloseTo(1 / 9, 12);
    expect(r.workScore).toBeCloseTo(caps.reduce((s, c) => s + c, 0) / 9, 10);
  });

  it('a score that is mathematically 110 but not in binary (weights 1/3 each) is DI_ATAS', () => {
    const r = scoreWork(
      workInput({
        aspects: indicatorAspects({ a: 1, b: 1, c: 1 }),
        indicators: [
          indicator({ aspect: 'a', actual: 100.1 }),
          indicator({ aspect: 'b', actual: 110.8 }),
          indicator({ aspect: 'c', actual: 119.1 }),
        ],
      }),
    );
    // (100.1 + 110.8 + 119.1) / 3 = 110 exactly on paper; floats give 109.99999999999999.
    expect(r.workScore).not.toBe(110);
    expect(r.workScore).toBeLessThan(110);
    expect(roundHalfUp(r.workScore!, 2)).toBe(110);
    expect(r.workRating.suggested).toBe('DI_ATAS');
  });

  it('an utama indicator at 99.99 blocks DI_ATAS even with a high score; tambahan does not', () => {
    const base = { aspects: indicatorAspects({ produktivitas: 1 }) };
    const utama = scoreWork(
      workInput({ ...base, indicators: [indicator({ actual: 99.99, kind: 'utama' }), indicator({ actual: 120, weight: 3 })] }),
    );
    expect(utama.workScore).toBeCloseTo((99.99 + 360) / 4, 10);
    expect(utama.workRating.suggested).toBe('SESUAI');
    const rule = utama.explanation.find((s) => s.step === 'rating')!;
    expect(rule.text).toContain('indikator utama di bawah 100');
    expect(rule.text).toContain('99,99');
    const tambahan = scoreWork(
      workInput({ ...base, indicators: [indicator({ actual: 99.99, kind: 'tambahan' }), indicator({ actual: 120, weight: 3 })] }),
    );
    expect(tambahan.workRating.suggested).toBe('DI_ATAS');
  });

  it('throws on an indicator whose aspect is not configured', () => {
    expect(() => scoreWork(workInput({ indicators: [indicator({ code: 'X9', aspect: 'inovasi' })] }))).toThrow(
      /X9.*"inovasi".*not configured/,
    );
  });

  it('throws on an indicator in a feedback aspect, or for another employee', () => {
    expect(() => scoreWork(workInput({ indicators: [indicator({ aspect: 'kepuasan-masyarakat' })] }))).toThrow(/citizen feedback/);
    expect(() => scoreWork(workInput({ indicators: [indicator({ nip: '199001012015031002' })] }))).toThrow(/passed for employee/);
  });
});

describe('scoreWork: missing realisasi (scoring.missing)', () => {
  const inds = () => [
    indicator({ code: 'P1', aspect: 'produktivitas', actual: 100 }),
    indicator({ code: 'P2', aspect: 'produktivitas', actual: null }),
    indicator({ code: 'Q1', aspect: 'kualitas-layanan', actual: 110 }),
  ];

  it('pending (default): employee pending, reason names the code, no score', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: satisfaction(76.61) }));
    expect(r.status).toBe('pending');
    expect(r.workScore).toBeNull();
    expect(r.workRating).toEqual({ suggested: null, final: null });
    expect(r.pendingReasons).toEqual(['Realisasi belum dilaporkan untuk indikator: P2']);
    const p2 = r.indicators.find((x) => x.indicator.code === 'P2')!;
    expect(p2).toMatchObject({ status: 'not-reported', capaian: null, missingPolicy: 'pending' });
    expect(aspect(r, 'produktivitas').score).toBeNull();
    expect(aspect(r, 'kualitas-layanan').score).toBeCloseTo(110, 10);
  });

  it('zero: capaian 0 with a note, counted in the aspect', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: satisfaction(76.61), scoring: defaultScoring({ missing: 'zero' }) }));
    expect(r.status).toBe('complete');
    expect(r.indicators[1]).toMatchObject({ status: 'not-reported', capaian: 0, missingPolicy: 'zero' });
    expect(aspect(r, 'produktivitas').score).toBeCloseTo(50, 10);
    expect(aspect(r, 'produktivitas').note).toContain('P2');
    expect(r.workScore).toBeCloseTo((50 * 40 + 110 * 30 + 100 * 30) / 100, 10);
    const step = r.explanation.find((s) => s.step === 'capaian' && s.text.startsWith('P2'))!;
    expect(step.text).toContain('dihitung 0');
  });

  it('exclude: left out of its aspect, with a note', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: satisfaction(76.61), scoring: defaultScoring({ missing: 'exclude' }) }));
    expect(r.status).toBe('complete');
    expect(r.indicators[1]).toMatchObject({ capaian: null, missingPolicy: 'exclude' });
    expect(aspect(r, 'produktivitas').score).toBeCloseTo(100, 10);
    expect(aspect(r, 'produktivitas').indicatorCount).toBe(1);
    expect(aspect(r, 'produktivitas').note).toContain('tidak diikutkan: P2');
    expect(r.workScore).toBeCloseTo((100 * 40 + 110 * 30 + 100 * 30) / 100, 10);
  });

  it('exclude of every indicator leaves the employee pending', () => {
    const r = scoreWork(
      workInput({ indicators: [indicator({ actual: null })], satisfaction: satisfaction(88.31), scoring: defaultScoring({ missing: 'exclude' }) }),
    );
    expect(r.status).toBe('pending');
    expect(r.pendingReasons[0]).toContain('Tidak ada indikator dengan realisasi');
  });
});

describe('scoreWork: aspects without data (scoring.missingAspect)', () => {
  const inds = () => [indicator({ aspect: 'produktivitas', actual: 120 }), indicator({ aspect: 'kualitas-layanan', actual: 100 })];

  it('renormalise (default): 40 and 30 → 4/7 and 3/7, and the explanation says so', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: null }));
    expect(aspect(r, 'produktivitas').weight).toBeCloseTo(4 / 7, 10);
    expect(aspect(r, 'kualitas-layanan').weight).toBeCloseTo(3 / 7, 10);
    expect(aspect(r, 'kepuasan-masyarakat')).toMatchObject({ weight: 0, score: null, source: 'none' });
    expect(r.workScore).toBeCloseTo((120 * 4 + 100 * 3) / 7, 10);
    expect(roundHalfUp(r.workScore!, 2)).toBe(111.43);
    expect(r.status).toBe('complete');
    const step = r.explanation.find((s) => s.step === 'renormalise')!;
    expect(step.text).toContain('Kepuasan Masyarakat');
    expect(step.text).toContain('Produktivitas 40/70 (57,14%)');
    expect(step.text).toContain('Kualitas Layanan 30/70 (42,86%)');
  });

  it('renormalise when an indicator aspect is empty: 40 and 30 (feedback) → 4/7 and 3/7', () => {
    const r = scoreWork(workInput({ indicators: [indicator({ actual: 100 })], satisfaction: satisfaction(88.31) }));
    expect(aspect(r, 'produktivitas').weight).toBeCloseTo(4 / 7, 10);
    expect(aspect(r, 'kepuasan-masyarakat').weight).toBeCloseTo(3 / 7, 10);
    expect(aspect(r, 'kualitas-layanan')).toMatchObject({ weight: 0, score: null, source: 'none' });
    expect(r.workScore).toBeCloseTo((100 * 4 + ((88.31 / 76.61) * 100) * 3) / 7, 10);
  });

  it('zero: the missing aspect counts 0 with its full weight', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: null, scoring: defaultScoring({ missingAspect: 'zero' }) }));
    expect(aspect(r, 'kepuasan-masyarakat')).toMatchObject({ score: 0, source: 'none' });
    expect(aspect(r, 'kepuasan-masyarakat').weight).toBeCloseTo(0.3, 10);
    expect(r.workScore).toBeCloseTo((120 * 40 + 100 * 30 + 0 * 30) / 100, 10);
    expect(r.status).toBe('complete');
    expect(r.explanation.some((s) => s.step === 'renormalise')).toBe(false);
  });

  it('pending: the employee waits, with the aspect named', () => {
    const r = scoreWork(workInput({ indicators: inds(), satisfaction: null, scoring: defaultScoring({ missingAspect: 'pending' }), lang: 'en' }));
    expect(r.status).toBe('pending');
    expect(r.workScore).toBeNull();
    expect(r.pendingReasons).toEqual(['Aspect Kepuasan Masyarakat has no data (no citizen-satisfaction data)']);
  });

  it('an employee with no indicators at all is pending, whatever the policy', () => {
    const r = scoreWork(workInput({ indicators: [], satisfaction: satisfaction(88.31) }));
    expect(r.status).toBe('pending');
    expect(r.workScore).toBeNull();
    expect(r.pendingReasons).toEqual(['Pegawai tidak memiliki indikator kinerja']);
    const en = scoreWork(workInput({ indicators: [], satisfaction: satisfaction(88.31), lang: 'en' }));
    expect(en.pendingReasons).toEqual(['The employee has no performance indicators']);
  });
});

describe('scoreWork: explanation', () => {
  it('one step per indicator (with the target and realisasi cells), per aspect, the work score and the rule', () => {
    const p1 = indicator({ code: 'P1', text: 'Akta kelahiran terbit', aspect: 'produktivitas', target: 7, actual: 5, direction: 'turun' });
    const q1 = indicator({ code: 'Q1', text: 'Dokumen tepat', aspect: 'kualitas-layanan', actual: 110 });
    const r = scoreWork(workInput({ employee: employee(), indicators: [p1, q1], satisfaction: satisfaction(88.31) }));
    expect(r.explanation.map((s) => s.step)).toEqual(['capaian', 'capaian', 'aspect', 'aspect', 'aspect', 'workScore', 'rating']);
    const [c1, , a1, , a3, ws, rating] = r.explanation;
    expect(c1!.text).toBe('P1 Akta kelahiran terbit: (2 − 5 / 7) × 100 = 128,57 → batas 120');
    expect(c1!.value).toBe(120);
    expect(c1!.sources).toEqual([p1.places.target, p1.places.actual]);
    expect(a1!.text).toBe('Produktivitas = (120,00 × 1) / 1 = 120,00');
    expect(a3!.text).toBe('Kepuasan Masyarakat = IKM 88,31 / 76,61 × 100 = 115,27 (IKM layanan, 120 responden, mutu A)');
    expect(ws!.text).toBe('Nilai hasil kerja = (120,00 × 40 + 110,00 × 30 + 115,27 × 30) / 100 = 115,58');
    expect(ws!.value).toBeCloseTo(r.workScore!, 12);
    expect(rating!.value).toBe('DI_ATAS');
    expect(rating!.text).toBe(
      '115,58 ≥ 110 dan tidak ada indikator utama di bawah 100 → Di Atas Ekspektasi (nilai dibulatkan ke 2 desimal sebelum dibandingkan)',
    );
  });

  it('speaks English when asked', () => {
    const r = scoreWork(workInput({ indicators: [indicator({ actual: 85 })], satisfaction: satisfaction(70, { basis: 'unit' }), lang: 'en' }));
    const rating = r.explanation.find((s) => s.step === 'rating')!;
    expect(r.workRating.suggested).toBe('DI_BAWAH');
    expect(rating.text).toBe('87.73 < 110; 87.73 < 90 → Below Expectations (score rounded half-up to 2 decimals before comparing)');
    const fb = r.explanation.filter((s) => s.step === 'aspect')[2]!;
    expect(fb.text).toBe('Kepuasan Masyarakat = IKM 70.00 / 76.61 × 100 = 91.37 (unit IKM, 120 respondents, mutu C)');
    expect(r.explanation.find((s) => s.step === 'renormalise')!.text).toContain('Weights renormalised');
  });
});
