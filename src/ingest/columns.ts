import type { ColumnSpec } from '../io/types.js';
import type { InputKind } from '../config/schema.js';
import { BERAKHLAK_VALUES, UNSUR } from '../domain/vocabulary.js';

/**
 * The columns of every input kind (SPEC §2): the canonical key used in code, the Indonesian header
 * first (templates write it), then English and common variants. Matching ignores case and
 * punctuation, so `NIP Atasan`, `nip_atasan` and `NIP-ATASAN` are the same header.
 */
const c = (key: string, required: boolean, ...headers: string[]): ColumnSpec => ({ key, headers, required });

export { BERAKHLAK_VALUES, UNSUR } from '../domain/vocabulary.js';

export const COLUMNS: Record<InputKind, ColumnSpec[]> = {
  pegawai: [
    c('nip', true, 'NIP', 'NIP Pegawai', 'NIP Baru'),
    c('name', true, 'Nama', 'Name', 'Nama Pegawai', 'Nama Lengkap'),
    c('position', true, 'Jabatan', 'Position', 'Nama Jabatan'),
    c('positionType', false, 'Jenis Jabatan', 'Position Type'),
    c('unit', true, 'Unit Kerja', 'Unit', 'Work Unit', 'Satuan Kerja', 'OPD'),
    c('grade', false, 'Golongan', 'Grade', 'Pangkat/Golongan', 'Gol'),
    c('status', false, 'Status', 'Status Kepegawaian', 'Employment Status'),
    c('supervisorNip', false, 'NIP Atasan', 'Supervisor NIP', 'NIP Penilai', 'NIP Pejabat Penilai'),
    c('services', false, 'Layanan', 'Services', 'Kode Layanan'),
    c('start', false, 'Mulai', 'Start', 'TMT Jabatan', 'Tanggal Mulai'),
    c('end', false, 'Selesai', 'End', 'Tanggal Selesai'),
  ],
  indikator: [
    c('nip', true, 'NIP'),
    c('code', true, 'Kode', 'Code', 'Kode Indikator'),
    c('text', true, 'Indikator', 'Indicator', 'Indikator Kinerja Individu', 'IKI'),
    c('aspect', true, 'Aspek', 'Aspect'),
    c('kind', false, 'Jenis', 'Kind', 'Type'),
    c('target', true, 'Target'),
    c('actual', true, 'Realisasi', 'Actual', 'Realization', 'Capaian Realisasi'),
    c('unitLabel', false, 'Satuan', 'Unit of Measure', 'UoM'),
    c('direction', false, 'Arah', 'Direction', 'Polaritas'),
    c('weight', false, 'Bobot', 'Weight'),
    c('aggregation', false, 'Agregasi', 'Aggregation'),
  ],
  perilaku: [
    c('nip', true, 'NIP', 'NIP Pegawai', 'NIP Dinilai'),
    c('raterNip', false, 'NIP Penilai', 'Rater NIP'),
    c('raterRole', false, 'Peran Penilai', 'Rater Role', 'Peran'),
    ...BERAKHLAK_VALUES.map((v) => c(v.key, true, v.header, v.en)),
    c('workRating', false, 'Rating Hasil Kerja', 'Work Rating', 'Work Result Rating'),
    c('note', false, 'Catatan', 'Note', 'Notes'),
  ],
  unit: [
    c('unit', true, 'Unit Kerja', 'Unit', 'Work Unit'),
    c('orgPredikat', true, 'Predikat Organisasi', 'Organisation Predikat', 'Predikat Kinerja Organisasi'),
    c('leaderNip', false, 'NIP Pimpinan', 'Leader NIP', 'NIP Kepala'),
    c('population', false, 'Jumlah Penerima Layanan', 'Population Served', 'Populasi'),
  ],
  'umpan-balik': [
    c('date', true, 'Tanggal', 'Date', 'Tanggal Survei'),
    c('unit', false, 'Unit Kerja', 'Unit', 'Unit Layanan'),
    c('service', false, 'Layanan', 'Service', 'Jenis Layanan', 'Kode Layanan'),
    ...UNSUR.map((u) => c(u.key, false, u.key, u.header, u.en)),
    c('respondentId', false, 'ID Responden', 'Respondent ID', 'No Responden'),
    c('officerNip', false, 'NIP Petugas', 'Officer NIP'),
    c('complaint', false, 'Pengaduan', 'Complaint', 'Keluhan'),
    c('complaintCategory', false, 'Kategori Pengaduan', 'Complaint Category'),
  ],
  'katalog-pelatihan': [
    c('code', true, 'Kode', 'Code', 'Kode Program'),
    c('program', true, 'Program', 'Nama Program', 'Pelatihan'),
    c('targets', true, 'Sasaran', 'Targets', 'Target Gap'),
    c('hours', false, 'JP', 'Jam Pelajaran', 'Hours'),
    c('mode', false, 'Moda', 'Mode'),
    c('provider', false, 'Penyelenggara', 'Provider'),
  ],
};

/** Enumerations offered as dropdowns in templates and accepted by ingest. */
export const ENUMS = {
  positionType: ['jpt', 'administrator', 'pengawas', 'fungsional', 'pelaksana'],
  status: ['PNS', 'PPPK'],
  kind: ['utama', 'tambahan'],
  direction: ['naik', 'turun'],
  aggregation: ['jumlah', 'rata-rata', 'terakhir'],
  raterRole: ['atasan', 'rekan', 'bawahan', 'diri'],
  rating: ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi'],
  orgPredikat: ['Istimewa', 'Baik', 'Butuh Perbaikan', 'Kurang', 'Sangat Kurang'],
} as const;
