/**
 * Who does well and who does not in the Sinabang example, chosen so that the units' predikat look
 * like a real kabupaten's: each unit fits the distribution curve of its organisational predikat
 * (SPEC §3.6, SE MenPANRB 3/2023), except the units that break it on purpose:
 *
 * - 2025-Q1: Dinas Kependudukan dan Pencatatan Sipil (Baik). Everyone rated alike: Rating Hasil
 *   Kerja Sesuai even for the two whose scores suggest Di Atas, behaviour Sesuai; all 12 Baik,
 *   nobody Butuh Perbaikan or Kurang (both rules of a Baik unit broken).
 * - 2025-Q2: Kecamatan Teupah Barat (Butuh Perbaikan). Six of nine staff missed their targets (Butuh
 *   Perbaikan, as the curve asks), but the best officer's supervisor rated his behaviour Di Atas, so he is
 *   Sangat Baik: 10% of 9 allows none. In Q2 Dukcapil fits: two Sangat Baik, one Butuh Perbaikan, one
 *   Kurang.
 * - 2025-S1 (combined from the quarters; the latest behaviour, no appraiser ratings carried) shows the
 *   same picture as Q2.
 *
 * Three levers, all deterministic: the typical capaian (`level`) of a few people, which the indicator
 * generator turns into realisasi (strong ≈ 116 → work score ≥ 110, weak ≈ 80 → below 90); the overall
 * behaviour their supervisor gives them; and a few appraiser's Rating Hasil Kerja with a note.
 * People are named by unit and position in UNITS (examples/generate-sinabang.mjs); the profile is
 * checked so that a reordered roster fails loudly instead of casting someone else.
 */

const SETDA = 'Sekretariat Daerah';
const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
const DINKES = 'Dinas Kesehatan';
const RSUD = 'Rumah Sakit Umum Daerah Simeulue';
const KEC_TIMUR = 'Kecamatan Simeulue Timur';
const KEC_BARAT = 'Kecamatan Teupah Barat';
const BKPSDM = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia';

/**
 * [unit, index in the unit, profile, typical capaian]. Not here: the Sekda and Dukcapil's first 11
 * (their Q1 rows feed examples/planted-errors), the Dinkes epidemiologist (the planted stranger row),
 * the BKPSDM Pranata SDM (test/cli/explain-diff.test.ts traces his values), and the RSUD profiles
 * with a range target (their realisasi draw depends on the level).
 */
export const LEVELS = [
  [SETDA, 1, 'KABAG-ORG', 124],
  [DUKCAPIL, 11, 'FO-AKTA-MATI', 120],
  [DUKCAPIL, 12, 'ADM', 118],
  [DINKES, 6, 'IMUN', 116],
  [DINKES, 7, 'GIZI', 72],
  [RSUD, 3, 'DOKTER-RJ', 77],
  [RSUD, 9, 'PERAWAT-IGD', 120],
  [RSUD, 10, 'PERAWAT-RJ', 120],
  [KEC_TIMUR, 5, 'FO-IZIN', 116],
  [KEC_TIMUR, 6, 'FO-SURAT', 116],
  // Teupah Barat is a Butuh Perbaikan organisation: most of its staff missed their targets.
  [KEC_BARAT, 2, 'PGW-PELAYANAN', 80],
  [KEC_BARAT, 3, 'PGW-PEM', 72],
  [KEC_BARAT, 4, 'FO-IZIN', 79],
  [KEC_BARAT, 5, 'FO-SURAT', 72],
  [KEC_BARAT, 6, 'FO-SURAT', 72],
  [KEC_BARAT, 7, 'ADM-PEM', 74],
];

/** Organisational predikat per unit (both quarters); written to unit.xlsx by examples/gen/feedback.mjs. */
export const ORG_PREDIKAT = {
  [SETDA]: 'Istimewa',
  [DUKCAPIL]: 'Baik',
  [DINKES]: 'Baik',
  [RSUD]: 'Baik',
  [KEC_TIMUR]: 'Baik',
  [KEC_BARAT]: 'Butuh Perbaikan',
  [BKPSDM]: 'Istimewa',
};

const ATAS = 'Di Atas Ekspektasi';
const SESUAI = 'Sesuai Ekspektasi';

/**
 * Per quarter: `behaviour` [unit, index, profile, 'atas' | 'sesuai' | 'bawah', value, note] = the
 * overall behaviour the supervisor gives ('bawah': that BerAKHLAK value Di Bawah, the note says why); everyone not
 * listed keeps the seeded ratings. `overrides` [unit, index, profile, Rating Hasil Kerja, note].
 */
export const PLANS = {
  '2025-Q1': {
    behaviour: [
      [SETDA, 1, 'KABAG-ORG', 'atas'],
      [BKPSDM, 4, 'ANALIS-SDM', 'atas'],
      [BKPSDM, 11, 'BENDAHARA', 'atas'],
      [DUKCAPIL, 11, 'FO-AKTA-MATI', 'sesuai'],
      [DUKCAPIL, 12, 'ADM', 'sesuai'],
      [DINKES, 2, 'PGW-GIZI', 'atas'],
      [DINKES, 6, 'IMUN', 'atas'],
      [RSUD, 8, 'PERAWAT-IGD', 'bawah', 'Akuntabel', 'Dua kali meninggalkan jaga IGD tanpa serah terima'],
      [RSUD, 9, 'PERAWAT-IGD', 'atas'],
      [RSUD, 10, 'PERAWAT-RJ', 'atas'],
      [KEC_TIMUR, 5, 'FO-IZIN', 'atas'],
      [KEC_TIMUR, 6, 'FO-SURAT', 'atas'],
      [KEC_BARAT, 1, 'SEKCAM', 'sesuai'],
      [KEC_BARAT, 8, 'ADM-PMD', 'sesuai'],
      [KEC_BARAT, 9, 'BENDAHARA', 'sesuai'],
    ],
    overrides: [
      [BKPSDM, 11, 'BENDAHARA', ATAS, 'Laporan keuangan triwulan I tuntas sebelum jadwal, tanpa temuan'],
      [DUKCAPIL, 11, 'FO-AKTA-MATI', SESUAI, 'Semua pegawai dinas dinilai Sesuai Ekspektasi'],
      [DUKCAPIL, 12, 'ADM', SESUAI, 'Semua pegawai dinas dinilai Sesuai Ekspektasi'],
    ],
  },
  '2025-Q2': {
    behaviour: [
      [SETDA, 1, 'KABAG-ORG', 'atas'],
      [BKPSDM, 2, 'KABID-BANGKOM', 'atas'],
      [BKPSDM, 4, 'ANALIS-SDM', 'atas'],
      [DUKCAPIL, 6, 'FO-KTP', 'bawah', 'Akuntabel', 'Data perekaman KTP-el diubah tanpa berkas pendukung'],
      [DUKCAPIL, 11, 'FO-AKTA-MATI', 'atas'],
      [DUKCAPIL, 12, 'ADM', 'atas'],
      [DINKES, 6, 'IMUN', 'atas'],
      [DINKES, 11, 'DATA-KES', 'atas'],
      [RSUD, 9, 'PERAWAT-IGD', 'atas'],
      [RSUD, 10, 'PERAWAT-RJ', 'atas'],
      [KEC_TIMUR, 5, 'FO-IZIN', 'atas'],
      [KEC_TIMUR, 6, 'FO-SURAT', 'atas'],
      [KEC_BARAT, 1, 'SEKCAM', 'sesuai'],
      [KEC_BARAT, 8, 'ADM-PMD', 'atas'],
      [KEC_BARAT, 9, 'BENDAHARA', 'sesuai'],
    ],
    overrides: [
      [BKPSDM, 2, 'KABID-BANGKOM', ATAS, 'Pelatihan teknis bagi 120 ASN terlaksana di luar target'],
    ],
  },
};

function member(roster, unit, index, profile) {
  const e = roster.filter((x) => x.unit === unit)[index];
  if (!e) throw new Error(`curves: no employee ${index} in ${unit}`);
  if (e.profile !== profile) throw new Error(`curves: ${unit} #${index} is ${e.profile}, expected ${profile}`);
  return e;
}

/** Sets the typical capaian of the people in LEVELS (in place; returns the roster). */
export function applyLevels(roster) {
  for (const [unit, index, profile, level] of LEVELS) member(roster, unit, index, profile).level = level;
  return roster;
}

/** The plan of one quarter by NIP: behaviour → {overall, value, note}, overrides → {rating, note}. */
export function planFor(roster, periodId) {
  const plan = PLANS[periodId];
  if (!plan) throw new Error(`curves: no plan for ${periodId}`);
  const behaviour = new Map(plan.behaviour.map(([u, i, p, overall, value = null, note = null]) => [member(roster, u, i, p).nip, { overall, value, note }]));
  const overrides = new Map(plan.overrides.map(([u, i, p, rating, note]) => [member(roster, u, i, p).nip, { rating, note }]));
  return { behaviour, overrides };
}
