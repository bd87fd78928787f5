import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('appraise training on a crafted workspace', () => {
  let ws: string;
  let out: string;
  let doc: any;
  let code: number;

  beforeAll(() => {
    ws = tempDir('appraise-training-');
    cpSync(join(SINABANG, 'appraise.config.yaml'), join(ws, 'appraise.config.yaml'));
    mkdirSync(join(ws, 'data', '2025-Q1'), { recursive: true });
    writeFileSync(join(ws, 'data', 'pegawai.csv'), [
      'NIP,Nama,Jabatan,Unit Kerja,Layanan',
      '198503122010012003,Ani,Analis,Dinas A,AKTA',
      '199001012015021001,Budi,Pengadministrasi,Dinas A,',
      '198801012012011002,Cut,Perawat,Dinas B,',
    ].join('\n'));
    writeFileSync(join(ws, 'data', '2025-Q1', 'indikator.csv'), [
      'NIP,Kode,Indikator,Aspek,Target,Realisasi',
      '198503122010012003,P-1,Dokumen selesai,produktivitas,100,70',
      '198503122010012003,K-1,Akta tepat waktu,kualitas-layanan,100,95',
      '199001012015021001,P-1,Surat diproses,produktivitas,100,89.995',
      '199001012015021001,K-9,Arsip tertata,kualitas-layanan,100,60',
      '198801012012011002,P-1,Pasien dilayani,produktivitas,100,100',
    ].join('\n'));
    writeFileSync(join(ws, 'data', 'katalog-pelatihan.csv'), [
      'Kode,Program,Sasaran,JP,Moda,Penyelenggara',
      'PL-01,Manajemen Waktu,aspek:produktivitas,16,e-learning,e-Learning ASN',
      'PL-02,"=HYPERLINK(""x"")",indikator:P-1;aspek:produktivitas,8,coaching,BKPSDM',
      'PL-03,Pelayanan Prima,aspek:kualitas-layanan,24,klasikal,BKPSDM',
      'PL-04,Salah,aspek:kedisiplinan,8,,',
    ].join('\n'));
    out = join(ws, 'out');
    const r = appraise(['training', '--period', '2025-Q1', '--json', '--out', out, '--lang', 'en'], { cwd: ws });
    code = r.code;
    doc = JSON.parse(r.stdout);
  });

  it('exits 0 and recommends by priority with reasons and measured gaps', () => {
    expect(code).toBe(0);
    const ani = doc.employees.find((e: any) => e.name === 'Ani');
    // produktivitas 70 (gap 20) → PL-01 and PL-02 (PL-02 also answers indicator P-1 at 70 < 80).
    expect(ani.training.map((t: any) => [t.code, t.kind, t.sasaran, t.gap, t.priority])).toEqual([
      ['PL-01', 'aspect', 'aspek:produktivitas', 20, 3],
      ['PL-02', 'aspect', 'aspek:produktivitas', 20, 3],
    ]);
    expect(ani.training[1].also).toEqual(['indikator:P-1']);
    expect(ani.training[0].reason).toBe('Aspect Produktivitas score 70.00 is below the threshold 90.00 (gap 20.00).');
    // Budi: produktivitas 89.995 shows as 90.00: no gap; kualitas-layanan 60 → PL-03.
    const budi = doc.employees.find((e: any) => e.name === 'Budi');
    expect(budi.training.map((t: any) => [t.code, t.gap])).toEqual([['PL-03', 30]]);
    expect(doc.employees.find((e: any) => e.name === 'Cut').training).toEqual([]);
  });

  it('reports the plan per program and unit, adding up to the per-employee lists', () => {
    const t = doc.training;
    expect(t.catalogue).toEqual({ file: 'data/katalog-pelatihan.csv', programs: 3 });
    expect(t.programs.map((p: any) => [p.code, p.participants, p.units, p.totalHours])).toEqual([
      ['PL-01', 1, ['Dinas A'], 16],
      ['PL-02', 1, ['Dinas A'], 8],
      ['PL-03', 1, ['Dinas A'], 24],
    ]);
    expect(t.units).toEqual([{ unit: 'Dinas A', employees: 2, recommendations: 3, programs: ['PL-01', 'PL-02', 'PL-03'], totalHours: 48, withoutHours: 0 }]);
    // Budi's indicator K-9 at 60 has no program: listed for the catalogue.
    expect(t.unmatched).toEqual([{ kind: 'indicator', sasaran: 'indikator:K-9', label: 'indicator K-9 (Arsip tertata)', employees: 1, nips: ['199001012015021001'] }]);
    expect(doc.errors).toBe(1);
  });

  it('writes the xlsx with its four sheets and a formula-safe csv', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'rekomendasi-pelatihan-2025-Q1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Per Pegawai', 'Per Program', 'Per Unit', 'Celah Tanpa Program']);
    const perEmployee = sheetRows(wb.getWorksheet('Per Pegawai')!);
    expect(perEmployee.length).toBe(1 + 3);
    expect(perEmployee[1]!.slice(0, 7)).toEqual(['198503122010012003', 'Ani', 'Dinas A', 'Analis', 1, 'PL-01', 'Manajemen Waktu']);
    const perProgram = sheetRows(wb.getWorksheet('Per Program')!);
    expect(perProgram[1]!.slice(0, 8)).toEqual(['PL-01', 'Manajemen Waktu', 'e-learning', 'e-Learning ASN', 16, 1, 'Dinas A', 16]);
    const csv = parseCsv(readFileSync(join(out, 'rekomendasi-pelatihan-2025-Q1.csv'), 'utf8'), { bom: true }) as string[][];
    expect(csv.length).toBe(4);
    expect(csv[0]!.slice(0, 3)).toEqual(['NIP', 'Name', 'Work Unit']);
    // The program name starting with = is written with a leading apostrophe.
    expect(csv[2]![6]).toBe(`'=HYPERLINK("x")`);
  });

  it('reports the unknown sasaran at its cell', () => {
    const r = appraise(['validate', '--period', '2025-Q1', '--json'], { cwd: ws });
    const v = JSON.parse(r.stdout);
    expect(v.issues.filter((i: any) => i.code === 'SASARAN_UNKNOWN').map((i: any) => [i.file, i.row, i.column])).toEqual([['data/katalog-pelatihan.csv', 5, 'C']]);
  });
});

describe('appraise run on examples/sinabang writes the training outputs', () => {
  let out: string;
  let doc: any;
  beforeAll(() => {
    out = tempDir();
    const r = appraise(['run', '--period', '2025-Q1', '--json', '--out', out], { cwd: SINABANG });
    expect(r.code).toBe(0);
    doc = JSON.parse(r.stdout);
  });

  it('lists the training files among the outputs and fills hasil JSON', () => {
    expect(doc.outputs.map((p: string) => p.split('/').pop()).sort()).toEqual(expect.arrayContaining([
      'rekomendasi-pelatihan-2025-Q1.csv', 'rekomendasi-pelatihan-2025-Q1.xlsx',
    ]));
    const file = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    expect(file.training.catalogue.file).toBe('data/katalog-pelatihan.xlsx');
    const items = file.employees.flatMap((e: any) => (e.training ?? []).map((t: any) => ({ nip: e.nip, ...t })));
    expect(items.length).toBeGreaterThan(0);
    expect(file.training.recommendations).toBe(items.length);
    for (const p of file.training.programs) {
      expect(p.nips.sort()).toEqual(items.filter((t: any) => t.code === p.code).map((t: any) => t.nip).sort());
    }
    for (const e of file.employees) expect((e.training ?? []).length).toBeLessThanOrEqual(3);
  });

  it('matches weak survey unsur (mutu C/D) of the employee\'s service or unit from the feedback stage', () => {
    const file = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    const unsur = file.employees.flatMap((e: any) => (e.training ?? []).filter((t: any) => t.kind === 'unsur').map((t: any) => ({ e, t })));
    expect(unsur.length).toBeGreaterThan(0);
    for (const { e, t } of unsur) {
      expect(t.sasaran).toMatch(/^unsur:U[1-9]$/);
      expect(['C', 'D']).toContain(t.gap);
      expect(t.priority).toBe(5);
      expect(t.reason).toMatch(/pada survei (layanan|unit|petugas) /);
      // Only employees whose satisfaction comes from a survey can have an unsur gap.
      expect(e.satisfaction).not.toBeNull();
    }
  });

  it('has a Pelatihan sheet with one row per recommendation', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    const rows = sheetRows(wb.getWorksheet('Pelatihan')!);
    const firstBlank = rows.findIndex((r) => r.length === 0);
    expect(firstBlank - 1).toBe(doc.training.recommendations);
  });
});
