import { describe, expect, it } from 'vitest';
import {
  findGaps,
  planTraining,
  recommendationReason,
  recommendTraining,
  type Sasaran,
  type TrainingInput,
  type TrainingProgram,
  type TrainingThresholds,
} from '../../src/engine/training.ts';

const T: TrainingThresholds = { aspectThreshold: 90, indicatorThreshold: 80, maxProgramsPerEmployee: 3 };

function program(code: string, hours: number | null, ...targets: string[]): TrainingProgram {
  const kinds: Record<string, Sasaran['kind']> = { predikat: 'predikat', perilaku: 'behaviour', aspek: 'aspect', indikator: 'indicator', unsur: 'unsur' };
  return {
    code, name: `Program ${code}`, hours, mode: 'klasikal', provider: 'BKPSDM',
    targets: targets.map((t) => {
      const [k, key] = t.split(':') as [string, string];
      return { kind: kinds[k]!, key };
    }),
  };
}

const CATALOGUE: TrainingProgram[] = [
  program('P-BP', 8, 'predikat:butuh-perbaikan'),
  program('P-K', 12, 'predikat:kurang', 'predikat:sangat-kurang'),
  program('P-SERV', 24, 'perilaku:berorientasi-pelayanan', 'aspek:kualitas-layanan', 'unsur:U7'),
  program('P-AKT', 12, 'perilaku:akuntabel'),
  program('P-PROD', 16, 'aspek:produktivitas'),
  program('P-PROD2', 8, 'aspek:produktivitas'),
  program('P-IND', 16, 'indikator:DKP-22'),
  program('P-U3', 16, 'unsur:U3'),
  program('P-U8', 16, 'unsur:U8'),
];

function input(over: Partial<TrainingInput> = {}): TrainingInput {
  return { nip: '198503122010012003', predikat: 'BAIK', behaviour: null, aspects: [], indicators: [], unsur: null, ...over };
}

const codes = (r: ReturnType<typeof recommendTraining>) => r.recommendations.map((x) => x.code);

describe('gap rules (SPEC §5)', () => {
  it('predikat: Butuh Perbaikan, Kurang and Sangat Kurang are gaps matched to their own Sasaran; Baik and Sangat Baik are not', () => {
    expect(codes(recommendTraining(input({ predikat: 'BUTUH_PERBAIKAN' }), CATALOGUE, T))).toEqual(['P-BP']);
    expect(codes(recommendTraining(input({ predikat: 'KURANG' }), CATALOGUE, T))).toEqual(['P-K']);
    expect(codes(recommendTraining(input({ predikat: 'SANGAT_KURANG' }), CATALOGUE, T))).toEqual(['P-K']);
    expect(recommendTraining(input({ predikat: 'BAIK' }), CATALOGUE, T).gaps).toEqual([]);
    expect(recommendTraining(input({ predikat: 'SANGAT_BAIK' }), CATALOGUE, T).gaps).toEqual([]);
    const r = recommendTraining(input({ predikat: 'KURANG' }), CATALOGUE, T).recommendations[0]!;
    expect(r.gap.gap).toBe('KURANG');
    expect(r.gap.reason.id).toBe('Predikat kinerja Kurang/Misconduct (di bawah Baik).');
  });

  it('behaviour: a value rated Di Bawah is a gap with its mean; Sesuai and Di Atas are not', () => {
    const r = recommendTraining(input({
      behaviour: [
        { key: 'berorientasi-pelayanan', rating: 'DI_BAWAH', mean: 1 },
        { key: 'akuntabel', rating: 'SESUAI', mean: 2 },
        { key: 'kompeten', rating: 'DI_ATAS', mean: 3 },
      ],
    }), CATALOGUE, T);
    expect(r.gaps.map((g) => `${g.kind}:${g.key}`)).toEqual(['behaviour:berorientasi-pelayanan']);
    expect(codes(r)).toEqual(['P-SERV']);
    expect(r.recommendations[0]!.gap.gap).toBe('DI_BAWAH');
    expect(r.recommendations[0]!.gap.reason.id).toBe('Nilai perilaku Berorientasi Pelayanan dinilai Di Bawah Ekspektasi (rerata 1,00 < 1,50).');
  });

  it('no behaviour data: no behaviour gap, and the explanation says so', () => {
    const r = recommendTraining(input({ behaviour: null, predikat: null }), CATALOGUE, T);
    expect(r.gaps).toEqual([]);
    const rules = r.steps.find((s) => s.step === 'trainingRules')!;
    expect(rules.text.id).toContain('perilaku (tidak ada data perilaku)');
    expect(rules.text.en).toContain('behaviour (no behaviour data)');
    expect(rules.text.en).toContain('survey unsur (no survey data)');
    expect(r.steps.some((s) => s.step === 'trainingNone')).toBe(true);
  });

  it('aspect: below the threshold on the value rounded half-up to 2 dp, gap = threshold − value', () => {
    const gapOf = (score: number) => findGaps(input({ aspects: [{ key: 'produktivitas', label: 'Produktivitas', score }] }), T);
    expect(gapOf(90)).toEqual([]);
    expect(gapOf(89.995)).toEqual([]); // shows as 90,00
    expect(gapOf(89.99999999999999)).toEqual([]); // binary noise of 90
    expect(gapOf(89.994)[0]!.gap).toBe(0.01); // shows as 89,99
    const g = gapOf(72.345)[0]!;
    expect(g.measured).toBe(72.35);
    expect(g.gap).toBe(17.65);
    expect(g.threshold).toBe(90);
    expect(g.reason.id).toBe('Nilai aspek Produktivitas 72,35 di bawah ambang 90,00 (selisih 17,65).');
    expect(g.reason.en).toBe('Aspect Produktivitas score 72.35 is below the threshold 90.00 (gap 17.65).');
    expect(findGaps(input({ aspects: [{ key: 'produktivitas', label: 'Produktivitas', score: null }] }), T)).toEqual([]);
  });

  it('aspect threshold is configurable', () => {
    const aspects = [{ key: 'produktivitas', label: 'Produktivitas', score: 92 }];
    expect(findGaps(input({ aspects }), T)).toEqual([]);
    expect(findGaps(input({ aspects }), { ...T, aspectThreshold: 95 })[0]!.gap).toBe(3);
  });

  it('indicator: capaian below 80 is a gap (matched by code, case-insensitive); 80,00 and not reported are not', () => {
    const ind = (capaian: number | null, code = 'dkp-22') => input({ indicators: [{ code, text: 'Rata-rata hari penyelesaian akta kelahiran', capaian }] });
    expect(findGaps(ind(80), T)).toEqual([]);
    expect(findGaps(ind(79.995), T)).toEqual([]);
    expect(findGaps(ind(null), T)).toEqual([]);
    const r = recommendTraining(ind(66.666666), CATALOGUE, T);
    expect(codes(r)).toEqual(['P-IND']);
    expect(r.recommendations[0]!.gap.gap).toBe(13.33);
    expect(r.recommendations[0]!.gap.reason.id).toContain('66,67% di bawah ambang 80,00%');
    expect(findGaps(ind(50), { ...T, indicatorThreshold: 40 })).toEqual([]);
  });

  it('unsur: mutu C and D are gaps, A and B are not; D comes before C', () => {
    const r = recommendTraining(input({
      unsur: {
        scope: { id: 'layanan AKTA', en: 'service AKTA' },
        items: [
          { key: 'U1', mutu: 'A', value: 90 },
          { key: 'U3', mutu: 'C', value: 70 },
          { key: 'U7', mutu: 'B', value: 76.61 },
          { key: 'U8', mutu: 'D', value: 60 },
        ],
      },
    }), CATALOGUE, T);
    expect(r.gaps.map((g) => `${g.key}:${g.gap}`)).toEqual(['U8:D', 'U3:C']);
    expect(codes(r)).toEqual(['P-U8', 'P-U3']);
    expect(r.gaps[1]!.reason.id).toBe('Unsur U3 Waktu Penyelesaian pada survei layanan AKTA: nilai 70,00 mutu C (Kurang Baik), di bawah mutu B (76,61).');
  });
});

describe('priority, once per program, cap, unmatched', () => {
  const everything = input({
    predikat: 'BUTUH_PERBAIKAN',
    behaviour: [
      { key: 'berorientasi-pelayanan', rating: 'DI_BAWAH', mean: 1.4 },
      { key: 'akuntabel', rating: 'DI_BAWAH', mean: 1 },
    ],
    aspects: [
      { key: 'produktivitas', label: 'Produktivitas', score: 85 },
      { key: 'kualitas-layanan', label: 'Kualitas Layanan', score: 70 },
    ],
    indicators: [{ code: 'DKP-22', text: 'Akta', capaian: 50 }, { code: 'X-9', text: 'Lain', capaian: 10 }],
    unsur: { scope: { id: 'unit A', en: 'unit A' }, items: [{ key: 'U7', mutu: 'D', value: 50 }, { key: 'U3', mutu: 'C', value: 66 }] },
  });

  it('orders gaps predikat, behaviour, aspect, indicator, unsur; larger gap first within a kind', () => {
    expect(findGaps(everything, T).map((g) => `${g.kind}:${g.key}`)).toEqual([
      'predikat:butuh-perbaikan',
      'behaviour:akuntabel', // mean 1.00: further below 1.50 than 1.40
      'behaviour:berorientasi-pelayanan',
      'aspect:kualitas-layanan', // gap 20
      'aspect:produktivitas', // gap 5
      'indicator:X-9',
      'indicator:DKP-22',
      'unsur:U7',
      'unsur:U3',
    ]);
  });

  it('lists each program once with its highest-priority reason and the other gaps it answers', () => {
    const r = recommendTraining(everything, CATALOGUE, { ...T, maxProgramsPerEmployee: 20 });
    expect(codes(r)).toEqual(['P-BP', 'P-AKT', 'P-SERV', 'P-PROD', 'P-PROD2', 'P-IND', 'P-U3']);
    const serv = r.recommendations.find((x) => x.code === 'P-SERV')!;
    expect(serv.gap.kind).toBe('behaviour');
    expect(serv.also.map((g) => `${g.kind}:${g.key}`)).toEqual(['aspect:kualitas-layanan', 'unsur:U7']);
    expect(recommendationReason(serv).en).toBe(
      'Behaviour value Service Oriented rated Below Expectations (mean 1.40 < 1.50). Also answers: aspect Kualitas Layanan, unsur U7 Staff Behaviour.',
    );
    expect(new Set(codes(r)).size).toBe(codes(r).length);
  });

  it('ties within a kind and gap go by program code', () => {
    const r = recommendTraining(input({ aspects: [{ key: 'produktivitas', label: 'Produktivitas', score: 50 }] }), CATALOGUE, T);
    expect(codes(r)).toEqual(['P-PROD', 'P-PROD2']);
  });

  it('keeps at most maxProgramsPerEmployee, the rest beyond the cap in order and explained', () => {
    const r = recommendTraining(everything, CATALOGUE, T);
    expect(codes(r)).toEqual(['P-BP', 'P-AKT', 'P-SERV']);
    expect(r.beyondCap.map((x) => x.code)).toEqual(['P-PROD', 'P-PROD2', 'P-IND', 'P-U3']);
    expect(r.steps.find((s) => s.step === 'trainingCap')!.text.en).toContain('4 other matching programme(s) not listed (limit 3 per employee)');
    expect(codes(recommendTraining(everything, CATALOGUE, { ...T, maxProgramsPerEmployee: 1 }))).toEqual(['P-BP']);
  });

  it('reports gaps with no matching program, and still recommends for the others', () => {
    const r = recommendTraining(everything, CATALOGUE, T);
    expect(r.unmatched.map((g) => `${g.kind}:${g.key}`)).toEqual(['indicator:X-9']);
    const none = recommendTraining(everything, [], T);
    expect(none.recommendations).toEqual([]);
    expect(none.unmatched.length).toBe(9);
  });

  it('rejects invalid thresholds instead of guessing', () => {
    expect(() => recommendTraining(everything, CATALOGUE, { ...T, maxProgramsPerEmployee: 0 })).toThrow(RangeError);
    expect(() => recommendTraining(everything, CATALOGUE, { ...T, aspectThreshold: Number.NaN })).toThrow(RangeError);
  });
});

describe('plans', () => {
  const people = [
    { nip: '1', name: 'A', unit: 'Unit B', inp: input({ nip: '1', predikat: 'BUTUH_PERBAIKAN', aspects: [{ key: 'produktivitas', label: 'Produktivitas', score: 60 }] }) },
    { nip: '2', name: 'B', unit: 'Unit A', inp: input({ nip: '2', predikat: 'BUTUH_PERBAIKAN', indicators: [{ code: 'Z-1', text: 'Z', capaian: 5 }] }) },
    { nip: '3', name: 'C', unit: 'Unit A', inp: input({ nip: '3', aspects: [{ key: 'produktivitas', label: 'Produktivitas', score: 89 }], indicators: [{ code: 'Z-1', text: 'Z', capaian: 5 }] }) },
    { nip: '4', name: 'D', unit: 'Unit A', inp: input({ nip: '4' }) },
    { nip: '5', name: 'E', unit: 'Unit B', inp: input({ nip: '5', behaviour: [{ key: 'akuntabel', rating: 'DI_BAWAH' }] }) },
  ];
  const cat = [...CATALOGUE.filter((p) => p.code !== 'P-AKT'), program('P-AKT', null, 'perilaku:akuntabel')];
  const results = people.map((p) => ({ participant: { nip: p.nip, name: p.name, unit: p.unit }, training: recommendTraining(p.inp, cat, T) }));
  const plan = planTraining(results);

  it('per program: participants, units and total JP = Σ JP over participants', () => {
    expect(plan.programs.map((p) => [p.code, p.participants.map((x) => x.nip), p.units, p.totalHours])).toEqual([
      ['P-AKT', ['5'], ['Unit B'], null],
      ['P-BP', ['2', '1'], ['Unit A', 'Unit B'], 16],
      ['P-PROD', ['3', '1'], ['Unit A', 'Unit B'], 32],
      ['P-PROD2', ['3', '1'], ['Unit A', 'Unit B'], 16],
    ]);
  });

  it('adds up to the per-employee lists: participants = recommendations, JP totals agree', () => {
    const perEmployee = results.flatMap((r) => r.training.recommendations.map((x) => ({ nip: r.participant.nip, code: x.code, hours: x.hours })));
    expect(plan.recommendations).toBe(perEmployee.length);
    expect(plan.programs.reduce((s, p) => s + p.participants.length, 0)).toBe(perEmployee.length);
    expect(plan.units.reduce((s, u) => s + u.recommendations, 0)).toBe(perEmployee.length);
    for (const p of plan.programs) {
      expect(p.participants.map((x) => x.nip).sort()).toEqual(perEmployee.filter((x) => x.code === p.code).map((x) => x.nip).sort());
    }
    const hours = perEmployee.reduce((s, x) => s + (x.hours ?? 0), 0);
    expect(plan.programs.reduce((s, p) => s + (p.totalHours ?? 0), 0)).toBe(hours);
    expect(plan.units.reduce((s, u) => s + u.totalHours, 0)).toBe(hours);
    expect(plan.units.reduce((s, u) => s + u.withoutHours, 0)).toBe(perEmployee.filter((x) => x.hours === null).length);
    expect(plan.employees).toBe(4);
  });

  it('per unit, and the unmatched gaps counted over employees', () => {
    expect(plan.units).toEqual([
      { unit: 'Unit A', employees: 2, recommendations: 3, programs: ['P-BP', 'P-PROD', 'P-PROD2'], totalHours: 32, withoutHours: 0 },
      { unit: 'Unit B', employees: 2, recommendations: 4, programs: ['P-AKT', 'P-BP', 'P-PROD', 'P-PROD2'], totalHours: 32, withoutHours: 1 },
    ]);
    expect(plan.unmatched.map((u) => [u.kind, u.key, u.employees, u.nips])).toEqual([['indicator', 'Z-1', 2, ['2', '3']]]);
  });
});
