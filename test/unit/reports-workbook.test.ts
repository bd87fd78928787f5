import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportWorkbook } from '../../src/reports/workbook.js';
import {
  DUKCAPIL,
  IND_FILE,
  KECAMATAN,
  NIP_AHMAD,
  NIP_RAHMAT,
  NIP_SITI,
  RAHMAT_REASON,
  ROSTER_FILE,
  fixtureRun,
} from './reports-fixture.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appraise-wb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Row values from column 1, with ExcelJS's empty slots as null. */
function rowValues(ws: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  const r = ws.getRow(row);
  return Array.from({ length: width }, (_, i) => r.getCell(i + 1).value ?? null);
}

function headers(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((c) => out.push(String(c.value)));
  return out;
}

/** First column values of every row, to find a row by its label. */
function findRow(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return r;
  throw new Error(`no row labelled ${label}`);
}

async function zipEntries(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name]!;
    if (!f.dir) out.set(name, await f.async('string'));
  }
  return out;
}

describe('laporan-kinerja workbook', () => {
  let wb: ExcelJS.Workbook;
  let path: string;

  beforeAll(async () => {
    path = join(dir, 'laporan-kinerja-2025-Q1.xlsx');
    await writeReportWorkbook(fixtureRun(), path, 'id');
    wb = await readBack(path);
  });

  it('has the product sheets in order, and no indicator csv below the limit', async () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Pegawai', 'Indikator', 'Perilaku', 'Unit', 'IKM', 'Pelatihan', 'Masalah Data', 'Metodologi']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('freezes and filters the header row of every sheet, bold on a fill', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeDefined();
      const h = ws.getRow(1).getCell(1);
      expect(h.font?.bold, ws.name).toBe(true);
      expect(h.fill, ws.name).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThanOrEqual(8);
    }
  });

  it('writes one Pegawai row per employee, NIP as text, numbers as numbers', () => {
    const ws = wb.getWorksheet('Pegawai')!;
    expect(headers(ws)).toEqual([
      'NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'Produktivitas', 'Kualitas Layanan', 'Kepuasan Masyarakat',
      'Nilai Hasil Kerja', 'Rating Hasil Kerja (saran)', 'Rating Hasil Kerja (akhir)', 'Rating Perilaku',
      'Predikat', 'IKM', 'Pengaduan', 'Status', 'Alasan', 'Jumlah Rekomendasi',
    ]);
    expect(ws.rowCount).toBe(4);
    const nip = ws.getCell('A2');
    expect(nip.value).toBe(NIP_AHMAD);
    expect(typeof nip.value).toBe('string');
    expect(nip.numFmt).toBe('@');
    expect(rowValues(ws, 2, 17)).toEqual([
      NIP_AHMAD, 'Ahmad Yani', DUKCAPIL, 'Analis Kependudukan', 95, 100, 96.67, 97,
      'Sesuai Ekspektasi', 'Sesuai Ekspektasi', 'Di Atas Ekspektasi', 'Baik', 74.06, null, 'Lengkap', null, 0,
    ]);
    expect(rowValues(ws, 3, 17)).toEqual([
      NIP_SITI, 'Siti Aminah', DUKCAPIL, 'Pengadministrasi Umum', 90, 120, null, 102.85,
      'Sesuai Ekspektasi', 'Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Baik', null, null, 'Lengkap', null, 1,
    ]);
    expect(rowValues(ws, 4, 17)).toEqual([
      NIP_RAHMAT, 'Rahmat Hidayat', KECAMATAN, 'Pelaksana', null, null, null, null,
      null, null, null, null, null, null, 'Tertunda', RAHMAT_REASON, null,
    ]);
    expect(ws.getCell('E3').numFmt).toBe('0.00');
    expect(ws.getCell('H3').numFmt).toBe('0.00');
    expect(ws.getCell('L2').fill).toMatchObject({ fgColor: { argb: 'FFE2EFDA' } });
  });

  it('writes every indicator row with its sources', () => {
    const ws = wb.getWorksheet('Indikator')!;
    expect(headers(ws)).toEqual([
      'NIP', 'Nama', 'Kode', 'Indikator', 'Aspek', 'Jenis', 'Target', 'Realisasi', 'Satuan', 'Arah', 'Bobot',
      'Capaian (%)', 'Status', 'Rumus', 'Sumber',
    ]);
    expect(ws.rowCount).toBe(6);
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(rowValues(ws, 3, 15)).toEqual([
      NIP_AHMAD, 'Ahmad Yani', 'K-01', 'Dokumen tanpa kesalahan (%)', 'Kualitas Layanan', 'Utama', '80–90', 85, '%',
      'Naik', 1, 100, 'Dilaporkan', '85 dalam rentang 80–90 → 100',
      `Target: ${IND_FILE}!Indikator!F4; Realisasi: ${IND_FILE}!Indikator!G4`,
    ]);
    expect(rowValues(ws, 5, 15).slice(2, 13)).toEqual([
      'K-02', 'Hari penyelesaian akta', 'Kualitas Layanan', 'Tambahan', 7, 5, 'hari', 'Turun', 2, 120, 'Dilaporkan',
    ]);
    expect(rowValues(ws, 6, 15).slice(0, 13)).toEqual([
      NIP_RAHMAT, 'Rahmat Hidayat', 'P-03', 'Surat pindah diproses', 'Produktivitas', 'Utama', 10, null, 'dokumen',
      'Naik', 1, null, 'Tidak dilaporkan',
    ]);
  });

  it('lists data issues by file, row and column', () => {
    const ws = wb.getWorksheet('Masalah Data')!;
    expect(headers(ws)).toEqual(['Tempat', 'Berkas', 'Sheet', 'Baris', 'Kolom', 'Kode', 'Tingkat', 'Pesan', 'Saran']);
    expect(ws.rowCount).toBe(5);
    expect([2, 3, 4, 5].map((r) => ws.getCell(`A${r}`).value)).toEqual([
      `${IND_FILE}!Indikator!B3`,
      `${IND_FILE}!Indikator!AA3`,
      `${IND_FILE}!Indikator!G6`,
      `${ROSTER_FILE}:5:A`,
    ]);
    expect(rowValues(ws, 5, 9)).toEqual([
      `${ROSTER_FILE}:5:A`, ROSTER_FILE, null, 5, 'A', 'NIP_NUMERIC', 'Kesalahan',
      'NIP tersimpan sebagai angka dan sudah kehilangan digit', 'Format kolom NIP sebagai Teks lalu ketik ulang NIP',
    ]);
  });

  it('summarises counts, ratings, units and inputs on Ringkasan', () => {
    const ws = wb.getWorksheet('Ringkasan')!;
    expect(headers(ws)).toEqual(['Uraian', 'Nilai']);
    const value = (label: string): unknown => ws.getRow(findRow(ws, label)).getCell(2).value;
    expect(value('Organisasi')).toBe('Pemerintah Kabupaten Simeulue');
    expect(value('Periode')).toBe('2025-Q1');
    expect(value('Tanggal mulai')).toBe('2025-01-01');
    expect(value('Tanggal selesai')).toBe('2025-03-31');
    expect(value('Jumlah pegawai')).toBe(3);
    expect(value('Pegawai lengkap')).toBe(2);
    expect(value('Pegawai tertunda')).toBe(1);
    expect(value('Masalah data: Kesalahan')).toBe(1);
    expect(value('Masalah data: Peringatan')).toBe(2);
    expect(value('Baris masukan dibaca')).toBe(9);
    expect(value('Baris masukan ditolak')).toBe(1);
    expect(() => findRow(ws, 'Catatan')).toThrow();
    const dist = findRow(ws, 'Sesuai Ekspektasi');
    expect(rowValues(ws, dist, 3)).toEqual(['Sesuai Ekspektasi', 2, 1]);
    expect(rowValues(ws, findRow(ws, DUKCAPIL), 11)).toEqual([DUKCAPIL, 2, 2, 0, 99.93, 0, 2, 0, 1, 1, 0]);
    expect(rowValues(ws, findRow(ws, KECAMATAN), 11)).toEqual([KECAMATAN, 1, 0, 1, null, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(ws, findRow(ws, 'Jumlah'), 5)).toEqual(['Jumlah', 3, 2, 1, 99.93]);
    expect(rowValues(ws, findRow(ws, IND_FILE), 5)).toEqual([IND_FILE, 'indikator', 5, 5, 0]);
  });

  it('documents regime, rules, config and inputs on Metodologi', () => {
    const ws = wb.getWorksheet('Metodologi')!;
    const value = (label: string): unknown => ws.getRow(findRow(ws, label)).getCell(2).value;
    expect(value('Regime')).toBe('permenpan-6-2022');
    expect(String(value('Dasar hukum'))).toContain('Nomor 6 Tahun 2022');
    expect(value('SHA-256 konfigurasi')).toBe('a'.repeat(64));
    expect(String(value('Batas capaian'))).toContain('120');
    expect(String(value('Pembulatan'))).toMatch(/half-up/);
    expect(value('scoring.capaianCap')).toBe(120);
    expect(value('reports.detailSheetMaxRows')).toBe(200000);
    expect(value('aspects[1].key')).toBe('kualitas-layanan');
    expect(value('columns')).toBe('{}');
    const roster = findRow(ws, ROSTER_FILE);
    expect(rowValues(ws, roster, 11)).toEqual([ROSTER_FILE, 'pegawai', 'csv', 'utf-8-bom', ';', null, null, '1'.repeat(64), 4, 3, 1]);
    expect(rowValues(ws, findRow(ws, IND_FILE), 7)).toEqual([IND_FILE, 'indikator', 'xlsx', null, null, 'Indikator', 2]);
  });

  it('writes identical parts on a second run', async () => {
    const again = join(dir, 'again.xlsx');
    await writeReportWorkbook(fixtureRun(), again, 'id');
    const a = await zipEntries(path);
    const b = await zipEntries(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, content] of a) expect(b.get(name), name).toBe(content);
    const core = a.get('docProps/core.xml')!;
    expect(core).toContain('<dc:creator>appraise</dc:creator>');
    expect(core).toContain('2025-03-31T00:00:00Z');
  });

  it('labels in English with --lang en, sheet names stay Indonesian', async () => {
    const en = join(dir, 'en.xlsx');
    await writeReportWorkbook(fixtureRun({ lang: 'en' }), en, 'en');
    const w = await readBack(en);
    expect(w.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Pegawai', 'Indikator', 'Perilaku', 'Unit', 'IKM', 'Pelatihan', 'Masalah Data', 'Metodologi']);
    const ws = w.getWorksheet('Pegawai')!;
    expect(ws.getCell('I3').value).toBe('Meets Expectations');
    expect(ws.getCell('O4').value).toBe('Pending');
  });
});

describe('indicator rows above detailSheetMaxRows', () => {
  it('go to indikator-<period>.csv, with a note on Indikator and Ringkasan', async () => {
    const sub = await mkdtemp(join(dir, 'spill-'));
    const run = fixtureRun({ config: { reports: { detailSheetMaxRows: 2 } } });
    const path = join(sub, 'laporan-kinerja-2025-Q1.xlsx');
    await writeReportWorkbook(run, path, 'id');
    expect((await readdir(sub)).sort()).toEqual(['indikator-2025-Q1.csv', 'laporan-kinerja-2025-Q1.xlsx']);

    const csv = await readFile(join(sub, 'indikator-2025-Q1.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFNIP,Nama,Kode,Indikator,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      `${NIP_AHMAD},Ahmad Yani,P-01,Akta kelahiran diterbitkan,Produktivitas,Utama,100,95,dokumen,Naik,1,95,Dilaporkan,95 / 100 × 100,Target: ${IND_FILE}!Indikator!F3; Realisasi: ${IND_FILE}!Indikator!G3`,
    );
    expect(lines[3]).toContain(',179.99,keping,Naik,1,90,Dilaporkan,');

    const wb = await readBack(path);
    const ind = wb.getWorksheet('Indikator')!;
    expect(headers(ind)).toEqual(['Catatan', 'Berkas', 'Jumlah Baris']);
    expect(ind.rowCount).toBe(2);
    expect(String(ind.getCell('A2').value)).toContain('indikator-2025-Q1.csv');
    expect(ind.getCell('C2').value).toBe(5);
    const sum = wb.getWorksheet('Ringkasan')!;
    expect(String(sum.getRow(findRow(sum, 'Catatan')).getCell(2).value)).toContain('5 baris indikator');
  });
});
