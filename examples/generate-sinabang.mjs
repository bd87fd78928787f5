#!/usr/bin/env node
/**
 * Generates the example workspaces examples/sinabang/ and examples/planted-errors/.
 * Plain Node ESM, deterministic: a seeded PRNG per purpose (so adding a file later does not
 * change the existing ones), fixed workbook dates, and zip entries stamped 1980-01-01.
 *
 *   node examples/generate-sinabang.mjs
 *
 * Other generators can import the roster: `import { buildRoster } from './generate-sinabang.mjs'`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { writeFeedbackExamples } from './gen/feedback.mjs';
import { writeTrainingCatalogues } from './gen/training.mjs';
import { writeBehaviourExamples } from './gen/behaviour.mjs';
import { inputsReadme } from './gen/readme-inputs.mjs';
import { applyLevels, planFor } from './gen/curves.mjs';
import { stableZip } from './gen/zip.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
export const SINABANG = join(HERE, 'sinabang');
export const PLANTED = join(HERE, 'planted-errors');
export const ORGANISATION = 'Pemerintah Kabupaten Simeulue';
const BASE_SEED = 20250101;
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));

// ---------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per purpose, e.g. rngFor('roster'), rngFor('indikator:2025-Q1'). */
export function rngFor(purpose) {
  let h = BASE_SEED;
  for (const ch of purpose) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0;
  const next = mulberry32(h);
  const api = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    uniform: (lo, hi) => lo + next() * (hi - lo),
    normal: (mu, sd) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return mu + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return api;
}

// ---------------------------------------------------------------------------------------------
// Organisation: units and positions.
// Each position: [jabatan, jenis, golongan, status, profile, layanan, atasan index (-1 = unit head's
// supervisor, i.e. the Sekda), degree, options]. The Sekda's own NIP Atasan is empty.

const SEKDA_UNIT = 'Sekretariat Daerah';

export const UNITS = [
  {
    name: SEKDA_UNIT, prefix: 'SETDA',
    positions: [
      ['Sekretaris Daerah', 'jpt', 'IV/c', 'PNS', 'SEKDA', '', null, 'S.H., M.Si.', { age: 'senior' }],
      ['Kepala Bagian Organisasi', 'administrator', 'IV/a', 'PNS', 'KABAG-ORG', '', 0, 'S.STP, M.A.P.', { age: 'head' }],
      ['Analis Kebijakan Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'ANALIS-ORG', '', 1, 'S.AP.'],
    ],
  },
  {
    name: 'Dinas Kependudukan dan Pencatatan Sipil', prefix: 'DKP',
    positions: [
      ['Kepala Dinas Kependudukan dan Pencatatan Sipil', 'jpt', 'IV/b', 'PNS', 'HEAD-DUKCAPIL', '', -1, 'S.STP, M.Si.', { age: 'head' }],
      ['Kepala Seksi Identitas Penduduk', 'pengawas', 'III/d', 'PNS', 'PGW-KTP', '', 0, 'S.E.', { age: 'mid' }],
      ['Kepala Seksi Kelahiran dan Kematian', 'pengawas', 'III/d', 'PNS', 'PGW-AKTA', '', 0, 'S.H.', { age: 'mid' }],
      ['Administrator Database Kependudukan Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'ADB', '', 1, 'S.Kom.'],
      ['Analis Kependudukan', 'fungsional', 'III/c', 'PNS', 'ANALIS-DUK', '', 1, 'S.Si.'],
      ['Pengadministrasi Kependudukan', 'pelaksana', 'III/a', 'PNS', 'FO-KTP', 'KTP-EL', 1, ''],
      ['Operator Perekaman KTP-el', 'pelaksana', 'V', 'PPPK', 'FO-KTP', 'KTP-EL', 1, ''],
      ['Verifikator Berkas Kependudukan', 'pelaksana', 'III/a', 'PNS', 'FO-KK', 'KK', 1, 'A.Md.'],
      ['Pengadministrasi Kependudukan', 'pelaksana', 'III/b', 'PNS', 'FO-KK', 'KK', 1, 'S.E.'],
      ['Pengadministrasi Pencatatan Sipil', 'pelaksana', 'III/a', 'PNS', 'FO-AKTA', 'AKTA-LAHIR;AKTA-KEMATIAN', 2, '', { name: 'Nur’aini', sex: 2 }],
      ['Verifikator Akta Kelahiran', 'pelaksana', 'III/b', 'PNS', 'FO-AKTA', 'AKTA-LAHIR', 2, 'S.H.'],
      ['Petugas Layanan Akta Kematian', 'pelaksana', 'V', 'PPPK', 'FO-AKTA-MATI', 'AKTA-KEMATIAN', 2, ''],
      ['Pengelola Administrasi Umum', 'pelaksana', 'III/a', 'PNS', 'ADM', '', 0, 'A.Md.'],
    ],
  },
  {
    name: 'Dinas Kesehatan', prefix: 'DKS',
    positions: [
      ['Kepala Dinas Kesehatan', 'jpt', 'IV/b', 'PNS', 'HEAD-DINKES', '', -1, 'SKM, M.Kes.', { age: 'head' }],
      ['Kepala Seksi Surveilans dan Imunisasi', 'pengawas', 'III/d', 'PNS', 'PGW-IMUN', '', 0, 'SKM', { age: 'mid' }],
      ['Kepala Seksi Kesehatan Keluarga dan Gizi', 'pengawas', 'III/d', 'PNS', 'PGW-GIZI', '', 0, 'S.Gz., M.Gz.', { age: 'mid' }],
      ['Epidemiolog Kesehatan Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'EPID', '', 1, 'SKM'],
      ['Bidan Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'IMUN', 'IMUNISASI', 1, 'S.Tr.Keb.', { sex: 2 }],
      ['Bidan Terampil', 'fungsional', 'VII', 'PPPK', 'IMUN', 'IMUNISASI', 1, 'A.Md.Keb.', { sex: 2 }],
      ['Perawat Terampil', 'fungsional', 'III/a', 'PNS', 'IMUN', 'IMUNISASI', 1, 'A.Md.Kep.'],
      ['Nutrisionis Ahli Pertama', 'fungsional', 'III/a', 'PNS', 'GIZI', '', 2, 'S.Gz.'],
      ['Nutrisionis Terampil', 'fungsional', 'III/b', 'PNS', 'GIZI', '', 2, 'A.Md.Gz.'],
      ['Tenaga Sanitasi Lingkungan Ahli Muda', 'fungsional', 'III/c', 'PNS', 'SANIT', '', 2, 'SKM'],
      ['Administrator Kesehatan Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'ADMKES', '', 0, 'SKM'],
      ['Pengelola Data Kesehatan', 'pelaksana', 'II/d', 'PNS', 'DATA-KES', '', 1, ''],
    ],
  },
  {
    name: 'Rumah Sakit Umum Daerah Simeulue', prefix: 'RSU',
    positions: [
      ['Direktur Rumah Sakit Umum Daerah Simeulue', 'administrator', 'IV/a', 'PNS', 'HEAD-RSUD', '', -1, 'M.K.M.', { age: 'head', dr: true }],
      ['Kepala Seksi Pelayanan Medis', 'pengawas', 'III/d', 'PNS', 'PGW-MEDIS', '', 0, '', { age: 'mid', dr: true }],
      ['Kepala Seksi Keperawatan', 'pengawas', 'III/d', 'PNS', 'PGW-KEP', '', 0, 'S.Kep., Ns.', { age: 'mid' }],
      ['Dokter Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'DOKTER-RJ', 'RAWAT-JALAN', 1, '', { dr: true }],
      ['Dokter Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'DOKTER-IGD', 'IGD', 1, '', { dr: true }],
      ['Dokter Spesialis Penyakit Dalam Ahli Muda', 'fungsional', 'III/c', 'PNS', 'DOKTER-RI', 'RAWAT-INAP', 1, 'Sp.PD', { dr: true }],
      ['Perawat Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'PERAWAT-RI', 'RAWAT-INAP', 2, 'S.Kep., Ns.'],
      ['Perawat Ahli Pertama', 'fungsional', 'III/a', 'PNS', 'PERAWAT-RI', 'RAWAT-INAP', 2, 'S.Kep., Ns.'],
      ['Perawat Terampil', 'fungsional', 'III/a', 'PNS', 'PERAWAT-IGD', 'IGD', 2, 'A.Md.Kep.'],
      ['Perawat Terampil', 'fungsional', 'VII', 'PPPK', 'PERAWAT-IGD', 'IGD', 2, 'A.Md.Kep.'],
      ['Perawat Terampil', 'fungsional', 'III/a', 'PNS', 'PERAWAT-RJ', 'RAWAT-JALAN', 2, 'A.Md.Kep.'],
      ['Perekam Medis Terampil', 'fungsional', 'III/a', 'PNS', 'REKAM', '', 1, 'A.Md.RMIK'],
      ['Apoteker Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'APOTEK', 'RAWAT-JALAN', 1, 'S.Farm., Apt.'],
      ['Petugas Pendaftaran Pasien', 'pelaksana', 'V', 'PPPK', 'FO-RS', 'RAWAT-JALAN;RAWAT-INAP', 1, ''],
    ],
  },
  {
    name: 'Kecamatan Simeulue Timur', prefix: 'KEC',
    positions: [
      ['Camat Simeulue Timur', 'administrator', 'IV/a', 'PNS', 'HEAD-CAMAT', '', -1, 'S.STP, M.Si.', { age: 'head' }],
      ['Sekretaris Kecamatan', 'administrator', 'III/d', 'PNS', 'SEKCAM', '', 0, 'S.Sos.', { age: 'mid' }],
      ['Kepala Seksi Pelayanan Umum', 'pengawas', 'III/c', 'PNS', 'PGW-PELAYANAN', 'SURAT-KETERANGAN;REKOMENDASI-IZIN', 0, 'S.AP.', { age: 'mid' }],
      ['Kepala Seksi Pemerintahan', 'pengawas', 'III/c', 'PNS', 'PGW-PEM', '', 0, 'S.IP.', { age: 'mid' }],
      ['Kepala Seksi Pemberdayaan Masyarakat dan Desa', 'pengawas', 'III/c', 'PNS', 'PGW-PMD', '', 0, 'S.E.', { age: 'mid' }],
      ['Pengadministrasi Perizinan', 'pelaksana', 'III/a', 'PNS', 'FO-IZIN', 'REKOMENDASI-IZIN', 2, 'S.H.'],
      ['Pengolah Data Pelayanan', 'pelaksana', 'II/d', 'PNS', 'FO-SURAT', 'SURAT-KETERANGAN', 2, ''],
      ['Pengadministrasi Umum', 'pelaksana', 'II/c', 'PNS', 'FO-SURAT', 'SURAT-KETERANGAN', 2, ''],
      ['Pengelola Data Pemerintahan', 'pelaksana', 'III/a', 'PNS', 'ADM-PEM', '', 3, 'A.Md.'],
      ['Pengelola Pemberdayaan Masyarakat Desa', 'pelaksana', 'III/b', 'PNS', 'ADM-PMD', '', 4, 'S.P.'],
      ['Bendahara Pengeluaran', 'pelaksana', 'III/a', 'PNS', 'BENDAHARA', '', 1, 'S.E.'],
    ],
  },
  {
    name: 'Kecamatan Teupah Barat', prefix: 'KEC',
    positions: [
      ['Camat Teupah Barat', 'administrator', 'III/d', 'PNS', 'HEAD-CAMAT', '', -1, 'S.STP', { age: 'head' }],
      ['Sekretaris Kecamatan', 'administrator', 'III/d', 'PNS', 'SEKCAM', '', 0, 'S.Sos.', { age: 'mid' }],
      ['Kepala Seksi Pelayanan Umum', 'pengawas', 'III/c', 'PNS', 'PGW-PELAYANAN', 'SURAT-KETERANGAN;REKOMENDASI-IZIN', 0, 'S.H.', { age: 'mid' }],
      ['Kepala Seksi Pemerintahan', 'pengawas', 'III/c', 'PNS', 'PGW-PEM', '', 0, 'S.IP.', { age: 'mid' }],
      ['Pengadministrasi Perizinan', 'pelaksana', 'III/a', 'PNS', 'FO-IZIN', 'REKOMENDASI-IZIN', 2, ''],
      ['Pengolah Data Pelayanan', 'pelaksana', 'II/d', 'PNS', 'FO-SURAT', 'SURAT-KETERANGAN', 2, ''],
      // Transferred out during 2025-Q2: the assignment ends on 15 May 2025.
      ['Pengadministrasi Umum', 'pelaksana', 'III/a', 'PNS', 'FO-SURAT', 'SURAT-KETERANGAN', 2, 'A.Md.', { end: [2025, 5, 15] }],
      ['Pengelola Data Pemerintahan', 'pelaksana', 'II/c', 'PNS', 'ADM-PEM', '', 3, ''],
      ['Pengelola Pemberdayaan Masyarakat Desa', 'pelaksana', 'III/a', 'PNS', 'ADM-PMD', '', 3, 'S.Sos.'],
      ['Bendahara Pengeluaran', 'pelaksana', 'III/b', 'PNS', 'BENDAHARA', '', 1, 'S.E.'],
    ],
  },
  {
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', prefix: 'BKP',
    positions: [
      ['Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'jpt', 'IV/b', 'PNS', 'HEAD-BKPSDM', '', -1, 'S.Sos., M.Si.', { age: 'head' }],
      ['Kepala Bidang Mutasi dan Promosi', 'administrator', 'IV/a', 'PNS', 'KABID-MUTASI', '', 0, 'S.H.', { age: 'head' }],
      ['Kepala Bidang Pengembangan Kompetensi Aparatur', 'administrator', 'IV/a', 'PNS', 'KABID-BANGKOM', '', 0, 'S.Pd., M.Pd.', { age: 'head' }],
      ['Kepala Subbagian Umum dan Kepegawaian', 'pengawas', 'III/c', 'PNS', 'PGW-UMUM', '', 0, 'S.E.', { age: 'mid' }],
      ['Analis SDM Aparatur Ahli Pertama', 'fungsional', 'III/b', 'PNS', 'ANALIS-SDM', 'LAYANAN-KEPEGAWAIAN', 1, 'S.AP.'],
      ['Analis SDM Aparatur Ahli Muda', 'fungsional', 'III/c', 'PNS', 'ANALIS-SDM', 'LAYANAN-KEPEGAWAIAN', 1, 'S.Sos.'],
      ['Pranata SDM Aparatur Terampil', 'fungsional', 'III/a', 'PNS', 'PRANATA-SDM', 'LAYANAN-KEPEGAWAIAN', 1, 'A.Md.'],
      ['Pranata Komputer Ahli Pertama', 'fungsional', 'IX', 'PPPK', 'PRAKOM', '', 1, 'S.Kom.'],
      ['Penyusun Program Pengembangan Kompetensi', 'pelaksana', 'III/b', 'PNS', 'BANGKOM', '', 2, 'S.Pd.'],
      ['Pengelola Pengembangan Kompetensi', 'pelaksana', 'III/a', 'PNS', 'BANGKOM', '', 2, ''],
      ['Pengadministrasi Kepegawaian', 'pelaksana', 'II/d', 'PNS', 'FO-KEPEG', 'LAYANAN-KEPEGAWAIAN', 3, ''],
      ['Bendahara Pengeluaran', 'pelaksana', 'III/a', 'PNS', 'BENDAHARA', '', 3, 'S.E.'],
    ],
  },
];

const MALE = [
  'Muhammad Iqbal', 'Rahmad Hidayat', 'Zulfikar', 'Safrizal', 'Fadhil Ramadhan', 'Iskandar', 'Darmawan', 'Munawar',
  'Khairul Fahmi', 'Azhari', 'Hasbi Ash Shiddiqi', 'Maimun Saleh', 'Samsul Bahri', 'Jufri', 'Marzuki', 'Ridwan',
  'Syahrul Ramadhan', 'Irwansyah', 'Mukhlis', 'Nasrullah', 'Yusri', 'Taufik Hidayat', 'Husaini', 'Fakhrurrazi',
  'Zainal Abidin', 'Bustami', 'Armiadi', 'Junaidi', 'Sulaiman', 'Teguh Saputra', 'Edi Saputra', 'Hendra Gunawan',
  'Syarifuddin', 'Ilham Maulana', 'Rizki Aulia', 'Zulkarnaini', 'Amiruddin', 'Basri', 'Nurdin', 'Harmansyah',
];
const FEMALE = [
  'Yusnidar', 'Nurul Hidayah', 'Rosmiati', 'Fitriani', 'Maulidar', 'Nurhayati', 'Erlina', 'Rahmawati', 'Susanti',
  'Zuraida', 'Nurlaila', 'Safriana', 'Husna', 'Rahmi', 'Mutia Sari', 'Salmiah', 'Juliana', 'Sri Wahyuni', 'Nurjannah',
  'Asmaul Husna', 'Desi Ratnasari', 'Intan Maulida', 'Cut Rahmah', 'Cut Nyak Fitri', 'Rina Marlina', 'Eva Yanti',
  'Suryani', 'Herlina', 'Nova Riza', 'Mardiana', 'Fauziah', 'Siti Hajar', 'Ainul Mardhiah', 'Lailan Safitri',
];

const SECOND_MALE = ['Putra', 'Akbar', 'Saputra', 'Mulyadi', 'Rizal', 'Fadli'];
const SECOND_FEMALE = ['Wati', 'Sari', 'Yanti', 'Fitri', 'Ulfa', 'Zahra'];

function makeNip(rng, used, { birthYears, sex, pppk }) {
  for (;;) {
    const by = rng.int(birthYears[0], birthYears[1]);
    const bm = rng.int(1, 12);
    const bd = rng.int(1, 28);
    let middle;
    if (pppk) {
      // PPPK: year of appointment + the 2-digit code 21 in place of the TMT CPNS month.
      middle = `${rng.pick([2022, 2023, 2024])}21`;
    } else {
      const ty = Math.min(by + rng.int(22, 29), 2021);
      middle = `${ty}${String(rng.pick([1, 2, 3, 4, 12])).padStart(2, '0')}`;
    }
    const nip = `${by}${String(bm).padStart(2, '0')}${String(bd).padStart(2, '0')}${middle}${sex}${String(rng.int(1, 12)).padStart(3, '0')}`;
    if (!used.has(nip)) {
      used.add(nip);
      return nip;
    }
  }
}

const AGES = { senior: [1967, 1971], head: [1970, 1979], mid: [1977, 1987], staff: [1984, 1998], pppk: [1986, 1997] };

/**
 * The roster of Kabupaten Simeulue (fictitious people). Each employee also carries `profile`
 * (which indicators they have) and `level` (their typical capaian), for the other generators.
 */
export function buildRoster() {
  const rng = rngFor('roster');
  const used = new Set();
  const names = new Set();
  const roster = [];
  let sekdaNip = '';
  for (const unit of UNITS) {
    const members = [];
    for (const [position, positionType, grade, status, profile, services, sup, degree, opts = {}] of unit.positions) {
      const sex = opts.sex ?? (rng.next() < 0.5 ? 1 : 2);
      let name = opts.name;
      while (!name || names.has(name)) {
        const base = rng.pick(sex === 1 ? MALE : FEMALE);
        const prefix = sex === 1 && rng.next() < 0.12 ? 'Teuku ' : sex === 2 && rng.next() < 0.1 && !base.startsWith('Cut') ? 'Cut ' : '';
        name = `${prefix}${base}`;
        // Same name twice: add a second name, as people do to tell them apart.
        if (names.has(name)) name = `${name} ${rng.pick(sex === 1 ? SECOND_MALE : SECOND_FEMALE)}`;
      }
      names.add(name);
      const display = `${opts.dr ? 'dr. ' : ''}${name}${degree ? `, ${degree}` : ''}`;
      const pppk = status === 'PPPK';
      const nip = makeNip(rng, used, { birthYears: pppk ? AGES.pppk : AGES[opts.age ?? 'staff'], sex, pppk });
      const startYear = pppk ? 2024 : rng.int(2016, 2024);
      const r = rng.next();
      // Typical capaian: most employees 91–109, a few weak (< 90), a few strong.
      const level = r < 0.08 ? rng.uniform(78, 88) : r < 0.21 ? rng.uniform(110, 118) : Math.min(109, Math.max(91, rng.normal(102, 5)));
      const supervisorNip = sup === null ? '' : sup === -1 ? sekdaNip : members[sup].nip;
      const employee = {
        nip, name: display, position, positionType, unit: unit.name, grade, status, supervisorNip,
        services: services ? services.split(';') : [],
        start: new Date(Date.UTC(startYear, rng.int(0, 11), rng.pick([1, 2, 3, 15]))),
        end: opts.end ? new Date(Date.UTC(opts.end[0], opts.end[1] - 1, opts.end[2])) : null,
        profile, prefix: unit.prefix, sex, level,
      };
      if (unit.name === SEKDA_UNIT && sup === null) sekdaNip = nip;
      members.push(employee);
      roster.push(employee);
    }
  }
  // A few people's typical capaian set by hand, so that the units' predikat fit their curves
  // (examples/gen/curves.mjs); after every draw, so nobody else changes.
  return applyLevels(roster);
}

// ---------------------------------------------------------------------------------------------
// Indicators. A row: [kode, indikator, aspek (P produktivitas | K kualitas-layanan), jenis (u|t),
// target (number or [low, high]), satuan, arah (n|t), bobot, agregasi (j jumlah | r rata-rata | t terakhir)].

const P = 'produktivitas';
const K = 'kualitas-layanan';
const KELUHAN = ['KLH-01', 'Jumlah keluhan pemohon layanan yang masuk', K, 'u', 0, 'kasus', 't', 1, 'j'];
const ARSIP = ['ADM-03', 'Persentase arsip tertata sesuai klasifikasi', K, 'u', 95, '%', 'n', 1, 't'];
const SURAT_HARI = ['ADM-02', 'Rata-rata waktu pemrosesan surat masuk', K, 'u', 2, 'hari', 't', 1, 'r'];
const TUNGGU_RJ = ['RSU-02', 'Rata-rata waktu tunggu pasien rawat jalan', K, 'u', 60, 'menit', 't', 1, 'r'];
const AKTA_HARI = ['DKP-22', 'Rata-rata hari penyelesaian akta kelahiran', K, 'u', 3, 'hari', 't', 2, 'r'];
const SK_HARI = ['KEC-22', 'Rata-rata waktu penyelesaian surat keterangan', K, 'u', 1, 'hari', 't', 1, 'r'];
const KEPEG_KELUHAN = ['BKP-44', 'Jumlah keluhan layanan kepegawaian', K, 'u', 0, 'kasus', 't', 1, 'j'];
const JATUH = ['RSU-24', 'Angka kejadian pasien jatuh', K, 'u', 0, 'kejadian', 't', 1, 'j'];

export const PROFILES = {
  SEKDA: [
    ['SETDA-01', 'Persentase perangkat daerah dengan nilai SAKIP minimal B', K, 'u', 70, '%', 'n', 2, 't'],
    ['SETDA-02', 'Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti', P, 'u', 90, '%', 'n', 1, 't'],
    ['SETDA-03', 'Rata-rata waktu penyelesaian naskah kebijakan bupati', K, 'u', 5, 'hari', 't', 1, 'r'],
    ['SETDA-04', 'Jumlah rapat koordinasi pimpinan perangkat daerah', P, 't', 6, 'kegiatan', 'n', 1, 'j'],
  ],
  'KABAG-ORG': [
    ['ORG-01', 'Jumlah rancangan peraturan kelembagaan dan tata laksana yang disusun', P, 'u', 3, 'dokumen', 'n', 1, 'j'],
    ['ORG-02', 'Persentase perangkat daerah yang memiliki SOP pelayanan mutakhir', K, 'u', 80, '%', 'n', 1, 't'],
    ['ORG-03', 'Rata-rata waktu fasilitasi evaluasi jabatan', K, 'u', 14, 'hari', 't', 1, 'r'],
  ],
  'ANALIS-ORG': [
    ['ORG-11', 'Jumlah dokumen analisis jabatan dan beban kerja yang diselesaikan', P, 'u', 12, 'dokumen', 'n', 2, 'j'],
    ['ORG-12', 'Persentase hasil analisis yang diterima tanpa revisi', K, 'u', 85, '%', 'n', 1, 'r'],
    ['ORG-13', 'Jumlah perangkat daerah yang didampingi penyusunan SOP', P, 't', 5, 'perangkat daerah', 'n', 1, 'j'],
  ],
  'HEAD-DUKCAPIL': [
    ['DKP-01', 'Persentase penduduk wajib KTP yang telah memiliki KTP-el', P, 'u', 97, '%', 'n', 1, 't'],
    ['DKP-02', 'Persentase anak usia 0–18 tahun yang memiliki akta kelahiran', P, 'u', 95, '%', 'n', 1, 't'],
    ['DKP-03', 'Rata-rata waktu penyelesaian dokumen kependudukan', K, 'u', 3, 'hari', 't', 2, 'r'],
    ['DKP-04', 'Jumlah pengaduan layanan yang tidak ditindaklanjuti', K, 'u', 0, 'kasus', 't', 1, 'j'],
  ],
  'PGW-KTP': [
    ['DKP-11', 'Jumlah perekaman KTP-el', P, 'u', 900, 'orang', 'n', 1, 'j'],
    ['DKP-12', 'Jumlah KTP-el dan KIA yang dicetak', P, 'u', 1100, 'keping', 'n', 1, 'j'],
    ['DKP-13', 'Rata-rata waktu tunggu perekaman KTP-el', K, 'u', 30, 'menit', 't', 1, 'r'],
    ['DKP-14', 'Jumlah kegiatan perekaman jemput bola ke desa', P, 't', 6, 'kegiatan', 'n', 1, 'j'],
  ],
  'PGW-AKTA': [
    ['DKP-21', 'Jumlah akta kelahiran yang diterbitkan', P, 'u', 450, 'dokumen', 'n', 1, 'j'],
    AKTA_HARI,
    ['DKP-23', 'Persentase kematian yang tercatat dalam akta kematian', P, 'u', 80, '%', 'n', 1, 't'],
    ['DKP-24', 'Persentase berkas dikembalikan karena tidak lengkap', K, 'u', 5, '%', 't', 1, 'r'],
  ],
  ADB: [
    ['DKP-31', 'Persentase ketersediaan layanan SIAK terpusat', K, 'u', 99, '%', 'n', 1, 'r'],
    ['DKP-32', 'Jumlah data NIK ganda yang diselesaikan', P, 'u', 40, 'data', 'n', 1, 'j'],
    ['DKP-33', 'Rata-rata waktu pemulihan gangguan jaringan', K, 'u', 4, 'jam', 't', 1, 'r'],
  ],
  'ANALIS-DUK': [
    ['DKP-41', 'Jumlah laporan profil dan analisis data kependudukan', P, 'u', 3, 'laporan', 'n', 1, 'j'],
    ['DKP-42', 'Persentase permintaan pemanfaatan data yang dilayani tepat waktu', K, 'u', 95, '%', 'n', 1, 'r'],
    ['DKP-43', 'Jumlah perjanjian kerja sama pemanfaatan data yang difasilitasi', P, 't', 2, 'dokumen', 'n', 1, 'j'],
  ],
  'FO-KTP': [
    ['DKP-51', 'Jumlah perekaman KTP-el yang dilayani', P, 'u', 450, 'orang', 'n', 2, 'j'],
    ['DKP-13', 'Rata-rata waktu tunggu perekaman KTP-el', K, 'u', 30, 'menit', 't', 1, 'r'],
    KELUHAN,
    ['DKP-54', 'Persentase data biometrik lolos verifikasi pertama', K, 'u', 97, '%', 'n', 1, 'r'],
  ],
  'FO-KK': [
    ['DKP-61', 'Jumlah Kartu Keluarga yang diterbitkan', P, 'u', 380, 'dokumen', 'n', 2, 'j'],
    ['DKP-62', 'Rata-rata waktu penyelesaian Kartu Keluarga', K, 'u', 2, 'hari', 't', 1, 'r'],
    ['DKP-63', 'Persentase KK terbit tanpa kesalahan data', K, 'u', 98, '%', 'n', 1, 'r'],
  ],
  'FO-AKTA': [
    ['DKP-71', 'Jumlah berkas akta kelahiran yang diverifikasi', P, 'u', 220, 'berkas', 'n', 2, 'j'],
    AKTA_HARI,
    KELUHAN,
    ['DKP-74', 'Persentase akta terbit tanpa kesalahan penulisan', K, 't', 98, '%', 'n', 1, 'r'],
  ],
  'FO-AKTA-MATI': [
    ['DKP-81', 'Jumlah akta kematian yang diterbitkan', P, 'u', 60, 'dokumen', 'n', 2, 'j'],
    ['DKP-82', 'Rata-rata hari penyelesaian akta kematian', K, 'u', 3, 'hari', 't', 1, 'r'],
    KELUHAN,
  ],
  ADM: [
    ['ADM-01', 'Jumlah naskah dinas masuk dan keluar yang diproses', P, 'u', 150, 'naskah', 'n', 1, 'j'],
    SURAT_HARI,
    ARSIP,
  ],
  'HEAD-DINKES': [
    ['DKS-01', 'Cakupan imunisasi dasar lengkap terhadap sasaran triwulan', P, 'u', 90, '%', 'n', 2, 't'],
    ['DKS-02', 'Persentase puskesmas terakreditasi paripurna atau utama', K, 'u', 60, '%', 'n', 1, 't'],
    ['DKS-03', 'Jumlah kasus stunting baru pada balita', P, 'u', 15, 'kasus', 't', 1, 'j'],
    ['DKS-04', 'Rata-rata waktu tindak lanjut pengaduan layanan kesehatan', K, 'u', 3, 'hari', 't', 1, 'r'],
  ],
  'PGW-IMUN': [
    ['DKS-11', 'Persentase desa yang mencapai Universal Child Immunization (UCI)', P, 'u', 80, '%', 'n', 1, 't'],
    ['DKS-12', 'Persentase laporan surveilans mingguan (EWARS) tepat waktu', K, 'u', 90, '%', 'n', 1, 'r'],
    ['DKS-13', 'Jumlah supervisi imunisasi ke puskesmas', P, 't', 10, 'kunjungan', 'n', 1, 'j'],
  ],
  'PGW-GIZI': [
    ['DKS-21', 'Persentase balita yang ditimbang (D/S)', P, 'u', 80, '%', 'n', 1, 'r'],
    ['DKS-22', 'Persentase ibu hamil yang mendapat tablet tambah darah', K, 'u', 85, '%', 'n', 1, 't'],
    ['DKS-23', 'Jumlah kelas ibu hamil yang terlaksana', P, 't', 12, 'kegiatan', 'n', 1, 'j'],
  ],
  EPID: [
    ['DKS-31', 'Jumlah laporan kajian epidemiologi', P, 'u', 3, 'laporan', 'n', 1, 'j'],
    ['DKS-32', 'Persentase sinyal kewaspadaan dini yang diverifikasi dalam 24 jam', K, 'u', 90, '%', 'n', 2, 'r'],
    ['DKS-33', 'Jumlah penyelidikan epidemiologi yang dilaksanakan', P, 'u', 4, 'kegiatan', 'n', 1, 'j'],
  ],
  IMUN: [
    ['DKS-41', 'Jumlah bayi dan baduta yang diimunisasi', P, 'u', 160, 'anak', 'n', 2, 'j'],
    ['DKS-42', 'Rata-rata waktu tunggu layanan imunisasi', K, 'u', 30, 'menit', 't', 1, 'r'],
    ['DKS-43', 'Persentase laporan imunisasi bulanan tepat waktu', K, 'u', 100, '%', 'n', 1, 'r'],
    ['DKS-44', 'Jumlah kejadian ikutan pasca imunisasi yang tidak tertangani', K, 'u', 0, 'kasus', 't', 1, 'j'],
  ],
  GIZI: [
    ['DKS-51', 'Jumlah balita yang dipantau pertumbuhannya', P, 'u', 420, 'balita', 'n', 2, 'j'],
    ['DKS-52', 'Persentase balita gizi buruk yang mendapat perawatan', K, 'u', 100, '%', 'n', 1, 'r'],
    ['DKS-53', 'Jumlah konseling gizi yang diberikan', P, 'u', 60, 'orang', 'n', 1, 'j'],
  ],
  SANIT: [
    ['DKS-61', 'Jumlah inspeksi kesehatan lingkungan tempat-tempat umum', P, 'u', 30, 'lokasi', 'n', 1, 'j'],
    ['DKS-62', 'Persentase tempat pengelolaan pangan yang memenuhi syarat', K, 'u', 70, '%', 'n', 1, 't'],
    ['DKS-63', 'Jumlah desa terverifikasi Stop Buang Air Besar Sembarangan', P, 't', 3, 'desa', 'n', 1, 'j'],
  ],
  ADMKES: [
    ['DKS-71', 'Jumlah dokumen perencanaan dan evaluasi program kesehatan', P, 'u', 4, 'dokumen', 'n', 1, 'j'],
    ['DKS-72', 'Persentase laporan program yang diterima tepat waktu', K, 'u', 100, '%', 'n', 1, 'r'],
    ['DKS-73', 'Rata-rata waktu verifikasi usulan kegiatan puskesmas', K, 'u', 5, 'hari', 't', 1, 'r'],
  ],
  'DATA-KES': [
    ['DKS-81', 'Jumlah laporan data kesehatan puskesmas yang direkap', P, 'u', 30, 'laporan', 'n', 1, 'j'],
    ['DKS-82', 'Persentase data SIKDA yang lengkap dan valid', K, 'u', 95, '%', 'n', 1, 'r'],
    ['DKS-83', 'Rata-rata waktu rekap laporan bulanan', K, 'u', 5, 'hari', 't', 1, 'r'],
  ],
  'HEAD-RSUD': [
    ['RSU-01', 'Bed Occupancy Rate (BOR) tempat tidur', K, 'u', [60, 85], '%', 'n', 2, 'r'],
    TUNGGU_RJ,
    ['RSU-03', 'Jumlah kunjungan pasien rawat jalan', P, 'u', 6000, 'pasien', 'n', 1, 'j'],
    ['RSU-04', 'Net Death Rate (kematian di atas 48 jam per 1.000 pasien keluar)', K, 'u', 25, 'per 1.000', 't', 1, 'r'],
  ],
  'PGW-MEDIS': [
    ['RSU-11', 'Persentase rekam medis lengkap dalam 24 jam setelah pelayanan', K, 'u', 100, '%', 'n', 1, 'r'],
    TUNGGU_RJ,
    ['RSU-13', 'Persentase kepatuhan dokter terhadap clinical pathway', K, 'u', 80, '%', 'n', 1, 'r'],
    ['RSU-14', 'Jumlah audit medis yang dilaksanakan', P, 't', 3, 'kegiatan', 'n', 1, 'j'],
  ],
  'PGW-KEP': [
    ['RSU-21', 'Bed Occupancy Rate (BOR) ruang rawat inap', K, 'u', [60, 85], '%', 'n', 1, 'r'],
    ['RSU-22', 'Persentase kepatuhan kebersihan tangan petugas', K, 'u', 85, '%', 'n', 1, 'r'],
    ['RSU-23', 'Jumlah supervisi asuhan keperawatan', P, 'u', 24, 'kegiatan', 'n', 1, 'j'],
    JATUH,
  ],
  'DOKTER-RJ': [
    ['RSU-31', 'Jumlah pasien rawat jalan yang dilayani', P, 'u', 1100, 'pasien', 'n', 2, 'j'],
    TUNGGU_RJ,
    ['RSU-33', 'Persentase resep sesuai formularium', K, 'u', 95, '%', 'n', 1, 'r'],
    KELUHAN,
  ],
  'DOKTER-IGD': [
    ['RSU-41', 'Jumlah pasien gawat darurat yang ditangani', P, 'u', 700, 'pasien', 'n', 2, 'j'],
    ['RSU-42', 'Rata-rata waktu tanggap pelayanan dokter di IGD', K, 'u', 5, 'menit', 't', 2, 'r'],
    ['RSU-43', 'Persentase pasien IGD dengan keputusan tindak lanjut dalam 6 jam', K, 'u', 90, '%', 'n', 1, 'r'],
  ],
  'DOKTER-RI': [
    ['RSU-51', 'Jumlah pasien rawat inap yang ditangani', P, 'u', 320, 'pasien', 'n', 2, 'j'],
    ['RSU-52', 'Persentase visite dokter spesialis sebelum pukul 14.00', K, 'u', 90, '%', 'n', 1, 'r'],
    ['RSU-53', 'Jumlah konsultasi antarspesialis yang dijawab dalam 24 jam', P, 't', 40, 'konsultasi', 'n', 1, 'j'],
    KELUHAN,
  ],
  'PERAWAT-RI': [
    ['RSU-61', 'Jumlah pasien rawat inap yang diberi asuhan keperawatan', P, 'u', 260, 'pasien', 'n', 2, 'j'],
    ['RSU-62', 'Persentase asuhan keperawatan terdokumentasi lengkap', K, 'u', 95, '%', 'n', 1, 'r'],
    JATUH,
    ['RSU-64', 'Persentase kepatuhan identifikasi pasien', K, 't', 100, '%', 'n', 1, 'r'],
  ],
  'PERAWAT-IGD': [
    ['RSU-71', 'Jumlah pasien IGD yang ditriase', P, 'u', 650, 'pasien', 'n', 2, 'j'],
    ['RSU-72', 'Rata-rata waktu triase sejak pasien tiba', K, 'u', 5, 'menit', 't', 1, 'r'],
    KELUHAN,
  ],
  'PERAWAT-RJ': [
    ['RSU-81', 'Jumlah pasien poliklinik yang dilayani pemeriksaan awal', P, 'u', 1500, 'pasien', 'n', 2, 'j'],
    TUNGGU_RJ,
    ['RSU-83', 'Persentase pasien yang mendapat edukasi sebelum pulang', K, 'u', 90, '%', 'n', 1, 'r'],
  ],
  REKAM: [
    ['RSU-91', 'Jumlah berkas rekam medis yang dikoding', P, 'u', 2200, 'berkas', 'n', 2, 'j'],
    ['RSU-92', 'Rata-rata waktu penyediaan berkas rekam medis rawat jalan', K, 'u', 10, 'menit', 't', 1, 'r'],
    ['RSU-93', 'Persentase klaim BPJS dikembalikan karena kesalahan koding', K, 'u', 3, '%', 't', 1, 'r'],
  ],
  APOTEK: [
    ['RSU-A1', 'Jumlah resep yang dilayani', P, 'u', 4500, 'resep', 'n', 2, 'j'],
    ['RSU-A2', 'Rata-rata waktu tunggu obat non-racikan', K, 'u', 30, 'menit', 't', 1, 'r'],
    ['RSU-A3', 'Jumlah kejadian salah pemberian obat', K, 'u', 0, 'kejadian', 't', 1, 'j'],
  ],
  'FO-RS': [
    ['RSU-B1', 'Jumlah pasien yang didaftarkan', P, 'u', 3000, 'pasien', 'n', 2, 'j'],
    ['RSU-B2', 'Rata-rata waktu pelayanan pendaftaran', K, 'u', 10, 'menit', 't', 1, 'r'],
    ['RSU-B3', 'Persentase data pasien terisi lengkap dan benar', K, 'u', 98, '%', 'n', 1, 'r'],
    ['RSU-B4', 'Jumlah keluhan layanan pendaftaran', K, 'u', 4, 'kasus', 't', 1, 'j'],
  ],
  'HEAD-CAMAT': [
    ['KEC-01', 'Jumlah surat keterangan dan rekomendasi yang diterbitkan', P, 'u', 200, 'dokumen', 'n', 1, 'j'],
    ['KEC-02', 'Rata-rata waktu penyelesaian pelayanan administrasi terpadu kecamatan', K, 'u', 1, 'hari', 't', 2, 'r'],
    ['KEC-03', 'Persentase desa yang menyampaikan laporan realisasi APBDes tepat waktu', P, 'u', 100, '%', 'n', 1, 't'],
    ['KEC-04', 'Jumlah pengaduan masyarakat yang tidak terselesaikan', K, 'u', 0, 'kasus', 't', 1, 'j'],
  ],
  SEKCAM: [
    ['KEC-11', 'Persentase realisasi anggaran kecamatan sesuai rencana kas', P, 'u', 95, '%', 'n', 1, 't'],
    ['KEC-12', 'Jumlah laporan kinerja dan keuangan yang disampaikan tepat waktu', P, 'u', 4, 'laporan', 'n', 1, 'j'],
    ARSIP,
  ],
  'PGW-PELAYANAN': [
    ['KEC-21', 'Jumlah surat keterangan yang diterbitkan', P, 'u', 160, 'dokumen', 'n', 2, 'j'],
    SK_HARI,
    ['KEC-23', 'Jumlah keluhan layanan kecamatan', K, 'u', 0, 'kasus', 't', 1, 'j'],
  ],
  'PGW-PEM': [
    ['KEC-31', 'Jumlah desa yang dibina administrasi pemerintahannya', P, 'u', 17, 'desa', 'n', 1, 'j'],
    ['KEC-32', 'Persentase profil desa yang dimutakhirkan', K, 'u', 90, '%', 'n', 1, 't'],
    ['KEC-33', 'Jumlah musyawarah desa yang difasilitasi', P, 't', 8, 'kegiatan', 'n', 1, 'j'],
  ],
  'PGW-PMD': [
    ['KEC-41', 'Jumlah desa yang didampingi penyusunan RKPDes', P, 'u', 17, 'desa', 'n', 1, 'j'],
    ['KEC-42', 'Persentase penyaluran dana desa tahap I tepat waktu', K, 'u', 100, '%', 'n', 1, 't'],
    ['KEC-43', 'Jumlah kegiatan pemberdayaan masyarakat yang difasilitasi', P, 't', 6, 'kegiatan', 'n', 1, 'j'],
  ],
  'FO-IZIN': [
    ['KEC-51', 'Jumlah berkas rekomendasi izin yang diverifikasi', P, 'u', 45, 'berkas', 'n', 2, 'j'],
    ['KEC-52', 'Rata-rata waktu penerbitan rekomendasi izin', K, 'u', 3, 'hari', 't', 1, 'r'],
    ['KEC-53', 'Persentase berkas dikembalikan karena kesalahan verifikasi', K, 'u', 5, '%', 't', 1, 'r'],
  ],
  'FO-SURAT': [
    ['KEC-61', 'Jumlah permohonan surat keterangan yang dilayani', P, 'u', 180, 'berkas', 'n', 2, 'j'],
    SK_HARI,
    ['KEC-63', 'Persentase surat terbit tanpa kesalahan', K, 'u', 98, '%', 'n', 1, 'r'],
    ['KEC-23', 'Jumlah keluhan layanan kecamatan', K, 'u', 0, 'kasus', 't', 1, 'j'],
  ],
  'ADM-PEM': [
    ['KEC-71', 'Jumlah laporan kependudukan dan pemerintahan desa yang direkap', P, 'u', 51, 'laporan', 'n', 1, 'j'],
    ['KEC-72', 'Persentase rekap yang disampaikan tepat waktu', K, 'u', 100, '%', 'n', 1, 'r'],
    SURAT_HARI,
  ],
  'ADM-PMD': [
    ['KEC-81', 'Jumlah dokumen perencanaan desa yang diverifikasi', P, 'u', 17, 'dokumen', 'n', 1, 'j'],
    ['KEC-82', 'Rata-rata waktu verifikasi dokumen desa', K, 'u', 5, 'hari', 't', 1, 'r'],
    ['KEC-83', 'Jumlah kunjungan pendampingan ke desa', P, 't', 12, 'kunjungan', 'n', 1, 'j'],
  ],
  BENDAHARA: [
    ['KEU-01', 'Jumlah SPJ yang diverifikasi dan dibukukan', P, 'u', 120, 'dokumen', 'n', 2, 'j'],
    ['KEU-02', 'Persentase SPJ fungsional disampaikan sebelum tanggal 10 bulan berikutnya', K, 'u', 100, '%', 'n', 1, 'r'],
    ['KEU-03', 'Jumlah temuan administrasi keuangan', K, 'u', 0, 'temuan', 't', 1, 'j'],
  ],
  'HEAD-BKPSDM': [
    ['BKP-01', 'Persentase layanan kepegawaian selesai sesuai standar pelayanan', K, 'u', 95, '%', 'n', 2, 'r'],
    ['BKP-02', 'Persentase ASN yang memenuhi 20 JP pengembangan kompetensi', P, 'u', 40, '%', 'n', 1, 't'],
    ['BKP-03', 'Rata-rata waktu penyelesaian usulan kenaikan pangkat', K, 'u', 10, 'hari', 't', 1, 'r'],
    ['BKP-04', 'Jumlah pengaduan layanan kepegawaian', K, 'u', 3, 'kasus', 't', 1, 'j'],
  ],
  'KABID-MUTASI': [
    ['BKP-11', 'Jumlah usulan kenaikan pangkat dan mutasi yang diselesaikan', P, 'u', 250, 'berkas', 'n', 1, 'j'],
    ['BKP-03', 'Rata-rata waktu penyelesaian usulan kenaikan pangkat', K, 'u', 10, 'hari', 't', 1, 'r'],
    ['BKP-13', 'Persentase data SIASN yang sesuai dokumen fisik', K, 'u', 95, '%', 'n', 1, 't'],
  ],
  'KABID-BANGKOM': [
    ['BKP-21', 'Jumlah ASN yang mengikuti pengembangan kompetensi', P, 'u', 300, 'orang', 'n', 1, 'j'],
    ['BKP-22', 'Persentase peserta pelatihan yang lulus evaluasi', K, 'u', 90, '%', 'n', 1, 'r'],
    ['BKP-23', 'Jumlah rencana pengembangan kompetensi perangkat daerah yang disusun', P, 't', 10, 'dokumen', 'n', 1, 'j'],
  ],
  'PGW-UMUM': [
    ['BKP-31', 'Jumlah laporan kinerja dan keuangan badan yang disusun tepat waktu', P, 'u', 4, 'laporan', 'n', 1, 'j'],
    ARSIP,
    ['BKP-33', 'Rata-rata waktu pengadaan barang persediaan', K, 'u', 7, 'hari', 't', 1, 'r'],
  ],
  'ANALIS-SDM': [
    ['BKP-41', 'Jumlah usulan kenaikan pangkat yang diverifikasi', P, 'u', 90, 'berkas', 'n', 2, 'j'],
    ['BKP-42', 'Rata-rata waktu verifikasi usulan layanan kepegawaian', K, 'u', 3, 'hari', 't', 1, 'r'],
    ['BKP-43', 'Persentase berkas usulan dikembalikan karena kesalahan verifikasi', K, 'u', 5, '%', 't', 1, 'r'],
    KEPEG_KELUHAN,
  ],
  'PRANATA-SDM': [
    ['BKP-51', 'Jumlah dokumen kepegawaian yang dimutakhirkan di SIASN', P, 'u', 400, 'dokumen', 'n', 2, 'j'],
    ['BKP-52', 'Rata-rata waktu penerbitan surat keterangan kepegawaian', K, 'u', 2, 'hari', 't', 1, 'r'],
    KEPEG_KELUHAN,
  ],
  PRAKOM: [
    ['BKP-61', 'Persentase ketersediaan aplikasi kepegawaian daerah', K, 'u', 98, '%', 'n', 1, 'r'],
    ['BKP-62', 'Jumlah permintaan dukungan TI yang diselesaikan', P, 'u', 60, 'tiket', 'n', 1, 'j'],
    ['BKP-63', 'Rata-rata waktu penyelesaian gangguan aplikasi', K, 'u', 8, 'jam', 't', 1, 'r'],
  ],
  BANGKOM: [
    ['BKP-71', 'Jumlah peserta pelatihan yang difasilitasi', P, 'u', 80, 'orang', 'n', 2, 'j'],
    ['BKP-72', 'Persentase laporan penyelenggaraan pelatihan tepat waktu', K, 'u', 100, '%', 'n', 1, 'r'],
    ['BKP-73', 'Jumlah kegiatan e-learning yang dikurasi', P, 't', 4, 'kegiatan', 'n', 1, 'j'],
  ],
  'FO-KEPEG': [
    ['BKP-81', 'Jumlah permohonan layanan kepegawaian yang diterima dan dicatat', P, 'u', 240, 'berkas', 'n', 2, 'j'],
    ['BKP-82', 'Rata-rata waktu pelayanan di loket kepegawaian', K, 'u', 15, 'menit', 't', 1, 'r'],
    KEPEG_KELUHAN,
  ],
};

const AGG = { j: 'jumlah', r: 'rata-rata', t: 'terakhir' };
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

/** A realisasi that gives roughly the intended capaian `c` (%), as a person would report it. */
function realisasiFor(rng, target, satuan, arah, agg, c) {
  const decimals = satuan === '%' || agg === 'r' ? 1 : 0;
  if (Array.isArray(target)) {
    const [lo, hi] = target;
    return c >= 97 ? round(lo + (hi - lo) * rng.uniform(0.15, 0.85), 1) : round((lo * c) / 100, 1);
  }
  if (arah === 't') {
    // "None allowed": most people have none; weak performers have one or two.
    if (target === 0) return c >= 85 ? 0 : c >= 75 ? 1 : 2;
    return Math.max(0, round(target * (2 - c / 100), decimals));
  }
  const r = round((target * c) / 100, decimals);
  return satuan === '%' ? Math.min(100, r) : r;
}

/** Indicator rows of one period: one per employee × indicator of their profile. */
export function buildIndicators(roster, periodId, { drift = 0 } = {}) {
  const rng = rngFor(`indikator:${periodId}`);
  const rows = [];
  for (const e of roster) {
    const profile = PROFILES[e.profile];
    if (!profile) throw new Error(`no indicator profile ${e.profile}`);
    const level = e.level + (drift ? rng.normal(0, drift) : 0);
    for (const [code, text, aspect, kind, target, satuan, arah, weight, agg] of profile) {
      const c = Math.max(40, level + rng.normal(0, 4));
      rows.push({
        nip: e.nip, code, text, aspect, kind: kind === 'u' ? 'utama' : 'tambahan',
        target: Array.isArray(target) ? `${target[0]}-${target[1]}` : target,
        actual: realisasiFor(rng, target, satuan, arah, agg, c),
        unitLabel: satuan, direction: arah === 'n' ? 'naik' : 'turun', weight, aggregation: AGG[agg],
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writers

const PEGAWAI_HEADERS = ['NIP', 'Nama', 'Jabatan', 'Jenis Jabatan', 'Unit Kerja', 'Golongan', 'Status', 'NIP Atasan', 'Layanan', 'Mulai', 'Selesai'];
const INDIKATOR_HEADERS = ['NIP', 'Kode', 'Indikator', 'Aspek', 'Jenis', 'Target', 'Realisasi', 'Satuan', 'Arah', 'Bobot', 'Agregasi'];

function pegawaiRow(e) {
  return [e.nip, e.name, e.position, e.positionType, e.unit, e.grade, e.status, e.supervisorNip || null, e.services.join(';') || null, e.start, e.end];
}

function indikatorRow(r) {
  return [r.nip, r.code, r.text, r.aspect, r.kind, r.target, r.actual, r.unitLabel, r.direction, r.weight, r.aggregation];
}

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  return wb;
}

/** A sheet as a user would keep it: optional title rows, a bold header, NIP columns as Text. */
function addTable(wb, sheetName, { titles = [], headers, rows, widths, textColumns = [], dateColumns = [] }) {
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: titles.length + 1 }] });
  ws.columns = headers.map((_, i) => ({ width: widths[i] ?? 14 }));
  titles.forEach((title, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = title;
    row.font = { bold: true, size: i === 0 ? 14 : 12 };
    ws.mergeCells(i + 1, 1, i + 1, headers.length);
  });
  const headerRow = ws.getRow(titles.length + 1);
  headers.forEach((h, i) => { headerRow.getCell(i + 1).value = h; });
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  rows.forEach((values, r) => {
    const row = ws.getRow(titles.length + 2 + r);
    values.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (textColumns.includes(c)) cell.numFmt = '@';
      if (dateColumns.includes(c)) cell.numFmt = 'dd/mm/yyyy';
    });
  });
  return ws;
}


async function saveWorkbook(wb, path) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stableZip(Buffer.from(await wb.xlsx.writeBuffer())));
}

function writeText(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The shipped config template with the organisation filled in (same rule as `appraise init`). */
export function configText(organisation) {
  const template = readFileSync(join(ROOT, 'templates', 'appraise.config.yaml'), 'utf8');
  const line = /^organisation:.*$/m;
  if (!line.test(template)) throw new Error('templates/appraise.config.yaml has no organisation line');
  const plain = /^[A-Za-z][A-Za-z0-9 .,()/-]*$/.test(organisation) && parseYaml(organisation) === organisation;
  return template.replace(line, () => `organisation: ${plain ? organisation : JSON.stringify(organisation)}`);
}

export async function writePegawaiXlsx(dir, roster) {
  const wb = newWorkbook();
  addTable(wb, 'Pegawai', {
    headers: PEGAWAI_HEADERS,
    rows: roster.map(pegawaiRow),
    widths: [21, 40, 46, 15, 44, 10, 8, 21, 34, 12, 12],
    textColumns: [0, 7],
    dateColumns: [9, 10],
  });
  await saveWorkbook(wb, join(dir, 'data', 'pegawai.xlsx'));
}

export async function writeIndikatorXlsx(dir, periodId, rows, titles = []) {
  const wb = newWorkbook();
  addTable(wb, 'Indikator', {
    titles,
    headers: INDIKATOR_HEADERS,
    rows: rows.map(indikatorRow),
    widths: [21, 10, 66, 18, 10, 9, 10, 14, 8, 7, 11],
    textColumns: [0],
  });
  await saveWorkbook(wb, join(dir, 'data', periodId, 'indikator.xlsx'));
}

const README = `# Contoh ruang kerja: Pemerintah Kabupaten Simeulue (Sinabang)

Data fiktif untuk mencoba appraise. / Fictitious data for trying appraise out.

- \`appraise.config.yaml\` — konfigurasi bawaan dengan nama instansi. / default config with the organisation's name.
- \`data/pegawai.xlsx\` — {COUNT} pegawai di {UNITS} unit kerja: {UNIT_LIST}.
  PNS dan beberapa PPPK, NIP sebagai teks, NIP Atasan, kode Layanan untuk petugas loket, satu pegawai
  dengan tanggal Selesai (mutasi dalam 2025-Q2). / PNS and a few PPPK, NIPs as text, supervisors, service
  codes for front-office staff, one assignment ending within 2025-Q2.
- \`data/2025-Q1/indikator.xlsx\` — {Q1} baris indikator (produktivitas, kualitas-layanan), dengan dua baris
  judul di atas judul kolom. / indicator rows, with two title rows above the header row.
- \`data/2025-Q2/indikator.xlsx\` — {Q2} baris; satu Realisasi sengaja kosong (belum dilaporkan). / one
  Realisasi deliberately blank (not reported).

Jalankan / run: \`appraise run --period 2025-Q1\` di folder ini. Dibuat ulang dengan / regenerate with
\`node examples/generate-sinabang.mjs\`.
`;

// ---------------------------------------------------------------------------------------------
// The planted-errors workspace: a csv roster and indicator file as Excel with an Indonesian locale
// saves them (Windows-1252, ';', decimal commas, CRLF), with errors at known cells.

const LETTERS = 'ABCDEFGHIJK';

function csvField(v) {
  if (v === null || v === undefined) return '';
  let s;
  if (v instanceof Date) {
    s = `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  } else if (typeof v === 'number') s = String(v).replace('.', ',');
  else s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function encode1252(lines) {
  const text = `${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`;
  const bytes = iconv.encode(text, 'win1252');
  // Every character must exist in Windows-1252; iconv would otherwise write '?' silently.
  if (iconv.decode(bytes, 'win1252') !== text) throw new Error('text not representable in Windows-1252');
  return bytes;
}

export function buildPlanted(roster, q1rows) {
  const sekda = roster.find((e) => e.unit === SEKDA_UNIT && !e.supervisorNip);
  const dukcapil = roster.filter((e) => e.unit === 'Dinas Kependudukan dan Pencatatan Sipil').slice(0, 11);
  const subset = [sekda, ...dukcapil];
  const expected = [];
  const place = (file, line, col, code, what) => expected.push({ file, line, col, code, what });

  // Roster: the 12 employees, then two planted rows at known lines.
  const duplicateOf = dukcapil[8]; // a pelaksana with no subordinates and (below) no indicator rows
  const pegawai = [PEGAWAI_HEADERS, ...subset.map(pegawaiRow)];
  const badBirth = ['198702302010031004', 'Ikhsan Maulana', 'Pengadministrasi Kependudukan', 'pelaksana',
    'Dinas Kependudukan dan Pencatatan Sipil', 'III/a', 'PNS', dukcapil[1].nip, 'KTP-EL', new Date(Date.UTC(2022, 2, 1)), null];
  pegawai.splice(5, 0, badBirth); // line 6
  const dupRow = [duplicateOf.nip, 'Safrizal Akbar', duplicateOf.position, 'pelaksana', duplicateOf.unit, 'III/a', 'PNS',
    duplicateOf.supervisorNip, 'KK', new Date(Date.UTC(2023, 0, 2)), null];
  pegawai.push(dupRow);
  const pegawaiFile = 'data/pegawai.csv';
  place(pegawaiFile, 6, 'A', 'NIP_BIRTH_DATE', 'NIP 198702302010031004: tanggal lahir 30 Februari 1987 tidak ada / 30 February does not exist');
  const firstDup = pegawai.findIndex((r) => r[0] === duplicateOf.nip) + 1;
  place(pegawaiFile, firstDup, 'A', 'NIP_DUPLICATE', `NIP ${duplicateOf.nip} muncul dua kali (baris ${firstDup} dan ${pegawai.length}) / appears twice`);
  place(pegawaiFile, pegawai.length, 'A', 'NIP_DUPLICATE', `baris ganda untuk NIP ${duplicateOf.nip} / duplicate row`);

  // Indicators: Q1 rows of the subset (none for the duplicated NIP, so no follow-on errors).
  const nips = new Set(subset.filter((e) => e !== duplicateOf).map((e) => e.nip));
  const rows = q1rows.filter((r) => nips.has(r.nip)).map((r) => indikatorRow(r));
  const indikatorFile = 'data/2025-Q1/indikator.csv';
  const col = (h) => INDIKATOR_HEADERS.indexOf(h);
  const used = new Set();
  // The next row at or after `from` with Arah naik and a numeric target that holds no planted error yet.
  const naikFrom = (from) => rows.findIndex((r, i) => i >= from && !used.has(i) && r[col('Arah')] === 'naik' && typeof r[col('Target')] === 'number');
  const plant = (index, header, value, code, what) => {
    if (index < 0 || used.has(index)) throw new Error(`cannot plant ${code} at row index ${index}`);
    used.add(index);
    rows[index][col(header)] = value;
    place(indikatorFile, index + 2, LETTERS[col(header)], code, what);
  };
  plant(2, 'Kode', null, 'REQUIRED_MISSING', 'Kode kosong / Kode blank');
  const shortNip = rows[7][0].slice(0, 10) + rows[7][0].slice(11);
  plant(7, 'NIP', shortNip, 'NIP_LENGTH', `NIP ${shortNip} hanya 17 digit / only 17 digits`);
  plant(12, 'Aspek', 'kedisiplinan', 'VALUE_NOT_ALLOWED', "Aspek 'kedisiplinan' tidak ada di konfigurasi / not a configured aspect");
  plant(naikFrom(17), 'Realisasi', 'sepuluh', 'NOT_A_NUMBER', "Realisasi 'sepuluh' bukan angka / not a number");
  plant(naikFrom(22), 'Target', 0, 'TARGET_NOT_POSITIVE', 'Target 0 dengan Arah naik / zero target with Arah naik');
  plant(naikFrom(27), 'Arah', 'keatas', 'VALUE_NOT_ALLOWED', "Arah 'keatas' tidak dikenal (naik/turun) / unknown Arah");
  // A row copied from another unit's file: a valid NIP that is not in this roster.
  const stranger = roster.find((e) => e.unit === 'Dinas Kesehatan' && e.positionType === 'fungsional');
  const strangerRow = indikatorRow(q1rows.find((r) => r.nip === stranger.nip));
  const strangerAt = 32;
  rows.splice(strangerAt, 0, strangerRow);
  // Places after the insertion point move down one line.
  for (const e of expected) if (e.file === indikatorFile && e.line >= strangerAt + 2) e.line += 1;
  place(indikatorFile, strangerAt + 2, 'A', 'NIP_UNKNOWN', `NIP ${stranger.nip} (Dinas Kesehatan) tidak ada di daftar pegawai / not in the roster`);

  return { pegawai, indikator: [INDIKATOR_HEADERS, ...rows], expected, subset };
}

function expectedMarkdown(expected, counts) {
  const fileOrder = ['data/pegawai.csv', 'data/2025-Q1/indikator.csv'];
  const sorted = [...expected].sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line);
  const lines = [
    '# Planted errors / Kesalahan yang sengaja ditanam',
    '',
    'Generated by `node examples/generate-sinabang.mjs`; do not edit by hand.',
    `Both csv files are Windows-1252 with \`;\` delimiters, decimal commas and CRLF line ends, as Excel`,
    'with an Indonesian locale saves them; the roster holds a name with a curly apostrophe (’).',
    '',
    `\`appraise validate --period 2025-Q1\` must report exactly these ${expected.length} errors (code at place,`,
    'place = `file:line:column`, line 1 = the header row) and no other error. Every other row is valid.',
    `The roster has ${counts.pegawai} data rows (${counts.valid} valid employees); the indicator file has ${counts.indikator} data rows.`,
    '',
    '| place | code | what |',
    '|---|---|---|',
    ...sorted.map((e) => `| \`${e.file}:${e.line}:${e.col}\` | ${e.code} | ${e.what} |`),
    '',
    'Notes: both rows of the duplicated NIP are rejected, and that NIP has no indicator rows, so no',
    'follow-on error appears. The roster row with the impossible birth date has no indicator rows either.',
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

export async function main() {
  const roster = buildRoster();
  const q1 = buildIndicators(roster, '2025-Q1');
  const q2 = buildIndicators(roster, '2025-Q2', { drift: 3 });
  // Q2: one indicator not reported yet (blank Realisasi), so the pending path shows.
  const pendingNip = roster.find((e) => e.profile === 'PERAWAT-RI').nip;
  q2.find((r) => r.nip === pendingNip).actual = null;

  writeText(join(SINABANG, 'appraise.config.yaml'), configText(ORGANISATION));
  await writePegawaiXlsx(SINABANG, roster);
  await writeIndikatorXlsx(SINABANG, '2025-Q1', q1, [
    'DATA CAPAIAN INDIKATOR KINERJA INDIVIDU',
    `${ORGANISATION} — Triwulan I 2025`,
  ]);
  await writeIndikatorXlsx(SINABANG, '2025-Q2', q2);
  const feedback = await writeFeedbackExamples({ dir: SINABANG, roster, rngFor, newWorkbook, addTable, saveWorkbook, writeText, encode1252 });
  await writeTrainingCatalogues(ROOT, SINABANG);
  await writeBehaviourExamples({ dir: SINABANG, roster, rngFor, newWorkbook, addTable, saveWorkbook, join, planFor });
  const units = [...new Set(roster.map((e) => e.unit))];
  writeText(join(SINABANG, 'README.md'), README
    .replace('{COUNT}', String(roster.length))
    .replace('{UNITS}', String(units.length))
    .replace('{UNIT_LIST}', units.map((u) => `${u} (${roster.filter((e) => e.unit === u).length})`).join(', '))
    .replace('{Q1}', String(q1.length))
    .replace('{Q2}', String(q2.length)) + feedback.readme + (await inputsReadme({ dir: SINABANG, roster })));

  const planted = buildPlanted(roster, q1);
  writeText(join(PLANTED, 'appraise.config.yaml'), configText(`${ORGANISATION} (contoh data dengan kesalahan)`));
  writeText(join(PLANTED, 'data', 'pegawai.csv'), encode1252(planted.pegawai));
  writeText(join(PLANTED, 'data', '2025-Q1', 'indikator.csv'), encode1252(planted.indikator));
  writeText(join(PLANTED, 'EXPECTED.md'), expectedMarkdown(planted.expected, {
    pegawai: planted.pegawai.length - 1,
    valid: planted.subset.length - 1,
    indikator: planted.indikator.length - 1,
  }));

  return { roster, q1, q2, planted };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { roster, q1, planted } = await main();
  const byUnit = new Map();
  for (const e of roster) byUnit.set(e.unit, (byUnit.get(e.unit) ?? 0) + 1);
  for (const [u, n] of byUnit) console.log(`${String(n).padStart(3)}  ${u}`);
  console.log(`${String(roster.length).padStart(3)}  total; ${q1.length} indicator rows per quarter`);
  for (const e of planted.expected) console.log(`${e.file}:${e.line}:${e.col}  ${e.code}`);
}
