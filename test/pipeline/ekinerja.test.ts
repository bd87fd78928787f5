import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { predikatTable } from '../../src/convert/outputs.ts';
import type { EkinerjaConversion } from '../../src/convert/ekinerja.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
import { anonymizeRun } from '../../src/reports/anonymize.ts';
import { buildResultsDocument } from '../../src/reports/results-json.ts';
import { buildEkinerja } from '../../src/reports/sheets/ekinerja.ts';
import { SHEETS } from '../../src/reports/sheets/index.ts';
import { renderSummary } from '../../src/reports/terminal.ts';
import { INDIKATOR_HEADERS, ONE_ASPECT, PERILAKU_HEADERS, indicatorRow, makeWorkspace, nip, run, values } from '../unit/appraisal-workspace.ts';

/**
 * The run's predikat beside e-Kinerja's (data/<period>/predikat-ekinerja.csv, as written by
 * `appraise convert --from ekinerja --period P`). Five employees, one for each outcome:
 *   1 Sesuai × Sesuai = Baik,            e-Kinerja Baik            → same
 *   2 Di Atas × Di Atas = Sangat Baik,   e-Kinerja Baik            → different
 *   3 Baik,                              not in the list           → missing in e-Kinerja
 *   4 no behaviour row: pending,         e-Kinerja Butuh Perbaikan → missing in the run
 *   5 pending,                           not in the list           → missing on both sides
 *   NIP 7 of the list is not in the roster                        → not appraised
 * and three rows the list must not let through: nip 1 again (duplicate), nip 3 with a predikat
 * that is not one, nip 6 with a rating that is not one.
 */
const HEADER = 'NIP,Nama,Predikat,Rating Hasil Kerja,Rating Perilaku,Periode Awal,Periode Akhir,Periode,Sumber';
const LIST = [
  HEADER,
  `${nip(1)},Pegawai 1,Baik,Sesuai Ekspektasi,Sesuai Ekspektasi,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:5`,
  `${nip(2)},Pegawai 2,Baik,Sesuai Ekspektasi,Di Atas Ekspektasi,2024-01-01,2024-12-31,2024,laporan.xlsx!Laporan Penilaian SKP:6`,
  `${nip(4)},Pegawai 4,Butuh Perbaikan,,,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:7`,
  `${nip(7)},Pegawai Pindahan,Sangat Baik,,,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:8`,
  `${nip(1)},Pegawai 1,Kurang/Misconduct,,,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:9`,
  `${nip(3)},Pegawai 3,Lumayan,,,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:10`,
  `${nip(6)},Pegawai 6,Baik,Hebat,,2025-01-01,2025-03-31,2025-Q1,laporan.xlsx!Laporan Penilaian SKP:11`,
].join('\n') + '\n';

function workspace(list: string | null): string {
  const dir = makeWorkspace({
    config: ONE_ASPECT,
    people: [1, 2, 3, 4, 5].map((i) => ({ i, unit: 'Dinas Uji' })),
    files: {
      '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100), indicatorRow(2, 'K1', 100, 115), indicatorRow(3, 'K1', 100, 100), indicatorRow(4, 'K1', 100, 100), indicatorRow(5, 'K1', 100, 100)],
      '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, null, ...values(3), null], [nip(2), null, null, ...values(4), null], [nip(3), null, null, ...values(3), null]],
    },
  });
  if (list !== null) writeFileSync(join(dir, 'data', '2025-Q1', 'predikat-ekinerja.csv'), list);
  return dir;
}

describe('e-Kinerja comparison', () => {
  let r: RunResult;
  beforeAll(async () => {
    r = await run(workspace(LIST));
  });

  it('reads the list in the format convert writes', () => {
    const t = predikatTable({ predikat: [] } as unknown as EkinerjaConversion);
    expect(t.columns.map((c) => c.header).join(',')).toBe(HEADER);
  });

  it('sets each employee’s predikat beside e-Kinerja’s, one outcome each', () => {
    const c = r.ekinerja!;
    expect(c.file).toBe('data/2025-Q1/predikat-ekinerja.csv');
    expect(c.rows.map((x) => [x.nip, x.predikat, x.ekinerjaPredikat, x.status])).toEqual([
      [nip(1), 'BAIK', 'BAIK', 'same'],
      [nip(2), 'SANGAT_BAIK', 'BAIK', 'different'],
      [nip(3), 'BAIK', null, 'missing-ekinerja'],
      [nip(4), null, 'BUTUH_PERBAIKAN', 'missing-run'],
      [nip(5), null, null, 'missing-both'],
      [nip(7), null, 'SANGAT_BAIK', 'not-appraised'],
    ]);
    expect(c.counts).toEqual({ same: 1, different: 1, 'missing-ekinerja': 1, 'missing-run': 1, 'missing-both': 1, 'not-appraised': 1 });
    const two = c.rows[1]!;
    expect([two.workRating, two.ekinerjaWorkRating, two.behaviourRating, two.ekinerjaBehaviourRating]).toEqual(['DI_ATAS', 'SESUAI', 'DI_ATAS', 'DI_ATAS']);
    expect(c.rows[3]!.pendingReasons.length).toBeGreaterThan(0);
    // Information, not a judgement: no predikat is changed.
    expect(r.employees.find((e) => e.employee.nip === nip(2))!.predikat).toBe('SANGAT_BAIK');
  });

  it('rejects what it cannot read at its cell; differences themselves are no issue', () => {
    const mine = r.issues.filter((i) => i.file === 'data/2025-Q1/predikat-ekinerja.csv').map((i) => [i.severity, i.code, i.row, i.column]);
    expect(mine).toEqual([
      ['warning', 'EKINERJA_PERIOD_DIFFERS', 3, 'H'],
      ['error', 'EKINERJA_NIP_DUPLICATE', 6, 'A'],
      ['error', 'EKINERJA_PREDIKAT_UNKNOWN', 7, 'C'],
      ['error', 'RATING_UNKNOWN', 8, 'D'],
    ]);
    expect(r.inputs.find((i) => i.kind === 'predikat-ekinerja')).toMatchObject({ file: 'data/2025-Q1/predikat-ekinerja.csv', read: 7, accepted: 4, rejected: 3 });
  });

  it('hasil JSON: counts and the differing employees', () => {
    const doc = buildResultsDocument(r);
    expect(doc.ekinerja).toEqual({
      file: 'data/2025-Q1/predikat-ekinerja.csv',
      employees: 5, same: 1, different: 1, missingInEkinerja: 1, missingInRun: 1, missingInBoth: 1, notAppraised: 1,
      differences: [{
        nip: nip(2), name: 'Pegawai 2', unit: 'Dinas Uji', predikat: 'SANGAT_BAIK', ekinerjaPredikat: 'BAIK',
        workRating: 'DI_ATAS', ekinerjaWorkRating: 'SESUAI', behaviourRating: 'DI_ATAS', ekinerjaBehaviourRating: 'DI_ATAS',
        ekinerjaPeriod: '2024', place: 'data/2025-Q1/predikat-ekinerja.csv:3',
      }],
    });
  });

  it('the e-Kinerja sheet follows Unit, one row per employee and the counts', () => {
    const names = SHEETS.filter((s) => !s.when || s.when(r)).map((s) => s.name);
    expect(names.indexOf('e-Kinerja')).toBe(names.indexOf('Unit') + 1);
    const sheet = buildEkinerja(r, 'id');
    const rows = [...sheet.blocks[0]!.rows];
    const status = (row: unknown[]) => (typeof row[5] === 'object' && row[5] !== null ? (row[5] as { value: string }).value : row[5]);
    expect(rows.map((x) => [x[0], x[3], x[4], status(x)])).toEqual([
      [nip(1), 'Baik', 'Baik', 'Sama'],
      [nip(2), 'Sangat Baik', 'Baik', 'Berbeda'],
      [nip(3), 'Baik', null, 'Tidak ada di e-Kinerja'],
      [nip(4), null, 'Butuh Perbaikan', 'Predikat appraise belum ada'],
      [nip(5), null, null, 'Tidak ada di keduanya'],
      [nip(7), null, 'Sangat Baik', 'Tidak dinilai di run ini'],
    ]);
    expect(rows[1]![11]).toBe('data/2025-Q1/predikat-ekinerja.csv:3');
    expect(rows[1]![12]).toBe('laporan.xlsx!Laporan Penilaian SKP:6');
    expect([...sheet.blocks[1]!.rows].map((x) => x[1])).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('one line in the terminal summary', () => {
    const text = renderSummary(r, { lang: 'en', color: false, outputs: [] });
    expect(text).toContain('Predikat compared with e-Kinerja (data/2025-Q1/predikat-ekinerja.csv): same 1, different 1, not in e-Kinerja 1, no appraise predikat 1, missing on both sides 1, not appraised in this run 1 (e-Kinerja sheet).');
  });

  it('--anonymize covers the list: NIPs and names of people the run does not appraise too', () => {
    const { run: anon } = anonymizeRun(r, Buffer.from('secret'));
    const text = JSON.stringify(buildResultsDocument(anon)) + JSON.stringify(buildEkinerja(anon, 'en'));
    for (const i of [1, 2, 3, 4, 5, 7]) expect(text).not.toContain(nip(i));
    expect(text).not.toContain('Pegawai Pindahan');
    expect(text).not.toContain('Pegawai 2');
    expect(anon.ekinerja!.rows.map((x) => x.status)).toEqual(r.ekinerja!.rows.map((x) => x.status));
  });

  it('without the list: no sheet, ekinerja null, no line', async () => {
    const plain = await run(workspace(null));
    expect(plain.ekinerja).toBeNull();
    expect(buildResultsDocument(plain).ekinerja).toBeNull();
    expect(SHEETS.filter((s) => !s.when || s.when(plain)).map((s) => s.name)).not.toContain('e-Kinerja');
    expect(renderSummary(plain, { lang: 'en', color: false, outputs: [] })).not.toContain('e-Kinerja');
  });
});
