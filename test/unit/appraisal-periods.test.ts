import { describe, expect, it } from 'vitest';
import { buildResultsDocument } from '../../src/reports/results-json.ts';
import { buildTren } from '../../src/reports/sheets/tren.ts';
import { buildPegawai } from '../../src/reports/sheets/pegawai.ts';
import { renderSummary } from '../../src/reports/terminal.ts';
import { indicatorRow, INDIKATOR_HEADERS, makeWorkspace, nip, ONE_ASPECT, PERILAKU_HEADERS, run, values } from './appraisal-workspace.ts';

const TWO_ASPECTS = `aspects:
  - key: produktivitas
    label: Produktivitas
    weight: 40
  - key: kualitas-layanan
    label: Kualitas Layanan
    weight: 30
`;
const K = { aspect: 'kualitas-layanan' };

describe('behaviour ingest errors at their cells', () => {
  it('rejects unknown ratings, unknown NIPs, a work rating on a peer row and contradicting appraiser ratings', async () => {
    const dir = makeWorkspace({
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }, { i: 3, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100)],
        '2025-Q1/perilaku.csv': [
          PERILAKU_HEADERS,
          [nip(1), null, null, 'Baik sekali', ...values(0).slice(1), null],
          [nip(8), null, null, ...values(0), null],
          [nip(2), nip(3), 'rekan', ...values(0), 'Di Atas Ekspektasi'],
          [nip(3), nip(1), 'atasan', ...values(0), 'Di Atas Ekspektasi'],
          [nip(3), nip(2), 'atasan', ...values(0), 'Sesuai Ekspektasi'],
          [nip(2), nip(1), 'kepala', ...values(0), 2.5],
        ],
      },
    });
    const r = await run(dir);
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.row}${i.column}`);
    expect(errors).toEqual([
      'RATING_UNKNOWN@2D',
      'NIP_UNKNOWN@3A',
      'WORK_RATING_NOT_ATASAN@4K',
      'WORK_RATING_CONFLICT@6K',
      'VALUE_NOT_ALLOWED@7C',
      'RATING_UNKNOWN@7K',
    ]);
    const e3 = r.employees.find((e) => e.employee.nip === nip(3))!;
    expect(e3.predikat).toBeNull();
    expect(e3.pendingReasons[0]).toContain('contradicting Rating Hasil Kerja (data/2025-Q1/perilaku.csv:5:K and data/2025-Q1/perilaku.csv:6:K)');
  });
});

describe('a semester combined from its quarters (SPEC §3.7)', () => {
  // Q1 and Q2 of one employee; hand computation in the comments.
  const q1 = [
    indicatorRow(1, 'A', 100, 90, { agg: 'jumlah' }), // S1: T 220, R 220 → 100
    indicatorRow(1, 'C', 50, 40, { agg: 'terakhir' }), // S1: T 60, R 66 → 110
    indicatorRow(1, 'B', 90, 81, { ...K, agg: 'rata-rata' }), // S1: T 95, R 88 → 92.6315…
    indicatorRow(1, 'D', 10, 8, { ...K, agg: 'jumlah', arah: 'turun' }), // S1: T 20, R 22 → (2 − 1.1) × 100 = 90
  ];
  const q2 = [
    indicatorRow(1, 'A', 120, 130, { agg: 'jumlah' }),
    indicatorRow(1, 'C', 60, 66, { agg: 'terakhir' }),
    indicatorRow(1, 'B', 100, 95, { ...K, agg: 'rata-rata' }),
    indicatorRow(1, 'D', 10, 14, { ...K, agg: 'jumlah', arah: 'turun' }),
  ];
  const workspace = () =>
    makeWorkspace({
      config: TWO_ASPECTS,
      people: [{ i: 1, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, ...q1],
        '2025-Q2/indikator.csv': [INDIKATOR_HEADERS, ...q2],
        '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, null, ...values(7), 'Di Bawah Ekspektasi']],
        '2025-Q2/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, null, ...values(0), null]],
      },
    });

  it('combines target and realisasi by Agregasi, with the cells of every part', async () => {
    const r = await run(workspace(), '2025-S1');
    const e = r.employees[0]!;
    const cap = Object.fromEntries(e.indicators.map((x) => [x.indicator.code, x.capaian]));
    expect(cap.A).toBe(100);
    expect(cap.C).toBeCloseTo(110, 10);
    expect(cap.B).toBeCloseTo((88 / 95) * 100, 10);
    expect(cap.D).toBeCloseTo(90, 10);
    const a = e.indicators.find((x) => x.indicator.code === 'A')!.indicator;
    expect(a.target).toEqual({ kind: 'value', value: 220 });
    expect(a.actual).toBe(220);
    expect(a.combinedFrom!.map((p) => [p.period, p.places.actual.file, p.places.actual.row, p.places.actual.column])).toEqual([
      ['2025-Q1', 'data/2025-Q1/indikator.csv', 2, 'G'],
      ['2025-Q2', 'data/2025-Q2/indikator.csv', 2, 'G'],
    ]);
    // produktivitas (100 + 110) / 2 = 105; kualitas (92.6315… + 90) / 2; work = (105·40 + kualitas·30) / 70.
    const kualitas = ((88 / 95) * 100 + 90) / 2;
    expect(e.workScore).toBeCloseTo((105 * 40 + kualitas * 30) / 70, 10);
    expect(e.explanation.filter((s) => s.step === 'combine').map((s) => s.text)).toContain(
      'A: Aggregation sum (target and realisasi summed) — 2025-Q1: T 100, R 90; 2025-Q2: T 120, R 130 → T 220, R 220',
    );
    // The latest behaviour (Q2: all Sesuai), not Q1's; the Q1 appraiser rating is not carried.
    expect(e.behaviourRating).toBe('SESUAI');
    expect(e.behaviour!.fromPeriod).toBe('2025-Q2');
    expect(e.workRatingSource).toBe('score');
    // (The training catalogue's own INPUT_MISSING is not ours.) No unit file anywhere; indicators and behaviour combined.
    expect(r.issues.filter((i) => !i.file.includes('katalog')).map((i) => `${i.code} ${i.file}`).sort()).toEqual([
      'INPUT_MISSING data/2025-S1/unit.xlsx',
      'PERIOD_COMBINED data/2025-S1/indikator.xlsx',
      'PERIOD_COMBINED data/2025-S1/perilaku.xlsx',
      'WORK_RATING_NOT_CARRIED data/2025-S1/perilaku.xlsx',
    ]);
  });

  it('shows the trend per sub-period in the result, the Tren sheet and the JSON', async () => {
    const r = await run(workspace(), '2025-S1');
    // Q1 alone: produktivitas (90 + 80) / 2 = 85, kualitas (90 + 120) / 2 = 105 → (85·40 + 105·30) / 70.
    // Q2 alone: produktivitas (108.33… + 110) / 2, kualitas (95 + 60) / 2 = 77.5.
    const q1Score = (85 * 40 + 105 * 30) / 70;
    const q2Score = ((((130 / 120) * 100 + 110) / 2) * 40 + 77.5 * 30) / 70;
    const [s1, s2] = r.trend!.scores.get(nip(1))!;
    expect(r.trend!.periods).toEqual(['2025-Q1', '2025-Q2']);
    expect(s1).toBeCloseTo(q1Score, 10);
    expect(s2).toBeCloseTo(q2Score, 10);
    const row = [...buildTren(r, 'en').blocks[0]!.rows][0]!;
    expect(row.slice(3)).toEqual([93.57, 95.6, 99.14, 2.03]);
    expect(buildResultsDocument(r).trend).toEqual({ periods: ['2025-Q1', '2025-Q2'], employees: [{ nip: nip(1), scores: [93.57, 95.6] }] });
  });

  it('uses the semester folder itself when it has the file', async () => {
    const dir = workspace();
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${dir}/data/2025-S1`, { recursive: true });
    writeFileSync(`${dir}/data/2025-S1/indikator.csv`, `${INDIKATOR_HEADERS.join(',')}\n${indicatorRow(1, 'A', 100, 100).join(',')}\n`);
    const r = await run(dir, '2025-S1');
    expect(r.employees[0]!.indicators.map((x) => [x.indicator.code, x.capaian, x.indicator.combinedFrom])).toEqual([['A', 100, undefined]]);
    expect(r.trend).toBeNull();
  });
});

describe('a year combined from three of its quarters (SPEC §3.7)', () => {
  // Employee 1 in Q1, Q2 and Q4 (rows of another employee between its own in Q2), employee 2 in Q2
  // and Q4 only; no Q3 folder. Hand computation in the comments.
  const workspace = () =>
    makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS,
          indicatorRow(1, 'A', 100, 90), // 2025: T 300, R 300 → 100
          indicatorRow(1, 'B', 10, 8, { agg: 'rata-rata' }), // 2025: T 20, R 18 → 90
        ],
        '2025-Q2/indikator.csv': [INDIKATOR_HEADERS,
          indicatorRow(1, 'A', 100, 100),
          indicatorRow(2, 'C', 50, 40, { agg: 'terakhir' }), // 2025: T 60, R 66 → 110
          indicatorRow(1, 'B', 20, 20, { agg: 'rata-rata' }),
        ],
        '2025-Q4/indikator.csv': [INDIKATOR_HEADERS,
          indicatorRow(2, 'C', 60, 66, { agg: 'terakhir' }),
          indicatorRow(1, 'b', 30, 26, { agg: 'rata-rata' }), // the same indicator: codes match in any case
          indicatorRow(1, 'A', 100, 110),
        ],
      },
    });

  it('combines each employee’s indicators over the quarters that have them, in their first order', async () => {
    const r = await run(workspace(), '2025');
    const [e1, e2] = [nip(1), nip(2)].map((n) => r.employees.find((e) => e.employee.nip === n)!);
    expect(e1!.indicators.map((x) => [x.indicator.code, x.indicator.target, x.indicator.actual, x.capaian])).toEqual([
      ['A', { kind: 'value', value: 300 }, 300, 100],
      ['b', { kind: 'value', value: 20 }, 18, 90], // the latest row's fields, its code too
    ]);
    expect(e1!.workScore).toBeCloseTo(95, 10);
    const b = e1!.indicators[1]!.indicator;
    expect(b.combinedFrom!.map((p) => `${p.period} ${p.places.actual.file}:${p.places.actual.row}:${p.places.actual.column}`)).toEqual([
      '2025-Q1 data/2025-Q1/indikator.csv:3:G',
      '2025-Q2 data/2025-Q2/indikator.csv:4:G',
      '2025-Q4 data/2025-Q4/indikator.csv:3:G',
    ]);
    const six = (x: number | null) => x && Math.round(x * 1e6) / 1e6;
    expect(e2!.indicators.map((x) => [x.indicator.code, x.indicator.actual, six(x.capaian)])).toEqual([['C', 66, 110]]);
    expect(e2!.explanation.find((s) => s.step === 'combine')!.text).toBe(
      'C: Aggregation latest (the last sub-period) — 2025-Q2: T 50, R 40; 2025-Q4: T 60, R 66 → T 60, R 66',
    );
    // Each quarter scored alone: employee 2 has none in Q1.
    expect(r.trend!.periods).toEqual(['2025-Q1', '2025-Q2', '2025-Q4']);
    const [t1, t2] = [r.trend!.scores.get(nip(1))!, r.trend!.scores.get(nip(2))!];
    expect(t1.map(six)).toEqual([85, 100, six((110 + (26 / 30) * 100) / 2)]);
    expect(t2.map(six)).toEqual([null, 80, 110]);
    expect(r.issues.filter((i) => i.code === 'PERIOD_COMBINED' && i.file.includes('indikator')).map((i) => i.message)).toEqual([
      'No indikator for 2025; combined from sub-periods 2025-Q1, 2025-Q2, 2025-Q4 (no data: 2025-Q3).',
    ]);
  });
});

describe('legacy regimes on a small workspace (SPEC §3.8)', () => {
  it('pp-30-2019: SKP = work score, perilaku 120 − 20·(3 − m), 70/30 and 60/40, PP 30 labels', async () => {
    const dir = makeWorkspace({
      config: `regime: pp-30-2019\n${TWO_ASPECTS}behaviour:\n  raterWeights:\n    atasan: 60\n    rekan: 40\n    bawahan: 0\n    diri: 0\n`,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }, { i: 3, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'A', 100, 105), indicatorRow(2, 'A', 100, 112), indicatorRow(3, 'A', 100, 60)],
        '2025-Q1/perilaku.csv': [
          PERILAKU_HEADERS,
          [nip(1), null, null, ...values(0), null],
          [nip(2), null, null, ...values(7), null],
          [nip(2), nip(1), 'rekan', ...values(7), null],
          [nip(3), null, null, ...values(0, 7), null],
        ],
      },
    });
    const r = await run(dir);
    const by = (i: number) => r.employees.find((e) => e.employee.nip === nip(i))!;
    // 1: SKP 105, perilaku 100 → 0.7·105 + 0.3·100 = 103.5 → Baik.
    expect(by(1).legacy).toMatchObject({ regime: 'pp-30-2019', skp: 105, perilaku: 100, weighting: '70/30', band: 'BAIK', bandLabel: 'Good' });
    expect(by(1).legacy!.score).toBeCloseTo(103.5, 10);
    // 2: SKP 112, perilaku 120, a peer rated → 60/40: 67.2 + 48 = 115.2 → Baik (no innovation data, never Sangat Baik).
    expect(by(2).legacy).toMatchObject({ weighting: '60/40', band: 'BAIK' });
    expect(by(2).legacy!.score).toBeCloseTo(115.2, 10);
    expect(by(2).explanation.find((s) => s.step === 'legacyBand')!.text).toContain('110–120 without an innovation');
    // 3: SKP 60, perilaku 80 → 42 + 24 = 66 → Kurang (PP 30 label "Kurang").
    expect(by(3).legacy).toMatchObject({ band: 'KURANG', perilaku: 80 });
    expect(by(3).legacy!.score).toBeCloseTo(66, 10);
    expect(by(3).predikat).toBe('KURANG');
    expect(by(3).workRating).toEqual({ suggested: null, final: null });
    const doc = buildResultsDocument(r);
    expect(doc.regime).toBe('pp-30-2019');
    expect(doc.employees.find((e) => e.nip === nip(2))!.legacy).toMatchObject({ score: 115.2, band: 'BAIK' });
    expect(doc.units[0]!.curve).toBeNull();
    const sheet = buildPegawai(r, 'id');
    const headers = sheet.blocks[0]!.columns.map((c) => c.header);
    expect(headers.slice(-8)).toEqual(['Nilai SKP (PP 30)', 'Rating Perilaku (BerAKHLAK)', 'Nilai Perilaku (0–120)', 'Bobot SKP/Perilaku', 'Nilai Kinerja', 'Predikat (PP 30)', 'Status', 'Alasan']);
    const row = [...sheet.blocks[0]!.rows].find((x) => x[0] === nip(3))!;
    expect(row.slice(-8)).toEqual([60, 'Di Bawah Ekspektasi', 80, '70/30', 66, { value: 'Kurang', fill: 'FFF8CBAD' }, 'Lengkap', null]);
    const text = renderSummary(r, { color: false, lang: 'en', outputs: [] });
    expect(text).toContain('Predikat (PP 30/2019): Very Good 0, Good 2, Fair 0, Poor 1, Very Poor 0, pending 0');
  });

  it('pp-46-2011: per-indicator PP 46 values by Satuan, tugas tambahan, 60/40 and sebutan; unscoreable rows pending', async () => {
    const dir = makeWorkspace({
      config: `regime: pp-46-2011\n${TWO_ASPECTS}`,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [
          INDIKATOR_HEADERS,
          indicatorRow(1, 'Q', 100, 90), // kuantitas 90
          indicatorRow(1, 'W', 10, 8, { ...K, unit: 'hari', arah: 'turun' }), // waktu: e = 20 ≤ 24 → 176 − 80 = 96
          indicatorRow(1, 'M', 100, 95, { ...K, unit: '%' }), // kualitas 95
          indicatorRow(1, 'T', 2, 1, { kind: 'tambahan' }), // one tugas tambahan → 1 point
          indicatorRow(2, 'Q', 100, 90),
          indicatorRow(2, 'Z', 0, 0, { ...K, unit: 'kasus', arah: 'turun' }), // no PP 46 formula
        ],
        '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, null, ...values(0), null], [nip(2), null, null, ...values(0), null]],
      },
    });
    const r = await run(dir);
    const e1 = r.employees.find((e) => e.employee.nip === nip(1))!;
    const l = e1.legacy!;
    expect(l.indicatorValues!.map((v) => [v.code, v.aspect, v.value])).toEqual([
      ['Q', 'kuantitas', 90],
      ['W', 'waktu', 96],
      ['M', 'kualitas', 95],
      ['T', 'kuantitas', 50],
    ]);
    const skp = (90 + 96 + 95) / 3 + 1;
    expect(l.skp).toBeCloseTo(skp, 10);
    expect(l.perilaku).toBe(80);
    expect(l.score).toBeCloseTo(0.6 * skp + 0.4 * 80, 10); // 88.8 → Baik
    expect([l.band, l.bandLabel]).toEqual(['BAIK', 'Good']);
    expect(e1.predikat).toBeNull();
    const e2 = r.employees.find((e) => e.employee.nip === nip(2))!;
    expect(e2.status).toBe('pending');
    expect(e2.pendingReasons[0]).toBe('No PP 46 value for: Z (PP 46 needs a target above 0)');
    const doc = buildResultsDocument(r).employees.find((e) => e.nip === nip(1))!;
    expect(doc.legacy).toMatchObject({ regime: 'pp-46-2011', skp: 94.67, perilaku: 80, score: 88.8, band: 'BAIK' });
    const headers = buildPegawai(r, 'en').blocks[0]!.columns.map((c) => c.header);
    expect(headers).toContain('Work Performance Score');
    expect(headers).toContain('Grade (PP 46)');
  });
});
