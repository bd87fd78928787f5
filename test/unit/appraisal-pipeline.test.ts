import { describe, expect, it } from 'vitest';
import type { Rating } from '../../src/domain/ratings.ts';
import { PREDIKAT_MATRIX } from '../../src/engine/predikat.ts';
import { buildResultsDocument } from '../../src/reports/results-json.ts';
import { buildUnit } from '../../src/reports/sheets/unit.ts';
import { buildPerilaku } from '../../src/reports/sheets/perilaku.ts';
import { renderSummary } from '../../src/reports/terminal.ts';
import { indicatorRow, INDIKATOR_HEADERS, makeWorkspace, nip, ONE_ASPECT, PERILAKU_HEADERS, run, values } from './appraisal-workspace.ts';

const WORK: Record<Rating, number> = { DI_ATAS: 115, SESUAI: 100, DI_BAWAH: 80 };
const BEHAVIOUR: Record<Rating, string[]> = { DI_ATAS: values(4), SESUAI: values(3), DI_BAWAH: values(6, 1) };
const RATINGS: Rating[] = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'];

describe('appraisal stage through the pipeline (permenpan-6-2022)', () => {
  it('gives all nine matrix cells from the work score and the behaviour rows', async () => {
    const cells = RATINGS.flatMap((w) => RATINGS.map((b) => ({ w, b })));
    const people = cells.map((_, k) => ({ i: k + 1, unit: 'Unit A' }));
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people,
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, ...cells.map((c, k) => indicatorRow(k + 1, 'K1', 100, WORK[c.w]))],
        '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, ...cells.map((c, k) => [nip(k + 1), null, null, ...BEHAVIOUR[c.b], null])],
      },
    });
    const r = await run(dir);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    cells.forEach((c, k) => {
      const e = r.employees.find((x) => x.employee.nip === nip(k + 1))!;
      expect([e.workRating.final, e.behaviourRating]).toEqual([c.w, c.b]);
      expect(e.predikat).toBe(PREDIKAT_MATRIX[c.w][c.b]);
      expect(e.status).toBe('complete');
      expect(e.workRatingSource).toBe('score');
    });
    // The table itself, spelled out (SPEC §3.5).
    const got = Object.fromEntries(cells.map((c, k) => [`${c.w}×${c.b}`, r.employees.find((x) => x.employee.nip === nip(k + 1))!.predikat]));
    expect(got).toEqual({
      'DI_ATAS×DI_ATAS': 'SANGAT_BAIK', 'DI_ATAS×SESUAI': 'BAIK', 'DI_ATAS×DI_BAWAH': 'KURANG',
      'SESUAI×DI_ATAS': 'BAIK', 'SESUAI×SESUAI': 'BAIK', 'SESUAI×DI_BAWAH': 'KURANG',
      'DI_BAWAH×DI_ATAS': 'BUTUH_PERBAIKAN', 'DI_BAWAH×SESUAI': 'BUTUH_PERBAIKAN', 'DI_BAWAH×DI_BAWAH': 'SANGAT_KURANG',
    });
  });

  it('lets the appraiser override the suggestion, keeps both, and says so', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 80), indicatorRow(2, 'K1', 100, 100)],
        '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, 'atasan', ...values(4), 'Sesuai Ekspektasi'], [nip(2), null, null, ...values(0), 'sesuai']],
      },
    });
    const r = await run(dir);
    const [a, b] = [r.employees.find((e) => e.employee.nip === nip(1))!, r.employees.find((e) => e.employee.nip === nip(2))!];
    expect(a.workRating).toEqual({ suggested: 'DI_BAWAH', final: 'SESUAI' });
    expect(a.workRatingSource).toBe('appraiser');
    expect(a.predikat).toBe('BAIK'); // Sesuai × Di Atas, not Butuh Perbaikan
    const step = a.explanation.find((s) => s.step === 'override')!;
    expect(step.text).toContain('data/2025-Q1/perilaku.csv:2:K');
    expect(step.text).toContain("overrides the suggestion; both are shown");
    expect(b.workRating).toEqual({ suggested: 'SESUAI', final: 'SESUAI' });
    expect(b.explanation.find((s) => s.step === 'override')!.text).toContain('Both agree');
    const doc = buildResultsDocument(r).employees.find((e) => e.nip === nip(1))!;
    expect(doc.workRating).toEqual({ suggested: 'DI_BAWAH', final: 'SESUAI' });
    expect(doc.workRatingSource).toBe('appraiser');
  });

  it('leaves the predikat pending with the stated reasons, never a default', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }, { i: 3, unit: 'U' }, { i: 4, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100), indicatorRow(2, 'K1', 100, null), indicatorRow(3, 'K1', 100, 100), indicatorRow(4, 'K1', 100, 100)],
        '2025-Q1/perilaku.csv': [
          PERILAKU_HEADERS,
          [nip(2), null, null, ...values(0), null],
          [nip(3), nip(9), 'rekan', ...values(0), null],
          [nip(4), null, null, ...values(0), 'Di Atas Ekspektasi'],
          [nip(4), null, 'atasan', ...values(0), 'Di Bawah Ekspektasi'],
        ],
      },
    });
    const r = await run(dir);
    const by = (i: number) => r.employees.find((e) => e.employee.nip === nip(i))!;
    expect(by(1)).toMatchObject({ predikat: null, behaviourRating: null, status: 'pending', pendingReasons: ['No behaviour ratings: the predikat is pending.'] });
    expect(by(2)).toMatchObject({ predikat: null, status: 'pending', pendingReasons: ['Realisasi not reported for indicator(s): K1'] });
    expect(by(2).behaviourRating).toBe('SESUAI');
    // A peer only, with the default weights (atasan only): no weighted rater.
    expect(by(3).pendingReasons[0]).toMatch(/No rater has a positive weight/);
    expect(by(3).workRating.final).toBe('SESUAI');
    // Two atasan rows: the second is rejected at its cells and the employee is pending.
    expect(by(4).predikat).toBeNull();
    expect(by(4).pendingReasons[0]).toMatch(/contradicts itself: rater atasan rated twice \(data\/2025-Q1\/perilaku.csv:4 and data\/2025-Q1\/perilaku.csv:5\)/);
    const codes = r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.row}${i.column}`);
    expect(codes).toEqual(['RATER_DUPLICATE@5C']);
    expect(r.inputs.find((f) => f.kind === 'perilaku')).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
  });

  it('says why everything is pending when the behaviour file is missing', async () => {
    const dir = makeWorkspace({ config: ONE_ASPECT, people: [{ i: 1, unit: 'U' }], files: { '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100)] } });
    const r = await run(dir);
    expect(r.employees[0]!.pendingReasons).toEqual(['No behaviour file (perilaku.xlsx) for this period: the behaviour rating and the predikat are pending.']);
    expect(r.issues.filter((i) => !i.file.includes('katalog')).map((i) => `${i.code} ${i.file}`)).toEqual(['INPUT_MISSING data/2025-Q1/perilaku.xlsx', 'INPUT_MISSING data/2025-Q1/unit.xlsx']);
  });
});

/** A Baik unit of a leader and 20 staff: `baik` Baik (Sesuai × Sesuai) and the rest Butuh Perbaikan (Di Bawah × Sesuai). */
function baikUnit(baik: number, bp: number) {
  const people = [{ i: 1, unit: 'Dinas B' }, ...Array.from({ length: baik + bp }, (_, k) => ({ i: k + 2, unit: 'Dinas B', supervisor: 1 }))];
  const ind = people.map((p) => indicatorRow(p.i, 'K1', 100, p.i === 1 ? 95 : p.i - 2 < baik ? 100 + (p.i % 7) : 70 + (p.i % 5)));
  return makeWorkspace({
    config: ONE_ASPECT,
    people,
    files: {
      '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, ...ind],
      '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, ...people.map((p) => [nip(p.i), p.i === 1 ? null : nip(1), 'atasan', ...values(0), null])],
      '2025-Q1/unit.csv': [['Unit Kerja', 'Predikat Organisasi', 'NIP Pimpinan', 'Jumlah Penerima Layanan'], ['dinas  b', 'baik', nip(1), 1200]],
    },
  });
}

describe('unit curve through the pipeline (SPEC §3.6)', () => {
  it('a Baik unit of 20 staff allows 14 Baik, with one Butuh Perbaikan: no violation; the leader is not counted', async () => {
    const r = await run(baikUnit(14, 6));
    const u = r.units[0]!;
    expect(u).toMatchObject({ unit: 'Dinas B', orgPredikat: 'BAIK', leaderNip: nip(1), population: 1200, curve: { ok: true, violations: [] } });
    expect(u.curveDetail!.n).toBe(20);
    expect(u.curveDetail!.counts).toMatchObject({ BAIK: 14, BUTUH_PERBAIKAN: 6 });
    const leader = r.employees.find((e) => e.employee.nip === nip(1))!;
    expect(leader).toMatchObject({ unitLeader: true, workRatingSource: 'leader', workRating: { suggested: 'SESUAI', final: 'SESUAI' }, predikat: 'BAIK' });
    expect(leader.explanation.find((s) => s.step === 'leaderRule')!.text).toContain('Good → Meets Expectations');
  });

  it('15 Baik breaks the curve: visible in the JSON, the Unit sheet and the terminal, predikat unchanged', async () => {
    const r = await run(baikUnit(15, 5));
    const doc = buildResultsDocument(r);
    const u = doc.units[0]!;
    expect(u.curve!.ok).toBe(false);
    expect(u.curve!.violations).toHaveLength(1);
    const v = u.curve!.violations[0]!;
    expect(v).toMatchObject({ rule: 'BAIK_MAX_70_BAIK', kind: 'max', allowed: 14, actual: 15, gap: 1 });
    // The Baik employee with the lowest score is the one to review: scores 100 + i % 7, lowest = 100 at i = 7 and 14.
    expect(v.reviewCandidates).toEqual([nip(7)]);
    expect(doc.employees.filter((e) => e.predikat === 'BAIK').length).toBe(16); // 15 staff + the leader, none changed
    const sheet = buildUnit(r, 'en');
    const [units, violations] = sheet.blocks;
    const row = [...units!.rows][0]!;
    expect(row.slice(0, 7)).toEqual(['Dinas B', 'Good', nip(1), 'Pegawai 1', 1200, 21, 20]);
    expect(row[row.length - 2]).toEqual({ value: 'Broken (1 rule(s))', fill: 'FFFFC7CE' });
    const vrow = [...violations!.rows][0]!;
    expect(vrow.slice(1, 8)).toEqual(['Good', 'Good ≤ 70% × 20 (max 14)', 'BAIK_MAX_70_BAIK', 14, 15, 1, `${nip(7)} (Pegawai 7)`]);
    const text = renderSummary(r, { color: false, lang: 'en', outputs: [] });
    expect(text).toContain('1 unit(s) break the distribution curve');
    expect(text).toContain(`✗ Dinas B (Good): Good ≤ 70% × 20 (max 14); found 15`);
    expect(text).toContain(`review: ${nip(7)} Pegawai 7`);
  });

  it('a Baik unit without any Butuh Perbaikan or Kurang breaks the minimum of one', async () => {
    const r = await run(baikUnit(14, 0));
    const v = buildResultsDocument(r).units[0]!.curve!.violations;
    // 14 of 14 is also more than floor(0.7 × 14) = 9 Baik.
    expect(v.map((x) => [x.rule, x.required, x.allowed, x.actual])).toEqual([
      ['BAIK_MAX_70_BAIK', null, 9, 14],
      ['BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG', 1, null, 0],
    ]);
  });

  it('reports unit-file problems at their cells', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'A' }, { i: 2, unit: 'B' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100), indicatorRow(2, 'K1', 100, 100)],
        '2025-Q1/unit.csv': [
          ['Unit Kerja', 'Predikat Organisasi', 'NIP Pimpinan', 'Jumlah Penerima Layanan'],
          ['A', 'Sangat Baik', null, null],
          ['B', 'Baik', nip(1), '12,5'],
          ['C', 'Kurang', null, 3],
          ['A', 'Baik', nip(9), -1],
        ],
      },
    });
    const r = await run(dir);
    const errors = r.issues.filter((i) => i.severity === 'error' && i.file.endsWith('unit.csv')).map((i) => `${i.code}@${i.row}${i.column}`);
    expect(errors).toEqual([
      'ORG_PREDIKAT_UNKNOWN@2B',
      'LEADER_OTHER_UNIT@3C',
      'POPULATION_INVALID@3D',
      'UNIT_UNKNOWN@4A',
      'LEADER_UNKNOWN@5C',
      'POPULATION_INVALID@5D',
    ]);
    expect(r.inputs.find((f) => f.kind === 'unit')).toMatchObject({ read: 4, accepted: 0, rejected: 4 });
  });
});

describe('Perilaku sheet', () => {
  it('shows the mean and rating per value and every rater with its weight', async () => {
    const dir = makeWorkspace({
      config: `${ONE_ASPECT}behaviour:\n  raterWeights:\n    atasan: 60\n    rekan: 20\n    bawahan: 20\n    diri: 0\n`,
      people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U', supervisor: 1 }, { i: 3, unit: 'U', supervisor: 1 }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(2, 'K1', 100, 100)],
        '2025-Q1/perilaku.csv': [
          PERILAKU_HEADERS,
          [nip(2), nip(1), 'atasan', ...values(2), null],
          [nip(2), nip(3), 'rekan', ...values(7), null],
          [nip(2), nip(2), 'diri', ...values(7), null],
        ],
      },
    });
    const r = await run(dir);
    const e = r.employees.find((x) => x.employee.nip === nip(2))!;
    // atasan 60 and rekan 20 renormalised over 80: value 3 (Di Atas by both) = 3; value 3..7: (60·2 + 20·3)/80 = 2.25.
    expect(e.behaviour!.values.map((v) => v.mean)).toEqual([3, 3, 2.25, 2.25, 2.25, 2.25, 2.25]);
    expect(e.behaviourRating).toBe('SESUAI');
    const sheet = buildPerilaku(r, 'id');
    const main = [...sheet.blocks[0]!.rows].find((row) => row[0] === nip(2))!;
    expect(main.slice(3, 7)).toEqual(['atasan 1, rekan 1', 3, { value: 'Di Atas Ekspektasi', fill: 'FFC6EFCE' }, 3]);
    const raters = [...sheet.blocks[1]!.rows].filter((row) => row[0] === nip(2));
    expect(raters.map((row) => [row[2], row[3], row[4], row[5]])).toEqual([
      [nip(1), 'atasan', 75, 'data/2025-Q1/perilaku.csv:2'],
      [nip(3), 'rekan', 25, 'data/2025-Q1/perilaku.csv:3'],
    ]);
  });
});
