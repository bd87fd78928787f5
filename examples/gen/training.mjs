/**
 * The starter training catalogue (katalog-pelatihan, SPEC §2 and §5): programs for each aspect,
 * each BerAKHLAK value, each survey unsur and the low predikat, with realistic JP, moda and
 * penyelenggara. Written to templates/katalog-pelatihan.xlsx (generic programs only) and to
 * examples/sinabang/data/katalog-pelatihan.xlsx (plus programs aimed at Sinabang's indicators).
 * Deterministic: fixed workbook dates and zip entry times, no randomness.
 *
 * Called by examples/generate-sinabang.mjs: `await writeTrainingCatalogues(ROOT, SINABANG)`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { stableZip } from './zip.mjs';

const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));
export const KATALOG_HEADERS = ['Kode', 'Program', 'Sasaran', 'JP', 'Moda', 'Penyelenggara'];

const BKPSDM = 'BKPSDM Kabupaten Simeulue';
const BPSDM = 'BPSDM Aceh';
const LAN = 'Lembaga Administrasi Negara (LAN)';
const ELEARNING = 'e-Learning ASN (LAN)';

/** [kode, program, sasaran, JP, moda, penyelenggara] */
export const GENERIC_PROGRAMS = [
  ['PL-01', 'Pelatihan Pelayanan Prima', 'aspek:kualitas-layanan; perilaku:berorientasi-pelayanan; unsur:U7', 24, 'klasikal', BKPSDM],
  ['PL-02', 'Manajemen Waktu dan Prioritas Kerja', 'aspek:produktivitas; unsur:U3', 16, 'e-learning', ELEARNING],
  ['PL-03', 'Pengelolaan Pengaduan Pelayanan Publik', 'unsur:U8', 16, 'blended', BPSDM],
  ['PL-04', 'Etika Pelayanan Publik dan Integritas ASN', 'perilaku:akuntabel; unsur:U7', 12, 'e-learning', ELEARNING],
  ['PL-05', 'Coaching Kinerja oleh Atasan Langsung', 'predikat:butuh-perbaikan; aspek:produktivitas', 8, 'coaching', BKPSDM],
  ['PL-06', 'Mentoring Perbaikan Kinerja dan Disiplin', 'predikat:kurang; predikat:sangat-kurang', 12, 'mentoring', BKPSDM],
  ['PL-07', 'Penyusunan SKP dan Rencana Aksi Kinerja', 'predikat:butuh-perbaikan; predikat:kurang', 16, 'klasikal', BKPSDM],
  ['PL-08', 'Standar Pelayanan dan Penyederhanaan Prosedur', 'unsur:U1; unsur:U2; unsur:U5', 24, 'klasikal', BPSDM],
  ['PL-09', 'Transparansi Biaya Layanan dan Pencegahan Pungli', 'unsur:U4; perilaku:akuntabel', 8, 'e-learning', ELEARNING],
  ['PL-10', 'Peningkatan Kompetensi Teknis Pelaksana Layanan', 'perilaku:kompeten; unsur:U6', 40, 'blended', BPSDM],
  ['PL-11', 'Komunikasi Efektif dan Kerja Sama Tim', 'perilaku:harmonis; perilaku:kolaboratif', 16, 'klasikal', BKPSDM],
  ['PL-12', 'Penguatan Wawasan Kebangsaan dan Nilai Dasar ASN', 'perilaku:loyal', 20, 'klasikal', BPSDM],
  ['PL-13', 'Literasi Digital dan Layanan Berbasis Elektronik', 'perilaku:adaptif; unsur:U9', 24, 'e-learning', ELEARNING],
  ['PL-14', 'Survei Kepuasan Masyarakat dan Tindak Lanjut Hasilnya', 'aspek:kepuasan-masyarakat; unsur:U3', 16, 'blended', LAN],
  ['PL-15', 'Pengelolaan Sarana dan Prasarana Layanan', 'unsur:U9', 12, 'klasikal', BKPSDM],
];

/** Programs aimed at indicators of the Sinabang example (SPEC §2 `indikator:<kode>`). */
export const SINABANG_PROGRAMS = [
  ['PL-21', 'Percepatan Penerbitan Dokumen Kependudukan', 'indikator:DKP-22', 16, 'coaching', BKPSDM],
  ['PL-22', 'Penanganan Keluhan Pemohon Layanan', 'indikator:KLH-01; indikator:BKP-44; unsur:U8', 8, 'coaching', BKPSDM],
  ['PL-23', 'Keselamatan Pasien dan Pencegahan Pasien Jatuh', 'indikator:RSU-24', 16, 'klasikal', BPSDM],
  ['PL-24', 'Manajemen Antrean Rawat Jalan', 'indikator:RSU-02', 12, 'blended', BPSDM],
];

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  return wb;
}


export async function writeKatalogXlsx(path, programs) {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Katalog Pelatihan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [10, 52, 62, 6, 12, 34].map((width) => ({ width }));
  const header = ws.getRow(1);
  KATALOG_HEADERS.forEach((h, i) => { header.getCell(i + 1).value = h; });
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  programs.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    values.forEach((v, c) => { row.getCell(c + 1).value = v; });
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stableZip(Buffer.from(await wb.xlsx.writeBuffer())));
}

/** templates/katalog-pelatihan.xlsx and <sinabang>/data/katalog-pelatihan.xlsx. */
export async function writeTrainingCatalogues(root, sinabang) {
  await writeKatalogXlsx(join(root, 'templates', 'katalog-pelatihan.xlsx'), GENERIC_PROGRAMS);
  await writeKatalogXlsx(join(sinabang, 'data', 'katalog-pelatihan.xlsx'), [...GENERIC_PROGRAMS, ...SINABANG_PROGRAMS]);
}
