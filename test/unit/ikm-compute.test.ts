import { describe, expect, it } from 'vitest';
import { answersByKey, computeIkm, groupIkm, IkmTally, mutuOf, poolIkm, UNSUR_KEYS } from '../../src/engine/ikm.ts';
import type { Answer } from '../../src/engine/ikm.ts';
import { resp, uniform, withTotal } from './ikm-fixtures.ts';

const EXACT = { weight: 'exact' } as const;
const PERMEN = { weight: 'permen' } as const;

// Four respondents; columns are U1..U9. R4 left U5 blank.
//        U1 U2 U3 U4 U5   U6 U7 U8 U9
// R1      4  4  3  4  3    4  4  3  4
// R2      3  3  3  4  3    3  4  3  3
// R3      4  3  2  4  3    4  4  3  3
// R4      3  4  3  4  -    4  4  2  3
// sums   14 14 11 16  9   15 16 11 13
// n       4  4  4  4  3    4  4  4  4
// NRR   3.5 3.5 2.75 4 3 3.75 4 2.75 3.25      Σ NRR = 30.5
// exact : IKM = 30.5 × (1/9) × 25 = 762.5 / 9 = 84.7222…  → 84.72 → B
// permen: IKM = 30.5 × 0.111 × 25 = 30.5 × 2.775 = 84.6375 → 84.64 → B  (0.111 < 1/9: slightly lower)
const FOUR = [
  resp([4, 4, 3, 4, 3, 4, 4, 3, 4]),
  resp([3, 3, 3, 4, 3, 3, 4, 3, 3]),
  resp([4, 3, 2, 4, 3, 4, 4, 3, 3]),
  resp([3, 4, 3, 4, null, 4, 4, 2, 3]),
];

describe('computeIkm: hand-computed example', () => {
  const exact = computeIkm(FOUR, EXACT);
  const permen = computeIkm(FOUR, PERMEN);

  it('NRR per unsur is the mean of the answers given; a blank does not count', () => {
    expect(exact.respondents).toBe(4);
    expect(exact.unsur.map((u) => u.key)).toEqual(UNSUR_KEYS);
    expect(exact.unsur.map((u) => u.n)).toEqual([4, 4, 4, 4, 3, 4, 4, 4, 4]);
    expect(exact.unsur.map((u) => u.sum)).toEqual([14, 14, 11, 16, 9, 15, 16, 11, 13]);
    expect(exact.unsur.map((u) => u.nrr)).toEqual([3.5, 3.5, 2.75, 4, 3, 3.75, 4, 2.75, 3.25]);
    // U5: 9 / 3 = 3, not 9 / 4 = 2.25
    expect(exact.unsur[4].nrr).toBe(3);
    expect(exact.missingUnsur).toEqual([]);
  });

  it('IKM with weight 1/9 (exact) and 0,111 (permen)', () => {
    expect(exact.ikm).toBeCloseTo(762.5 / 9, 12);
    expect(exact.ikmRounded).toBe(84.72);
    expect(exact.mutu?.code).toBe('B');
    expect(exact.mutu?.label).toEqual({ id: 'Baik', en: 'Good' });
    expect(permen.ikm).toBeCloseTo(84.6375, 12);
    expect(permen.ikmRounded).toBe(84.64);
    expect(permen.ikm!).toBeLessThan(exact.ikm!);
    expect(exact.unsur[0].weight).toBe(1 / 9);
    expect(exact.unsur[0].nrrWeighted).toBeCloseTo(3.5 / 9, 12);
    expect(permen.unsur[0].weight).toBe(0.111);
    expect(permen.unsur[0].nrrWeighted).toBeCloseTo(0.3885, 12); // 3.5 × 0.111
  });

  it('nilai unsur konversi (NRR × 25) and its mutu', () => {
    // 87.5 B, 87.5 B, 68.75 C, 100 A, 75 C, 93.75 A, 100 A, 68.75 C, 81.25 B
    expect(exact.unsur.map((u) => u.converted)).toEqual([87.5, 87.5, 68.75, 100, 75, 93.75, 100, 68.75, 81.25]);
    expect(exact.unsur.map((u) => u.mutu?.code).join('')).toBe('BBCACAACB');
  });

  it('weakest unsur: lowest NRR, ties to the lower unsur number', () => {
    // U3 and U8 are both 2.75
    expect(exact.weakest).toBe('U3');
    const u8lower = computeIkm([resp([4, 4, 3, 4, 4, 4, 4, 2, 4])], EXACT);
    expect(u8lower.weakest).toBe('U8');
  });

  it('lowAnswers counts answers of 1 or 2', () => {
    expect(exact.lowAnswers).toBe(2); // R3 U3 = 2, R4 U8 = 2
  });
});

describe('an unsur nobody answered', () => {
  // U4 blank for both: NRR 3.5 on the other 8 unsur (Σ = 28).
  // exact : 28 × (1/8) × 25 = 87.5 (counting U4 as zero would give 28 × 25/9 = 77.78)
  // permen: 28 × (0.999/8) × 25 = 87.4125 → 87.41
  const rs = [resp([4, 4, 4, null, 4, 4, 4, 4, 4]), resp([3, 3, 3, null, 3, 3, 3, 3, 3])];
  it('renormalises the weights over the answered unsur and flags it', () => {
    const r = computeIkm(rs, EXACT);
    expect(r.missingUnsur).toEqual(['U4']);
    expect(r.ikm).toBe(87.5);
    expect(r.ikmRounded).toBe(87.5);
    expect(r.unsur[3]).toMatchObject({ n: 0, nrr: null, weight: 0, converted: null, mutu: null });
    expect(r.unsur[0].weight).toBe(0.125);
    const p = computeIkm(rs, PERMEN);
    expect(p.ikm).toBeCloseTo(87.4125, 12);
    expect(p.ikmRounded).toBe(87.41);
  });
  it('no answers at all: no IKM, no mutu', () => {
    const r = computeIkm([resp(Array(9).fill(null))], EXACT);
    expect(r.respondents).toBe(1);
    expect(r.ikm).toBeNull();
    expect(r.mutu).toBeNull();
    expect(r.weakest).toBeNull();
    expect(r.missingUnsur).toHaveLength(9);
    expect(computeIkm([], EXACT).ikm).toBeNull();
  });
});

describe('band edges decided exactly on the rational IKM', () => {
  // withTotal(n, S): n complete responses whose 9n answers sum to S, so IKM(exact) = 25·S / (9·n).
  const cases: [n: number, S: number, value: string, rounded: number, mutu: string][] = [
    [2500, 79479, '1986975/22500 = 88.31 exactly', 88.31, 'A'],
    [5000, 158949, '3973725/45000 = 88.305 exactly', 88.31, 'A'],
    [5000, 158948, '3973700/45000 = 88.30444…', 88.3, 'B'],
    [2500, 68949, '1723725/22500 = 76.61 exactly', 76.61, 'B'],
    [2500, 68945, '1723625/22500 = 76.60555…', 76.61, 'B'],
    [5000, 137889, '3447225/45000 = 76.605 exactly', 76.61, 'B'],
    [5000, 137888, '3447200/45000 = 76.60444…', 76.6, 'C'],
    [2500, 68944, '1723600/22500 = 76.60444…', 76.6, 'C'],
    [5, 117, '2925/45 = 65 exactly', 65, 'C'],
    [5000, 116991, '2924775/45000 = 64.995 exactly', 65, 'C'],
    [5000, 116990, '2924750/45000 = 64.99444…', 64.99, 'D'],
    [5, 116, '2900/45 = 64.444…', 64.44, 'D'],
  ];
  for (const [n, S, value, rounded, mutu] of cases) {
    it(`n=${n}, Σ=${S}: ${value} → ${rounded} → ${mutu}`, () => {
      const r = computeIkm(withTotal(n, S), EXACT);
      expect(r.ikm).toBeCloseTo((25 * S) / (9 * n), 10);
      expect(r.ikmRounded).toBe(rounded);
      expect(r.mutu?.code).toBe(mutu);
    });
  }

  // permen: IKM = Σ NRR × 0.111 × 25 = 111·S / (40·n)
  it('permen weight: 555 respondents, Σ 15322 → 1700742/22200 = 76.61 exactly → B', () => {
    const r = computeIkm(withTotal(555, 15322), PERMEN);
    expect(r.ikmRounded).toBe(76.61);
    expect(r.mutu?.code).toBe('B');
    // the same answers with 1/9: 25·15322/(9·555) = 76.6867… → 76.69
    expect(computeIkm(withTotal(555, 15322), EXACT).ikmRounded).toBe(76.69);
  });
  it('permen weight: Σ 15321 → 76.605 exactly → 76.61 → B; Σ 15320 → 76.60 → C', () => {
    expect(computeIkm(withTotal(555, 15321), PERMEN)).toMatchObject({ ikmRounded: 76.61, mutu: { code: 'B' } });
    expect(computeIkm(withTotal(555, 15320), PERMEN)).toMatchObject({ ikmRounded: 76.6, mutu: { code: 'C' } });
  });

  it('unsur mutu on its exact converted value: 25 × 8831/2500 = 88.31 → A; 8830/2500 → 88.30 → B', () => {
    const mk = (fours: number, n: number) =>
      computeIkm(
        Array.from({ length: n }, (_, i) => resp([(i < fours ? 4 : 3) as Answer, 3, 3, 3, 3, 3, 3, 3, 3])),
        EXACT,
      ).unsur[0];
    // U1 sum = 3n + fours; n = 2500: 7500 + 1331 = 8831
    expect(mk(1331, 2500)).toMatchObject({ convertedRounded: 88.31, mutu: { code: 'A' } });
    expect(mk(1330, 2500)).toMatchObject({ convertedRounded: 88.3, mutu: { code: 'B' } });
  });

  it('unsur converted values are exact half-up hundredths of 25·sum/n, for small and huge tallies', () => {
    // A tally of (sum, n) in U1 only, written as IkmTally.readFrom reads it.
    const tally = (sum: number, n: number): IkmTally => {
      const c = new Float64Array(2 + 2 * 9);
      c[0] = n;
      c[2] = sum;
      c[2 + 9] = n;
      return IkmTally.readFrom(c, 0);
    };
    const expected = (sum: number, n: number): number => Number((5000n * BigInt(sum) + BigInt(n)) / (2n * BigInt(n))) / 100;
    const cases: [number, number][] = [
      [1, 1], [7, 2], [8831, 2500], [8830, 2500], [13, 8], [11, 200], [3, 40], [1, 400], [1, 3],
      // Near and past 2^53 / 5000, where the whole-number path gives way to rationals.
      [1_801_439_850_948, 450_359_962_737], [1_801_439_850_949, 450_359_962_737], [3_999_999_999_999, 1_000_000_000_001],
    ];
    for (let n = 1; n <= 60; n++) for (let sum = n; sum <= 4 * n; sum++) cases.push([sum, n]);
    for (const [sum, n] of cases) expect([sum, n, tally(sum, n).result(EXACT).unsur[0]!.convertedRounded]).toEqual([sum, n, expected(sum, n)]);
  });
});

describe('mutuOf (a value given as a number, rounded half-up to 2 decimals)', () => {
  const rows: [number, string][] = [
    [100, 'A'], [88.31, 'A'], [88.305, 'A'], [88.3049, 'B'], [88.30499999, 'B'],
    [76.61, 'B'], [76.605, 'B'], [76.6049, 'C'], [65, 'C'], [64.995, 'C'], [64.994, 'D'], [25, 'D'],
  ];
  for (const [v, m] of rows) it(`${v} → ${m}`, () => expect(mutuOf(v).code).toBe(m));
  it('labels are bilingual', () => {
    expect(mutuOf(90).label).toEqual({ id: 'Sangat Baik', en: 'Very Good' });
    expect(mutuOf(70).label).toEqual({ id: 'Kurang Baik', en: 'Poor' });
    expect(mutuOf(50).label).toEqual({ id: 'Tidak Baik', en: 'Not Good' });
  });
  it('rejects NaN', () => expect(() => mutuOf(Number.NaN)).toThrow(RangeError));
});

describe('complaints by category', () => {
  const base = [4, 4, 4, 4, 4, 4, 4, 4, 4] as Answer[];
  const r = computeIkm(
    [
      resp(base, { complaint: 'Akta lahir terlalu lama', complaintCategory: 'Waktu' }),
      resp(base, { complaint: 'lama', complaintCategory: ' waktu ' }),
      resp(base, { complaint: 'petugas tidak ada', complaintCategory: '' }),
      resp(base, { complaint: 'antrian', complaintCategory: null }),
      resp(base, { complaint: null, complaintCategory: 'Lainnya' }),
      resp(base, { complaint: 'pungutan', complaintCategory: 'Biaya' }),
      resp(base, { complaint: '  ', complaintCategory: null }),
      resp(base),
    ],
    EXACT,
  );
  it('counts complaints, blank category → Lainnya / Other, case-insensitive categories', () => {
    expect(r.complaints.total).toBe(6);
    expect(r.complaints.byCategory).toEqual([
      { category: null, label: { id: 'Lainnya', en: 'Other' }, count: 3 },
      { category: 'Waktu', label: { id: 'Waktu', en: 'Waktu' }, count: 2 },
      { category: 'Biaya', label: { id: 'Biaya', en: 'Biaya' }, count: 1 },
    ]);
  });
});

describe('input contract', () => {
  it('answersByKey places answers by unsur key', () => {
    expect(answersByKey({ U9: 1, U1: 4, U5: null })).toEqual([4, null, null, null, null, null, null, null, 1]);
  });
  it('rejects a wrong number of answers and values outside 1–4', () => {
    expect(() => computeIkm([resp([4, 4, 4, 4, 4, 4, 4, 4] as Answer[])], EXACT)).toThrow(TypeError);
    expect(() => computeIkm([resp([4, 4, 4, 4, 5 as Answer, 4, 4, 4, 4])], EXACT)).toThrow(/U5 = 5/);
    expect(() => computeIkm([resp([0 as Answer, 4, 4, 4, 4, 4, 4, 4, 4])], EXACT)).toThrow(RangeError);
  });
  it('rejects an unknown weight', () => {
    expect(() => computeIkm(FOUR, { weight: 'rounded' as 'exact' })).toThrow(RangeError);
  });
});

describe('groupIkm', () => {
  const rs = [
    ...uniform(2, 4, { unit: 'Disdukcapil', service: 'AKTA', officerNip: 'X' }),
    resp([1, 2, 3, 4, 4, 4, 4, 4, 4], { unit: 'Disdukcapil', service: 'AKTA', officerNip: 'X', complaint: 'lama', complaintCategory: 'Waktu' }),
    ...uniform(1, 2, { unit: 'Kecamatan Simeulue Timur', service: 'AKTA' }),
    ...uniform(1, 3, { unit: null, service: 'AKTA' }),
    ...uniform(1, 3, { unit: 'Disdukcapil', service: null }),
    ...uniform(1, 1, { unit: 'Disdukcapil', service: 'KK' }),
  ];
  const g = groupIkm(rs, EXACT);

  it('groups by unit, service (all units), unit+service, service without unit and officer', () => {
    expect(g.overall.respondents).toBe(7);
    expect([...g.byUnit.keys()]).toEqual(['Disdukcapil', 'Kecamatan Simeulue Timur']);
    expect(g.byUnit.get('Disdukcapil')!.respondents).toBe(5);
    expect([...g.byService.keys()]).toEqual(['AKTA', 'KK']);
    expect(g.byService.get('AKTA')!.respondents).toBe(5);
    expect(g.byUnitService.get('Disdukcapil')!.get('AKTA')!.respondents).toBe(3);
    expect([...g.byUnitService.get('Disdukcapil')!.keys()]).toEqual(['AKTA', 'KK']);
    expect(g.byUnitService.get('Kecamatan Simeulue Timur')!.get('AKTA')!.respondents).toBe(1);
    expect(g.byServiceWithoutUnit.get('AKTA')!.respondents).toBe(1);
    const x = g.byOfficer.get('X')!;
    expect(x.respondents).toBe(3);
    expect(x.lowAnswers).toBe(2); // the 1 and the 2 in the third response
    expect(x.complaints.total).toBe(1);
    // U1 of officer X: (4 + 4 + 1) / 3 = 3
    expect(x.unsur[0].nrr).toBe(3);
  });

  it('AKTA across units: NRR = (2·36 + 30 + 18 + 27)/5 over 9 unsur → IKM 25·147/45', () => {
    // sums over all 9 unsur: two all-4 rows 72, mixed row 30, all-2 row 18, all-3 row 27 → 147
    expect(g.byService.get('AKTA')!.ikm).toBeCloseTo((25 * 147) / 45, 10);
  });

  it('pooling tallies equals computing over the pooled responses', () => {
    const a = computeIkm(rs.slice(0, 3), EXACT);
    const b = computeIkm(rs.slice(3), EXACT);
    const pooled = poolIkm([a, b], EXACT);
    const direct = computeIkm(rs, EXACT);
    expect(pooled.ikm).toBe(direct.ikm);
    expect(pooled.unsur).toEqual(direct.unsur);
    expect(pooled.complaints).toEqual(direct.complaints);
    expect(a.respondents).toBe(3); // pooling did not change its inputs
  });
});
