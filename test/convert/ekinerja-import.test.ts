import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueSink } from '../../src/domain/issues.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { defaultConfig } from '../../src/config/schema.ts';
import { convertEkinerja, periodIdOf } from '../../src/convert/ekinerja.ts';
import { importSheet, loadMapping } from '../../src/convert/import.ts';
import { loadConfig } from '../../src/config/load.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import { tempDir } from '../cli/helpers.ts';
import { EK, MAPPING_YAML, buildEkinerjaExport, buildForeignIndicators, buildWorkspace } from './fixtures.ts';



describe('convert --from ekinerja', () => {
  it('keeps the latest row of a transferred employee, reports the other, and lists predikat', async () => {
    const dir = tempDir();
    const path = join(dir, 'laporan-penilaian-skp.xlsx');
    await buildEkinerjaExport(path);
    const sink = new IssueSink('en');
    const conv = await convertEkinerja([{ path, display: 'laporan-penilaian-skp.xlsx' }], sink);
    expect(sink.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(conv.employees.map((e) => [e.nip, e.unit, e.position])).toEqual([
      [EK.budi, 'BKPSDM', 'Analis Kepegawaian'],
      [EK.ani, 'BKPSDM', 'Analis SDM Aparatur'],
      [EK.cut, 'BKPSDM', 'Pengadministrasi Umum'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    expect(conv.superseded).toBe(1);
    const sup = sink.issues.find((i) => i.code === 'EKINERJA_SUPERSEDED')!;
    expect([sup.sheet, sup.row]).toEqual(['Laporan Penilaian SKP', 7]);
    expect(conv.predikat.map((p) => [p.nip, p.predikat, p.period])).toEqual([
      [EK.budi, 'SANGAT_BAIK', '2024-S2'],
      [EK.ani, 'BAIK', '2024'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    expect(conv.notAssessed).toBe(1);
    expect(conv.roster).toHaveLength(3);
  });

  it('rejects a hasil_akhir that is not a predikat, at its cell', async () => {
    const dir = tempDir();
    const path = join(dir, 'e.csv');
    writeFileSync(path, `LAPORAN PENILAIAN SKP\n\nnip;nama;jabatan;unit_kerja;periode_akhir;hasil_akhir\n${EK.ani};Ani;Analis;BKPSDM;31/12/2024;Lumayan\n`);
    const sink = new IssueSink('en');
    const conv = await convertEkinerja([{ path, display: 'e.csv' }], sink);
    expect(conv.employees).toHaveLength(0);
    expect(sink.issues.map((i) => [i.code, i.row, i.column])).toEqual([['EKINERJA_PREDIKAT_UNKNOWN', 4, 'F']]);
  });

  it('derives the period id only from exact period dates', () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(periodIdOf(d('2024-01-01'), d('2024-12-31'))).toBe('2024');
    expect(periodIdOf(d('2024-04-01'), d('2024-06-30'))).toBe('2024-Q2');
    expect(periodIdOf(d('2024-03-01'), d('2024-03-31'))).toBe('2024-03');
    expect(periodIdOf(d('2024-01-02'), d('2024-12-31'))).toBeNull();
  });
});




describe('import indikator through a mapping', () => {
  it('maps foreign headers, validates with the run ingest, and gives canonical rows', async () => {
    const ws = buildWorkspace();
    const src = join(ws, 'iki.xlsx');
    await buildForeignIndicators(src);
    writeFileSync(join(ws, 'peta.yaml'), MAPPING_YAML);
    const mapping = loadMapping(join(ws, 'peta.yaml'), 'indikator', 'en');
    expect(mapping).toEqual({ 'NIP Pegawai': 'nip', 'Kode IKI': 'code', 'Uraian Indikator': 'text', 'Aspek Kinerja': 'aspect' });
    const sink = new IssueSink('en');
    const result = (await importSheet({
      kind: 'indikator', path: src, display: 'iki.xlsx', period: parsePeriod('2025-Q1')!, mapping,
      workspace: ws, config: defaultConfig(), lang: 'en',
    }, sink))!;
    expect(sink.errorCount).toBe(0);
    expect(result.headerRow).toBe(3);
    expect(result.table.columns.map((c) => c.header)).toEqual(['NIP', 'Kode', 'Indikator', 'Aspek', 'Jenis', 'Target', 'Realisasi', 'Satuan', 'Arah', 'Bobot', 'Agregasi', 'Catatan Bidang']);
    expect(result.table.rows).toEqual([
      [EK.ani, 'IKI-1', 'Dokumen mutasi diproses', 'Produktivitas', null, 1250, 1100, 'dokumen', null, null, null, 'ok'],
      [EK.budi, 'IKI-2', 'Ketepatan waktu layanan', 'kualitas-layanan', null, 95, 88.5, '%', null, null, null, null],
    ]);
  });

  it('a NIP not in the roster is an error at its cell', async () => {
    const ws = buildWorkspace();
    const src = join(ws, 'iki.xlsx');
    await buildForeignIndicators(src, EK.cut);
    const sink = new IssueSink('en');
    await importSheet({
      kind: 'indikator', path: src, display: 'iki.xlsx', period: parsePeriod('2025-Q1')!,
      mapping: { 'NIP Pegawai': 'nip', 'Kode IKI': 'code', 'Uraian Indikator': 'text', 'Aspek Kinerja': 'aspect' },
      workspace: ws, config: defaultConfig(), lang: 'en',
    }, sink);
    expect(sink.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.sheet, i.row, i.column])).toEqual([['NIP_UNKNOWN', 'IKI Triwulan I', 5, 'A']]);
  });

  it('checks behaviour with the run’s behaviour ingest: a rating that is not one, at its cell', async () => {
    const ws = buildWorkspace();
    const src = join(ws, 'perilaku.csv');
    writeFileSync(src, `NIP;Berorientasi Pelayanan;Akuntabel;Kompeten;Harmonis;Loyal;Adaptif;Kolaboratif\n${EK.ani};atas;sesuai;3;2;sesuai;sesuai;luar biasa\n`);
    const sink = new IssueSink('en');
    const result = await importSheet({ kind: 'perilaku', path: src, display: 'perilaku.csv', period: parsePeriod('2025-Q1')!, mapping: {}, workspace: ws, config: defaultConfig(), lang: 'en' }, sink);
    expect(result!.rejected).toBe(1);
    expect(sink.issues.map((i) => [i.code, i.row, i.column])).toEqual([['RATING_UNKNOWN', 2, 'H']]);
  });

  it('import perilaku raises exactly the issues a run raises on the same file (rules of the behaviour ingest only)', async () => {
    const ws = buildWorkspace();
    const V = 'atas;sesuai;sesuai;sesuai;sesuai;sesuai;sesuai';
    const text = [
      'NIP;NIP Penilai;Peran Penilai;Berorientasi Pelayanan;Akuntabel;Kompeten;Harmonis;Loyal;Adaptif;Kolaboratif;Rating Hasil Kerja',
      `${EK.ani};${EK.budi};atasan;${V};Sesuai Ekspektasi`,
      `${EK.ani};${EK.budi};atasan;${V};`, // the same rater twice
      `${EK.budi};${EK.ani};rekan;${V};Di Atas Ekspektasi`, // a peer may not give the work rating
      `${EK.budi};${EK.budi};atasan;${V};`, // the employee rating themself as atasan
      `${EK.cut};;diri;${V};`, // not in the roster
      `${EK.budi};;diri;${V};`, // accepted
    ].join('\n') + '\n';
    const src = join(ws, 'dinilai.csv');
    writeFileSync(src, text);
    const sink = new IssueSink('en');
    const result = (await importSheet({ kind: 'perilaku', path: src, display: 'dinilai.csv', period: parsePeriod('2025-Q1')!, mapping: {}, workspace: ws, config: defaultConfig(), lang: 'en' }, sink))!;
    const imported = sink.issues.map((i) => [i.severity, i.code, i.row, i.column]);
    expect(imported).toEqual([
      ['error', 'RATER_DUPLICATE', 3, 'B'],
      ['error', 'WORK_RATING_NOT_ATASAN', 4, 'K'],
      ['error', 'RATER_IS_SELF', 5, 'B'],
      ['error', 'NIP_UNKNOWN', 6, 'A'],
    ]);
    expect([result.read, result.accepted, result.rejected]).toEqual([6, 2, 4]);

    // The same file where a run reads it.
    writeFileSync(join(ws, 'data', '2025-Q1', 'perilaku.csv'), text);
    const run = await computeRun({ workspace: ws, loaded: loadConfig(ws, 'en'), period: parsePeriod('2025-Q1')!, lang: 'en' });
    const byRun = run.issues.filter((i) => i.file === 'data/2025-Q1/perilaku.csv').map((i) => [i.severity, i.code, i.row, i.column]);
    expect(byRun).toEqual(imported);
    expect(run.inputs.find((i) => i.kind === 'perilaku')).toMatchObject({ read: 6, accepted: 2, rejected: 4 });
  });

  it('checks feedback with the run ingest: an answer outside 1–4 at its cell', async () => {
    const ws = buildWorkspace();
    const src = join(ws, 'loket-1.csv');
    writeFileSync(src, 'Tanggal;Unit Kerja;U1;U2;U3;U4;U5;U6;U7;U8;U9\n15/02/2025;BKPSDM;4;3;3;4;3;3;4;3;3\n16/02/2025;BKPSDM;4;3;5;4;3;3;4;3;3\n');
    const sink = new IssueSink('en');
    const result = await importSheet({ kind: 'umpan-balik', path: src, display: 'loket-1.csv', period: parsePeriod('2025-Q1')!, mapping: {}, workspace: ws, config: defaultConfig(), lang: 'en' }, sink);
    expect([result!.accepted, result!.rejected]).toEqual([1, 1]);
    expect(sink.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column])).toEqual([[3, 'E']]);
  });
});
