import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../cli/helpers.ts';

/**
 * PP 46/2011 workbooks as BKPSDM staff made them: title rows, the two identity blocks side by side,
 * a two-row merged header (TARGET / REALISASI over Kuant/Output, Kual/Mutu, Waktu, Biaya with value
 * and unit cells), a column-numbering row, activity rows with Indonesian numbers, Tugas Tambahan and
 * Kreativitas sections, and the NILAI CAPAIAN SKP footer with the sebutan below it.
 */
export interface ActivitySpec {
  kegiatan: string;
  kuant: [number | string, number | string, string];
  kual: [number | string, number | string];
  waktu: [number | string, number | string, string];
  biaya?: [number | string, number | string];
  perhitungan?: number | string;
  nilai?: number | string;
}

export interface FormSpec {
  sheet: string;
  nama: string;
  nip: string;
  pangkat: string;
  jabatan: string;
  unit: string;
  penilai: { nama: string; nip: string };
  period: string;
  activities: ActivitySpec[];
  tugasTambahan?: { duties: string[]; nilai?: number };
  kreativitas?: { items: [string, number][] };
  final?: { value: number | string; sebutan?: string; sameCell?: boolean };
  /** Rows inserted above the form and an extra column after Kegiatan (people move things). */
  shiftRows?: number;
  extraColumn?: boolean;
}

export interface PrestasiSpec {
  sheet: string;
  nama: string;
  nip: string;
  skp: number | string;
  skpPart: number | string;
  perilaku: [string, number | null][];
  jumlah: number | string;
  mean: number | string;
  meanPart: number | string;
  nilai: string;
}

export function addCapaianSheet(wb: ExcelJS.Workbook, f: FormSpec): void {
  const ws = wb.addWorksheet(f.sheet);
  const r0 = f.shiftRows ?? 0;
  const x = f.extraColumn ? 1 : 0;
  // Column numbers (1-based): A no, B kegiatan, [extra], then C AK, D..J target, K AK, L..R realisasi, S perhitungan, T nilai.
  const C = (n: number) => (n <= 2 ? n : n + x);
  const set = (row: number, col: number, v: ExcelJS.CellValue) => { ws.getCell(row + r0, C(col)).value = v; };
  const merge = (r1: number, c1: number, r2: number, c2: number) => ws.mergeCells(r1 + r0, C(c1), r2 + r0, C(c2));
  for (let i = 1; i <= r0; i++) ws.getCell(i, 1).value = i === 1 ? 'Lampiran IV Perka BKN 1/2013' : null;
  set(1, 1, 'PENILAIAN CAPAIAN SASARAN KERJA PEGAWAI NEGERI SIPIL');
  merge(1, 1, 1, 20);
  set(2, 1, `Jangka Waktu Penilaian : ${f.period}`);
  merge(2, 1, 2, 20);
  set(4, 1, 'I. PEJABAT PENILAI');
  merge(4, 1, 4, 9);
  set(4, 11, 'II. PEGAWAI NEGERI SIPIL YANG DINILAI');
  merge(4, 11, 4, 20);
  const fields: [string, string, string][] = [
    ['Nama', f.penilai.nama, f.nama],
    ['NIP', f.penilai.nip, f.nip],
    ['Pangkat/Gol.Ruang', 'Pembina, IV/a', f.pangkat],
    ['Jabatan', 'Kepala Bidang', f.jabatan],
    ['Unit Kerja', f.unit, f.unit],
  ];
  fields.forEach(([label, left, right], i) => {
    const r = 5 + i;
    set(r, 1, i + 1);
    set(r, 2, label);
    set(r, 4, left);
    merge(r, 4, r, 9);
    set(r, 11, i + 1);
    set(r, 12, label);
    set(r, 14, right);
    merge(r, 14, r, 20);
  });
  const H = 11;
  set(H, 1, 'NO'); merge(H, 1, H + 1, 1);
  set(H, 2, 'I. Kegiatan Tugas Jabatan'); merge(H, 2, H + 1, 2);
  if (x) { ws.getCell(H + r0, 3).value = 'Keterangan'; }
  set(H, 3, 'AK'); merge(H, 3, H + 1, 3);
  set(H, 4, 'TARGET'); merge(H, 4, H, 10);
  set(H, 11, 'AK'); merge(H, 11, H + 1, 11);
  set(H, 12, 'REALISASI'); merge(H, 12, H, 18);
  set(H, 19, 'PERHITUNGAN'); merge(H, 19, H + 1, 19);
  set(H, 20, 'NILAI CAPAIAN SKP'); merge(H, 20, H + 1, 20);
  for (const base of [4, 12]) {
    set(H + 1, base, 'Kuant/ Output'); merge(H + 1, base, H + 1, base + 1);
    set(H + 1, base + 2, 'Kual/Mutu'); merge(H + 1, base + 2, H + 1, base + 3);
    set(H + 1, base + 4, 'Waktu'); merge(H + 1, base + 4, H + 1, base + 5);
    set(H + 1, base + 6, 'Biaya');
  }
  // The column-numbering row.
  for (let c = 1; c <= 20; c++) set(H + 2, c, c);
  let r = H + 3;
  f.activities.forEach((a, i) => {
    set(r, 1, i + 1);
    set(r, 2, a.kegiatan);
    set(r, 4, a.kuant[0]); set(r, 5, a.kuant[2]);
    set(r, 6, a.kual[0]);
    set(r, 8, a.waktu[0]); set(r, 9, a.waktu[2]);
    set(r, 10, a.biaya?.[0] ?? '-');
    set(r, 12, a.kuant[1]); set(r, 13, a.kuant[2]);
    set(r, 14, a.kual[1]);
    set(r, 16, a.waktu[1]); set(r, 17, a.waktu[2]);
    set(r, 18, a.biaya?.[1] ?? '-');
    if (a.perhitungan !== undefined) set(r, 19, a.perhitungan);
    if (a.nilai !== undefined) set(r, 20, a.nilai);
    r++;
  });
  set(r, 1, f.activities.length + 1); // a numbered blank row of the printed form
  r++;
  set(r, 2, 'II. Tugas Tambahan');
  if (f.tugasTambahan?.nilai !== undefined) set(r, 20, f.tugasTambahan.nilai);
  r++;
  (f.tugasTambahan?.duties ?? []).forEach((d, i) => { set(r, 1, i + 1); set(r, 2, d); r++; });
  set(r, 2, 'III. Kreativitas');
  r++;
  (f.kreativitas?.items ?? []).forEach(([d, p], i) => { set(r, 1, i + 1); set(r, 2, d); set(r, 20, p); r++; });
  r++;
  set(r, 1, 'NILAI CAPAIAN SKP');
  merge(r, 1, r, 19);
  if (f.final) {
    set(r, 20, f.final.sameCell && f.final.sebutan ? `${f.final.value} (${f.final.sebutan})` : f.final.value);
    if (!f.final.sameCell && f.final.sebutan) set(r + 1, 20, `(${f.final.sebutan})`);
  }
  ws.getColumn(C(2)).width = 40;
}

export function addPrestasiSheet(wb: ExcelJS.Workbook, p: PrestasiSpec): void {
  const ws = wb.addWorksheet(p.sheet);
  ws.getCell('A1').value = 'PENILAIAN PRESTASI KERJA PEGAWAI NEGERI SIPIL';
  ws.mergeCells('A1:F1');
  ws.getCell('A3').value = 'YANG DINILAI';
  ws.getCell('B4').value = 'Nama';
  ws.getCell('C4').value = p.nama;
  ws.getCell('B5').value = 'NIP';
  ws.getCell('C5').value = p.nip;
  ws.getCell('A7').value = 'UNSUR YANG DINILAI';
  ws.getCell('E7').value = 'JUMLAH';
  const put = (row: number, label: string, ...cells: (ExcelJS.CellValue | undefined)[]) => {
    ws.getCell(row, 1).value = label;
    cells.forEach((v, i) => { if (v !== undefined) ws.getCell(row, 2 + i).value = v; });
  };
  put(8, 'a. Sasaran Kerja PNS (SKP)', p.skp, 'x 60%', undefined, p.skpPart);
  put(9, 'b. Perilaku Kerja');
  p.perilaku.forEach(([name, v], i) => put(10 + i, `${i + 1}. ${name}`, v ?? undefined, v === null ? undefined : '(Baik)'));
  const n = 10 + p.perilaku.length;
  put(n, 'Jumlah', p.jumlah);
  put(n + 1, 'Nilai Rata-rata', p.mean, '(Baik)', 'x 40%', p.meanPart);
  put(n + 3, 'NILAI PRESTASI KERJA', p.nilai);
}

export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await wb.xlsx.writeFile(path);
}

export const BUDI: FormSpec = {
  sheet: 'Budi',
  nama: 'Budi Santoso, S.E.',
  nip: '198503122010011004',
  pangkat: 'Penata Muda, III/a',
  jabatan: 'Analis Kepegawaian',
  unit: 'BKPSDM Kabupaten Simeulue',
  penilai: { nama: 'Drs. Ahmad Yani', nip: '197002021995031002' },
  period: '02 Januari s.d. 31 Desember 2019',
  activities: [
    // The BKN worked example: 100 + 90 + 76 = 266; 266 / 3 = 88,67.
    { kegiatan: 'Menyusun laporan bulanan kepegawaian', kuant: [12, 12, 'laporan'], kual: [100, 90], waktu: [12, '12 bln', 'bln'], perhitungan: 266, nilai: '88,67' },
    // 90 + 100 + 92,67 + 76 = 358,67; / 4 = 89,67.
    { kegiatan: 'Mengelola belanja pegawai', kuant: ['5.000', '4.500', 'dokumen'], kual: [100, 100], waktu: [12, 10, 'bln'], biaya: ['Rp 170.395.000', 'Rp 170.395.000'], perhitungan: '358,67', nilai: '89,67' },
  ],
  tugasTambahan: { duties: ['Panitia pengadaan CPNS 2019'], nilai: 1 },
  // (88,67 + 89,67) / 2 + 1 = 90,17
  final: { value: '90,17', sebutan: 'Baik' },
};

export const SITI: FormSpec = {
  sheet: 'Siti',
  nama: 'Siti Aminah',
  nip: '199001152015032001',
  pangkat: 'Pengatur, II/c',
  jabatan: 'Pengadministrasi Umum',
  unit: 'BKPSDM Kabupaten Simeulue',
  penilai: { nama: 'Drs. Ahmad Yani', nip: '197002021995031002' },
  period: '2 Januari 2019 s.d. 31 Desember 2019',
  activities: [
    { kegiatan: 'Mengagendakan surat masuk', kuant: [12, 12, 'laporan'], kual: [100, 90], waktu: [12, 12, 'bln'], perhitungan: 266, nilai: 88.67 },
  ],
  final: { value: '88,67', sebutan: 'Baik', sameCell: true },
  shiftRows: 2,
  extraColumn: true,
};

export const SITI_PRESTASI: PrestasiSpec = {
  sheet: 'PPK Siti',
  nama: 'Siti Aminah',
  nip: '199001152015032001',
  skp: '88,67',
  skpPart: '53,20',
  perilaku: [['Orientasi Pelayanan', 76], ['Integritas', 78], ['Komitmen', 75], ['Disiplin', 80], ['Kerja Sama', 76], ['Kepemimpinan', null]],
  jumlah: 385,
  mean: 77,
  meanPart: '30,80',
  nilai: '84,00 (Baik)',
};

export const EK = {
  ani: '198701012010012003',
  budi: '198503122010011004',
  cut: '199212122019032005',
};

/** "Laporan Penilaian SKP" as exported by e-Kinerja: title rows, snake_case headers, a transfer. */
export async function buildEkinerjaExport(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Laporan Penilaian SKP');
  ws.addRow(['LAPORAN PENILAIAN SKP']);
  ws.mergeCells('A1:J1');
  ws.addRow(['Instansi: Pemerintah Kabupaten Simeulue']);
  ws.addRow(['Dicetak: 15/01/2025']);
  ws.addRow([]);
  ws.addRow(['no', 'nip', 'nama', 'jabatan', 'unit_kerja', 'golongan', 'periode_awal', 'periode_akhir', 'hasil_akhir', 'rating_hasil_kerja']);
  ws.addRow([1, EK.ani, 'Ani Lestari', 'Analis SDM Aparatur', 'BKPSDM', 'III/b', '01/01/2024', '31/12/2024', 'Baik', 'Sesuai Ekspektasi']);
  // Budi moved from Dinas Dukcapil to BKPSDM on 1 July: two rows, the later one counts.
  ws.addRow([2, EK.budi, 'Budi Santoso', 'Pengolah Data', 'Dinas Kependudukan dan Pencatatan Sipil', 'III/a', '01/01/2024', '30/06/2024', 'Butuh Perbaikan', 'Di Bawah Ekspektasi']);
  ws.addRow([3, EK.budi, 'Budi Santoso', 'Analis Kepegawaian', 'BKPSDM', 'III/a', '01/07/2024', '31/12/2024', 'Sangat Baik', 'Di Atas Ekspektasi']);
  ws.addRow([4, EK.cut, 'Cut Nyak', 'Pengadministrasi Umum', 'BKPSDM', 'II/c', '01/01/2024', '31/12/2024', '-', '-']);
  await wb.xlsx.writeFile(path);
}

/** A workspace with the default config and a two-person roster. */
export function buildWorkspace(): string {
  const ws = tempDir('appraise-import-');
  writeFileSync(join(ws, 'appraise.config.yaml'), 'organisation: Pemerintah Kabupaten Simeulue\n');
  mkdirSync(join(ws, 'data', '2025-Q1'), { recursive: true });
  writeFileSync(join(ws, 'data', 'pegawai.csv'),
    `NIP;Nama;Jabatan;Unit Kerja\n${EK.ani};Ani Lestari;Analis SDM;BKPSDM\n${EK.budi};Budi Santoso;Analis Kepegawaian;BKPSDM\n`);
  return ws;
}

/** An indicator sheet of a dinas: its own headers, a title row, Indonesian numbers. */
export async function buildForeignIndicators(path: string, nip2 = EK.budi): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('IKI Triwulan I');
  ws.addRow(['INDIKATOR KINERJA INDIVIDU TRIWULAN I 2025']);
  ws.addRow([]);
  ws.addRow(['NIP Pegawai', 'Kode IKI', 'Uraian Indikator', 'Aspek Kinerja', 'Target', 'Realisasi', 'Satuan', 'Catatan Bidang']);
  ws.addRow([EK.ani, 'IKI-1', 'Dokumen mutasi diproses', 'Produktivitas', '1.250', '1.100', 'dokumen', 'ok']);
  ws.addRow([nip2, 'IKI-2', 'Ketepatan waktu layanan', 'kualitas-layanan', '95%', '88,5', '%', null]);
  await wb.xlsx.writeFile(path);
}

export const MAPPING_YAML = 'NIP Pegawai: nip\nKode IKI: code\nUraian Indikator: Indikator\nAspek Kinerja: aspect\n';
