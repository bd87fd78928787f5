import { describe, expect, it } from 'vitest';
import { groupIkm } from '../../src/engine/ikm.ts';
import type { SurveyResponse } from '../../src/engine/ikm.ts';
import { attributeAllFeedback, attributeFeedback } from '../../src/engine/feedback-attribution.ts';
import type { AttributionOptions } from '../../src/engine/feedback-attribution.ts';
import { resp, uniform } from './ikm-fixtures.ts';

const OPTS: AttributionOptions = { weight: 'exact', minRespondentsOfficer: 30 };
const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
const NIP_X = '198507152010011002';

describe('officer threshold (minRespondentsOfficer 30)', () => {
  // Officer X served AKTA in Dukcapil: k responses all 4 naming X; 10 more AKTA responses all 2.
  const build = (k: number): SurveyResponse[] => [
    ...uniform(k, 4, { unit: DUKCAPIL, service: 'AKTA', officerNip: NIP_X }),
    ...uniform(10, 2, { unit: DUKCAPIL, service: 'AKTA' }),
  ];
  const emp = { nip: NIP_X, unit: DUKCAPIL, services: ['AKTA'] };

  it('29 responses naming the officer: not enough, the service IKM is used', () => {
    const a = attributeFeedback(emp, groupIkm(build(29), OPTS), OPTS);
    // pooled AKTA: NRR = (29·4 + 10·2)/39 = 136/39 per unsur → IKM = 25·136/39 = 87.179… → 87.18 B
    expect(a.basis).toBe('service');
    expect(a.satisfaction).toEqual({ ikm: (25 * 136) / 39, mutu: 'B', respondents: 39, basis: 'service' });
    expect(a.satisfaction!.ikm).toBeCloseTo(87.1795, 4);
    expect(a.ikmRounded).toBe(87.18);
    expect(a.officer).toEqual({ respondents: 29, minRespondents: 30 });
    expect(a.explanation.id).toContain('Petugas disebut oleh 29 responden, kurang dari minimum 30');
    expect(a.explanation.en).toContain('fewer than the 30 needed');
  });

  it('30 responses naming the officer: the officer’s own IKM', () => {
    const a = attributeFeedback(emp, groupIkm(build(30), OPTS), OPTS);
    expect(a.satisfaction).toEqual({ ikm: 100, mutu: 'A', respondents: 30, basis: 'officer' });
    expect(a.explanation.id).toContain(`30 responden menyebut NIP Petugas ${NIP_X} (minimum 30)`);
    expect(a.explanation.en).toContain('IKM 100.00, mutu A (Very Good)');
    expect(a.explanation.id).toContain('IKM 100,00, mutu A (Sangat Baik)');
  });

  it('the threshold is a setting', () => {
    const a = attributeFeedback(emp, groupIkm(build(29), OPTS), { ...OPTS, minRespondentsOfficer: 29 });
    expect(a.basis).toBe('officer');
    expect(() => attributeFeedback(emp, groupIkm(build(1), OPTS), { ...OPTS, minRespondentsOfficer: 0 })).toThrow(RangeError);
  });
});

describe('services pooled, restricted to the employee’s unit', () => {
  const rs = [
    ...uniform(10, 4, { unit: DUKCAPIL, service: 'AKTA' }),
    ...uniform(30, 2, { unit: DUKCAPIL, service: 'KK' }),
    ...uniform(5, 1, { unit: 'Kecamatan Teupah Selatan', service: 'AKTA' }), // other unit's staff
  ];
  const emp = { nip: NIP_X, unit: DUKCAPIL, services: ['AKTA', 'KK', 'KTP'] };

  it('pools the answers of both services: NRR (10·4 + 30·2)/40 = 2.5 → IKM 62.5 → D', () => {
    const a = attributeFeedback(emp, groupIkm(rs, OPTS), OPTS);
    // With no blanks this equals the respondent-weighted mean of the IKMs: (10·100 + 30·50)/40 = 62.5.
    expect(a.satisfaction).toEqual({ ikm: 62.5, mutu: 'D', respondents: 40, basis: 'service' });
    expect(a.services).toEqual([
      { service: 'AKTA', respondents: 10, withoutUnit: 0, ikm: 100 },
      { service: 'KK', respondents: 30, withoutUnit: 0, ikm: 50 },
      { service: 'KTP', respondents: 0, withoutUnit: 0, ikm: null },
    ]);
    expect(a.explanation.id).toContain('AKTA (10 responden), KK (30 responden)');
    expect(a.explanation.id).toContain('Layanan tanpa responden: KTP.');
    expect(a.explanation.en).toContain('AKTA (10 respondents), KK (30 respondents)');
  });

  it('responses naming the service but no unit count; 2 more all-4: (100 + 8)/42 per unsur → 64.29 → D', () => {
    const a = attributeFeedback(emp, groupIkm([...rs, ...uniform(2, 4, { service: 'KK' })], OPTS), OPTS);
    // NRR = 108/42 = 2.5714…; IKM = 25 · 108/42 = 64.2857… → 64.29
    expect(a.satisfaction!.respondents).toBe(42);
    expect(a.satisfaction!.ikm).toBeCloseTo((25 * 108) / 42, 10);
    expect(a.ikmRounded).toBe(64.29);
    expect(a.services[1]).toMatchObject({ service: 'KK', respondents: 32, withoutUnit: 2 });
    expect(a.explanation.en).toContain('KK (32 respondents, 2 of them without a unit)');
  });

  it('with blanks, pooling recomputes NRR (not the mean of the service IKMs)', () => {
    // AKTA: 2 responses all 4 but U9 blank → IKM 100 over 8 unsur. KK: 2 responses all 2 → 50.
    // Pooled: U1..U8 NRR (8 + 4)/4 = 3; U9 NRR 4/2 = 2; Σ = 26 → IKM 25·26/9 = 72.22 (the mean of IKMs would be 75).
    const blanks = [
      resp([4, 4, 4, 4, 4, 4, 4, 4, null], { unit: DUKCAPIL, service: 'AKTA' }),
      resp([4, 4, 4, 4, 4, 4, 4, 4, null], { unit: DUKCAPIL, service: 'AKTA' }),
      ...uniform(2, 2, { unit: DUKCAPIL, service: 'KK' }),
    ];
    const a = attributeFeedback({ nip: NIP_X, unit: DUKCAPIL, services: ['AKTA', 'KK'] }, groupIkm(blanks, OPTS), OPTS);
    expect(a.services.map((s) => s.ikm)).toEqual([100, 50]);
    expect(a.satisfaction!.ikm).toBeCloseTo((25 * 26) / 9, 10);
    expect(a.ikmRounded).toBe(72.22);
    expect(a.result!.unsur[8]).toMatchObject({ n: 2, nrr: 2 });
  });
});

describe('unit fallback and no feedback', () => {
  const rs = [
    ...uniform(3, 3, { unit: DUKCAPIL, service: null }),
    ...uniform(1, 4, { unit: DUKCAPIL, service: 'AKTA' }),
    ...uniform(4, 4, { unit: 'Dinas Kesehatan', service: 'KTP' }), // KTP in another unit only
  ];
  const g = groupIkm(rs, OPTS);

  it('no services listed → the unit’s IKM over all its responses', () => {
    const a = attributeFeedback({ nip: NIP_X, unit: DUKCAPIL, services: [] }, g, OPTS);
    // unit: 3 all-3 + 1 all-4 → NRR 13/4 = 3.25 → IKM 81.25 → B
    expect(a.satisfaction).toEqual({ ikm: 81.25, mutu: 'B', respondents: 4, basis: 'unit' });
    expect(a.explanation.id).toContain(`IKM unit ${DUKCAPIL} (4 responden), karena pegawai tidak tercatat melayani layanan tertentu`);
  });

  it('services without responses in the unit → the unit’s IKM, saying which services', () => {
    const a = attributeFeedback({ nip: NIP_X, unit: DUKCAPIL, services: ['KTP'] }, g, OPTS);
    expect(a.basis).toBe('unit');
    expect(a.explanation.en).toContain('services KTP have no respondents in this unit');
  });

  it('a unit without responses → null, never a default', () => {
    const a = attributeFeedback({ nip: NIP_X, unit: 'Sekretariat Daerah', services: ['AKTA'] }, g, OPTS);
    expect(a.satisfaction).toBeNull();
    expect(a.basis).toBeNull();
    expect(a.mutu).toBeNull();
    expect(a.explanation.id).toContain('Tidak ada umpan balik masyarakat');
  });
});

describe('complaints attributed to the employee', () => {
  const rs = [
    ...uniform(3, 2, { unit: DUKCAPIL, service: 'AKTA', officerNip: NIP_X, complaint: 'akta lama', complaintCategory: 'Waktu' }),
    resp([1, 1, 3, 3, 3, 3, 3, 3, 3], { unit: DUKCAPIL, service: 'AKTA', officerNip: NIP_X, complaint: 'kasar' }),
    ...uniform(5, 4, { unit: DUKCAPIL, service: 'AKTA', complaint: 'ruang tunggu panas', complaintCategory: 'Sarana' }),
  ];
  const a = attributeFeedback({ nip: NIP_X, unit: DUKCAPIL, services: ['AKTA'] }, groupIkm(rs, OPTS), OPTS);

  it('complaints and low answers in responses naming the officer, even below the IKM threshold', () => {
    expect(a.basis).toBe('service');
    expect(a.complaints).toEqual({
      total: 4,
      respondents: 4,
      lowAnswers: 3 * 9 + 2,
      byCategory: [
        { category: 'Waktu', label: { id: 'Waktu', en: 'Waktu' }, count: 3 },
        { category: null, label: { id: 'Lainnya', en: 'Other' }, count: 1 },
      ],
    });
    expect(a.explanation.id).toContain('Pengaduan yang menyebut petugas: 4 (Waktu 3, Lainnya 1).');
  });

  it('complaints of the service the satisfaction is based on', () => {
    expect(a.basisComplaints.total).toBe(9);
    expect(a.basisComplaints.byCategory.map((c) => [c.category, c.count])).toEqual([['Sarana', 5], ['Waktu', 3], [null, 1]]);
  });

  it('attributeAllFeedback keys by NIP', () => {
    const m = attributeAllFeedback(
      [{ nip: NIP_X, unit: DUKCAPIL, services: ['AKTA'] }, { nip: '199001012015032001', unit: DUKCAPIL, services: [] }],
      groupIkm(rs, OPTS),
      OPTS,
    );
    expect([...m.keys()]).toEqual([NIP_X, '199001012015032001']);
    expect(m.get('199001012015032001')!.basis).toBe('unit');
    expect(m.get('199001012015032001')!.complaints.total).toBe(0);
  });
});

describe('partial unsur in the basis', () => {
  it('the explanation names unsur without answers', () => {
    const rs = uniform(2, 3, { unit: DUKCAPIL }).map((r) => ({ ...r, answers: [3, 3, 3, null, 3, 3, 3, 3, 3] as const }));
    const a = attributeFeedback({ nip: NIP_X, unit: DUKCAPIL, services: [] }, groupIkm(rs, OPTS), OPTS);
    expect(a.satisfaction!.ikm).toBe(75);
    expect(a.explanation.id).toContain('Unsur tanpa jawaban: U4; bobot dibagi ulang atas 8 unsur yang dijawab.');
  });
});
